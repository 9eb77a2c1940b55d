// Package wait is a stub of k8s.io/apimachinery/pkg/util/wait holding the symbols the fixtures use.
package wait

import (
	"context"
	"errors"
	"time"
)

// Backoff holds parameters applied to a Backoff function.
type Backoff struct {
	// The initial duration.
	Duration time.Duration
	// Duration is multiplied by factor each iteration.
	Factor float64
	// The sleep at each iteration is the duration plus an additional
	// amount chosen uniformly at random from [0, jitter*duration].
	Jitter float64
	// The remaining number of iterations in which the duration
	// parameter may change.
	Steps int
	// A limit on revised values of the duration parameter.
	Cap time.Duration
}

// Step returns an amount of time to sleep determined by the original
// Duration and Jitter, and mutates the backoff.
func (b *Backoff) Step() time.Duration {
	if b == nil {
		return 0
	}
	return b.Duration
}

// ConditionFunc returns true if the condition is satisfied, or an error
// if the loop should be aborted.
type ConditionFunc func() (done bool, err error)

// ConditionWithContextFunc returns true if the condition is satisfied, or an error
// if the loop should be aborted.
type ConditionWithContextFunc func(context.Context) (done bool, err error)

// ExponentialBackoff repeats a condition check with exponential backoff.
func ExponentialBackoff(backoff Backoff, condition ConditionFunc) error { return nil }

// ExponentialBackoffWithContext repeats a condition check with exponential backoff.
func ExponentialBackoffWithContext(ctx context.Context, backoff Backoff, condition ConditionWithContextFunc) error {
	return nil
}

// PollUntilContextTimeout will terminate polling after timeout duration.
func PollUntilContextTimeout(ctx context.Context, interval, timeout time.Duration, immediate bool, condition ConditionWithContextFunc) error {
	return nil
}

// Jitter returns a time.Duration between duration and duration + maxFactor *
// duration.
func Jitter(duration time.Duration, maxFactor float64) time.Duration { return duration }

// ErrWaitTimeout is returned when the condition was not satisfied in time.
//
// Deprecated: use Interrupted() / ErrorInterrupted(err) in the real package.
var ErrWaitTimeout = ErrorInterrupted(errors.New("timed out waiting for the condition"))

type errInterrupted struct {
	cause error
}

// ErrorInterrupted returns an error that indicates the wait was ended
// early for a given reason.
func ErrorInterrupted(cause error) error {
	switch cause.(type) {
	case errInterrupted:
		return cause
	default:
		return errInterrupted{cause}
	}
}

func (e errInterrupted) Unwrap() error { return e.cause }

func (e errInterrupted) Error() string {
	if e.cause == nil {
		return "timed out waiting for the condition"
	}
	return e.cause.Error()
}
