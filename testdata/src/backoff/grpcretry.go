package backoff

import (
	"time"

	grpc_retry "github.com/grpc-ecosystem/go-grpc-middleware/retry"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry"
	"google.golang.org/grpc"
)

// go-grpc-middleware: BackoffExponential has no jitter.
func grpcExponential() []grpc.UnaryClientInterceptor {
	return []grpc.UnaryClientInterceptor{
		retry.UnaryClientInterceptor(retry.WithMax(6), retry.WithBackoff(retry.BackoffExponential(time.Second))),                     // want `retry policy backs off exponentially without jitter, so clients that failed together retry together; use retry.BackoffExponentialWithJitter`
		grpc_retry.UnaryClientInterceptor(grpc_retry.WithMax(6), grpc_retry.WithBackoff(grpc_retry.BackoffExponential(time.Second))), // want `retry policy backs off exponentially without jitter`
		// Silent: jittered; retries disabled.
		retry.UnaryClientInterceptor(retry.WithMax(6), retry.WithBackoff(retry.BackoffExponentialWithJitter(time.Second, 0.2))),
		retry.UnaryClientInterceptor(retry.WithBackoff(retry.BackoffExponential(time.Second))),
	}
}
