package idempotency

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	retryablehttp "github.com/hashicorp/go-retryablehttp"
)

// retryable sends through retryablehttp, which retries every request:
// a finding wherever the request is sent.
func retryable(ctx context.Context, c *retryablehttp.Client, u, key string) error {
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", []byte("{}"))
	if err != nil {
		return err
	}
	if _, err := c.Do(req); err != nil { // want `retryablehttp retries this POST, which has no Idempotency-Key header, so it can take effect twice; set one on the request`
		return err
	}
	if _, err := c.Post(u+"/orders", "application/json", nil); err != nil { // want `retryablehttp.Client.Post retries a POST that has no Idempotency-Key header`
		return err
	}
	if _, err := retryablehttp.Post(u+"/orders", "application/json", nil); err != nil { // want `retryablehttp.Post retries a POST`
		return err
	}
	keyed, _ := retryablehttp.NewRequest("POST", u+"/orders", nil)
	keyed.Header.Set("Idempotency-Key", key)
	if _, err := c.Do(keyed); err != nil { // silent: keyed through the embedded *http.Request
		return err
	}
	inner, _ := retryablehttp.NewRequest("PATCH", u+"/orders", nil)
	inner.Request.Header.Set("Idempotency-Key", key)
	if _, err := c.Do(inner); err != nil { // silent: keyed on the embedded request by name
		return err
	}
	get, _ := retryablehttp.NewRequest("GET", u, nil)
	_, err = c.Do(get) // silent: a GET
	return err
}

// The *http.Client of StandardClient() retries through its transport:
// what it sends is reported like a retryablehttp send, wherever it is.
func standard(ctx context.Context, rc *retryablehttp.Client, u, key string) error {
	hc := rc.StandardClient()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
	if err != nil {
		return err
	}
	if _, err := hc.Do(req); err != nil { // want `retryablehttp retries this POST, which has no Idempotency-Key header`
		return err
	}
	if _, err := rc.StandardClient().Post(u+"/orders", "application/json", nil); err != nil { // want `retryablehttp's StandardClient retries this POST, which has no Idempotency-Key header, so it can take effect twice; send a request that sets one with Do`
		return err
	}
	keyed, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
	keyed.Header.Set("Idempotency-Key", key)
	_, err = hc.Do(keyed) // silent: keyed
	return err
}

// Silent: a plain *http.Client sends once.
func plain(ctx context.Context, u string) error { // want plain:`effect\(idempotency.plain: POSTs without an Idempotency-Key header\)`
	hc := &http.Client{}
	_, err := hc.Post(u+"/orders", "application/json", nil)
	return err
}

// operation hands a literal that INSERTs to a retry library.
func operation(ctx context.Context, db *sql.DB) error {
	return backoff.Retry(func() error {
		_, err := db.ExecContext(ctx, insertOrder, 1, 2) // want `retried INSERT without ON CONFLICT`
		return err
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

type sender struct {
	c *http.Client
	u string
}

// send is handed to a library as a method value: its body is the
// attempt, and callers elsewhere still get its fact.
func (s *sender) send() error { // want send:`effect\(idempotency.sender.send: POSTs without an Idempotency-Key header\)`
	resp, err := s.c.Post(s.u+"/orders", "text/plain", nil) // want `retried http.Client.Post sends a POST`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func methodValue(ctx context.Context, s *sender) error {
	return backoff.Retry(s.send, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// callers reports the calls of same-package functions with facts.
func callers(ctx context.Context, c *http.Client, db *sql.DB, s *sender) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := once(c, "u")                  // want `retried call to idempotency.once, which POSTs without an Idempotency-Key header, can take effect twice`
		err = insertOnce(ctx, db)            // want `retried call to idempotency.insertOnce, which runs an INSERT without ON CONFLICT`
		err = createOrder(ctx, db)           // silent: its own transaction
		err = insertInTx(ctx, nil)           // silent: the caller's transaction (here none: not followed)
		err = overData(ctx, c, []string{""}) // want `retried call to idempotency.overData`
		if err == nil {
			return nil
		}
		//retryvet:ignore idempotency the provider deduplicates on the order id
		err = s.send()
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// search is declared idempotent: its own retries are not checked either.
//
//retryvet:idempotent
func search(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Post(u+"/orders", "application/json", nil) // silent: declared idempotent
		if err == nil {
			return resp.Body.Close()
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}
