// Package retry holds a codebase's own retry helpers: the recogniser
// infers them and exports Helper facts.
package retry

import (
	"context"
	"errors"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
)

var errGaveUp = errors.New("gave up")

// Do runs op as the attempt of its own loop: a helper for op.
func Do(ctx context.Context, attempts int, op func() error) error { // want `helper\(op=2 ctx=0 bounded=true\)`
	for i := 0; i < attempts; i++ { // want `retry attempts=\[op`
		if err := op(); err == nil {
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

// Forever retries with no bound.
func Forever(op func() error) { // want `helper\(op=0 ctx=-1 bounded=false\)`
	for { // want `retry attempts=\[op`
		if err := op(); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// WithBackoff hands op to a library inside a literal: a wrapper of a
// library.
func WithBackoff(ctx context.Context, op func(context.Context) error) error { // want `helper\(op=1 ctx=0 bounded=true\)`
	return backoff.Retry(func() error { return op(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx)) // want `r2 backoff/v4 op=lit ctx=caller`
}

// withRecover is an adapter: it returns a func that calls op. It
// retries nothing itself: no fact.
func withRecover(op func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) (err error) {
		defer func() {
			if recover() != nil {
				err = errGaveUp
			}
		}()
		return op(ctx)
	}
}

// Safe hands the adapted op to WithBackoff: a wrapper of a wrapper,
// through an adapter.
func Safe(ctx context.Context, op func(context.Context) error) error { // want `helper\(op=1 ctx=0 bounded=true\)`
	return WithBackoff(ctx, withRecover(op)) // want `r2 helper op=- ctx=caller`
}

// Once calls op once: not a helper.
func Once(op func() error) error { return op() }

// Each calls op for each item, a loop over data: not a helper.
func Each(items []string, op func(string) error) error {
	for _, it := range items {
		if err := op(it); err != nil {
			return err
		}
	}
	return nil
}

// DoIf retries op while classify says so: its own loop calls the
// classifier parameter, which becomes the fact's If.
func DoIf(ctx context.Context, op func() error, classify func(error) bool) error { // want `helper\(op=1 ctx=0 bounded=true if=2\)`
	for i := 0; i < 3; i++ { // want `retry attempts=\[op`
		err := op()
		if err == nil || !classify(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second << i):
		}
	}
	return errGaveUp
}

// GoIf hands its classifier to retry-go's RetryIf.
func GoIf(op func() error, classify func(error) bool) error { // want `helper\(op=0 ctx=-1 bounded=true if=1\)`
	return retry.Do(op, retry.Attempts(3), retry.RetryIf(classify)) // want `r2 retry-go`
}

// GoAll retries every failure: a classifier-shaped parameter that
// reaches no RetryIf is no If.
func GoAll(op func() error, report func(error) bool) error { // want `helper\(op=0 ctx=-1 bounded=true\)`
	return retry.Do(op, retry.Attempts(3), retry.OnRetry(func(uint, error) { report(nil) })) // want `r2 retry-go`
}
