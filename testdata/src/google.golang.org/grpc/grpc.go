// Package grpc is a stub of google.golang.org/grpc v1.84.0 holding the
// client symbols the fixtures use, with bodies cut down.
package grpc

import (
	"context"
	"net"
)

// ClientConn represents a virtual connection to a conceptual endpoint.
type ClientConn struct{ target string }

// Invoke sends the RPC request on the wire and returns after response is received.
func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return nil
}

type callInfo struct{}
type csAttempt struct{}
type dialOptions struct{}

// CallOption configures a Call before it starts or extracts information from a Call after it completes.
type CallOption interface {
	before(*callInfo) error
	after(*callInfo, *csAttempt)
}

// EmptyCallOption does not alter the Call configuration.
type EmptyCallOption struct{}

func (EmptyCallOption) before(*callInfo) error      { return nil }
func (EmptyCallOption) after(*callInfo, *csAttempt) {}

// DialOption configures how we set up the connection.
type DialOption interface {
	apply(*dialOptions)
}

type funcDialOption struct{ f func(*dialOptions) }

func (fdo *funcDialOption) apply(do *dialOptions) { fdo.f(do) }

// UnaryInvoker is called by UnaryClientInterceptor to complete RPCs.
type UnaryInvoker func(ctx context.Context, method string, req, reply any, cc *ClientConn, opts ...CallOption) error

// UnaryClientInterceptor intercepts the execution of a unary RPC on the client.
type UnaryClientInterceptor func(ctx context.Context, method string, req, reply any, cc *ClientConn, invoker UnaryInvoker, opts ...CallOption) error

// WithUnaryInterceptor returns a DialOption that specifies the interceptor for unary RPCs.
func WithUnaryInterceptor(f UnaryClientInterceptor) DialOption {
	return &funcDialOption{func(*dialOptions) {}}
}

// WithChainUnaryInterceptor returns a DialOption that specifies the chained interceptor for unary RPCs.
func WithChainUnaryInterceptor(interceptors ...UnaryClientInterceptor) DialOption {
	return &funcDialOption{func(*dialOptions) {}}
}

// NewClient creates a new gRPC "channel" for the target URI provided.
func NewClient(target string, opts ...DialOption) (conn *ClientConn, err error) {
	return &ClientConn{target: target}, nil
}

// ClientConnInterface defines the functions clients need to perform
// unary and streaming RPCs (NewStream cut from the stub).
type ClientConnInterface interface {
	Invoke(ctx context.Context, method string, args any, reply any, opts ...CallOption) error
}

// Dial creates a client connection to the given target (deprecated: use
// NewClient).
func Dial(target string, opts ...DialOption) (*ClientConn, error) {
	return NewClient(target, opts...)
}

// DialContext creates a client connection to the given target
// (deprecated: use NewClient).
func DialContext(ctx context.Context, target string, opts ...DialOption) (conn *ClientConn, err error) {
	return NewClient(target, opts...)
}

// Server is a gRPC server to serve RPC requests.
type Server struct{}

// Serve accepts incoming connections on the listener lis.
func (s *Server) Serve(lis net.Listener) error { return nil }
