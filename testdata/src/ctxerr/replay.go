package ctxerr

import (
	"context"
	"errors"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

var replayEvents func(ctx context.Context) error

// Silent: the condition is not handed ctx, but its attempt is, and it
// gives up with the attempt's error once that is the cancellation: a
// condition's error stops wait.ExponentialBackoff (gatekeeper's event
// replay; unseen triage of 2026-12-03).
func replay(ctx context.Context) error {
	b := wait.Backoff{Duration: time.Second, Factor: 2, Steps: 5}
	return wait.ExponentialBackoff(b, func() (bool, error) {
		err := replayEvents(ctx)
		if err != nil && !errors.Is(err, context.Canceled) {
			return false, nil
		}
		if errors.Is(err, context.Canceled) {
			return false, err
		}
		return true, nil
	})
}

// Flagged: the look-alike logs the cancellation and retries it.
func replayRegardless(ctx context.Context) error {
	b := wait.Backoff{Duration: time.Second, Factor: 2, Steps: 5}
	return wait.ExponentialBackoff(b, func() (bool, error) { // want `wait.ExponentialBackoff retries without ctx`
		err := replayEvents(ctx)
		if errors.Is(err, context.Canceled) {
			return false, nil
		}
		return err == nil, nil
	})
}
