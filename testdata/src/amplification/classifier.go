package amplification

import (
	"context"
	"errors"
	"syscall"
	"time"

	retry "github.com/avast/retry-go/v4"

	"amplification/retryx"
	"amplification/store"
)

var errRejected = errors.New("rejected")

// Silent: the outer retry retries only the network failures its
// classifier names, of another package; putPart gives up with its own
// error, which the outer retry does not retry (goreleaser's Mastodon
// announcement, unseen triage of 2026-12-03).
func announce(ctx context.Context) error { // want announce:`retries\(amplification\.announce -> retryx\.Do, 3 attempts\)`
	return retryx.Do(ctx, func() error {
		return putPart(ctx, 7)
	}, retryx.IsNetworkError)
}

// Silent: a literal classifier handed to retry-go names what it retries.
func announceInline(ctx context.Context) error { // want announceInline:`retries\(amplification\.announceInline, 5 attempts\)`
	return retry.Do(func() error {
		return putPart(ctx, 8)
	}, retry.Attempts(5), retry.RetryIf(func(err error) bool {
		if errors.Is(err, errRejected) {
			return true
		}
		return false
	}))
}

// Flagged: the look-alike's classifier retries every failure but one,
// the inner retry's give-up among them.
func announceAll(ctx context.Context) error { // want announceAll:`retries\(amplification\.announceAll -> retryx\.Do, 3 attempts\)`
	return retryx.Do(ctx, func() error {
		return putPart(ctx, 9) // want `operation retried by retryx.Do \(3 attempts\) calls amplification.putPart, which tries 4 times itself`
	}, retryx.Retriable)
}

// Flagged: a literal that answers true for what it does not recognise.
func announceUnless(ctx context.Context) error { // want announceUnless:`retries\(amplification\.announceUnless, 5 attempts\)`
	return retry.Do(func() error {
		return putPart(ctx, 10) // want `operation retried by retry.Do \(5 attempts\) calls amplification.putPart, which tries 4 times itself`
	}, retry.Attempts(5), retry.RetryIf(func(err error) bool {
		return !errors.Is(err, errRejected)
	}))
}

// runScript retries only while the kernel refuses to run a script still
// open for writing: it waits for this machine, so it is no retry that
// multiplies (no Retries fact).
func runScript(ctx context.Context) error {
	for attempts := 1; ; attempts++ {
		err := store.Backend.Put(ctx, "script")
		if attempts <= 20 && errors.Is(err, syscall.ETXTBSY) {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		return err
	}
}

// runScriptOrReset also retries a reset connection: a retry.
func runScriptOrReset(ctx context.Context) error { // want runScriptOrReset:`retries\(amplification\.runScriptOrReset, 21 attempts\)`
	for attempts := 1; ; attempts++ {
		err := store.Backend.Put(ctx, "script")
		if attempts <= 20 && (errors.Is(err, syscall.ETXTBSY) || errors.Is(err, syscall.ECONNRESET)) {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		return err
	}
}

// Silent: the checkout's retry runs a script whose own retry waits for
// this machine (buildkite's agent; unseen triage of 2026-12-03).
func checkout(ctx context.Context) error { // want checkout:`retries\(amplification\.checkout, 5 attempts\)`
	return retry.Do(func() error {
		return runScript(ctx)
	}, retry.Attempts(5))
}

// Flagged: the look-alike's script retry also waits out a remote reset.
func checkoutRemote(ctx context.Context) error { // want checkoutRemote:`retries\(amplification\.checkoutRemote, 5 attempts\)`
	return retry.Do(func() error {
		return runScriptOrReset(ctx) // want `operation retried by retry.Do \(5 attempts\) calls amplification.runScriptOrReset, which tries 21 times itself`
	}, retry.Attempts(5))
}
