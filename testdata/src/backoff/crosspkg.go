package backoff

import (
	"context"
	"time"

	"backoff/randutil"
)

// fullJitter waits a random time up to a doubling, capped bound, the
// randomness from another package (containerd's content.OpenWriter).
// Silent.
func fullJitter(ctx context.Context) error {
	retry := 16
	for {
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-time.After(time.Millisecond * time.Duration(randutil.Intn(retry))):
			if retry < 2048 {
				retry = retry << 1
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// notJitter uses the wrapper's non-random function: no jitter.
func notJitter(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, time.Duration(randutil.Seed())*base<<attempt); err != nil { // want `without jitter`
			return err
		}
	}
	return errDown
}
