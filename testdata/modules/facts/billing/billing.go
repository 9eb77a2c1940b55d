// Package billing charges and records payments; package shop retries
// them.
package billing

import (
	"context"
	"database/sql"
	"net/http"
)

// Charge POSTs a charge without an idempotency key.
func Charge(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/charges", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Record writes the payment's ledger row.
func Record(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "INSERT INTO ledger (id) VALUES ($1)", 1)
	return err
}

// Pay wraps Record.
func Pay(ctx context.Context, db *sql.DB) error {
	return Record(ctx, db)
}
