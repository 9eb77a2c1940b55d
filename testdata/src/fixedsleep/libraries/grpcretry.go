package libraries

import (
	"time"

	grpc_retry "github.com/grpc-ecosystem/go-grpc-middleware/retry"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry"
	"google.golang.org/grpc"
)

// go-grpc-middleware: BackoffLinear waits the same time between the
// attempts of every call on the connection.

func grpcLinear() grpc.DialOption {
	return grpc.WithChainUnaryInterceptor(
		retry.UnaryClientInterceptor(retry.WithMax(5), retry.WithBackoff(retry.BackoffLinear(2*time.Second))),                   // want `retry policy waits a fixed 2s between attempts; use an exponential backoff with jitter`
		grpc_retry.UnaryClientInterceptor(grpc_retry.WithBackoff(grpc_retry.BackoffLinear(time.Second)), grpc_retry.WithMax(4)), // want `retry policy waits a fixed 1s between attempts`
	)
}

// Silent: jittered (the default too); retries disabled; two attempts.
func grpcLinearFine() []grpc.UnaryClientInterceptor {
	return []grpc.UnaryClientInterceptor{
		retry.UnaryClientInterceptor(retry.WithMax(5), retry.WithBackoff(retry.BackoffLinearWithJitter(2*time.Second, 0.2))),
		retry.UnaryClientInterceptor(retry.WithMax(5)),
		retry.UnaryClientInterceptor(retry.WithBackoff(retry.BackoffLinear(2 * time.Second))),
		retry.UnaryClientInterceptor(retry.WithMax(2), retry.WithBackoff(retry.BackoffLinear(2*time.Second))),
	}
}
