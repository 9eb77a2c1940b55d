// Package billing performs the side effects that package shop retries.
package billing

import (
	"context"
	"database/sql"
	"net/http"
)

// Client talks to the payment provider.
type Client struct {
	HTTP *http.Client
	URL  string
	DB   *sql.DB
}

// Charge POSTs a charge without a key.
func (c *Client) Charge(ctx context.Context, cents int) error { // want Charge:`effect\(billing.Client.Charge: sends a POST without an Idempotency-Key header\)`
	req, err := http.NewRequestWithContext(ctx, "POST", c.URL+"/charges", nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// ChargeKeyed POSTs a charge with the caller's key: safe to repeat.
func (c *Client) ChargeKeyed(ctx context.Context, key string) error {
	req, err := http.NewRequestWithContext(ctx, "POST", c.URL+"/charges", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", key)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Record writes the ledger row; a wrapper of Charge follows.
func Record(ctx context.Context, db *sql.DB) error { // want Record:`effect\(billing.Record: runs an INSERT without ON CONFLICT\)`
	_, err := db.ExecContext(ctx, "INSERT INTO ledger (id) VALUES ($1)", 1)
	return err
}

// Settle charges and records: its fact carries the shortest chain.
func (c *Client) Settle(ctx context.Context) error { // want Settle:`effect\(billing.Client.Settle -> billing.Client.Charge: sends a POST`
	if err := c.Charge(ctx, 1); err != nil {
		return err
	}
	return Record(ctx, c.DB)
}

// Search is a read-only POST, declared safe to repeat.
//
//retryvet:idempotent
func (c *Client) Search(ctx context.Context) error {
	resp, err := http.Post(c.URL+"/search", "application/json", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// SearchAll calls only Search: the directive stops the chain.
func (c *Client) SearchAll(ctx context.Context) error {
	return c.Search(ctx)
}

// Refund calls Charge through an interface: not followed.
func Refund(ctx context.Context, ch interface {
	Charge(context.Context, int) error
}) error {
	return ch.Charge(ctx, -1)
}
