// Package retrypolicy is a stub of
// github.com/failsafe-go/failsafe-go/retrypolicy v0.9.8: the builder API
// as released (without WithBudget), with bodies cut down.
package retrypolicy

import (
	"time"

	"github.com/failsafe-go/failsafe-go"
)

// RetryPolicy is a policy that defines when retries should be performed.
type RetryPolicy[R any] interface {
	failsafe.Policy[R]
}

// Builder builds RetryPolicy instances.
type Builder[R any] interface {
	AbortOnResult(result R) Builder[R]
	AbortOnErrors(errs ...error) Builder[R]
	AbortOnErrorTypes(errs ...any) Builder[R]
	AbortIf(predicate func(R, error) bool) Builder[R]
	HandleErrors(errs ...error) Builder[R]
	HandleErrorTypes(errs ...any) Builder[R]
	HandleResult(result R) Builder[R]
	HandleIf(predicate func(R, error) bool) Builder[R]
	ReturnLastFailure() Builder[R]
	WithMaxAttempts(maxAttempts int) Builder[R]
	WithMaxRetries(maxRetries int) Builder[R]
	WithMaxDuration(maxDuration time.Duration) Builder[R]
	WithDelay(delay time.Duration) Builder[R]
	WithDelayFunc(delayFunc failsafe.DelayFunc[R]) Builder[R]
	WithBackoff(delay time.Duration, maxDelay time.Duration) Builder[R]
	WithBackoffFactor(delay time.Duration, maxDelay time.Duration, delayFactor float64) Builder[R]
	WithRandomDelay(delayMin time.Duration, delayMax time.Duration) Builder[R]
	WithJitter(jitter time.Duration) Builder[R]
	WithJitterFactor(jitterFactor float64) Builder[R]
	OnSuccess(listener func(event failsafe.ExecutionEvent[R])) Builder[R]
	OnFailure(listener func(event failsafe.ExecutionEvent[R])) Builder[R]
	OnAbort(listener func(failsafe.ExecutionEvent[R])) Builder[R]
	OnRetry(listener func(failsafe.ExecutionEvent[R])) Builder[R]
	OnRetryScheduled(listener func(failsafe.ExecutionScheduledEvent[R])) Builder[R]
	OnRetriesExceeded(listener func(failsafe.ExecutionEvent[R])) Builder[R]
	Build() RetryPolicy[R]
}

// NewWithDefaults creates a RetryPolicy for execution result type R that allows 3 execution attempts max with no delay.
func NewWithDefaults[R any]() RetryPolicy[R] { return NewBuilder[R]().Build() }

// NewBuilder creates a Builder for execution result type R, which by default will build a RetryPolicy that
// allows 3 execution attempts max with no delay, unless configured otherwise.
func NewBuilder[R any]() Builder[R] { return nil }
