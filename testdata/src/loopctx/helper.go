package loopctx

import (
	"context"
	"time"

	"helperlib/retry"
)

// Through an inferred helper, the operation is checked like a library's.
func viaHelper(ctx context.Context) error {
	return retry.Do(ctx, 3, func(context.Context) error {
		actx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout from context.Background\(\) inside an operation retried by retry.Do ignores the caller's cancellation; derive it from ctx`
		defer cancel()
		return ping(actx)
	})
}

// Silent: a function taking a func that is not a retry helper.
func viaOnce(ctx context.Context) error {
	return retry.Once(ctx, func(context.Context) error {
		actx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return ping(actx)
	})
}
