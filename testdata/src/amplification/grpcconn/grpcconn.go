// Package grpcconn calls gRPC methods in retry loops, on connections
// dialed with and without go-grpc-middleware's retrying interceptor.
package grpcconn

import (
	"context"
	"errors"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry"
	"google.golang.org/grpc"
)

// What protoc-gen-go-grpc generates for a service, cut down.

type CreateRequest struct{ ID string }
type CreateResponse struct{}

type OrdersClient interface {
	Create(ctx context.Context, in *CreateRequest, opts ...grpc.CallOption) (*CreateResponse, error)
	Watch(ctx context.Context, in *CreateRequest, opts ...grpc.CallOption) (Orders_WatchClient, error)
}

type Orders_WatchClient interface {
	Recv() (*CreateResponse, error)
}

type ordersClient struct{ cc grpc.ClientConnInterface }

func NewOrdersClient(cc grpc.ClientConnInterface) OrdersClient { return &ordersClient{cc} }

func (c *ordersClient) Create(ctx context.Context, in *CreateRequest, opts ...grpc.CallOption) (*CreateResponse, error) {
	out := new(CreateResponse)
	err := c.cc.Invoke(ctx, "/orders.Orders/Create", in, out, opts...)
	return out, err
}

func (c *ordersClient) Watch(ctx context.Context, in *CreateRequest, opts ...grpc.CallOption) (Orders_WatchClient, error) {
	return nil, errors.New("unimplemented")
}

type Service struct {
	orders OrdersClient
}

// The connection retries each unary call 3 times; the loop retries it
// again.
func New(addr string) (*Service, error) {
	conn, err := grpc.NewClient(addr, grpc.WithUnaryInterceptor(retry.UnaryClientInterceptor(retry.WithMax(3)))) // the interceptor
	if err != nil {
		return nil, err
	}
	return &Service{orders: NewOrdersClient(conn)}, nil
}

func (s *Service) Create(ctx context.Context, id string) error { // want Create:`retries\(grpcconn\.Service\.Create, 5 attempts\)`
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if _, err = s.orders.Create(ctx, &CreateRequest{ID: id}); err == nil { // want `retry loop \(5 attempts\) calls grpcconn.OrdersClient.Create on a gRPC connection whose interceptor retries, which tries 3 times itself: up to 15 calls per operation; retry at one layer`
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}

// Options in a slice spread into the dial; the stub made in place.
func dialOpts(ctx context.Context, addr string) error { // want dialOpts:`retries\(grpcconn\.dialOpts, 3 attempts\)`
	opts := []grpc.DialOption{grpc.WithChainUnaryInterceptor(retry.UnaryClientInterceptor(retry.WithMax(4)))}
	conn, err := grpc.NewClient(addr, opts...)
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = NewOrdersClient(conn).Create(ctx, &CreateRequest{}); err == nil { // want `retry loop \(3 attempts\) calls grpcconn.OrdersClient.Create on a gRPC connection whose interceptor retries, which tries 4 times itself: up to 12 calls per operation`
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return err
}

// Negative: a connection without the retrying interceptor.
func plain(ctx context.Context, addr string) error { // want plain:`retries\(grpcconn\.plain, 5 attempts\)`
	conn, err := grpc.NewClient(addr)
	if err != nil {
		return err
	}
	c := NewOrdersClient(conn)
	for attempt := 0; attempt < 5; attempt++ {
		if _, err = c.Create(ctx, &CreateRequest{}); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}

// Negative: an interceptor that does not retry (no WithMax).
func noMax(ctx context.Context, addr string) error { // want noMax:`retries\(grpcconn\.noMax, 5 attempts\)`
	conn, err := grpc.NewClient(addr, grpc.WithUnaryInterceptor(retry.UnaryClientInterceptor()))
	if err != nil {
		return err
	}
	c := NewOrdersClient(conn)
	for attempt := 0; attempt < 5; attempt++ {
		if _, err = c.Create(ctx, &CreateRequest{}); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}

// Negative: a stream is not retried by the unary interceptor; the loop
// reopens it.
func (s *Service) watch(ctx context.Context) error { // want watch:`retries\(grpcconn\.Service\.watch, 5 attempts\)`
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var w Orders_WatchClient
		if w, err = s.orders.Watch(ctx, &CreateRequest{}); err == nil {
			_, err = w.Recv()
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}

func chain(is ...grpc.UnaryClientInterceptor) grpc.UnaryClientInterceptor { return is[0] }

// The interceptor in a local, wrapped again in a chain before the dial
// (dapr's sentry client).
func held(ctx context.Context, addr string, monitored bool, other grpc.UnaryClientInterceptor) error { // want held:`retries\(grpcconn\.held, 5 attempts\)`
	interceptor := retry.UnaryClientInterceptor(retry.WithMax(3))
	if monitored {
		interceptor = chain(interceptor, other)
	}
	conn, err := grpc.DialContext(ctx, addr, grpc.WithUnaryInterceptor(interceptor))
	if err != nil {
		return err
	}
	c := NewOrdersClient(conn)
	for attempt := 0; attempt < 5; attempt++ {
		if _, err = c.Create(ctx, &CreateRequest{}); err == nil { // want `retry loop \(5 attempts\) calls grpcconn.OrdersClient.Create on a gRPC connection whose interceptor retries, which tries 3 times itself`
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}

// Negative: the local is replaced by an interceptor that does not wrap
// the retrying one, so which is installed is not known.
func replaced(ctx context.Context, addr string, plain bool, other grpc.UnaryClientInterceptor) error { // want replaced:`retries\(grpcconn\.replaced, 5 attempts\)`
	interceptor := retry.UnaryClientInterceptor(retry.WithMax(3))
	if plain {
		interceptor = other
	}
	conn, err := grpc.DialContext(ctx, addr, grpc.WithUnaryInterceptor(interceptor))
	if err != nil {
		return err
	}
	c := NewOrdersClient(conn)
	for attempt := 0; attempt < 5; attempt++ {
		if _, err = c.Create(ctx, &CreateRequest{}); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}
