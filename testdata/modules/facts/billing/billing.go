// Package billing POSTs charges; package shop retries them.
package billing

import (
	"context"
	"net/http"
)

// Charge POSTs a charge without an idempotency key.
func Charge(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Pay wraps Charge.
func Pay(ctx context.Context, c *http.Client) error {
	return Charge(ctx, c, "https://pay.example.com/charges")
}
