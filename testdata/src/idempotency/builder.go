package idempotency

import (
	"bytes"
	"context"
	"net/http"
	"time"
)

// apiClient builds its requests in one place, as API clients do.
type apiClient struct {
	hc   *http.Client
	base string
}

// newRequest builds a request with the method its caller chooses.
func (c *apiClient) newRequest(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

// Flagged: the constant method is passed one level down to the
// function that builds the request, sent in the loop (issue 14).
func (c *apiClient) createOrder(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/orders", body)
		if err != nil {
			return err
		}
		resp, err := c.hc.Do(req) // want `retried POST request has no Idempotency-Key header`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// Silent: the same builder with GET.
func (c *apiClient) getOrder(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/orders", nil)
		if err != nil {
			return err
		}
		resp, err := c.hc.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// newKeyedRequest sets an idempotency key on every request it builds.
func (c *apiClient) newKeyedRequest(ctx context.Context, method, path, key string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Idempotency-Key", key)
	return req, nil
}

// Silent: the builder sets the key.
func (c *apiClient) createKeyed(ctx context.Context, key string) error {
	req, err := c.newKeyedRequest(ctx, "POST", "/orders", key)
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.hc.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}
