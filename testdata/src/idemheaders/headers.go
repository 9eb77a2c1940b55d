// Package idemheaders is checked with -idempotency.headers=X-Request-Id:
// that header carries the key, and Idempotency-Key no longer does.
package idemheaders

import (
	"context"
	"errors"
	"net/http"
	"time"
)

var errDown = errors.New("down")

func send(ctx context.Context, c *http.Client, u, key string, std bool) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		if std {
			req.Header.Set("Idempotency-Key", key)
		} else {
			req.Header.Set("x-request-id", key)
		}
		if _, err := c.Do(req); err == nil {
			return nil
		}
		time.Sleep(time.Second << attempt)
	}
	return errDown
}

func standardOnly(ctx context.Context, c *http.Client, u, key string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		req.Header.Set("Idempotency-Key", key)
		if _, err := c.Do(req); err == nil { // want `retried POST request has no X-Request-Id header`
			return nil
		}
		time.Sleep(time.Second << attempt)
	}
	return errDown
}
