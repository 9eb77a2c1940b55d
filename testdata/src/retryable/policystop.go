package retryable

import (
	"context"
	"time"

	backoff "github.com/cenkalti/backoff/v4"
)

// Silent: every error is retried, but only until the policy answers
// Stop (its MaxElapsedTime or retry limit), as a loop under an attempt
// limit gives up by itself: a permanent error costs a bounded few
// attempts.
func untilPolicyStops(ctx context.Context, b backoff.BackOff) error {
	for ctx.Err() == nil {
		err := op()
		if err == nil {
			return nil
		}
		d := b.NextBackOff()
		if d == backoff.Stop {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
	return ctx.Err()
}

// A Stop that only shortens the wait leaves the loop retrying until
// the caller cancels it.
func policyStopIgnored(ctx context.Context, b backoff.BackOff) error {
	for ctx.Err() == nil {
		err := op() // want `retry loop retries every error of op\(\)`
		if err == nil {
			return nil
		}
		d := b.NextBackOff()
		if d == backoff.Stop {
			d = time.Second
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
	return ctx.Err()
}
