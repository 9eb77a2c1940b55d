// Package retry is a codebase's own retry helper, used by the fixtures
// of the checks that look inside operations: calls of Do make their
// function literal an R2 operation through the Helper fact.
package retry

import (
	"context"
	"errors"
	"time"
)

var errGaveUp = errors.New("gave up")

// Do retries op up to attempts times, waiting between attempts.
func Do(ctx context.Context, attempts int, op func(context.Context) error) error {
	for i := 0; i < attempts; i++ {
		if err := op(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second << i):
		}
	}
	return errGaveUp
}

// Once calls op once: not a helper.
func Once(ctx context.Context, op func(context.Context) error) error { return op(ctx) }
