package amplification

import (
	"context"
	"errors"
	"time"
)

var errConflict = errors.New("conflict")

func isConflict(err error) bool { return errors.Is(err, errConflict) } // want isConflict:`narrow`

func always(error) bool { return true }

// retryIf retries fn while pred says the failure is worth it.
func retryIf(fn func() error, pred func(error) bool) error { // want retryIf:`retries\(amplification\.retryIf, 10 attempts\)`
	var err error
	for i := 0; i < 10; i++ {
		if err = fn(); err == nil {
			return nil
		}
		if !pred(err) {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
	return err
}

// retryOnConflict fixes retryIf's classifier to a narrow one.
func retryOnConflict(fn func() error) error { // want retryOnConflict:`retries\(amplification\.retryOnConflict -> amplification\.retryIf, 10 attempts\)` retryOnConflict:`narrow`
	return retryIf(fn, isConflict)
}

// retryAlways fixes it to one that answers true for everything.
func retryAlways(fn func() error) error { // want retryAlways:`retries\(amplification\.retryAlways -> amplification\.retryIf, 10 attempts\)`
	return retryIf(fn, always)
}

// Silent: the outer helper retries only conflicts, which the inner
// retry's give-up is not (longhorn's RetryOnConflictCause; unseen
// triage of 2026-12-03).
func trimOnConflict(ctx context.Context) error { // want trimOnConflict:`retries\(amplification\.trimOnConflict -> amplification\.loadConfig, 4 attempts\)`
	return retryOnConflict(func() error { return loadConfig(ctx) })
}

// Flagged: the look-alike's outer helper retries every failure.
func trimAlways(ctx context.Context) error { // want trimAlways:`retries\(amplification\.trimAlways -> amplification\.loadConfig, 4 attempts\)`
	return retryAlways(func() error { return loadConfig(ctx) }) // want `operation retried by amplification\.retryAlways \(10 attempts\) calls amplification\.loadConfig, which tries 4 times itself: up to 40 calls per operation`
}
