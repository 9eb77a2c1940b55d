// Package retrier is a stub of github.com/eapache/go-resiliency/retrier
// v1.7.0: the exported API as released, with bodies cut down.
package retrier

import (
	"context"
	"errors"
	"time"
)

// Retrier implements the "retriable" resiliency pattern, abstracting out
// the process of retrying a failed action a certain number of times with
// an optional back-off between each retry.
type Retrier struct {
	backoff           []time.Duration
	infiniteRetry     bool
	surfaceWorkErrors bool
	class             Classifier
	jitter            float64
}

// New constructs a Retrier with the given backoff pattern and classifier.
func New(backoff []time.Duration, class Classifier) *Retrier {
	if class == nil {
		class = DefaultClassifier{}
	}
	return &Retrier{backoff: backoff, class: class}
}

// WithInfiniteRetry set the retrier to loop infinitely on the last backoff duration.
func (r *Retrier) WithInfiniteRetry() *Retrier {
	r.infiniteRetry = true
	return r
}

// WithSurfaceWorkErrors configures the retrier to always return the last error received from work().
func (r *Retrier) WithSurfaceWorkErrors() *Retrier {
	r.surfaceWorkErrors = true
	return r
}

// Run executes the given work function by executing RunCtx without context.Context.
func (r *Retrier) Run(work func() error) error {
	return r.RunFn(context.Background(), func(c context.Context, r int) error { return work() })
}

// RunCtx executes the given work function, then classifies its return value.
func (r *Retrier) RunCtx(ctx context.Context, work func(ctx context.Context) error) error {
	return r.RunFn(ctx, func(c context.Context, r int) error { return work(c) })
}

// RunFn executes the given work function, then classifies its return value.
func (r *Retrier) RunFn(ctx context.Context, work func(ctx context.Context, retries int) error) error {
	return work(ctx, 0)
}

// SetJitter sets the amount of jitter on each back-off to a factor between 0.0 and 1.0.
func (r *Retrier) SetJitter(jit float64) {
	if jit < 0 || jit > 1 {
		return
	}
	r.jitter = jit
}

// ConstantBackoff generates a simple back-off strategy of retrying 'n' times, and waiting 'amount' time after each one.
func ConstantBackoff(n int, amount time.Duration) []time.Duration {
	ret := make([]time.Duration, n)
	for i := range ret {
		ret[i] = amount
	}
	return ret
}

// ExponentialBackoff generates a simple back-off strategy of retrying 'n' times, and doubling the amount of
// time waited after each one.
func ExponentialBackoff(n int, initialAmount time.Duration) []time.Duration {
	return make([]time.Duration, n)
}

// LimitedExponentialBackoff generates a simple back-off strategy of retrying 'n' times, and doubling the amount of
// time waited after each one.
func LimitedExponentialBackoff(n int, initialAmount time.Duration, limitAmount time.Duration) []time.Duration {
	return make([]time.Duration, n)
}

// Action is the type returned by a Classifier to indicate how the Retrier should proceed.
type Action int

const (
	Succeed Action = iota // Succeed indicates the Retrier should treat this value as a success.
	Fail                  // Fail indicates the Retrier should treat this value as a hard failure and not retry.
	Retry                 // Retry indicates the Retrier should treat this value as a soft failure and retry.
)

// Classifier is the interface implemented by anything that can classify Errors for a Retrier.
type Classifier interface {
	Classify(error) Action
}

// DefaultClassifier classifies errors in the simplest way possible.
type DefaultClassifier struct{}

// Classify implements the Classifier interface.
func (c DefaultClassifier) Classify(err error) Action {
	if err == nil {
		return Succeed
	}
	return Retry
}

// WhitelistClassifier classifies errors based on a whitelist.
type WhitelistClassifier []error

// Classify implements the Classifier interface.
func (list WhitelistClassifier) Classify(err error) Action {
	if err == nil {
		return Succeed
	}
	for _, pass := range list {
		if errors.Is(err, pass) {
			return Retry
		}
	}
	return Fail
}

// BlacklistClassifier classifies errors based on a blacklist.
type BlacklistClassifier []error

// Classify implements the Classifier interface.
func (list BlacklistClassifier) Classify(err error) Action {
	if err == nil {
		return Succeed
	}
	for _, pass := range list {
		if errors.Is(err, pass) {
			return Fail
		}
	}
	return Retry
}
