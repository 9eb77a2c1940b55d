// Package shop retries billing.Pay: the side effect (an INSERT) is two
// calls and one package away. Otherwise the retry is done right, so that
// the cross-package finding is the only one. Refund retries a POST of
// another package: reported only with -idempotency.chains.
package shop

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"example.com/facts/billing"
)

// Checkout retries the payment.
func Checkout(ctx context.Context, db *sql.DB) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := billing.Pay(ctx, db)
		var ne net.Error
		if err == nil || !errors.As(err, &ne) {
			return err
		}
		d := time.Second << attempt
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d/2 + rand.N(d)):
		}
	}
	return errors.New("payment failed")
}

// Refund retries a charge of another package, which POSTs.
func Refund(ctx context.Context, c *http.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := billing.Charge(ctx, c, "https://pay.example.com/refunds")
		var ne net.Error
		if err == nil || !errors.As(err, &ne) {
			return err
		}
		d := time.Second << attempt
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d/2 + rand.N(d)):
		}
	}
	return errors.New("refund failed")
}
