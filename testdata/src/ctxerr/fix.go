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
