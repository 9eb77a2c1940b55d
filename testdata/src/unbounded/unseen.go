package unbounded

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

var probe func() error

// Silent: a poll that waits on its ticker before each probe, with a
// deadline timer in the same select (issue 14, shape 7): the timer ends
// the loop (a bound), and the ticker paces a poll rather than backing
// off a retry (wait-first).
func awaitReady() error {
	ticker := time.NewTicker(2 * time.Second)
	defer ticker.Stop()
	deadline := time.NewTimer(5 * time.Minute)
	defer deadline.Stop()
	for {
		select {
		case <-deadline.C:
			return errDown
		case <-ticker.C:
		}
		if err := probe(); err == nil {
			return nil
		}
	}
}

// Silent: a countdown bounds the loop (issue 14, shape 10).
func countdown() error {
	attemptsRemaining := 5
	for {
		err := connect()
		if err == nil {
			return nil
		}
		attemptsRemaining--
		if attemptsRemaining <= 0 {
			return err
		}
		time.Sleep(time.Second)
	}
}

// Flagged: the look-alike counts down but never checks the count.
func countdownUnchecked() error {
	attemptsRemaining := 5
	for { // want `retry loop has no attempt limit`
		err := connect()
		if err == nil {
			return nil
		}
		attemptsRemaining--
		println(attemptsRemaining)
		time.Sleep(time.Second)
	}
}

// Silent: a timer in a select whose case leaves the loop is a deadline,
// and the attempt comes first (a retry bounded by it).
func retryWithDeadline() error {
	deadline := time.After(time.Minute)
	for {
		if err := connect(); err == nil {
			return nil
		}
		select {
		case <-deadline:
			return errDown
		case <-time.After(time.Second):
		}
	}
}

type adder interface{ Add(path string) error }

// Silent: the counter is compared with its limit where the loop goes on,
// and the code after the comparison leaves (argo-cd's gpg watcher).
func rewatch(w adder, path string) {
	attempt := 0
	for {
		err := w.Add(path)
		if err != nil {
			if attempt < 5 {
				attempt++
				time.Sleep(time.Second)
				continue
			}
			return
		}
		break
	}
}

// Flagged: the look-alike's comparison does not lead out.
func rewatchForever(w adder, path string) {
	attempt := 0
	for { // want `retry loop has no attempt limit`
		err := w.Add(path)
		if err != nil {
			if attempt < 5 {
				attempt++
			}
			time.Sleep(time.Second)
			continue
		}
		break
	}
}

// GlobalContext is the process's context, cancelled at shutdown.
var GlobalContext, cancelGlobal = context.WithCancel(context.Background())

var errQuorum = errors.New("quorum not met")

var listBuckets func(ctx context.Context) ([]string, error)

// Silent: the attempt takes the process's context and only the quorum
// error is retried, so the shutdown's cancellation ends the loop
// (minio's start-up wait).
func bootstrap() []string {
	for {
		b, err := listBuckets(GlobalContext)
		if err != nil {
			if errors.Is(err, errQuorum) {
				time.Sleep(time.Second)
				continue
			}
			return nil
		}
		return b
	}
}

// Flagged: the look-alike retries every error, cancellation included.
func bootstrapAny() []string {
	for { // want `retry loop has no attempt limit`
		b, err := listBuckets(GlobalContext)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		return b
	}
}

var mountReady func() error

// Silent: the time left until a deadline, computed in the body and
// compared with zero, bounds the loop (rclone's mount wait).
func waitMountReady(wait time.Duration) error {
	endTime := time.Now().Add(wait)
	for {
		err := mountReady()
		if err == nil {
			return nil
		}
		delay := time.Until(endTime)
		if delay <= 0 {
			return err
		}
		time.Sleep(min(delay, 100*time.Millisecond))
	}
}

