// Package ctxerr holds fixtures written against failsafe-go before
// v0.9.
package ctxerr

import (
	"context"
	"time"

	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

func send(ctx context.Context) error { return nil }

var retries = retrypolicy.Builder[any]().WithBackoff(time.Second, time.Minute).WithJitterFactor(0.2).Build()

// The package-level Run has no context: it runs under
// context.Background.
func packageRun(ctx context.Context) error {
	return failsafe.Run(func() error { return send(ctx) }, retries) // want `failsafe.Run retries without ctx, so it goes on after the caller gave up; run the policies on failsafe.NewExecutor\(...\).WithContext\(ctx\) instead`
}

func executorNoContext(ctx context.Context) error {
	return failsafe.NewExecutor[any](retries).Run(func() error { return send(ctx) }) // want `failsafe.Run retries without ctx, so it goes on after the caller gave up; chain WithContext\(ctx\) on the executor`
}

// Silent: the caller's context on the executor.
func executorContext(ctx context.Context) error {
	return failsafe.NewExecutor[any](retries).WithContext(ctx).Run(func() error { return send(ctx) })
}
