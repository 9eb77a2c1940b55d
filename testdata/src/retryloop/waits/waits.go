package waits

import (
	"context"
	"errors"
	"time"

	"github.com/jonboulle/clockwork"
	"k8s.io/utils/clock"
)

var errDown = errors.New("down")

func op() error { return fail(errDown) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

// Wait 1: <-time.After(d) as a statement.
func after() error {
	for i := 0; i < 3; i++ { // want `waits=\[after\(500 \* time.Millisecond\)\]`
		if err := op(); err == nil {
			return nil
		}
		<-time.After(500 * time.Millisecond)
	}
	return errors.New("gave up")
}

// Wait 2: a timer made before the loop and reset in it.
func timerReset() error {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	delay := time.Second
	for i := 0; i < 5; i++ { // want `waits=\[timer\(delay\)\]`
		if err := op(); err == nil {
			return nil
		}
		delay *= 2
		t.Reset(delay)
		<-t.C
	}
	return errors.New("gave up")
}

// Wait 3: a timer made inside the loop.
func timerInLoop() error {
	for i := 0; i < 5; i++ { // want `waits=\[timer\(3 \* time.Second\)\]`
		if err := op(); err == nil {
			return nil
		}
		t := time.NewTimer(3 * time.Second)
		<-t.C
	}
	return errors.New("gave up")
}

// Wait 4: a ticker made before the loop and received from after the
// first attempt.
func ticker() error {
	tk := time.NewTicker(2 * time.Second)
	defer tk.Stop()
	for i := 0; i < 5; i++ { // want `waits=\[ticker\(2 \* time.Second\)\]`
		if err := op(); err == nil {
			return nil
		}
		<-tk.C
	}
	return errors.New("gave up")
}

// Wait 5: time.Tick held in a variable.
func tick() error {
	c := time.Tick(time.Second)
	for i := 0; i < 5; i++ { // want `waits=\[tick\(time.Second\)\]`
		if err := op(); err == nil {
			return nil
		}
		<-c
	}
	return errors.New("gave up")
}

// Wait 6: a select over a timer and the context.
func selectTimer(ctx context.Context) error {
	for i := 0; i < 5; i++ { // want `waits=\[after\(time.Second\)@select\] counter=i<5 max=5 bounds=\[count\] ctx=\[ctx:param\] obs=\[done:in\] observed`
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return errors.New("gave up")
}

// Wait 7: an injected k8s clock.
func k8sClock(clk clock.Clock) error {
	for i := 0; i < 5; i++ { // want `waits=\[clock\(time.Second\)\]`
		if err := op(); err == nil {
			return nil
		}
		clk.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// Wait 8: a k8s clock's After.
func k8sAfter(clk clock.Clock) error {
	for i := 0; i < 5; i++ { // want `waits=\[clock\(time.Second\)\]`
		if err := op(); err == nil {
			return nil
		}
		<-clk.After(time.Second)
	}
	return errors.New("gave up")
}

// Wait 9: a k8s clock's timer.
func k8sTimer(clk clock.Clock) error {
	for i := 0; i < 5; i++ { // want `waits=\[clock\(2 \* time.Second\)\]`
		if err := op(); err == nil {
			return nil
		}
		t := clk.NewTimer(2 * time.Second)
		<-t.C()
	}
	return errors.New("gave up")
}

// Wait 10: a clockwork ticker.
func clockworkTicker(clk clockwork.Clock) error {
	tk := clk.NewTicker(time.Second)
	for i := 0; i < 5; i++ { // want `waits=\[clock\(time.Second\)\]`
		if err := op(); err == nil {
			return nil
		}
		<-tk.Chan()
	}
	return errors.New("gave up")
}

// Wait 11: a same-package helper handed the counter.
func helperCounter() error {
	for i := 0; i < 5; i++ { // want `waits=\[helper\(backoff\(n\)\)\]`
		if err := op(); err == nil {
			return nil
		}
		pause(i)
	}
	return errors.New("gave up")
}

func backoff(n int) time.Duration { return time.Second << n }

func pause(n int) { time.Sleep(backoff(n)) }

// Wait 12: a helper that waits a fixed time.
func helperFixed() error {
	for i := 0; i < 5; i++ { // want `waits=\[helper\(d\)\]`
		if err := op(); err == nil {
			return nil
		}
		sleepFor(time.Second)
	}
	return errors.New("gave up")
}

func sleepFor(d time.Duration) { time.Sleep(d) }

// Wait 13: a context-aware helper whose error leaves the loop observes
// the context.
func helperCtx(ctx context.Context) error {
	for i := 0; i < 5; i++ { // want `waits=\[helper\(d\)\] counter=i<5 max=5 bounds=\[count\] ctx=\[ctx:param\] obs=\[helper:in\] observed`
		if err := op(); err == nil {
			return nil
		}
		if err := wait(ctx, time.Second); err != nil {
			return err
		}
	}
	return errors.New("gave up")
}

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

// Wait 14: the timer's channel in a select with a stop channel.
func stopChannel(stop <-chan struct{}) error {
	for { // want `waits=\[after\(time.Second\)@select\] bounds=\[stop\]$`
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-stop:
			return errors.New("stopped")
		case <-time.After(time.Second):
		}
	}
}

// Wait 15: a drain of the stopped timer on the way out is not a wait.
func drainOnExit(ctx context.Context) error {
	for i := 0; i < 5; i++ { // want `waits=\[timer\(time.Second\)@select\]`
		if err := op(); err == nil {
			return nil
		}
		t := time.NewTimer(time.Second)
		select {
		case <-ctx.Done():
			if !t.Stop() {
				<-t.C
			}
			return ctx.Err()
		case <-t.C:
		}
	}
	return errors.New("gave up")
}
