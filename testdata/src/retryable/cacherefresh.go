package retryable

import (
	"context"
	"errors"
	"time"
)

type namespaceStore interface {
	ListNamespaces(ctx context.Context) error
}

type registry struct {
	store namespaceStore
}

func (r *registry) refresh(ctx context.Context) error {
	return r.store.ListNamespaces(ctx)
}

// Silent: a periodic cache refresh that retries a failed refresh every
// second until it succeeds. Its function returns an error only to fit a
// runner's signature: every return gives nil, so a permanent error has
// no caller to go to, and the next tick would run the same read again
// anyway (temporal's namespace registry and cluster metadata refresh).
func (r *registry) runPollingLoop(ctx context.Context) error {
	timer := time.NewTimer(time.Minute)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
			err := r.refresh(ctx)
			for err != nil {
				retry := time.NewTimer(time.Second)
				select {
				case <-ctx.Done():
					return nil
				case <-retry.C:
				}
				err = r.refresh(ctx)
			}
		}
		timer.Reset(time.Minute)
	}
}

var errStopped = errors.New("stopped")

// Flagged: the look-alike hands an error to its caller on one path, so
// a permanent failure of the refresh could go there instead of being
// retried every second.
func (r *registry) runPollingLoopOrFail(ctx context.Context, stopped func() bool) error {
	timer := time.NewTimer(time.Minute)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
			if stopped() {
				return errStopped
			}
			err := r.refresh(ctx)
			for err != nil {
				retry := time.NewTimer(time.Second)
				select {
				case <-ctx.Done():
					return nil
				case <-retry.C:
				}
				err = r.refresh(ctx) // want `retry loop retries every error of r.refresh\(\)`
			}
		}
		timer.Reset(time.Minute)
	}
}

// Silent: the same refresh with the attempt in the loop's own clauses;
// the return on the context's end gives nil, no failure (temporal's
// cluster metadata refresh).
func (r *registry) refreshLoop(ctx context.Context) error {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
			for err := r.refresh(ctx); err != nil; err = r.refresh(ctx) {
				retry := time.NewTimer(time.Second)
				select {
				case <-retry.C:
				case <-ctx.Done():
					retry.Stop()
					return nil
				}
			}
		}
	}
}

// Flagged: the look-alike returns the context's error from the retry.
func (r *registry) refreshLoopOrFail(ctx context.Context) error {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
			for err := r.refresh(ctx); err != nil; err = r.refresh(ctx) { // want `retry loop retries every error of r.refresh\(\)`
				retry := time.NewTimer(time.Second)
				select {
				case <-retry.C:
				case <-ctx.Done():
					retry.Stop()
					return ctx.Err()
				}
			}
		}
	}
}
