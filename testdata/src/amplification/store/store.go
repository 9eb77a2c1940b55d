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
