package loopctx

import (
	"context"
	"time"

	backoff "github.com/cenkalti/backoff/v4"
)

var stopCapture func(ctx context.Context) error

// Silent: a deferred cleanup runs once the attempt failed, when the
// caller's context may have ended; it needs a bounded context of its own
// (weaviate's replication consumer stopping its change capture; unseen
// triage of 2026-12-03).
func copyWithCleanup(ctx context.Context) error {
	return backoff.Retry(func() (retErr error) {
		defer func() {
			if retErr == nil {
				return
			}
			cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = stopCapture(cctx)
		}()
		return ping(ctx)
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Flagged: the look-alike makes the same context for the attempt itself.
func copyDetached(ctx context.Context) error {
	return backoff.Retry(func() error {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // want `context.WithTimeout from context.Background\(\) inside an operation retried by backoff.Retry ignores the caller's cancellation`
		defer cancel()
		return ping(cctx)
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}
