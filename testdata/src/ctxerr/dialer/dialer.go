// Package dialer builds the retry policies a client's packages share.
package dialer

import (
	"context"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// Backoff returns the shared policy, bound to ctx.
func Backoff(ctx context.Context) backoff.BackOff {
	b := backoff.NewExponentialBackOff()
	b.MaxInterval = 10 * time.Second
	return backoff.WithContext(b, ctx)
}

// Plain returns the shared policy with no context.
func Plain() backoff.BackOff {
	return backoff.NewExponentialBackOff()
}
