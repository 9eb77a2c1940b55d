package fixedsleep

import (
	"context"
	"errors"
	"log"
	"math/rand/v2"
	"time"
)

var errGaveUp = errors.New("gave up")

// failure stands for a failure by I/O (a stub returning only nil
// cannot fail).
var failure func() error

func op() error { return failure() }

type config struct {
	RetryDelay time.Duration
	Attempts   int
}

type backOff interface{ NextBackOff() time.Duration }

const pause = 3 * time.Second

func constant() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts; use exponential backoff with jitter`
	}
	return errGaveUp
}

func namedConstant() error {
	for {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(pause) // want `retry loop waits a fixed 3s between attempts`
	}
}

func configured(cfg config) error {
	for i := 0; i < cfg.Attempts; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(cfg.RetryDelay) // want `retry loop waits a fixed cfg.RetryDelay between attempts`
	}
	return errGaveUp
}

func invariantLocal(delay time.Duration) error {
	for i := 0; i < 4; i++ {
		if err := op(); err == nil {
			return nil
		}
		d := delay * 2
		time.Sleep(d) // want `retry loop waits a fixed d between attempts`
	}
	return errGaveUp
}

func selectFixed(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond): // want `retry loop waits a fixed 500ms between attempts`
		}
	}
	return errGaveUp
}

func tickerPaced() error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for i := 0; i < 10; i++ {
		if err := op(); err == nil {
			return nil
		}
		<-t.C // want `retry loop waits a fixed 1s between attempts`
	}
	return errGaveUp
}

func helperFixed() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
	}
	return errGaveUp
}

func sleep(d time.Duration) { time.Sleep(d) }

func conversion(seconds int) error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(seconds) * time.Second) // want `retry loop waits a fixed time.Duration\(seconds\) \* time.Second between attempts`
	}
	return errGaveUp
}

// Silent: the wait grows with the attempt counter.
func counterDerived() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i+1) * time.Second)
	}
	return errGaveUp
}

// Silent: a doubling variable.
func doubling() error {
	d := 100 * time.Millisecond
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(d)
		d *= 2
	}
	return errGaveUp
}

// Silent: a backoff policy decides.
func policy(b backOff) error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(b.NextBackOff())
	}
	return errGaveUp
}

// Silent: randomness reaches the wait.
func jittered() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second + rand.N(time.Second))
	}
	return errGaveUp
}

// Silent: a local computed from a call each iteration.
func localFromCall() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		d := time.Second + rand.N(500*time.Millisecond)
		time.Sleep(d)
	}
	return errGaveUp
}

// Silent: two attempts, one wait: nothing to back off.
func twoAttempts() error {
	for i := 0; i < 2; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errGaveUp
}

// Silent: a helper handed the counter makes a counter-derived wait.
func helperCounter() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		wait(i)
	}
	return errGaveUp
}

func wait(attempt int) { time.Sleep(time.Duration(attempt) * time.Second) }

// Silent: a helper whose local delay comes from a call each time.
func helperRandom() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		jitterSleep()
	}
	return errGaveUp
}

func jitterSleep() {
	d := time.Second + rand.N(time.Second)
	time.Sleep(d)
}

// Silent: a poll at a fixed pace is not a retry.
func poll() {
	for {
		if err := op(); err != nil {
			time.Sleep(time.Second)
			continue
		}
		time.Sleep(time.Second)
	}
}

// Silent: the delay variable is reassigned in the loop.
func reassigned(fast bool) error {
	d := time.Second
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		if fast {
			d = 10 * time.Millisecond
		}
		time.Sleep(d)
	}
	return errGaveUp
}

// Silent: the address of the delay escapes into the loop.
func escaped(adjust func(*time.Duration)) error {
	d := time.Second
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		adjust(&d)
		time.Sleep(d)
	}
	return errGaveUp
}

// A local chosen between two invariants each time (telegraf's
// cloud_pubsub) is still invariant.
func chosenDelay(cfg config) error {
	err := op()
	for err != nil {
		d := 5 * time.Second
		if cfg.RetryDelay > 0 {
			d = cfg.RetryDelay
		}
		time.Sleep(d) // want `retry loop waits a fixed d between attempts`
		err = op()
	}
	return nil
}

// Silent: a local that doubles is variant even when declared in the
// loop's function.
func doublingLocal() error {
	d := time.Second
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		next := d
		d = next * 2
		time.Sleep(next)
	}
	return errGaveUp
}

// One finding for a loop that waits a fixed time on two paths.
func twoWaits() error {
	for i := 0; i < 5; i++ {
		err := op()
		if err == nil {
			return nil
		}
		if err == errGaveUp {
			time.Sleep(30 * time.Second) // want `retry loop waits a fixed 30s between attempts`
			continue
		}
		time.Sleep(30 * time.Second)
	}
	return errGaveUp
}

// Silent: a fixed settling pause before a lookup, beside a doubling
// wait between attempts: the rhythm is the doubling one (flyctl's
// blue-green deploy).
func settleThenBackoff() error {
	delay := 100 * time.Millisecond
	for i := 0; i < 10; i++ {
		if err := op(); err == nil {
			time.Sleep(2 * time.Second) // let the change settle
			if err := op(); err == nil {
				return nil
			}
		}
		time.Sleep(delay)
		delay *= 2
	}
	return errGaveUp
}

// Silent: a poll that waits on its ticker before each probe, with a
// 5-minute timer in the same select (issue 14, shape 7): the ticker
// paces a poll (wait-first, nothing tried before the loop) and the
// timer is the poll's deadline, not a wait.
func awaitReadyPolled() error {
	ticker := time.NewTicker(2 * time.Second)
	defer ticker.Stop()
	deadline := time.NewTimer(5 * time.Minute)
	defer deadline.Stop()
	for {
		select {
		case <-deadline.C:
			return errGaveUp
		case <-ticker.C:
		}
		if err := op(); err == nil {
			return nil
		}
	}
}

// Flagged: the look-alike tries first and then waits a fixed 2s in the
// select; the 5-minute timer is still its deadline, not its wait.
func awaitReadyRetried() error {
	deadline := time.NewTimer(5 * time.Minute)
	defer deadline.Stop()
	for {
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-deadline.C:
			return errGaveUp
		case <-time.After(2 * time.Second): // want `retry loop waits a fixed 2s between attempts`
		}
	}
}

// Flagged: the counter is compared on the success path only, to log a
// recovery; the loop is bounded by its deadline, not by two attempts
// (litestream's replica sync on shutdown; unseen triage of 2026-12-03).
func syncUntilDeadline(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	n := 0
	for {
		n++
		if err := op(); err == nil {
			if n > 1 {
				log.Print("synced after a retry")
			}
			return nil
		}
		select {
		case <-time.After(2 * time.Second): // want `retry loop waits a fixed 2s between attempts`
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Silent: the wait grows through a function literal declared before the
// loop and called in it (lnd's watchtower lookout; unseen triage of
// 2026-12-03).
func fetchGrowing(ctx context.Context) error {
	wait := time.Second
	grow := func() {
		wait *= 2
		if wait > time.Minute {
			wait = time.Minute
		}
	}
	for attempt := 0; attempt < 5; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
		grow()
	}
	return errGaveUp
}

// Flagged: the look-alike's literal only counts the failures.
func fetchCounting(ctx context.Context) error {
	wait := time.Second
	failures := 0
	count := func() { failures++ }
	for attempt := 0; attempt < 5; attempt++ {
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-time.After(wait): // want `retry loop waits a fixed 1s between attempts`
		case <-ctx.Done():
			return ctx.Err()
		}
		count()
	}
	return errGaveUp
}
