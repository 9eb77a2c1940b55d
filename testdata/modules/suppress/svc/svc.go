// Package svc is a fixture for the driver tests: one finding, one
// silenced finding and one directive without a reason.
package svc

import (
	"errors"
	"time"
)

var errUnavailable = errors.New("unavailable")

func op() error { return fail(errUnavailable) }

// Flagged: a fixed wait in a five-attempt retry.
func Flagged() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return errors.New("gave up")
}

// Silenced: the directive gives its reason.
func Silenced() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		//retryvet:ignore fixedsleep the peer documents a fixed 1s retry interval
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// NoReason: silenced, but the directive itself is reported.
func NoReason() error {
	for i := 0; i < 5; i++ {
		if err := op(); err == nil {
			return nil
		}
		//retryvet:ignore fixedsleep
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error
