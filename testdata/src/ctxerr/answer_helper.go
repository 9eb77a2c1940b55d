package ctxerr

import (
	"context"
	"errors"
	"time"
)

var errHidden = errors.New("element is hidden")

// mayRetry waits 20ms before another try of a hidden element, and
// answers false, with the context's error, once the context ends.
func mayRetry(ctx context.Context, err error) (bool, error) {
	if !errors.Is(err, errHidden) {
		return false, nil
	}
	select {
	case <-ctx.Done():
		return false, ctx.Err()
	case <-time.After(20 * time.Millisecond):
		return true, nil
	}
}

// Silent: the loop leaves when mayRetry answers false, which it does
// when ctx ends; the other tries of the iteration (a scroll position
// each) do not hide that (k6's retryPointerAction; unseen triage of
// 2026-12-03).
func clickAt(ctx context.Context, try func(context.Context, int) error) error {
	for {
		err := try(ctx, 0)
		if err == nil {
			return nil
		}
		for _, pos := range []int{1, 2, 3} {
			if err = try(ctx, pos); err == nil {
				return nil
			}
		}
		again, werr := mayRetry(ctx, err)
		if !again {
			if werr != nil {
				return werr
			}
			return err
		}
	}
}

// pauseHidden waits 20ms before another try of a hidden element; it
// is not handed the context.
func pauseHidden(err error) bool {
	if !errors.Is(err, errHidden) {
		return false
	}
	time.Sleep(20 * time.Millisecond)
	return true
}

// Flagged: the look-alike's helper is not handed ctx, and nothing else
// in the loop looks at it.
func clickBlind(ctx context.Context, try func(context.Context, int) error) error {
	for {
		err := try(ctx, 0)
		if err == nil {
			return nil
		}
		for _, pos := range []int{1, 2, 3} {
			if err = try(ctx, pos); err == nil {
				return nil
			}
		}
		if again := pauseHidden(err); !again { // want `retry loop never observes ctx`
			return err
		}
	}
}
