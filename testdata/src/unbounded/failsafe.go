package unbounded

import (
	"context"
	"time"

	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

// failsafe-go: WithMaxRetries(-1) retries for ever unless a duration or
// a context ends it.
func failsafeForever() error {
	rp := retrypolicy.NewBuilder[any]().WithBackoff(time.Second, time.Minute).WithMaxRetries(-1).Build()
	return failsafe.With[any](rp).Run(connect) // want `retry policy never gives up and no context can stop it, so the operation is retried forever; give the retry policy a limit or WithMaxDuration, or run the executor WithContext with the caller's context`
}

// Silent: a maximum duration; the caller's context; the default 3
// attempts.
func failsafeEnds(ctx context.Context) error {
	long := retrypolicy.NewBuilder[any]().WithMaxAttempts(-1).WithMaxDuration(time.Hour).Build()
	if err := failsafe.With[any](long).Run(connect); err != nil {
		return err
	}
	forever := retrypolicy.NewBuilder[any]().WithMaxRetries(-1).Build()
	if err := failsafe.With[any](forever).WithContext(ctx).Run(connect); err != nil {
		return err
	}
	return failsafe.With[any](retrypolicy.NewWithDefaults[any]()).Run(connect)
}
