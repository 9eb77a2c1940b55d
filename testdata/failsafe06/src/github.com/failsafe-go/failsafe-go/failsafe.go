// Package failsafe is a stub of github.com/failsafe-go/failsafe-go
// v0.6.9, the API before v0.9 renamed it: package-level Run and Get
// taking the policies, NewExecutor instead of With, and the delay
// settings of a retry policy declared on generic builders of this
// package. Bodies are cut down.
package failsafe

import (
	"context"
	"time"
)

// Policy handles execution failures.
type Policy[R any] interface {
	ToExecutor(typeToken R) any
}

// FailurePolicyBuilder builds a policy that decides which results are
// failures.
type FailurePolicyBuilder[S any, R any] interface {
	HandleErrors(errs ...error) S
	HandleResult(result R) S
	HandleIf(predicate func(R, error) bool) S
}

// DelayablePolicyBuilder builds a policy that waits between attempts.
type DelayablePolicyBuilder[S any, R any] interface {
	WithDelay(delay time.Duration) S
	WithDelayFunc(delayFunc func(exec ExecutionAttempt[R]) time.Duration) S
}

// ExecutionAttempt contains information for an execution attempt.
type ExecutionAttempt[R any] interface {
	Context() context.Context
	Attempts() int
	LastError() error
}

// Execution contains information about an execution.
type Execution[R any] interface {
	ExecutionAttempt[R]
	IsFirstAttempt() bool
}

// Run executes fn until it succeeds or the policies are exceeded.
func Run(fn func() error, policies ...Policy[any]) error { return fn() }

// RunWithExecution executes fn with the execution.
func RunWithExecution(fn func(exec Execution[any]) error, policies ...Policy[any]) error {
	return nil
}

// Get executes fn and returns its result.
func Get[R any](fn func() (R, error), policies ...Policy[R]) (R, error) { return fn() }

// GetWithExecution executes fn with the execution and returns its result.
func GetWithExecution[R any](fn func(exec Execution[R]) (R, error), policies ...Policy[R]) (R, error) {
	var r R
	return r, nil
}

// Executor runs functions under a set of policies.
type Executor[R any] interface {
	WithContext(ctx context.Context) Executor[R]
	Run(fn func() error) error
	RunWithExecution(fn func(exec Execution[R]) error) error
	Get(fn func() (R, error)) (R, error)
	GetWithExecution(fn func(exec Execution[R]) (R, error)) (R, error)
}

// NewExecutor creates an Executor for the policies.
func NewExecutor[R any](policies ...Policy[R]) Executor[R] { return nil }
