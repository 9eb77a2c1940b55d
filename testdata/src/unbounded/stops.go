package unbounded

import (
	"errors"
	"sync"
	"time"
)

// waitOrQuit waits d, or less if quit is closed first; it reports
// whether quit ended the wait.
func waitOrQuit(quit <-chan bool, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return false
	case <-quit:
		return true
	}
}

// refreshUntilQuit retries until quit is closed: the helper's true
// result comes from the receive on quit, and true leaves the loop, so
// quit is a stop signal handed to a helper (coredns' secondary zone
// transfer). Silent.
func refreshUntilQuit(quit <-chan bool) {
	d := 250 * time.Millisecond
	for {
		if err := connect(); err == nil {
			return
		}
		if waitOrQuit(quit, d) {
			return
		}
		d <<= 1
		if d > 10*time.Second {
			d = 10 * time.Second
		}
	}
}

// refreshUntilQuitNegated reads the helper the other way round: the
// loop goes on while the wait ran its full length. Silent.
func refreshUntilQuitNegated(quit <-chan bool) {
	for {
		if err := connect(); err == nil {
			return
		}
		if !waitOrQuit(quit, time.Second) {
			continue
		}
		return
	}
}

// refreshIgnoringQuit hands quit to the helper but drops its answer:
// closing quit only shortens one wait, the loop goes on.
func refreshIgnoringQuit(quit <-chan bool) {
	for { // want `retry loop has no attempt limit`
		if err := connect(); err == nil {
			return
		}
		waitOrQuit(quit, time.Second)
	}
}

// waitAnyway receives from quit, but answers false either way: its
// result does not say that quit was closed.
func waitAnyway(quit <-chan bool, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return false
	case <-quit:
		return false
	}
}

// refreshHelperIgnoresQuit leaves on a true answer the helper never
// gives on quit: nothing ends the loop.
func refreshHelperIgnoresQuit(quit <-chan bool) {
	for { // want `retry loop has no attempt limit`
		if err := connect(); err == nil {
			return
		}
		if waitAnyway(quit, time.Second) {
			return
		}
	}
}

// refreshLeavesOnTimer reads the helper's answer the wrong way round:
// it leaves when the timer fired, and once quit is closed it retries
// forever without waiting. The receive on quit does not lead out.
func refreshLeavesOnTimer(quit <-chan bool) {
	for { // want `retry loop has no attempt limit`
		if err := connect(); err == nil {
			return
		}
		if !waitOrQuit(quit, time.Second) {
			return
		}
	}
}

const (
	idle = iota
	probing
	halted
	paused
)

// prober probes one target at a time until it answers, or until Halt.
type prober struct {
	sync.Mutex
	state int
	phase int
}

// Halt asks a running probe to give up.
func (p *prober) Halt() {
	p.Lock()
	p.state = halted
	p.Unlock()
}

// run probes until the target answers, and checks after each wait
// whether Halt set the state to halted: a closed flag another method
// sets, checked to leave (coredns' up.Probe). Silent.
func (p *prober) run(f func() error) {
	go func() {
		for {
			if err := f(); err == nil {
				break
			}
			time.Sleep(time.Second)
			p.Lock()
			if p.state == halted {
				p.Unlock()
				return
			}
			p.Unlock()
		}
		p.Lock()
		p.state = idle
		p.Unlock()
	}()
}

// runSwitch checks the same flag with a switch. Silent.
func (p *prober) runSwitch(f func() error) {
	for {
		if err := f(); err == nil {
			return
		}
		time.Sleep(time.Second)
		switch p.state {
		case halted:
			return
		}
	}
}

// runUntilPaused compares the state with a value nothing gives it:
// no Pause method sets it, so the check never leaves.
func (p *prober) runUntilPaused(f func() error) {
	for { // want `retry loop has no attempt limit`
		if err := f(); err == nil {
			return
		}
		time.Sleep(time.Second)
		if p.state == paused {
			return
		}
	}
}

// runSetsItself checks a value that only the loop itself assigns,
// after a failure it gives up on: that is the loop's own bookkeeping,
// not a stop signal from outside, and other failures retry forever.
func (p *prober) runSetsItself(f func() error) {
	for { // want `retry loop has no attempt limit`
		err := f()
		if err == nil {
			return
		}
		if errors.Is(err, errDown) {
			p.phase = halted
		}
		if p.phase == halted {
			return
		}
		time.Sleep(time.Second)
	}
}

// reply is what a probe answers.
type reply struct{ state int }

func ask(f func() error) (*reply, error) { return &reply{}, f() }

// fake answers halted, as a test double might.
func fake() *reply {
	r := &reply{}
	r.state = halted
	return r
}

// runUntilAnswered gives up when the failed attempt's reply says
// halted: the field belongs to what the attempt returned, so the check
// classifies the failure, whoever else sets that field; other failures
// still retry forever.
func runUntilAnswered(f func() error) {
	for { // want `retry loop has no attempt limit`
		r, err := ask(f)
		if err == nil {
			return
		}
		if r.state == halted {
			return
		}
		time.Sleep(time.Second)
	}
}

// runFreshQuit hands the helper a channel it makes anew in each pass:
// nothing outside the loop holds it, so nothing can close it to stop
// the loop.
func runFreshQuit() {
	for { // want `retry loop has no attempt limit`
		quit := make(chan bool)
		if err := connect(); err == nil {
			return
		}
		if waitOrQuit(quit, time.Second) {
			return
		}
	}
}

var persist func(id string) error

// ensureID saves an ID until it sticks, for as long as this server leads:
// the leadership check is a func parameter answering a bool, a stop flag
// the caller owns (seaweedfs's EnsureTopologyId). Silent.
func ensureID(isLeader func() bool, id string) {
	for {
		if !isLeader() {
			return
		}
		if err := persist(id); err != nil {
			time.Sleep(time.Second)
			continue
		}
		return
	}
}

// ensureIDRetryable asks a func parameter about the error and stops on
// its false: a generic helper whose caller decides when to give up, and
// the caller may stop (seaweedfs's util.RetryUntil, whose onErrFn is
// documented as "should continue"). The finding, if any, is the caller's
// to own; the helper is silent.
func ensureIDRetryable(retryable func(error) bool, id string) {
	for {
		err := persist(id)
		if err == nil || !retryable(err) {
			return
		}
		time.Sleep(time.Second)
	}
}

// transient is this package's own classifier: it says which errors are
// worth another try, and those are retried for ever.
func transient(err error) bool { return err != nil }

// ensureIDTransient asks a package function about the error, a fixed
// answer no caller can change: transient errors are retried for ever.
func ensureIDTransient(id string) {
	for { // want `retry loop has no attempt limit`
		err := persist(id)
		if err == nil || !transient(err) {
			return
		}
		time.Sleep(time.Second)
	}
}
