// Package retry is a stub of github.com/avast/retry-go/v4 holding the symbols the fixtures use.
package retry

import (
	"context"
	"time"
)

// RetryIfFunc is the signature of the retry-if function.
type RetryIfFunc func(error) bool

// OnRetryFunc is the signature of the OnRetry function.
type OnRetryFunc func(attempt uint, err error)

// DelayTypeFunc is called to return the next delay to wait after the
// retriable function fails on err after n attempts.
type DelayTypeFunc func(n uint, err error, config *Config) time.Duration

// Timer represents the timer used to track time for a retry.
type Timer interface {
	After(time.Duration) <-chan time.Time
}

// Config holds the retry configuration (opaque in this stub).
type Config struct {
	attempts  uint
	delay     time.Duration
	maxDelay  time.Duration
	maxJitter time.Duration
	onRetry   OnRetryFunc
	retryIf   RetryIfFunc
	delayType DelayTypeFunc
	lastOnly  bool
	context   context.Context
	timer     Timer
}

// Option represents an option for retry.
type Option func(*Config)

func LastErrorOnly(lastErrorOnly bool) Option {
	return func(c *Config) { c.lastOnly = lastErrorOnly }
}

func Attempts(attempts uint) Option {
	return func(c *Config) { c.attempts = attempts }
}

func UntilSucceeded() Option {
	return func(c *Config) { c.attempts = 0 }
}

func Delay(delay time.Duration) Option {
	return func(c *Config) { c.delay = delay }
}

func MaxDelay(maxDelay time.Duration) Option {
	return func(c *Config) { c.maxDelay = maxDelay }
}

func MaxJitter(maxJitter time.Duration) Option {
	return func(c *Config) { c.maxJitter = maxJitter }
}

func DelayType(delayType DelayTypeFunc) Option {
	return func(c *Config) { c.delayType = delayType }
}

// BackOffDelay is a DelayType which increases delay between consecutive retries.
func BackOffDelay(n uint, _ error, config *Config) time.Duration { return config.delay }

// FixedDelay is a DelayType which keeps delay the same through all iterations.
func FixedDelay(_ uint, _ error, config *Config) time.Duration { return config.delay }

// RandomDelay is a DelayType which picks a random delay up to maxJitter.
func RandomDelay(_ uint, _ error, config *Config) time.Duration { return config.maxJitter }

// CombineDelay is a DelayType the combines all of the specified delays into a new DelayTypeFunc.
func CombineDelay(delays ...DelayTypeFunc) DelayTypeFunc {
	return func(n uint, err error, config *Config) time.Duration { return 0 }
}

func OnRetry(onRetry OnRetryFunc) Option {
	return func(c *Config) { c.onRetry = onRetry }
}

func RetryIf(retryIf RetryIfFunc) Option {
	return func(c *Config) { c.retryIf = retryIf }
}

func Context(ctx context.Context) Option {
	return func(c *Config) { c.context = ctx }
}

func WithTimer(t Timer) Option {
	return func(c *Config) { c.timer = t }
}

// RetryableFunc is the function signature of a retryable function.
type RetryableFunc func() error

// RetryableFuncWithData is the function signature of a retryable function with data.
type RetryableFuncWithData[T any] func() (T, error)

func Do(retryableFunc RetryableFunc, opts ...Option) error { return nil }

func DoWithData[T any](retryableFunc RetryableFuncWithData[T], opts ...Option) (T, error) {
	var zero T
	return zero, nil
}

type unrecoverableError struct {
	error
}

// Unrecoverable wraps an error in `unrecoverableError` struct.
func Unrecoverable(err error) error {
	return unrecoverableError{err}
}
