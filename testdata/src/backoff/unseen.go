package backoff

import (
	"context"
	"errors"
	"math"
	"time"
)

const updateLimit = 3 * time.Second

// Silent: the wait grows past its limit after one wait, and the loop
// gives up then: one retry has nothing to back off (nomad's script
// check TTL update; issue 14, docs/model.md, Bounds).
func updateTTL(ctx context.Context) error {
	for attempts := 0; ; attempts++ {
		err := op()
		if err == nil {
			return nil
		}
		d := (1 << (2 * uint64(attempts))) * time.Second // 1s, then 4s
		if d > updateLimit {
			return err
		}
		if err := wait(ctx, d); err != nil {
			return err
		}
	}
}

// Flagged: the look-alike's limit allows five waits.
func updateTTLLonger(ctx context.Context) error {
	for attempts := 0; ; attempts++ {
		err := op()
		if err == nil {
			return nil
		}
		d := (1 << uint64(attempts)) * time.Second // 1s, 2s, 4s, 8s, 16s
		if d > 20*time.Second {
			return err
		}
		if err := wait(ctx, d); err != nil { // want `retry loop backs off exponentially without jitter`
			return err
		}
	}
}

// Silent for the cap: maxRetries is a constant by another name, and
// five attempts never wait long (issue 14, shape 10). Flagged for the
// missing jitter only.
func fiveTries(ctx context.Context) error {
	maxRetries := 5
	for attempt := 0; attempt < maxRetries; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, base<<(attempt*3)); err != nil { // want `^retry loop backs off exponentially without jitter`
			return err
		}
	}
	return errDown
}

// Flagged with words that say the limit is not a constant, not that
// there is none.
func paramTries(ctx context.Context, tries int) error {
	for attempt := 0; attempt < tries; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, jitter(base<<attempt)); err != nil { // want `retry loop's exponential wait has no cap and its attempt limit tries is not a constant, so the wait can grow without bound; clamp it with min\(wait, maxWait\)`
			return err
		}
	}
	return errDown
}

// ExportedTries calls paramTries, so its limit is not known here.
func ExportedTries(ctx context.Context, n int) error { return paramTries(ctx, n) }

// retryFetch's limit and base come from its only caller, as constants:
// four waits from 250ms, 3.75s in all, capped by the count (moby's
// schema pull). Flagged for jitter only.
func retryFetch(ctx context.Context, maxAttempts int, sleep time.Duration) error {
	var err error
	for attempt := 0; attempt < maxAttempts; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		if attempt+1 < maxAttempts {
			if err := wait(ctx, sleep); err != nil { // want `^retry loop backs off exponentially without jitter`
				return err
			}
			sleep *= 2
		}
	}
	return err
}

func fetchConfig(ctx context.Context) error {
	return retryFetch(ctx, 5, 250*time.Millisecond)
}

// minDuration returns the smaller of a and b.
func minDuration(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

// Flagged for jitter only: the doubling inside a same-package min helper
// is growth, and the helper caps it (issue 14).
func doublingInMin(ctx context.Context) error {
	d := base
	for {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, d); err != nil { // want `^retry loop backs off exponentially without jitter`
			return err
		}
		d = minDuration(d*2, maxWait)
	}
}

// maxDuration returns the larger of a and b.
func maxDuration(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

// Flagged for jitter and cap: the look-alike's helper returns the larger
// of its arguments, a floor rather than a cap, so the doubling grows
// without bound.
func doublingInMax(ctx context.Context) error {
	d := base
	for {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, d); err != nil { // want `^retry loop backs off exponentially without jitter` `^retry loop's exponential wait has no cap`
			return err
		}
		d = maxDuration(d*2, base)
	}
}

// capDelay clamps d to maxWait.
func capDelay(d time.Duration) time.Duration {
	if d > maxWait {
		return maxWait
	}
	return d
}

// Flagged for jitter only: a one-argument clamp helper caps the doubling
// inside it (issue 14).
func doublingInClamp(ctx context.Context) error {
	d := base
	for {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, d); err != nil { // want `^retry loop backs off exponentially without jitter`
			return err
		}
		d = capDelay(d * 2)
	}
}

// Flagged for jitter only: doubled in place, then clamped by the helper.
func doublingThenClamp(ctx context.Context) error {
	d := base
	for {
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, d); err != nil { // want `^retry loop backs off exponentially without jitter`
			return err
		}
		d *= 2
		d = capDelay(d)
	}
}

