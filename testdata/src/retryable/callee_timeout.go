package retryable

import (
	"context"
	"errors"
	"time"
)

// runWithTimeout runs a command under a timeout of its own, failing with
// context.DeadlineExceeded when it passes.
func runWithTimeout(d time.Duration, cmd string) error { return send() }

// Silent: the DeadlineExceeded retried is the command's own timeout,
// kept inside the callee, which is not handed the caller's context
// (rook's dashboard certificate; unseen triage of 2026-12-03; docs/model.md,
// per-attempt deadlines).
func createCert(ctx context.Context) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for attempt := 0; attempt < 5; attempt++ {
		err := runWithTimeout(15*time.Second, "create-cert")
		if errors.Is(err, context.DeadlineExceeded) {
			continue
		}
		if err == nil || !isTransient(err) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Flagged: the look-alike's attempt is handed the caller's context, so
// its DeadlineExceeded is the caller's.
func createCertCtx(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := opCtx(ctx)
		if errors.Is(err, context.DeadlineExceeded) { // want `retry loop recognises the caller's context error`
			continue
		}
		if err == nil || !isTransient(err) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}
