package backoff

import (
	"context"
	"os"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// Silent: a policy whose every attempt is a local operating-system call
// waits for this machine, not a server (cri-o waiting for conmon to
// write a container's exit file; unseen triage of 2026-12-03).
func waitExitFile(ctx context.Context, path string) error {
	return wait.ExponentialBackoffWithContext(ctx, wait.Backoff{Duration: 500 * time.Millisecond, Factor: 1.2, Steps: 6}, func(ctx context.Context) (bool, error) {
		_, err := os.Stat(path)
		return err == nil, nil
	})
}

// Flagged: the look-alike's condition also asks a server.
func waitExitReported(ctx context.Context, path string) error {
	return wait.ExponentialBackoffWithContext(ctx, wait.Backoff{Duration: 500 * time.Millisecond, Factor: 1.2, Steps: 6}, func(ctx context.Context) (bool, error) { // want `retry policy backs off exponentially without jitter`
		if _, err := os.Stat(path); err != nil {
			return false, nil
		}
		return op() == nil, nil
	})
}
