package backoff

import (
	"context"
	"time"

	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

// failsafe-go: WithBackoff without WithJitter or WithJitterFactor.
func failsafeBackoff(ctx context.Context) error {
	rp := retrypolicy.NewBuilder[any]().WithBackoff(time.Second, time.Minute).WithMaxRetries(6).Build() // want `retry policy backs off exponentially without jitter, so clients that failed together retry together; add WithJitterFactor \(say 0.25\) to the retry policy`
	return failsafe.With[any](rp).WithContext(ctx).Run(op)
}

// Silent: jittered, or a factor of 1.
func failsafeJittered(ctx context.Context) error {
	rp := retrypolicy.NewBuilder[any]().WithBackoff(time.Second, time.Minute).WithJitterFactor(0.2).WithMaxRetries(6).Build()
	if err := failsafe.With[any](rp).WithContext(ctx).Run(op); err != nil {
		return err
	}
	flat := retrypolicy.NewBuilder[any]().WithBackoffFactor(time.Second, time.Minute, 1).WithMaxRetries(6).Build()
	return failsafe.With[any](flat).WithContext(ctx).Run(op)
}
