// Package payments is a client for the payment provider's HTTP API.
package payments

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"time"
)

const maxAttempts = 5

// Client calls the payment provider.
type Client struct {
	baseURL string
	http    *http.Client
}

// New returns a client for the provider at baseURL.
func New(baseURL string, hc *http.Client) *Client {
	return &Client{baseURL: baseURL, http: hc}
}

// Charge debits the customer for an order and returns the payment ID.
func (c *Client) Charge(ctx context.Context, orderID string, amount int64) (string, error) {
	payload, err := json.Marshal(map[string]any{"order_id": orderID, "amount": amount})
	if err != nil {
		return "", err
	}
	var lastErr error
	// OK: the order ID is the Idempotency-Key, the request is rebuilt per
	// attempt, only transport errors, 429 and 5xx are retried, the body is
	// closed first, and the jittered, capped wait ends when ctx does.
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		if err := ctx.Err(); err != nil {
			return "", err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v1/charges", bytes.NewReader(payload))
		if err != nil {
			return "", err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "charge-"+orderID)
		resp, err := c.http.Do(req)
		if err != nil {
			if !temporary(err) {
				return "", err
			}
			lastErr = err
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			lastErr = errors.New(resp.Status)
			continue
		}
		var out struct{ ID string }
		err = decode(resp, &out)
		return out.ID, err
	}
	return "", fmt.Errorf("payments: charge for order %s: %w", orderID, lastErr)
}

// Status returns the provider's state for a payment ("pending", "captured", ...).
func (c *Client) Status(ctx context.Context, paymentID string) (string, error) {
	var lastErr error
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/v1/payments/"+paymentID, nil)
		if err != nil {
			return "", err
		}
		// BUG(A8 retrybody): the 5xx branch below retries without closing resp.Body, leaking a connection per failed attempt.
		resp, err := c.http.Do(req)
		if err != nil {
			if !temporary(err) {
				return "", err
			}
			lastErr = err
			continue
		}
		if resp.StatusCode >= 500 {
			lastErr = errors.New(resp.Status)
			continue
		}
		var out struct{ State string }
		err = decode(resp, &out)
		return out.State, err
	}
	return "", fmt.Errorf("payments: status of %s: %w", paymentID, lastErr)
}

// UploadEvidence sends the document backing a chargeback dispute, such as a
// signed delivery receipt read from disk.
func (c *Client) UploadEvidence(ctx context.Context, disputeID string, doc io.Reader) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.baseURL+"/v1/disputes/"+disputeID+"/evidence", doc)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/pdf")
	var lastErr error
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		// BUG(A9 reqbody): req was built once, before the loop; the first attempt reads doc to the end (and closes it), so no retry can resend the document.
		resp, err := c.http.Do(req)
		if err != nil {
			if !temporary(err) {
				return err
			}
			lastErr = err
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			lastErr = errors.New(resp.Status)
			continue
		}
		return decode(resp, &struct{}{})
	}
	return fmt.Errorf("payments: evidence for dispute %s: %w", disputeID, lastErr)
}

// decode reads a JSON reply into v and closes the body; a status outside
// 2xx is an error.
func decode(resp *http.Response, v any) error {
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("payments: %s: %s", resp.Request.URL.Path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// temporary reports whether a transport error can go away by itself: an
// ended context or a bad certificate cannot.
func temporary(err error) bool {
	var certErr *tls.CertificateVerificationError
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) && !errors.As(err, &certErr)
}

// backoff is the wait before retry number attempt: 100ms doubling per
// attempt, capped at 5s, upper half random.
func backoff(attempt int) time.Duration {
	d := min(100*time.Millisecond<<attempt, 5*time.Second)
	return d/2 + rand.N(d/2)
}
