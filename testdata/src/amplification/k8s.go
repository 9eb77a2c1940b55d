package amplification

import (
	"context"
	"errors"
	"net/http"

	backoff "github.com/cenkalti/backoff/v4"
	"k8s.io/client-go/util/retry"
)

var errForbidden = errors.New("forbidden")

func isForbidden(err error) bool { return errors.Is(err, errForbidden) } // want isForbidden:`narrow`

func fetchConfig(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://config.example/v1", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// loadConfig retries a forbidden read, k8s's way.
func loadConfig(ctx context.Context) error { // want loadConfig:`retries\(amplification\.loadConfig, 4 attempts\)`
	return retry.OnError(retry.DefaultBackoff, isForbidden, func() error { return fetchConfig(ctx) })
}

// Silent: k8s's RetryOnConflict as the outer layer, though it hands its
// operation to OnError, which makes it a helper too (cloudnative-pg's
// pgbouncer manager; unseen triage of 2026-12-03).
func onEvent(ctx context.Context) error { // want onEvent:`retries\(amplification\.onEvent, 5 attempts\)`
	return retry.RetryOnConflict(retry.DefaultRetry, func() error { return loadConfig(ctx) })
}

// refreshed is a helper of the codebase's own on k8s's OnError.
func refreshed(ctx context.Context, cb func() error) error { // want refreshed:`retries\(amplification\.refreshed, 4 attempts\)`
	return retry.OnError(retry.DefaultBackoff, func(error) bool { return true }, func() error {
		if err := fetchConfig(ctx); err != nil {
			return err
		}
		return cb()
	})
}

// viaRefreshed is another helper, one level up.
func viaRefreshed(ctx context.Context, cb func() error) error { // want viaRefreshed:`retries\(amplification\.viaRefreshed -> amplification\.refreshed, 4 attempts\)`
	return refreshed(ctx, cb)
}

// Silent: the outer layer is k8s's OnError reached through two helpers
// (cloudnative-pg's retryWithRefreshedCluster).
func patchStatus(ctx context.Context) error { // want patchStatus:`retries\(amplification\.patchStatus -> amplification\.loadConfig, 4 attempts\)`
	return viaRefreshed(ctx, func() error { return loadConfig(ctx) })
}

// withBackoff is a helper on cenkalti's backoff.
func withBackoff(ctx context.Context, op func() error) error { // want withBackoff:`retries\(amplification\.withBackoff, 4 attempts\)`
	return backoff.Retry(op, backoff.WithContext(backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 3), ctx))
}

// Flagged: the look-alike's outer helper is not k8s's.
func patchStatusBackoff(ctx context.Context) error { // want patchStatusBackoff:`retries\(amplification\.patchStatusBackoff -> amplification\.withBackoff, 4 attempts\)`
	return withBackoff(ctx, func() error { return loadConfig(ctx) }) // want `operation retried by amplification\.withBackoff \(4 attempts\) calls amplification\.loadConfig, which tries 4 times itself: up to 16 calls per operation`
}