// waiter backs off with an optional jitter hook.
type waiter struct {
	Max    time.Duration
	Jitter func(time.Duration) time.Duration
}

// Silent: the growth is capped and passed through a jitter hook, which
// may well randomise it (issue 14, shape 14; docs/model.md, Jitter
// through a hook).
func (w *waiter) retry(ctx context.Context) error {
	for n := 0; ; n++ {
		if err := op(); err == nil {
			return nil
		}
		d := min((1<<n)*time.Second, w.Max)
		if w.Jitter != nil {
			d = w.Jitter(d)
		}
		if err := wait(ctx, d); err != nil {
			return err
		}
	}
}

// Flagged: the look-alike's hook is a plain function of the package that
// does not randomise.
func (w *waiter) retryScaled(ctx context.Context) error {
	for n := 0; ; n++ {
		if err := op(); err == nil {
			return nil
		}
		d := min((1<<n)*time.Second, w.Max)
		d = scale(d)
		if err := wait(ctx, d); err != nil { // want `^retry loop backs off exponentially without jitter`
			return err
		}
	}
}

func scale(d time.Duration) time.Duration { return d * 3 / 2 }

type versionStore struct{}

func (s *versionStore) getEntry() error { return op() }

// doGetLatest's limit comes from its two callers, 8 and 1: the same for
// an unexported method as for a function (seaweedfs's
// doGetLatestObjectVersion, waits peaking at 6.4s). Flagged for jitter
// only.
func (s *versionStore) doGetLatest(maxRetries int) error {
	var err error
	for attempt := 1; attempt <= maxRetries; attempt++ {
		if err = s.getEntry(); err == nil {
			return nil
		}
		if attempt < maxRetries {
			time.Sleep(time.Millisecond * time.Duration(100*(1<<(attempt-1)))) // want `^retry loop backs off exponentially without jitter`
		}
	}
	return err
}

func (s *versionStore) latest() error { return s.doGetLatest(8) }

func (s *versionStore) once() error { return s.doGetLatest(1) }

// DoGetLatest is exported: callers elsewhere may pass any limit, so the
// cap is still asked for.
func (s *versionStore) DoGetLatest(maxRetries int) error {
	var err error
	for attempt := 1; attempt <= maxRetries; attempt++ {
		if err = s.getEntry(); err == nil {
			return nil
		}
		if attempt < maxRetries {
			time.Sleep(time.Millisecond * time.Duration(100*(1<<(attempt-1)))) // want `^retry loop backs off exponentially without jitter` `exponential wait has no cap and its attempt limit maxRetries is not a constant`
		}
	}
	return err
}

func (s *versionStore) latestExported() error { return s.DoGetLatest(8) }

// factorBackoff grows by a factor its constructor sets to a constant
// (VictoriaMetrics' vmctl: math.Pow(b.factor, i), unseen triage of
// 2026-12-03).
type factorBackoff struct {
	retries int
	factor  float64
	min     time.Duration
}

func newFactorBackoff() *factorBackoff {
	return &factorBackoff{retries: 5, factor: 1.8, min: time.Second}
}

// Flagged: a factor of 1.8 grows, and nothing randomises the wait.
func (b *factorBackoff) retry(ctx context.Context, cb func() error) error {
	for i := 0; i < b.retries; i++ {
		err := cb()
		if err == nil {
			return nil
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		t := time.NewTimer(time.Duration(float64(b.min) * math.Pow(b.factor, float64(i))))
		select {
		case <-t.C: // want `retry loop backs off exponentially without jitter`
		case <-ctx.Done():
			t.Stop()
			return err
		}
	}
	return errDown
}

// givenBackoff takes its factor from its caller, which may hand it 1:
// no growth the analysis can vouch for.
type givenBackoff struct {
	factor float64
	min    time.Duration
}

func newGivenBackoff(factor float64) *givenBackoff {
	return &givenBackoff{factor: factor, min: time.Second}
}

// Silent: the factor may be 1.
func (b *givenBackoff) retry(ctx context.Context, cb func() error) error {
	for i := 0; i < 5; i++ {
		err := cb()
		if err == nil {
			return nil
		}
		t := time.NewTimer(time.Duration(float64(b.min) * math.Pow(b.factor, float64(i))))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		}
	}
	return errDown
}
