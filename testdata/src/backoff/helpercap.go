package backoff

import (
	"context"
	"time"
)

// retryDelay grows from 25ms and stops at 500ms from the fifth attempt
// on: an early return for large attempts is a cap (fission's
// envSpecializeRetryDelay).
func retryDelay(i int) time.Duration {
	const step, most = 25 * time.Millisecond, 500 * time.Millisecond
	if i >= 5 {
		return most
	}
	return step << i
}

// untilDeadline waits what retryDelay says, jittered, until a deadline:
// capped by the helper, silent.
func untilDeadline(ctx context.Context) error {
	deadline := time.Now().Add(7 * time.Minute)
	for attempt := 0; time.Now().Before(deadline); attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(retryDelay(attempt))); err != nil {
			return err
		}
	}
	return errDown
}

// guardedDelay returns early only for a negative attempt: that guards
// the shift, it caps nothing.
func guardedDelay(i int) time.Duration {
	if i < 0 {
		return 0
	}
	return 25 * time.Millisecond << i
}

func untilDeadlineUncapped(ctx context.Context) error {
	deadline := time.Now().Add(7 * time.Minute)
	for attempt := 0; time.Now().Before(deadline); attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(guardedDelay(attempt))); err != nil { // want `retry loop's exponential wait has no cap`
			return err
		}
	}
	return errDown
}
