package ctxerr

import (
	"context"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

var labelsBackoff = wait.Backoff{Steps: 5, Duration: time.Second, Factor: 2, Jitter: 0.1}

var getLabels func(ctx context.Context, name string) (map[string]string, error)

// Silent: each attempt opens with a read handed ctx, and any failure of
// it stops the wait, so once ctx ends the next attempt ends the wait
// (argo-events' resource-labels trigger policy; unseen triage of
// 2026-12-03). What goes round is a successful read whose labels do not
// match yet.
func awaitLabels(ctx context.Context, name, want string) error {
	return wait.ExponentialBackoff(labelsBackoff, func() (bool, error) {
		labels, err := getLabels(ctx, name)
		if err != nil {
			return false, err
		}
		return labels["phase"] == want, nil
	})
}

// Flagged: the look-alike retries the failed read, which fails at once
// after a cancellation and goes round until the steps run out.
func awaitLabelsRetrying(ctx context.Context, name, want string) error {
	return wait.ExponentialBackoff(labelsBackoff, func() (bool, error) { // want `wait.ExponentialBackoff retries without ctx`
		labels, err := getLabels(ctx, name)
		if err != nil {
			return false, nil
		}
		return labels["phase"] == want, nil
	})
}

// Flagged: the look-alike's read is not handed the context.
func awaitLabelsDetached(ctx context.Context, name, want string) error {
	return wait.ExponentialBackoff(labelsBackoff, func() (bool, error) { // want `wait.ExponentialBackoff retries without ctx`
		labels, err := getLabels(context.Background(), name)
		if err != nil {
			return false, err
		}
		return labels["phase"] == want, nil
	})
}

var runCmd func(args ...string) ([]byte, error)

func logf(ctx context.Context, msg string) string { return msg }

// imageInUse runs a command that is not handed ctx: ctx only feeds the
// log.
func imageInUse(ctx context.Context, name string) (bool, error) {
	_ = logf(ctx, "status "+name)
	out, err := runCmd("status", name)
	if err != nil {
		return false, err
	}
	return len(out) > 0, nil
}

// Flagged: the opening call is handed ctx but cannot fail by it, so a
// cancellation does not end the wait (ceph-csi's image watcher wait in
// NodeStage, a true finding of 2026-12-03).
func awaitImageFree(ctx context.Context, name string) error {
	return wait.ExponentialBackoff(labelsBackoff, func() (bool, error) { // want `wait.ExponentialBackoff retries without ctx`
		used, err := imageInUse(ctx, name)
		if err != nil {
			return false, err
		}
		return !used, nil
	})
}

// readLabels hands ctx to a read that can fail by it.
func readLabels(ctx context.Context, name string) (map[string]string, error) {
	return getLabels(ctx, name)
}

// Silent: a function of the package that hands ctx on to a call that
// can fail.
func awaitLabelsVia(ctx context.Context, name, want string) error {
	return wait.ExponentialBackoff(labelsBackoff, func() (bool, error) {
		labels, err := readLabels(ctx, name)
		if err != nil {
			return false, err
		}
		return labels["phase"] == want, nil
	})
}
