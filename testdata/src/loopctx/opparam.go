package loopctx

import (
	"context"

	"helperlib/retry"
)

// Silent: the context assigned back is the operation's own parameter,
// handed in afresh on every attempt, so nothing nests (k0s's watcher;
// unseen triage of 2026-12-03).
func watchUntil(ctx context.Context) error {
	return retry.Do(ctx, 3, func(ctx context.Context) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return ping(ctx)
	})
}

// Flagged: the look-alike assigns back to the caller's context, which
// outlives the attempt.
func watchNested(ctx context.Context) error {
	return retry.Do(ctx, 3, func(context.Context) error {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx) // want `context.WithCancel assigned back to its parent ctx inside an operation retried by retry.Do nests a new context on every attempt`
		defer cancel()
		return ping(ctx)
	})
}
