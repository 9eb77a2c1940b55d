package inventory

import (
	"math/rand/v2"
	"time"
)

// capped is 1s doubling per attempt, capped at 5s.
func capped(n int) time.Duration {
	return min(time.Second<<n, 5*time.Second)
}

// HelperCapped: 5 attempts, a wait from the same-package helper
// capped(i) after each but the last: 1s, 2s, 4s, then 5s (8s capped),
// 12s in all.
func HelperCapped() error {
	var err error
	for i := range 5 {
		if err = op(); err == nil {
			return nil
		}
		if i < 4 {
			time.Sleep(capped(i))
		}
	}
	return err
}

// spread is 100ms doubling per attempt, plus up to as much again at
// random.
func spread(n int) time.Duration {
	d := 100 * time.Millisecond << n
	return d + time.Duration(rand.Int64N(int64(d)))
}

// HelperJitter: attempts 1 to 3, a jittered wait before each retry
// (attempt > 1): 400ms and 800ms, jitter at its largest (twice the
// base), 1.2s in all.
func HelperJitter() error {
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if attempt > 1 {
			time.Sleep(spread(attempt - 1))
		}
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}

// FromCaller waits what the caller says: bounded, but the total is not
// known.
func FromCaller(base time.Duration) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(base)
	}
	return err
}

// UntilDeadline waits a duration another package computes: not known.
func UntilDeadline(deadline time.Time) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Until(deadline) / 10)
	}
	return err
}
