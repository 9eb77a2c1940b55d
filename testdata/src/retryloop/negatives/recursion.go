package negatives

import (
	"context"
	"time"
)

// Retry by recursion is out of scope (README, "What counts as a
// retry"): a function that waits and calls itself on failure is not
// recognised, so none of the checks report it. The two forms below are
// the ones met in real code.

// recurse retries by calling itself with one attempt fewer.
func recurse(ctx context.Context, n int) error {
	if err := op(); err == nil || n == 0 {
		return err
	}
	time.Sleep(time.Second)
	return recurse(ctx, n-1)
}

// recurseForever retries by calling itself with the same arguments.
func recurseForever() error {
	if err := op(); err != nil {
		time.Sleep(time.Second)
		return recurseForever()
	}
	return nil
}
