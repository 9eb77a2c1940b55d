package retryable

import (
	"context"
	"errors"
	"time"
)

func opCtx(ctx context.Context) error { return send() }

// canceledRetried sees the caller give up and retries anyway.
func canceledRetried(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := opCtx(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, context.Canceled) { // want `retry loop recognises the caller's context error and retries anyway; return it, the caller has given up`
			continue
		}
		if !isTransient(err) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// ctxErrRetried checks ctx.Err() and continues.
func ctxErrRetried(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := opCtx(ctx)
		if err == nil || errors.Is(err, errNotFound) {
			return err
		}
		if ctx.Err() != nil { // want `retry loop recognises the caller's context error`
			time.Sleep(time.Second)
			continue
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// perAttempt retries its own per-attempt deadline: correct, silent.
func perAttempt(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		err := opCtx(actx)
		cancel()
		if err == nil {
			return nil
		}
		if errors.Is(err, context.DeadlineExceeded) {
			continue
		}
		if !isTransient(err) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// returned: the context error leaves the loop: silent.
func returned(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := opCtx(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Silent: ctx.Err() == nil asks whether the caller is still waiting,
// and only then is the attempt retried (fission's specialize call).
func retriedWhileWanted(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := opCtx(ctx)
		if err == nil || errors.Is(err, errNotFound) {
			return err
		}
		if ctx.Err() == nil {
			if err := sleep(ctx, attempt); err != nil {
				return err
			}
			continue
		}
		return err
	}
	return errBusy
}
