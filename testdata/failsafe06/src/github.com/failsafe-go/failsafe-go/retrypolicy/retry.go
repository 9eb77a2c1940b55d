// Package retrypolicy is a stub of
// github.com/failsafe-go/failsafe-go/retrypolicy v0.6.9: Builder is a
// constructor there and the builder type is RetryPolicyBuilder, whose
// HandleIf and WithDelay come from failsafe's generic builders.
package retrypolicy

import (
	"time"

	"github.com/failsafe-go/failsafe-go"
)

// RetryPolicy is a policy that defines when retries should be performed.
type RetryPolicy[R any] interface {
	failsafe.Policy[R]
}

// RetryPolicyBuilder builds RetryPolicy instances.
type RetryPolicyBuilder[R any] interface {
	failsafe.FailurePolicyBuilder[RetryPolicyBuilder[R], R]
	failsafe.DelayablePolicyBuilder[RetryPolicyBuilder[R], R]
	AbortOnErrors(errs ...error) RetryPolicyBuilder[R]
	AbortIf(predicate func(R, error) bool) RetryPolicyBuilder[R]
	WithMaxAttempts(maxAttempts int) RetryPolicyBuilder[R]
	WithMaxRetries(maxRetries int) RetryPolicyBuilder[R]
	WithMaxDuration(maxDuration time.Duration) RetryPolicyBuilder[R]
	WithBackoff(delay time.Duration, maxDelay time.Duration) RetryPolicyBuilder[R]
	WithBackoffFactor(delay time.Duration, maxDelay time.Duration, delayFactor float32) RetryPolicyBuilder[R]
	WithRandomDelay(delayMin time.Duration, delayMax time.Duration) RetryPolicyBuilder[R]
	WithJitter(jitter time.Duration) RetryPolicyBuilder[R]
	WithJitterFactor(jitterFactor float32) RetryPolicyBuilder[R]
	Build() RetryPolicy[R]
}

// WithDefaults creates a RetryPolicy that allows 3 attempts with no delay.
func WithDefaults[R any]() RetryPolicy[R] { return Builder[R]().Build() }

// Builder creates a RetryPolicyBuilder that by default builds a
// RetryPolicy allowing 3 attempts with no delay.
func Builder[R any]() RetryPolicyBuilder[R] { return nil }
