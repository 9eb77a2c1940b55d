package libraries

import (
	"context"
	"time"

	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

// failsafe-go: a retry policy with WithDelay alone waits the same time
// between attempts.

func failsafeDelay(ctx context.Context) error {
	rp := retrypolicy.NewBuilder[any]().WithDelay(2 * time.Second).WithMaxRetries(5).Build() // want `retry policy waits a fixed 2s between attempts; use an exponential backoff with jitter`
	return failsafe.With[any](rp).WithContext(ctx).Run(op)
}

type fetcher struct {
	exec failsafe.Executor[any]
}

func newFetcher() *fetcher {
	b := retrypolicy.NewBuilder[any]()
	b.WithDelay(time.Second) // want `retry policy waits a fixed 1s between attempts`
	return &fetcher{exec: failsafe.With[any](b.Build())}
}

// failsafeField: the executor a constructor sets in the field.
func (f *fetcher) failsafeField(ctx context.Context) error {
	return f.exec.WithContext(ctx).Run(op)
}

// Silent: jittered; quick (two retries of 100ms); growing.
func failsafeFine(ctx context.Context) error {
	jittered := retrypolicy.NewBuilder[any]().WithDelay(2 * time.Second).WithJitterFactor(0.25).Build()
	quick := retrypolicy.NewBuilder[any]().WithDelay(100 * time.Millisecond).Build()
	grows := retrypolicy.NewBuilder[any]().WithBackoff(time.Second, time.Minute).WithJitter(time.Second).Build()
	if err := failsafe.With[any](jittered).WithContext(ctx).Run(op); err != nil {
		return err
	}
	if err := failsafe.With[any](quick).WithContext(ctx).Run(op); err != nil {
		return err
	}
	return failsafe.With[any](grows).WithContext(ctx).Run(op)
}
