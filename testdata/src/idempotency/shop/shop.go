// Package shop retries the side effects of package billing.
package shop

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/cenkalti/backoff/v4"

	"idempotency/billing"
)

var errBusy = errors.New("busy")

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Checkout retries a method of another package that POSTs. Silent by
// default: HTTP chains through other packages are reported only with
// -idempotency.chains (see testdata/src/idemchains).
func Checkout(ctx context.Context, c *billing.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := c.Charge(ctx, 100); err == nil {
			return nil
		}
		if err := sleep(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// place wraps Settle, which wraps Charge: a fact with the chain.
func place(ctx context.Context, c *billing.Client) error { // want place:`effect\(shop.place -> billing.Client.Settle -> billing.Client.Charge: sends a POST`
	return c.Settle(ctx)
}

// PlaceWithRetry retries the wrapper of the wrapper: an HTTP chain,
// silent by default.
func PlaceWithRetry(ctx context.Context, c *billing.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := place(ctx, c); err == nil {
			return nil
		}
		if err := sleep(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// WithBackoff hands a literal calling Record to a retry library.
func WithBackoff(ctx context.Context, db *sql.DB) error {
	return backoff.Retry(func() error {
		return billing.Record(ctx, db) // want `retried call to billing.Record, which runs an INSERT without ON CONFLICT`
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// generated facts count.
func Invoice(ctx context.Context, db *sql.DB) error {
	op := func() error { return billing.InsertInvoice(ctx, db) } // want `retried call to billing.InsertInvoice`
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Silent: keyed, declared idempotent, through an interface.
func Safe(ctx context.Context, c *billing.Client, key string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := c.ChargeKeyed(ctx, key)
		if err == nil {
			err = c.Search(ctx)
		}
		if err == nil {
			err = c.SearchAll(ctx)
		}
		if err == nil {
			err = billing.Refund(ctx, c)
		}
		if err == nil {
			return nil
		}
		if err := sleep(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// deep is four calls from the POST: the chain stops at MaxChain.
func deep(ctx context.Context, c *billing.Client) error { // want deep:`effect\(shop.deep -> shop.place -> billing.Client.Settle -> billing.Client.Charge`
	return place(ctx, c)
}

func deeper(ctx context.Context, c *billing.Client) error { // silent: five would exceed MaxChain
	return deep(ctx, c)
}
