package amplification

import (
	"context"
	"errors"

	retry "github.com/avast/retry-go/v4"

	"amplification/retryx"
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
