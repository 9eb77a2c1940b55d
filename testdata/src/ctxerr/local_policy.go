package ctxerr

import (
	"context"
	"os"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

var exitBackoff = wait.Backoff{Duration: 500 * time.Millisecond, Factor: 1.2, Steps: 6}

// Silent: the condition only looks for a file another process writes on
// this machine; the wait asks no server, as a loop of local attempts
// does not (cri-o's exit files; unseen triage of 2026-12-03).
func waitExitFile(ctx context.Context, path string) error {
	return wait.ExponentialBackoff(exitBackoff, func() (bool, error) {
		_, err := os.Stat(path)
		return err == nil, nil
	})
}

// Flagged: the look-alike also asks a server each time.
func waitExitAndAsk(ctx context.Context, path string) error {
	return wait.ExponentialBackoff(exitBackoff, func() (bool, error) { // want `wait.ExponentialBackoff retries without ctx`
		if _, err := os.Stat(path); err != nil {
			return false, nil
		}
		return op() == nil, nil
	})
}
