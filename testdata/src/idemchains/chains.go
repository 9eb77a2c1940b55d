// Package idemchains holds the fixtures of -idempotency.chains: HTTP side
// effects more than one call away, or in another package, are reported
// with a short message and the chain as related information.
package idemchains

import (
	"context"
	"errors"
	"time"

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

// Checkout retries a method of another package that POSTs.
func Checkout(ctx context.Context, c *billing.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := c.Charge(ctx, 100); err == nil { // want `^retried call to billing.Client.Charge, which sends a POST without an Idempotency-Key header, can take effect twice; make the operation idempotent$`
			return nil
		}
		if err := sleep(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// settle wraps Settle, which wraps Charge: the chain is related
// information, the message stays short.
func settle(ctx context.Context, c *billing.Client) error { // want settle:`effect\(idemchains.settle -> billing.Client.Settle -> billing.Client.Charge`
	return c.Settle(ctx)
}

// SettleWithRetry retries the wrapper of the wrapper.
func SettleWithRetry(ctx context.Context, c *billing.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := settle(ctx, c); err == nil { // want `^retried call to idemchains.settle can take effect twice: 3 calls down it sends a POST without an Idempotency-Key header; make it idempotent or mark settle //retryvet:idempotent$`
			return nil
		}
		if err := sleep(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// settleOutstandingInvoicesOfEveryCustomerAccount has a name long enough
// to push the full message past 200 characters.
func settleOutstandingInvoicesOfEveryCustomerAccount(ctx context.Context, c *billing.Client) error { // want settleOutstandingInvoicesOfEveryCustomerAccount:`effect\(idemchains.settleOutstandingInvoicesOfEveryCustomerAccount -> billing.Client.Settle`
	return c.Settle(ctx)
}

// SettleAllWithRetry: with a long name the message drops the chain's
// detail (issue 14, shape 4: under 200 characters, the chain in the
// related information).
func SettleAllWithRetry(ctx context.Context, c *billing.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := settleOutstandingInvoicesOfEveryCustomerAccount(ctx, c); err == nil { // want `^retried call to idemchains.settleOutstandingInvoicesOfEveryCustomerAccount can take effect twice through the calls it makes; make it idempotent or mark it //retryvet:idempotent$`
			return nil
		}
		if err := sleep(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Settle is settle for other packages and the external tests.
func Settle(ctx context.Context, c *billing.Client) error { // want Settle:`effect\(idemchains.Settle -> billing.Client.Settle -> billing.Client.Charge`
	return c.Settle(ctx)
}
