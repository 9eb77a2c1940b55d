package fixedsleep

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

var errNoFiler = errors.New("no filer")

func fetchConfig(ctx context.Context, addr string) (string, error) { return "", fail(errNoFiler) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

// Silent: a server waits at start-up for its dependency, then serves
// (seaweedfs's iam and s3 gateways). It runs once in the process's life;
// its supervisor owns the give-up.
func startServer(ctx context.Context, filer string, h http.Handler) error {
	var cfg string
	for {
		c, err := fetchConfig(ctx, filer)
		if err == nil {
			cfg = c
			break
		}
		time.Sleep(time.Second)
	}
	_ = cfg
	l, err := net.Listen("tcp", ":8333")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(l) }()
	return nil
}

// The same wait in a function that serves before it: not a start-up
// wait, reported.
func serveThenRetry(ctx context.Context, filer string, h http.Handler) error {
	go func() { _ = http.ListenAndServe(":8080", h) }()
	for attempt := 0; attempt < 10; attempt++ {
		if _, err := fetchConfig(ctx, filer); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
	}
	return errNoFiler
}

// Silent: a constructor of the server waits for its dependency before it
// builds what its caller will serve (etcd's gRPC proxy, waiting for one
// linearizable read before it serves, unseen triage of 2026-12-02): a
// function that returns a server runs at start-up.
func newServer(ctx context.Context, filer string, h http.Handler) *http.Server {
	for {
		if _, err := fetchConfig(ctx, filer); err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	return &http.Server{Handler: h}
}

// Flagged: the look-alike returns a client, which is made whenever it is
// needed, not once at start-up.
func newClient(ctx context.Context, filer string) *http.Client {
	for {
		if _, err := fetchConfig(ctx, filer); err == nil {
			break
		}
		time.Sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
	}
	return &http.Client{}
}

// Silent: an unexported helper whose only caller serves after calling it
// waits at start-up too (longhorn's CSI manager, unseen triage of
// 2026-12-03): Run serves through a server type of its own, whose Start
// listens in a goroutine, two calls down.
func initClient(ctx context.Context, filer string) (string, error) {
	var last error
	for i := 0; i < 60; i++ {
		c, err := fetchConfig(ctx, filer)
		if err == nil {
			return c, nil
		}
		last = err
		time.Sleep(time.Second)
	}
	return "", last
}

type manager struct{ srv *grpcish }

type grpcish struct{ h http.Handler }

// Start serves in the background.
func (s *grpcish) Start(addr string) { go s.serve(addr) }

func (s *grpcish) serve(addr string) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return
	}
	_ = http.Serve(l, s.h)
}

func (m *manager) Run(ctx context.Context, filer, addr string) error {
	if _, err := initClient(ctx, filer); err != nil {
		return err
	}
	m.srv.Start(addr)
	return nil
}

// Flagged: the same helper called also from a function that does not
// serve: it runs whenever that function does.
func loadClient(ctx context.Context, filer string) (string, error) {
	var last error
	for i := 0; i < 60; i++ {
		c, err := fetchConfig(ctx, filer)
		if err == nil {
			return c, nil
		}
		last = err
		time.Sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
	}
	return "", last
}

func (m *manager) Start(ctx context.Context, filer, addr string) error {
	if _, err := loadClient(ctx, filer); err != nil {
		return err
	}
	m.srv.Start(addr)
	return nil
}

func (m *manager) Reload(ctx context.Context, filer string) error {
	_, err := loadClient(ctx, filer)
	return err
}

// Flagged: an exported helper may be called by other packages, whatever
// its callers here do.
func InitClient(ctx context.Context, filer string) (string, error) {
	var last error
	for i := 0; i < 60; i++ {
		c, err := fetchConfig(ctx, filer)
		if err == nil {
			return c, nil
		}
		last = err
		time.Sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
	}
	return "", last
}

func (m *manager) Serve(ctx context.Context, filer, addr string) error {
	if _, err := InitClient(ctx, filer); err != nil {
		return err
	}
	m.srv.Start(addr)
	return nil
}

var reconcile func(ctx context.Context) error

// Silent: a readiness probe before a worker loop that runs until its
// context ends (weaviate's drop-vector reconciliation, which waits 30 x
// 2s for the leader to answer before its rounds; unseen triage of
// 2026-12-03): it runs once in the life of that context.
func runReconciler(ctx context.Context, filer string, interval time.Duration) {
	for i := 0; i < 30; i++ {
		if ctx.Err() != nil {
			return
		}
		if _, err := fetchConfig(ctx, filer); err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	for {
		_ = reconcile(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// Flagged: the look-alike's loop returns when a round fails, so its
// caller may run it, and the probe, again.
func runConsumer(ctx context.Context, filer string, interval time.Duration) error {
	for i := 0; i < 30; i++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if _, err := fetchConfig(ctx, filer); err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second): // want `retry loop waits a fixed 2s between attempts`
		}
	}
	for {
		if err := reconcile(ctx); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(interval):
		}
	}
}

// Silent: the worker may also stop on a closed stop channel, or when its
// context's Err says so.
func runUntilStop(ctx context.Context, filer string, stop chan struct{}) {
	for i := 0; i < 30; i++ {
		if _, err := fetchConfig(ctx, filer); err == nil {
			break
		}
		time.Sleep(2 * time.Second)
	}
	for {
		if ctx.Err() != nil {
			return
		}
		select {
		case <-stop:
			return
		case <-time.After(time.Minute):
			_ = reconcile(ctx)
		}
	}
}
