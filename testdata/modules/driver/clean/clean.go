// Package clean retries right: no findings.
package clean

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"time"
)

var dial func(context.Context) error

// Connect retries transient errors with capped, jittered backoff,
// bounded by ctx and a count.
func Connect(ctx context.Context) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = dial(ctx)
		var ne net.Error
		if err == nil || !errors.As(err, &ne) {
			return err
		}
		d := min(100*time.Millisecond<<attempt, 5*time.Second)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d/2 + rand.N(d)):
		}
	}
	return err
}
