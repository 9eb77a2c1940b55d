// Package store retries on its own, in ways its callers cannot see but
// through the Retries fact.
package store

import (
	"context"
	"errors"
	"time"

	backoff "github.com/cenkalti/backoff/v4"
)

var ErrConflict = errors.New("conflict")

// Backend is where the store writes.
var Backend interface {
	Put(ctx context.Context, key string) error
}

func put(ctx context.Context, key string) error { return Backend.Put(ctx, key) }

// Save tries up to 3 times (2 retries).
func Save(ctx context.Context, key string) error { // want Save:`retries\(store\.Save, 3 attempts\)`
	return backoff.Retry(func() error { return put(ctx, key) },
		backoff.WithContext(backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 2), ctx))
}

// Fetch tries up to 4 times with a loop of its own.
func Fetch(ctx context.Context, key string) error { // want Fetch:`retries\(store\.Fetch, 4 attempts\)`
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		if err = put(ctx, key); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second << attempt):
		}
	}
	return err
}

// Load retries through Fetch, two calls down.
func Load(ctx context.Context, key string) error { return load(ctx, key) } // want Load:`retries\(store\.Load \-> store\.load \-> store\.Fetch, 4 attempts\)`

func load(ctx context.Context, key string) error { return Fetch(ctx, key) } // want load:`retries\(store\.load \-> store\.Fetch, 4 attempts\)`

// Watch retries until the context ends: no constant bound.
func Watch(ctx context.Context, key string) error { // want Watch:`retries\(store\.Watch, \-1 attempts\)`
	for {
		if err := put(ctx, key); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Refresh retries once at once, after refreshing a token: no wait, so
// not a retry that multiplies.
func Refresh(ctx context.Context, key string) error {
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		if err = put(ctx, key); err == nil {
			return nil
		}
		renewToken()
	}
	return err
}

func renewToken() {}

// Start starts a worker that reconnects on its own: the goroutine is no
// part of the call.
func Start(ctx context.Context) error {
	go func() {
		for {
			if err := put(ctx, "conn"); err == nil {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
		}
	}()
	return put(ctx, "hello")
}

// Interceptor makes a retrying interceptor: the retry is in the closure
// it returns, which runs later around each call made through it. Making
// it retries nothing, so it has no Retries fact (dapr's scheduler
// client.New, through go-grpc-middleware's UnaryClientInterceptor).
func Interceptor() func(ctx context.Context, key string) error {
	return func(ctx context.Context, key string) error {
		for attempt := 0; attempt < 3; attempt++ {
			if err := put(ctx, key); err == nil {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Second << attempt):
			}
		}
		return errors.New("gave up")
	}
}

// Middleware returns a closure that calls Save: the closure retries, not
// the call that makes it.
func Middleware() func(ctx context.Context) error {
	return func(ctx context.Context) error { return Save(ctx, "k") }
}

// SaveNow runs the same retrying closure at once: that is part of the
// call.
func SaveNow(ctx context.Context, key string) error { // want SaveNow:`retries\(store\.SaveNow, 3 attempts\)`
	return func() error {
		for attempt := 0; attempt < 3; attempt++ {
			if err := put(ctx, key); err == nil {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Second << attempt):
			}
		}
		return errors.New("gave up")
	}()
}

// Processor makes an event processor in a variable and returns it; the
// closure it calls for each event is made the same way. Neither runs
// while Processor does (seaweedfs's makeEventProcessor, whose returned
// func writes each event with util.Retry).
func Processor(ctx context.Context) (func(key string) error, error) {
	write := func(key string) error { return Save(ctx, key) }
	each := func(key string) error {
		if key == "" {
			return nil
		}
		return write(key)
	}
	return each, put(ctx, "hello")
}

// ProcessNow makes the same closure and calls it at once: the retry is
// part of the call.
func ProcessNow(ctx context.Context) error { // want ProcessNow:`retries\(store\.ProcessNow \-> store\.Save, 3 attempts\)`
	each := func(key string) error { return Save(ctx, key) }
	return each("k")
}
