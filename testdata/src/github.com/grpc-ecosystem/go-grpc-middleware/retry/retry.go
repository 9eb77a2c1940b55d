// Package grpc_retry is a stub of github.com/grpc-ecosystem/go-grpc-middleware/retry v1.4.0
// holding the client options the fixtures use, with bodies cut down.
package grpc_retry

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
)

// DefaultRetriableCodes is a set of well known types gRPC codes that should be retri-able.
var DefaultRetriableCodes = []codes.Code{codes.ResourceExhausted, codes.Unavailable}

// BackoffFunc denotes a family of functions that control the backoff duration between call retries.
type BackoffFunc func(attempt uint) time.Duration

// CallOption is a grpc.CallOption that is local to grpc_retry.
type CallOption struct {
	grpc.EmptyCallOption // make sure we implement private after() and before() fields so we don't panic.
	applyFunc            func(opt *options)
}

type options struct {
	max         uint
	backoffFunc BackoffFunc
	codes       []codes.Code
}

// Disable disables the retry behaviour on this call, or this interceptor.
func Disable() CallOption { return WithMax(0) }

// WithMax sets the maximum number of retries on this call, or this interceptor.
func WithMax(maxRetries uint) CallOption {
	return CallOption{applyFunc: func(o *options) { o.max = maxRetries }}
}

// WithBackoff sets the `BackoffFunc` used to control time between retries.
func WithBackoff(bf BackoffFunc) CallOption {
	return CallOption{applyFunc: func(o *options) { o.backoffFunc = bf }}
}

// WithCodes sets which codes should be retried.
func WithCodes(retryCodes ...codes.Code) CallOption {
	return CallOption{applyFunc: func(o *options) { o.codes = retryCodes }}
}

// WithPerRetryTimeout sets the RPC timeout per call (including initial call) on this call, or this interceptor.
func WithPerRetryTimeout(timeout time.Duration) CallOption {
	return CallOption{applyFunc: func(o *options) {}}
}

// BackoffLinear is very simple: it waits for a fixed period of time between calls.
func BackoffLinear(waitBetween time.Duration) BackoffFunc {
	d := waitBetween
	return func(attempt uint) time.Duration { return d }
}

// BackoffLinearWithJitter waits a set period of time, allowing for jitter (fractional adjustment).
func BackoffLinearWithJitter(waitBetween time.Duration, jitterFraction float64) BackoffFunc {
	d := waitBetween
	return func(attempt uint) time.Duration { return d }
}

// BackoffExponential produces increasing intervals for each attempt.
func BackoffExponential(scalar time.Duration) BackoffFunc {
	d := scalar
	return func(attempt uint) time.Duration { return d }
}

// BackoffExponentialWithJitter creates an exponential backoff like BackoffExponential does, but adds jitter.
func BackoffExponentialWithJitter(scalar time.Duration, jitterFraction float64) BackoffFunc {
	d := scalar
	return func(attempt uint) time.Duration { return d }
}

// UnaryClientInterceptor returns a new retrying unary client interceptor.
func UnaryClientInterceptor(optFuncs ...CallOption) grpc.UnaryClientInterceptor {
	return func(parentCtx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return invoker(parentCtx, method, req, reply, cc, opts...)
	}
}