// Flagged: observing a bare context.Background() bounds nothing.
func backgroundOnly() error {
	ctx := context.Background()
	for { // want `retry loop has no attempt limit`
		if err := connect(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Silent: a context with a deadline, whatever its root, ends.
func withDeadline() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		if err := connect(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// maxDelay is a constant by another name.
var maxDelay = time.Minute

// Silent: a delay grown under a constant by another name bounds the loop.
func growUnderName() error {
	for d := time.Second; d < maxDelay; d *= 2 {
		if err := connect(); err == nil {
			return nil
		}
		time.Sleep(d)
	}
	return errDown
}

var readChunk func() error

// Flagged: timing each attempt (time.Since of a start taken in the
// body) tells a fast failure from a slow one, but it is no deadline:
// slow failures are retried forever (issue 14, shape 5's look-alike).
func readTimed() error {
	for { // want `retry loop has no attempt limit`
		t0 := time.Now()
		err := readChunk()
		if err == nil {
			return nil
		}
		if time.Since(t0) < time.Second {
			return err // failed fast: not a timeout
		}
		time.Sleep(time.Second)
	}
}

// Silent: the same check against a start taken once before the loop is
// a deadline.
func readUntilDeadline() error {
	start := time.Now()
	for {
		err := readChunk()
		if err == nil {
			return nil
		}
		if time.Since(start) > time.Minute {
			return err
		}
		time.Sleep(time.Second)
	}
}

// Flagged: the same with the attempt's duration in a variable.
func readTimedElapsed() error {
	for { // want `retry loop has no attempt limit`
		t0 := time.Now()
		err := readChunk()
		if err == nil {
			return nil
		}
		if elapsed := time.Since(t0); elapsed < time.Second {
			return err
		}
		time.Sleep(time.Second)
	}
}

var (
	errClockBack = errors.New("clock went backwards")
	errExhausted = errors.New("sequence exhausted")
)

// idGen hands out IDs from the clock and a sequence; it fails only by
// its own verdict on that state.
type idGen struct {
	last, seq int64
}

func (g *idGen) next() (int64, error) {
	now := time.Now().UnixNano() >> 20
	switch {
	case now < g.last:
		return 0, errClockBack
	case now == g.last:
		g.seq++
		if g.seq > 4095 {
			return 0, errExhausted
		}
	default:
		g.seq = 0
	}
	g.last = now
	return now<<12 | g.seq, nil
}

// Silent: next is a check of in-process state that returns only the
// package's own sentinel errors and can fail no other way; the loop
// waits for the clock to move on, a poll (nsq's GUID factory, unseen
// triage of 2026-12-02).
func nextID(g *idGen) int64 {
	for {
		id, err := g.next()
		if err == nil {
			return id
		}
		time.Sleep(time.Millisecond)
	}
}

// reserve returns a sentinel too, but it can also fail by a call.
func (g *idGen) reserve() (int64, error) {
	if err := probe(); err != nil {
		return 0, err
	}
	if g.seq > 4095 {
		return 0, errExhausted
	}
	g.seq++
	return g.seq, nil
}

// Flagged: the look-alike's attempt can fail by its probe, an
// operation retried forever.
func reserveID(g *idGen) int64 {
	for { // want `retry loop has no attempt limit`
		id, err := g.reserve()
		if err == nil {
			return id
		}
		time.Sleep(time.Millisecond)
	}
}

var errAsleep = errors.New("vehicle asleep")

var errLate = errors.New("gave up waiting")

type vehicle struct{}

func (vehicle) charge() (float64, error) { return 0, fail(errAsleep) }

// Silent: past the deadline the branch sets err to another sentinel,
// which fails the loop's condition: the loop ends there (evcc's soc
// command, unseen triage of 2026-12-02).
func waitAwake(v vehicle) (float64, error) {
	start := time.Now()
	var soc float64
	var err error
	for err = errAsleep; errors.Is(err, errAsleep); {
		if soc, err = v.charge(); err != nil {
			if time.Since(start) > time.Minute {
				err = errLate
			} else {
				time.Sleep(3 * time.Second)
			}
		}
	}
	return soc, err
}

// Flagged: the look-alike's late error still wraps the one the
// condition retries, so the loop goes on.
func waitAwakeWrapped(v vehicle) (float64, error) {
	start := time.Now()
	var soc float64
	var err error
	for err = errAsleep; errors.Is(err, errAsleep); { // want `retry loop has no attempt limit`
		if soc, err = v.charge(); err != nil {
			if time.Since(start) > time.Minute {
				err = fmt.Errorf("late: %w", errAsleep)
			} else {
				time.Sleep(3 * time.Second)
			}
		}
	}
	return soc, err
}

// matches compares errors by their text: the package's own errors.Is.
func matches(err, target error) bool {
	return strings.Contains(err.Error(), target.Error())
}

// Silent: the same deadline, with the condition through the package's
// own errors.Is (evcc's soc command, matchesError).
func waitAwakeText(v vehicle) (float64, error) {
	start := time.Now()
	var soc float64
	var err error
	for err = errAsleep; err != nil && matches(err, errAsleep); {
		if soc, err = v.charge(); err != nil {
			if time.Since(start) > time.Minute {
				err = errLate
			} else {
				time.Sleep(3 * time.Second)
			}
		}
	}
	return soc, err
}

// differs is not errors.Is: it tells errors apart.
func differs(err, target error) bool {
	return err != target
}

// Flagged: the look-alike's condition is not an errors.Is: the late
// error differs from errAsleep too, and the loop goes on.
func waitAwakeDiffers(v vehicle) (float64, error) {
	start := time.Now()
	var soc float64
	var err error
	for err = errAsleep; err != nil && differs(err, errAsleep); { // want `retry loop has no attempt limit`
		if soc, err = v.charge(); err != nil {
			if time.Since(start) > time.Minute {
				err = errLate
			} else {
				time.Sleep(3 * time.Second)
			}
		}
	}
	return soc, err
}
