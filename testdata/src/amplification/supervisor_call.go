package amplification

import (
	"context"

	"github.com/cenkalti/backoff/v4"

	"amplification/store"
)

var runEngine func(ctx context.Context) error

// Silent: the operation connects (store.Save retries inside), starts the
// engine, then holds until the engine's context ends and returns nil: a
// long-running task, and backoff.Retry restarting it a supervisor, not a
// retry layer (netbird's client engine; unseen triage of 2026-12-03).
func superviseEngine(ctx context.Context) error {
	op := func() error {
		if ctx.Err() != nil {
			return nil
		}
		engineCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		if err := store.Save(engineCtx, "session"); err != nil {
			return err
		}
		if err := runEngine(engineCtx); err != nil {
			return err
		}
		<-engineCtx.Done()
		return nil
	}
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Flagged: the look-alike returns once the engine started; each
// failure to connect is retried at both layers.
func startEngine(ctx context.Context) error { // want startEngine:`retries\(amplification\.startEngine, \-1 attempts\)`
	op := func() error {
		engineCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		if err := store.Save(engineCtx, "session"); err != nil { // want `operation retried by backoff.Retry calls store.Save, which retries again inside each attempt`
			return err
		}
		return runEngine(engineCtx)
	}
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Silent: the daemon restarts the client, whose own supervisor holds
// until the context ends; what store.Save retries inside it is no retry
// of superviseEngine's (netbird's daemon around its client; unseen
// triage of 2026-12-03).
func restartClient(ctx context.Context) error { // want restartClient:`retries\(amplification\.restartClient, \-1 attempts\)`
	return backoff.Retry(func() error { return superviseEngine(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Flagged: the look-alike restarts startEngine, which returns once the
// engine started and retries store.Save inside each attempt.
func restartStart(ctx context.Context) error { // want restartStart:`retries\(amplification\.restartStart, \-1 attempts\)`
	return backoff.Retry(func() error { return startEngine(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx)) // want `operation retried by backoff.Retry calls amplification.startEngine, which retries again inside each attempt`
}
