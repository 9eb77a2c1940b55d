package ctxerr

import (
	"context"
	"time"

	"github.com/eapache/go-resiliency/retrier"
)

// eapache/go-resiliency's Run runs under context.Background: with ctx in
// scope, RunCtx is the form to use.
func eapacheRun(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(5, time.Second), nil)
	return r.Run(func() error { return send(ctx) }) // want `retrier.Run retries without ctx, so it goes on after the caller gave up; use RunCtx\(ctx, ...\)`
}

func eapacheBackground(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(5, time.Second), nil)
	return r.RunCtx(context.Background(), send) // want `retrier.RunCtx is handed a context derived from context.Background while ctx is in scope`
}

// Silent: RunCtx and RunFn with the caller's context; Run with no
// context in scope.
func eapacheCtx(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(5, time.Second), nil)
	if err := r.RunCtx(ctx, send); err != nil {
		return err
	}
	return r.RunFn(ctx, func(ctx context.Context, retries int) error { return send(ctx) })
}

func eapacheNoContext() error {
	return retrier.New(retrier.ExponentialBackoff(5, time.Second), nil).Run(func() error { return send(context.TODO()) })
}
