// Package shop retries billing.Pay: the side effect is two calls and
// one package away.
package shop

import (
	"context"
	"errors"
	"net/http"
	"time"

	"example.com/facts/billing"
)

// Checkout retries the payment.
func Checkout(ctx context.Context, c *http.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := billing.Pay(ctx, c); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second << attempt):
		}
	}
	return errors.New("payment failed")
}
