package ctxerr

import (
	"context"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// Silent: five steps of 100ms, jittered up to twice that, wait at most
// 800ms in all: a quick retry, which delays a cancellation by less than
// a second (cluster-api's patch helper; unseen triage of 2026-12-03;
// docs/model.md, Quick retries).
func patchQuick(ctx context.Context) error {
	b := wait.Backoff{Steps: 5, Duration: 100 * time.Millisecond, Jitter: 1.0}
	return wait.ExponentialBackoff(b, func() (bool, error) {
		return op() == nil, nil
	})
}

// Flagged: the look-alike's five steps of 400ms wait up to 3.2s.
func patchSlower(ctx context.Context) error {
	b := wait.Backoff{Steps: 5, Duration: 400 * time.Millisecond, Jitter: 1.0}
	return wait.ExponentialBackoff(b, func() (bool, error) { // want `wait.ExponentialBackoff retries without ctx`
		return op() == nil, nil
	})
}
