package ctxerr

import (
	"context"
	"time"

	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

var retries = retrypolicy.NewBuilder[any]().WithBackoff(time.Second, time.Minute).WithJitterFactor(0.2).Build()

// failsafe-go runs under context.Background unless the executor is
// given one.
func failsafeNoContext(ctx context.Context) error {
	return failsafe.With[any](retries).Run(func() error { return send(ctx) }) // want `failsafe.Run retries without ctx, so it goes on after the caller gave up; chain WithContext\(ctx\) on the executor`
}

var breaker failsafe.Policy[any]

// Silent: the caller's context; an executor with no retry policy.
func failsafeContext(ctx context.Context) error {
	if err := failsafe.With[any](retries).WithContext(ctx).Run(func() error { return send(ctx) }); err != nil {
		return err
	}
	return failsafe.With[any](breaker).Run(func() error { return send(ctx) })
}
