// Package retry is the module's own retry helper: shop's literals
// handed to Do are retry operations, known through a Helper fact.
package retry

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Do retries op up to three times with jittered exponential backoff.
func Do(ctx context.Context, op func(context.Context) error) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = op(ctx); err == nil {
			return nil
		}
		d := time.Second << attempt
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d/2 + rand.N(d)):
		}
	}
	return errors.Join(errors.New("gave up"), err)
}
