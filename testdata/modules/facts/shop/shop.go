// Package shop retries billing.Pay: the side effect is two calls and
// one package away. Otherwise the retry is done right, so that the
// cross-package finding is the only one.
package shop

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"example.com/facts/billing"
)

// Checkout retries the payment.
func Checkout(ctx context.Context, c *http.Client) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := billing.Pay(ctx, c)
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
