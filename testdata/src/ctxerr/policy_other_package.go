package ctxerr

import (
	"context"

	"github.com/cenkalti/backoff/v4"

	"ctxerr/dialer"
)

// Silent: the policy comes from another package's constructor handed
// ctx. Its body is not read, and a constructor that takes a context
// binds the policy to it (netbird's nbgrpc.Backoff(ctx), three false
// findings; unseen triage of 2026-12-03).
func syncShared(ctx context.Context) error {
	return backoff.Retry(op, dialer.Backoff(ctx))
}

// Flagged: the look-alike's constructor is handed no context.
func syncSharedPlain(ctx context.Context) error {
	return backoff.Retry(op, dialer.Plain()) // want `backoff.Retry retries without ctx`
}

// Flagged: the constructor is handed a context of its own while ctx is
// in scope.
func syncSharedDetached(ctx context.Context) error {
	return backoff.Retry(op, dialer.Backoff(context.Background())) // want `backoff.Retry is handed a context derived from context.Background while ctx is in scope`
}
