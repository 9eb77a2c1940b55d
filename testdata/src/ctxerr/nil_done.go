package ctxerr

import (
	"context"
	"time"
)

// Silent: the sleep runs only where ctx.Done() is nil, a context that
// can never be cancelled; elsewhere the wait is a select on it (issue
// 14, shape 9, without the variable).
func pumpDirect(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		if err := try(ctx); err == nil {
			return nil
		}
		d := time.Duration(1<<attempt) * time.Second
		if ctx.Done() == nil {
			time.Sleep(d)
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
}

// Silent: the same with the nil case in the else branch of a != nil
// test (issue 14, shape 9).
func pumpElse(ctx context.Context) error {
	ctxDone := ctx.Done()
	for attempt := 0; ; attempt++ {
		if err := try(ctx); err == nil {
			return nil
		}
		d := time.Duration(1<<attempt) * time.Second
		if ctxDone != nil {
			select {
			case <-ctxDone:
				return ctx.Err()
			case <-time.After(d):
			}
		} else {
			time.Sleep(d)
		}
	}
}

// Flagged: the look-alike sleeps where the channel is not nil, after a
// check that does not wait.
func pumpNonNil(ctx context.Context) error {
	ctxDone := ctx.Done()
	for attempt := 0; ; attempt++ {
		if err := try(ctx); err == nil {
			return nil
		}
		select {
		case <-ctxDone:
			return ctx.Err()
		default:
		}
		if ctxDone != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
		}
	}
}
