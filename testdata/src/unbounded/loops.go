// Package unbounded holds the fixtures of the unbounded check.
package unbounded

import (
	"context"
	"errors"
	"net"
	"os"
	"os/signal"
	"sync/atomic"
	"time"
)

var errDown = errors.New("down")

var dial func() error

func connect() error { return dial() }

// forever retries until it succeeds, however long that takes.
func forever() {
	for { // want `retry loop has no attempt limit, deadline or stop signal, so it retries forever; bound it with a maximum number of attempts or a context`
		if err := connect(); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// untilNil loops on the error itself: nothing but success ends it.
func untilNil() {
	err := connect()
	for err != nil { // want `retry loop has no attempt limit`
		time.Sleep(2 * time.Second)
		err = connect()
	}
}

// counted counts its attempts but never compares the count.
func counted() int {
	for attempt := 0; ; attempt++ { // want `retry loop has no attempt limit`
		if err := connect(); err == nil {
			return attempt
		}
		time.Sleep(time.Duration(attempt) * time.Second)
	}
}

// limited stops after five attempts: silent.
func limited() error {
	for attempt := 0; attempt < 5; attempt++ {
		if err := connect(); err == nil {
			return nil
		}
		time.Sleep(time.Second << attempt)
	}
	return errDown
}

// deadline stops after a minute: silent.
func deadline() error {
	end := time.Now().Add(time.Minute)
	for time.Now().Before(end) {
		if err := connect(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errDown
}

// supervisor runs until told to stop: silent.
func supervisor(stop <-chan struct{}) {
	for {
		if err := connect(); err == nil {
			return
		}
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
		}
	}
}

// closed checks a flag: silent.
func closed(done *atomic.Bool) {
	for !done.Load() {
		if err := connect(); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// dialNeverObserved has a context it never observes: that is ctxerr's
// finding, not this one's.
func dialNeverObserved(ctx context.Context, addr string) net.Conn {
	var d net.Dialer
	for {
		c, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			return c
		}
		time.Sleep(time.Second)
	}
}

// withTimeout observes a context that ends after 30s, made from
// Background: bounded, silent.
func withTimeout() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
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

// onSignal observes a context that ends on an interrupt: bounded.
func onSignal() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for {
		if err := connect(); err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Second)
	}
}

// immediate retries without waiting: not this check's (A7 applies to
// loops that wait).
func immediate() {
	for {
		if err := connect(); err == nil {
			return
		}
	}
}

// poll waits for a state, not a retry: silent.
func poll(ready func() bool) {
	for !ready() {
		time.Sleep(time.Second)
	}
}

// delayLimited ends when its doubling wait reaches a minute: bounded
// (flyctl's mcp proxy waitForServer). Silent.
func delayLimited() error {
	delay := 100 * time.Millisecond
	var err error
	for delay < time.Minute {
		if err = connect(); err == nil {
			return nil
		}
		time.Sleep(delay)
		delay *= 2
	}
	return err
}

// counterInBody steps its counter in the body and checks it in the
// loop condition (hatchet's lockfile and trigger): bounded. Silent.
func counterInBody() error {
	retries := 0
	for retries < 10 {
		if err := connect(); err == nil {
			return nil
		}
		retries++
		time.Sleep(time.Second)
	}
	return errDown
}

type pool struct{ done atomic.Bool }

func (p *pool) closed() bool { return p.done.Load() }

// closedMethod checks a closed flag through a method (go-redis'
// tryDial): bounded. Silent.
func (p *pool) closedMethod() {
	for {
		if p.closed() {
			return
		}
		if err := connect(); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}
