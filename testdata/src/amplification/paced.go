package amplification

import (
	"context"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// onError decides, from a failure, whether to try again and after how
// long; its callers choose it.
type onError = func(error) (time.Duration, error)

// watchOnce stands for one list-and-watch against a server.
var watchOnce func(ctx context.Context) error

// retryPaced tries again only when the callback it is handed says so,
// and waits exactly what the callback answers: its policy is its
// callers', out of the analysis's sight (k0s's watch retry, whose
// callers hand it a callback that answers only a server-suggested
// delay; unseen triage of 2026-12-03). It is no retry layer.
func retryPaced(ctx context.Context, cb onError, run func(context.Context) error) error {
	for {
		err := run(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || cb == nil {
			return err
		}
		delay, err := cb(err)
		if err != nil {
			return err
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// retryOwnPace is the look-alike: the callback only classifies, and
// the helper doubles its own wait, so it retries on its own terms.
func retryOwnPace(ctx context.Context, retryable func(error) bool, run func(context.Context) error) error { // want retryOwnPace:`retries\(amplification\.retryOwnPace, \-1 attempts\)`
	delay := 100 * time.Millisecond
	for {
		err := run(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || !retryable(err) {
			return err
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		delay = min(2*delay, 10*time.Second)
	}
}

type pacedWatcher struct{ cb onError }

func (w *pacedWatcher) until(ctx context.Context) error {
	return retryPaced(ctx, w.cb, watchOnce)
}

func (w *pacedWatcher) untilOwnPace(ctx context.Context) error { // want untilOwnPace:`retries\(amplification\.pacedWatcher\.untilOwnPace -> amplification\.retryOwnPace, \-1 attempts\)`
	return retryOwnPace(ctx, func(error) bool { return true }, watchOnce)
}

// Silent: the inner wait is paced by the callback the watcher holds.
func applyPaced(ctx context.Context, w *pacedWatcher) error { // want applyPaced:`retries\(amplification\.applyPaced, \-1 attempts\)`
	return backoff.Retry(func() error { return w.until(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Flagged: the inner helper retries every failure at a pace of its own.
func applyOwnPace(ctx context.Context, w *pacedWatcher) error { // want applyOwnPace:`retries\(amplification\.applyOwnPace, \-1 attempts\)`
	return backoff.Retry(func() error { return w.untilOwnPace(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx)) // want `operation retried by backoff.Retry calls amplification.pacedWatcher.untilOwnPace, which retries again inside each attempt`
}
