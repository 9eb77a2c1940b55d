package retryable

import "context"

// apiClient is a closable client: a connection pool behind an API.
type apiClient struct{ addr string }

func (c *apiClient) Close() error { return nil }

// rows is closable too, but a query is not a connect.
type rows struct{}

func (r *rows) Close() error { return nil }

// newClient connects to addr.
func newClient(ctx context.Context, addr string) (*apiClient, error) {
	if err := send(); err != nil {
		return nil, err
	}
	return &apiClient{addr: addr}, nil
}

// query runs a query over the client.
func (c *apiClient) query(ctx context.Context, q string) (*rows, error) {
	if err := send(); err != nil {
		return nil, err
	}
	return &rows{}, nil
}

// Silent: a constructor returning a closable client is a connect, and a
// reconnect loop retries every error by design (spec: closable clients).
func connectClient(ctx context.Context, addr string) (*apiClient, error) {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		c, err := newClient(ctx, addr)
		if err == nil {
			return c, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, ctx.Err()
}

// The look-alike: a method returning a closable result is not a
// constructor; a query's errors include permanent ones.
func queryUntil(ctx context.Context, c *apiClient, q string) (*rows, error) {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		r, err := c.query(ctx, q) // want `retry loop retries every error of c.query\(\)`
		if err == nil {
			return r, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, ctx.Err()
}

type subscriber struct {
	addr   string
	client *apiClient
	conn   *apiClient
}

// dial hands back what the constructor made.
func (s *subscriber) dial(ctx context.Context) (*apiClient, error) {
	return newClient(ctx, s.addr)
}

// Silent: a method handing back a closable client made by a constructor
// is a connect too (centrifugo's Kafka consumer; unseen triage of
// 2026-12-03).
func (s *subscriber) reconnect(ctx context.Context) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		c, err := s.dial(ctx)
		if err == nil {
			s.client = c
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// cached hands back a client it did not make: a lookup, which can fail
// for good.
func (s *subscriber) cached(ctx context.Context) (*apiClient, error) {
	if err := send(); err != nil {
		return nil, err
	}
	return s.conn, nil
}

// Flagged: the look-alike's method hands back a client it did not make.
func (s *subscriber) reuse(ctx context.Context) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		c, err := s.cached(ctx) // want `retry loop retries every error of s.cached\(\)`
		if err == nil {
			s.client = c
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// statusStream stands for a generated gRPC stream client: it embeds
// grpc.ClientStream, whose CloseSend, SendMsg and RecvMsg it has.
type statusStream interface {
	Send(status string) error
	CloseSend() error
	SendMsg(m any) error
	RecvMsg(m any) error
}

type placement struct{ stream statusStream }

// tryConnect dials and opens a stream to the placement service.
func (p *placement) tryConnect(ctx context.Context) (statusStream, error) {
	if err := send(); err != nil {
		return nil, err
	}
	return p.stream, nil
}

// Silent: opening a stream connects to its server; a loop retrying it
// through a same-package method that dials and opens one is a reconnect
// loop (dapr's placement client, unseen triage of 2026-12-03).
func (p *placement) connect(ctx context.Context) (statusStream, error) {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		s, err := p.tryConnect(ctx)
		if err == nil {
			return s, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, ctx.Err()
}
