// Package backoff holds the fixtures of the backoff check.
package backoff

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os/exec"
	"time"
)

var errDown = errors.New("down")

var call func() error

func op() error { return call() }

const (
	base    = 100 * time.Millisecond
	maxWait = 30 * time.Second
)

func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// jitter returns d ± 25%.
func jitter(d time.Duration) time.Duration { // want jitter:"random"
	return d - d/4 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// correct is the formula: min(base*2^n, max) with ±25% jitter. Silent.
func correct(ctx context.Context) error {
	for attempt := 0; attempt < 8; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(min(base<<attempt, maxWait))); err != nil {
			return err
		}
	}
	return errDown
}

// fourTries doubles without jitter; four tries stay small, so no cap
// finding.
func fourTries(ctx context.Context) error {
	for attempt := 0; attempt < 4; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, base<<attempt); err != nil { // want `retry loop backs off exponentially without jitter, so clients that failed together retry together; add a random jitter \(say ±25%\) to each wait`
			return err
		}
	}
	return errDown
}

// twentyTries doubles from 1s, jittered, without a cap: its last wait is
// days.
func twentyTries(ctx context.Context) error {
	for attempt := 0; attempt < 20; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(time.Second<<attempt)); err != nil { // want `retry loop's exponential wait has no cap: it grows to 17m4s, more than 10m0s; clamp it with min\(wait, maxWait\)`
			return err
		}
	}
	return errDown
}

// doubling doubles a variable, jittered, with no attempt limit and no
// cap: the wait grows without bound.
func doubling(ctx context.Context) error {
	d := time.Second
	for {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(d)); err != nil { // want `retry loop's exponential wait has no cap: it grows to 17m4s`
			return err
		}
		d *= 2
	}
}

// clamped doubles and clamps, jittered: silent.
func clamped(ctx context.Context) error {
	d := base
	for {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(d)); err != nil {
			return err
		}
		d = d * 2
		if d > maxWait {
			d = maxWait
		}
	}
}

// pow grows with math.Pow, capped, without jitter.
func pow(ctx context.Context) error {
	for attempt := 0; attempt < 6; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		d := time.Duration(math.Min(math.Pow(2, float64(attempt))*float64(base), float64(maxWait)))
		time.Sleep(d) // want `retry loop backs off exponentially without jitter`
	}
	return errDown
}

// unusedJitter computes a random value that never reaches the wait.
func unusedJitter(ctx context.Context) error {
	for attempt := 0; attempt < 6; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		r := rand.Float64()
		_ = r
		if err := wait(ctx, min(base<<attempt, maxWait)); err != nil { // want `retry loop backs off exponentially without jitter`
			return err
		}
	}
	return errDown
}

// backoffFor is a helper that grows.
func backoffFor(n int) time.Duration { return base << n }

// viaHelper grows through a helper, with no jitter and, over 20 tries
// from 100ms, no cap.
func viaHelper(ctx context.Context) error {
	for attempt := 0; attempt < 20; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, backoffFor(attempt)); err != nil { // want `without jitter` `it grows to 13m39.2s`
			return err
		}
	}
	return errDown
}

// linear and quadratic growth are not exponential: silent.
func linear(ctx context.Context) error {
	for attempt := 1; attempt < 10; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, time.Duration(attempt)*time.Second); err != nil {
			return err
		}
		if err := wait(ctx, time.Duration(attempt*attempt)*base); err != nil {
			return err
		}
	}
	return errDown
}

// twoTries waits once: nothing to back off. Silent.
func twoTries(ctx context.Context) error {
	for attempt := 0; attempt < 2; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second << attempt)
	}
	return errDown
}

// smallJittered is jittered and bounded by a small count: silent.
func smallJittered(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(time.Second<<attempt)); err != nil {
			return err
		}
	}
	return errDown
}

// runBusy retries a local command on ETXTBSY (cmd/go's base.RunStdin):
// no server, no crowd of clients to desynchronise. Silent.
func runBusy(name string) error {
	var err error
	for try := range 3 {
		cmd := exec.Command(name)
		if err = cmd.Run(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond << uint(try))
	}
	return err
}

// delayLimited doubles its wait, jittered, while the wait stays under a
// minute: the loop condition caps it (flyctl's mcp proxy). Silent.
func delayLimited(ctx context.Context) error {
	delay := base
	for delay < time.Minute {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(delay)); err != nil {
			return err
		}
		delay *= 2
	}
	return errDown
}

// Silent: the loop gives up once the doubled wait reaches its limit, so
// no wait passes it (buildkit's registry retry handler; unseen triage
// of 2026-12-03).
func doublingGivesUp(ctx context.Context) error {
	d := time.Second
	for {
		if err := op(); err == nil {
			return nil
		}
		if d >= 8*time.Second {
			return errDown
		}
		if err := wait(ctx, jitter(d)); err != nil {
			return err
		}
		d *= 2
	}
}

// Flagged: the look-alike's give-up test reads the attempt count, not
// the wait, whose limit is a setting (the count is the caller's).
func doublingGivesUpLate(ctx context.Context, tries int) error {
	d := time.Second
	for attempt := 0; ; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if attempt >= tries {
			return errDown
		}
		if err := wait(ctx, jitter(d)); err != nil { // want `retry loop's exponential wait has no cap`
			return err
		}
		d *= 2
	}
}
