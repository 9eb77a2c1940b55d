// Package backoff holds fixtures written against failsafe-go before
// v0.9.
package backoff

import (
	"context"
	"errors"
	"time"

	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

func send(ctx context.Context) error { return nil }

var errConflict = errors.New("conflict")

func noJitter(ctx context.Context) error {
	rp := retrypolicy.Builder[any]().WithBackoff(100*time.Millisecond, 10*time.Second).WithMaxRetries(8).Build() // want `retry policy backs off exponentially without jitter`
	return failsafe.NewExecutor[any](rp).WithContext(ctx).Run(func() error { return send(ctx) })
}

// Silent: advdv/stdgo's stdtx shape, a serialization-failure retry
// with capped exponential backoff and full jitter, its HandleIf and
// WithJitterFactor declared on different builders of the library.
func transact[U any](ctx context.Context, maxRetries int, fnc func(context.Context) (U, error)) (U, error) {
	retry := retrypolicy.Builder[U]().
		HandleIf(func(_ U, err error) bool { return errors.Is(err, errConflict) }).
		WithBackoff(5*time.Millisecond, 500*time.Millisecond).
		WithJitterFactor(1.0).
		WithMaxRetries(maxRetries).
		Build()
	return failsafe.NewExecutor(retry).WithContext(ctx).GetWithExecution(func(exec failsafe.Execution[U]) (U, error) {
		return fnc(exec.Context())
	})
}
