// Package failsafe is a stub of github.com/failsafe-go/failsafe-go
// v0.9.8: the executor API as released, with bodies cut down.
package failsafe

import (
	"context"
	"time"
)

// Policy handles execution failures.
type Policy[R any] interface {
	// ToExecutor returns a policy.Executor capable of handling an execution for the Policy.
	ToExecutor(typeToken R) any
}

// ResultAgnosticPolicy is a marker interface for policies that do not modify or return alternate results.
type ResultAgnosticPolicy[R any] interface {
	Policy[R]
	ResultAgnostic()
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
	IsCanceled() bool
	Canceled() <-chan struct{}
}

// ExecutionInfo contains execution info.
type ExecutionInfo interface {
	Context() context.Context
	Attempts() int
}

// ExecutionEvent indicates an execution was attempted.
type ExecutionEvent[R any] struct {
	ExecutionAttempt[R]
}

// ExecutionScheduledEvent indicates an execution was scheduled.
type ExecutionScheduledEvent[R any] struct {
	ExecutionAttempt[R]
	// The delay before the next execution attempt.
	Delay time.Duration
}

// ExecutionDoneEvent indicates an execution is done.
type ExecutionDoneEvent[R any] struct {
	ExecutionInfo
	Result R
	Error  error
}

// ExecutionResult provides the result of an asynchronous execution.
type ExecutionResult[R any] interface {
	Done() <-chan any
	IsDone() bool
	Get() (R, error)
}

// DelayFunc returns a duration to delay for given the ExecutionAttempt.
type DelayFunc[R any] func(exec ExecutionAttempt[R]) time.Duration

// Executor handles failures according to configured policies.
type Executor[R any] interface {
	Compose(innerPolicy Policy[R]) Executor[R]
	ComposeAny(innerPolicy ResultAgnosticPolicy[any]) Executor[R]
	Context() context.Context
	WithContext(ctx context.Context) Executor[R]
	OnDone(listener func(ExecutionDoneEvent[R])) Executor[R]
	OnSuccess(listener func(ExecutionDoneEvent[R])) Executor[R]
	OnFailure(listener func(ExecutionDoneEvent[R])) Executor[R]
	Run(fn func() error) error
	RunWithExecution(fn func(exec Execution[R]) error) error
	Get(fn func() (R, error)) (R, error)
	GetWithExecution(fn func(exec Execution[R]) (R, error)) (R, error)
	RunAsync(fn func() error) ExecutionResult[R]
	RunAsyncWithExecution(fn func(exec Execution[R]) error) ExecutionResult[R]
	GetAsync(fn func() (R, error)) ExecutionResult[R]
	GetAsyncWithExecution(fn func(exec Execution[R]) (R, error)) ExecutionResult[R]
}

// With creates and returns a new Executor for result type R that will handle failures according to the given policies.
func With[R any](policies ...Policy[R]) Executor[R] { return nil }
