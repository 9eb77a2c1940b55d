package ctxerr

import (
	"context"
	"time"

	"github.com/cenkalti/backoff/v4"
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

// Silent: three retries 200ms apart, 600ms in all, a quick retry of a
// constant policy (docs/model.md, Constants by another name).
func constantQuick(ctx context.Context, op func() error) error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewConstantBackOff(200*time.Millisecond), 3))
}

// Flagged: the look-alike's three retries 500ms apart wait 1.5s.
func constantSlower(ctx context.Context, op func() error) error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewConstantBackOff(500*time.Millisecond), 3)) // want `backoff.Retry retries without ctx`
}
