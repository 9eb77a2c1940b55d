package strict

import (
	"context"
	"errors"
	"time"
)

var errDown = errors.New("down")

func ping(ctx context.Context) error { return fail(errDown) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

func perAttempt(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second) // want `context.WithTimeout inside a retry loop makes a context on every attempt; make it once, before the loop`
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errors.New("gave up")
}

// Silent even in strict mode: the context is made once, before the loop.
func once(ctx context.Context) error {
	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for i := 0; i < 3; i++ {
		if err := ping(actx); err == nil {
			return nil
		}
	}
	return errDown
}
