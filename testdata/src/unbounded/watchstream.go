package unbounded

import (
	"context"
	"errors"
	"time"
)

var errStreamClosed = errors.New("watch stream closed")

type registry struct {
	done   chan struct{}
	events chan int
	ctx    context.Context
	handle func(int) error
}

func (r *registry) open() (context.Context, <-chan int) {
	ch := make(chan int)
	return r.ctx, ch
}

// stream holds its own receive loop, and returns nil only when its
// context ends or the registry's done channel, closed by another
// method, is: a long-running task.
func (r *registry) stream() error {
	ctx, ch := r.open()
	for {
		select {
		case n, ok := <-ch:
			if !ok {
				return errStreamClosed
			}
			if err := r.handle(n); err != nil {
				return err
			}
		case <-ctx.Done():
			return nil
		case <-r.done:
			return nil
		}
	}
}

// Silent: restarting the stream after a failure is a supervisor's work,
// not a retry (go-zero's discovery watch; unseen triage of 2026-12-03).
func (r *registry) watch() {
	for {
		if err := r.stream(); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// streamEvents returns nil also when its event channel is closed: the
// task can end by itself, so a nil result is a success.
func (r *registry) streamEvents() error {
	for {
		select {
		case n, ok := <-r.events:
			if !ok {
				return nil
			}
			if err := r.handle(n); err != nil {
				return err
			}
		case <-r.done:
			return nil
		}
	}
}

// Flagged: the look-alike restarts a task whose nil result does not mean
// it was told to stop.
func (r *registry) watchEvents() {
	for { // want `retry loop has no attempt limit`
		if err := r.streamEvents(); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}
