package retryable

import (
	grpc_retry "github.com/grpc-ecosystem/go-grpc-middleware/retry"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
)

// go-grpc-middleware's retry interceptor, retrying codes that fail the
// same way again, or that may follow a call the server applied.
// Internal and Unknown, gRPC's 500s, are left alone as a retry of 5xx is
// (weaviate's replication client; unseen triage of 2026-12-03).

func grpcCodesV2() (*grpc.ClientConn, error) {
	return grpc.NewClient("orders:443", grpc.WithUnaryInterceptor(retry.UnaryClientInterceptor(
		retry.WithMax(4),
		retry.WithCodes(codes.Unavailable, codes.Internal, codes.InvalidArgument), // want `retry interceptor retries codes.InvalidArgument, which fail the same way again or may have been applied; retry only Unavailable, ResourceExhausted and Aborted`
	)))
}

func grpcCodesV1() grpc.UnaryClientInterceptor {
	return grpc_retry.UnaryClientInterceptor(grpc_retry.WithMax(3), grpc_retry.WithCodes(codes.Unknown, codes.AlreadyExists)) // want `retry interceptor retries codes.AlreadyExists,`
}

// Silent: transient codes; the default codes; retries disabled (no
// WithMax, or WithMax(0)); codes not seen.
func grpcCodesFine(extra codes.Code) []grpc.UnaryClientInterceptor {
	return []grpc.UnaryClientInterceptor{
		retry.UnaryClientInterceptor(retry.WithMax(4), retry.WithCodes(codes.Unavailable, codes.ResourceExhausted, codes.Aborted, codes.DeadlineExceeded)),
		retry.UnaryClientInterceptor(retry.WithMax(4)),
		retry.UnaryClientInterceptor(retry.WithCodes(codes.Internal)),
		retry.UnaryClientInterceptor(retry.WithMax(0), retry.WithCodes(codes.Internal)),
		retry.UnaryClientInterceptor(retry.WithMax(4), retry.WithCodes(extra)),
		retry.UnaryClientInterceptor(retry.WithMax(9), retry.WithCodes(codes.Unavailable, codes.Internal, codes.Unknown)),
	}
}
