package ctxerr

import (
	"context"
	"time"
)

var fetch func(ctx context.Context) ([]byte, error)

func unobserved(ctx context.Context) ([]byte, error) {
	for i := 0; i < 5; i++ {
		b, err := fetch(ctx)
		if err == nil {
			return b, nil
		}
		time.Sleep(time.Second << i) // want `retry loop never observes ctx`
	}
	return nil, errDown
}

func observedSleep(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if _, err := fetch(ctx); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled; wait in a select on ctx.Done\(\) and a timer`
	}
	return errDown
}

func afterStmt(ctx context.Context, timer int) (int, string, error) {
	for i := 0; i < 5; i++ {
		if _, err := fetch(ctx); err == nil {
			return timer, "ok", nil
		}
		<-time.After(time.Second) // want `retry loop never observes ctx`
	}
	return 0, "", errDown
}

// Flagged: a quick-looking retry whose waits add up to seconds.
func slowRetry(ctx context.Context) error {
	var err error
	for i := 1; i <= 3; i++ {
		if _, err = fetch(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i) * time.Second) // want `retry loop never observes ctx`
	}
	return err
}

// Two sleeps in one block: each fix declares its own timer.
func twoSleeps(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if _, err := fetch(ctx); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted`
		time.Sleep(3 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted`
	}
	return errDown
}

// The cancel path calls the attempt's cancel function, deferred or
// not: no path skips it once loopctx's fix moves the deferred one.
func attemptContext(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if _, err := fetch(actx); err == nil {
			return nil
		}
		time.Sleep(5 * time.Second) // want `retry loop never observes ctx`
	}
	return errDown
}

// No fix: the cancel function escapes, so calling it early could cut
// short whoever holds it.
func escapingCancel(ctx context.Context, keep *context.CancelFunc) error {
	for i := 0; i < 5; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		*keep = cancel
		if _, err := fetch(actx); err == nil {
			return nil
		}
		time.Sleep(5 * time.Second) // want `retry loop never observes ctx`
	}
	return errDown
}
