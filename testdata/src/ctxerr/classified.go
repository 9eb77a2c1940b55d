package ctxerr

import (
	"context"
	"errors"
	"time"
)

// apiError is an error type of the program's own.
type apiError struct{ status int }

func (e *apiError) Error() string { return "api error" }

var errConflict = errors.New("conflict")

// retriesOnlyServerErrors hands ctx to the attempt and retries only an
// *apiError with a 5xx status: a context error is no apiError, so it
// leaves the loop (flyctl's ensure_builder). The context is observed;
// only the uninterruptible sleep remains.
func retriesOnlyServerErrors(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := send(ctx)
		var ae *apiError
		if err == nil {
			return nil
		}
		if !errors.As(err, &ae) || ae.status < 500 {
			return err
		}
		time.Sleep(5 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
	}
	return errDown
}

// retriesOnlyConflicts retries one sentinel: observed, silent (short
// sleep).
func retriesOnlyConflicts(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := send(ctx)
		if err != errConflict {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errDown
}

// withoutContext classifies, but the attempt is not handed ctx: a
// cancellation never comes out of it, so the loop does not observe it.
func withoutContext(ctx context.Context, op func() error) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := op()
		var ae *apiError
		if err == nil || !errors.As(err, &ae) {
			return err
		}
		time.Sleep(time.Second) // want `retry loop never observes ctx`
	}
	return errDown
}

// doneClearsFlag observes ctx through a flag the loop condition reads
// (go-redis' dial loop): silent.
func doneClearsFlag(ctx context.Context) error {
	var lastErr error
	shouldLoop := true
	for attempt := 0; attempt < 5 && shouldLoop; attempt++ {
		err := send(ctx)
		if err == nil {
			return nil
		}
		lastErr = err
		select {
		case <-ctx.Done():
			shouldLoop = false
		case <-time.After(time.Second):
		}
	}
	return lastErr
}
