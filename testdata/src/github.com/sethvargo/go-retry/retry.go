// Package retry is a stub of github.com/sethvargo/go-retry holding the symbols the fixtures use.
package retry

import (
	"context"
	"time"
)

// Backoff is an interface that backs off.
type Backoff interface {
	// Next returns the time duration to wait and whether to stop.
	Next() (next time.Duration, stop bool)
}

// BackoffFunc is a backoff expressed as a function.
type BackoffFunc func() (time.Duration, bool)

// Next implements Backoff.
func (b BackoffFunc) Next() (time.Duration, bool) {
	return b()
}

func WithJitter(j time.Duration, next Backoff) Backoff { return next }

func WithJitterPercent(j uint64, next Backoff) Backoff { return next }

func WithMaxRetries(max uint64, next Backoff) Backoff { return next }

func WithCappedDuration(cap time.Duration, next Backoff) Backoff { return next }

func WithMaxDuration(timeout time.Duration, next Backoff) Backoff { return next }

// NewConstant creates a new constant backoff using the value t.
func NewConstant(t time.Duration) Backoff {
	return BackoffFunc(func() (time.Duration, bool) { return t, false })
}

// NewExponential creates a new exponential backoff using the starting value of base.
func NewExponential(base time.Duration) Backoff {
	return BackoffFunc(func() (time.Duration, bool) { return base, false })
}

// NewFibonacci creates a new Fibonacci backoff using the starting value of base.
func NewFibonacci(base time.Duration) Backoff {
	return BackoffFunc(func() (time.Duration, bool) { return base, false })
}

// Constant is a wrapper around Retry that uses a constant backoff.
func Constant(ctx context.Context, t time.Duration, f RetryFunc) error {
	return Do(ctx, NewConstant(t), f)
}

// Exponential is a wrapper around Retry that uses an exponential backoff.
func Exponential(ctx context.Context, base time.Duration, f RetryFunc) error {
	return Do(ctx, NewExponential(base), f)
}

// Fibonacci is a wrapper around Retry that uses a Fibonacci backoff.
func Fibonacci(ctx context.Context, base time.Duration, f RetryFunc) error {
	return Do(ctx, NewFibonacci(base), f)
}

// RetryFunc is a function passed to Do.
type RetryFunc func(ctx context.Context) error

// RetryFuncValue is a function passed to DoValue.
type RetryFuncValue[T any] func(ctx context.Context) (T, error)

type retryableError struct {
	err error
}

// RetryableError marks an error as retryable.
func RetryableError(err error) error {
	if err == nil {
		return nil
	}
	return &retryableError{err}
}

func (e *retryableError) Unwrap() error { return e.err }

func (e *retryableError) Error() string { return "retryable: " + e.err.Error() }

// DoValue wraps a function with a backoff to retry.
func DoValue[T any](ctx context.Context, b Backoff, f RetryFuncValue[T]) (T, error) {
	var zero T
	return zero, nil
}

// Do wraps a function with a backoff to retry.
func Do(ctx context.Context, b Backoff, f RetryFunc) error { return nil }
