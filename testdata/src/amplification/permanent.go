package amplification

import (
	"context"
	"errors"

	retry "github.com/avast/retry-go/v4"

	"amplification/retryx"
)

// Silent: the operation calls putPart, which retries itself, but marks
// its failure as final, so the outer retry stops there (goreleaser's
// release upload deleting an existing asset; unseen triage of
// 2026-12-03).
func uploadReplacing(ctx context.Context) error { // want uploadReplacing:`retries\(amplification\.uploadReplacing, 5 attempts\)`
	return retry.Do(func() error {
		if err := store.Backend.Put(ctx, "asset"); err == nil {
			return nil
		}
		if delErr := putPart(ctx, 0); delErr != nil {
			return retryx.Unrecoverable(delErr)
		}
		return nil
	}, retry.Attempts(5))
}

// Silent: the same, marked in place, through a marker of a marker.
func uploadReplacingInPlace(ctx context.Context) error { // want uploadReplacingInPlace:`retries\(amplification\.uploadReplacingInPlace, 5 attempts\)`
	return retry.Do(func() error {
		return retryx.Final(putPart(ctx, 1))
	}, retry.Attempts(5))
}

// Flagged: the look-alike logs the inner retry's failure and hands it
// back to the outer retry as it is.
func uploadReplacingRetried(ctx context.Context) error { // want uploadReplacingRetried:`retries\(amplification\.uploadReplacingRetried, 5 attempts\)`
	return retry.Do(func() error {
		if delErr := putPart(ctx, 2); delErr != nil { // want `operation retried by retry.Do \(5 attempts\) calls amplification.putPart, which tries 4 times itself`
			_ = retryx.Unrecoverable(nil)
			return delErr
		}
		return nil
	}, retry.Attempts(5))
}

var errNotSettled = errors.New("not settled yet")

// settled reports whether part n has settled.
func settled(n int) (bool, error) { return n > 0, nil }

// Silent: a later := declares err again for another call; assigning it
// is no use of the inner retry's failure, which is only ever handed
// back marked final (lego's authorization poll; unseen triage of
// 2026-12-03).
func uploadSettled(ctx context.Context) error { // want uploadSettled:`retries\(amplification\.uploadSettled, 5 attempts\)`
	return retry.Do(func() error {
		err := putPart(ctx, 3)
		if err != nil {
			return retryx.Unrecoverable(err)
		}
		done, err := settled(3)
		if err != nil {
			return retryx.Unrecoverable(err)
		}
		if !done {
			return errNotSettled
		}
		return nil
	}, retry.Attempts(5))
}
