// Package svc is checked by the custom golangci-lint binary: one
// finding reported, one silenced by a nolint directive naming retryvet,
// one that a nolint directive naming fixedsleep does not silence
// (golangci-lint knows the plugin as one linter, retryvet, not its
// checks), and all three turned off by a setting
// (fixedsleep-minattempts: 6).
package svc

import (
	"errors"
	"time"
)

var errDown, errBusy = errors.New("down"), errors.New("busy")

var dial func() error

func connect() error { return dial() }

// Reported: five attempts, a fixed 2s.
func Reported() error {
	for i := 0; i < 5; i++ {
		err := connect()
		if err == nil || !errors.Is(err, errBusy) {
			return err
		}
		time.Sleep(2 * time.Second)
	}
	return errDown
}

// Silenced: the same, with a nolint directive.
func Silenced() error {
	for i := 0; i < 5; i++ {
		err := connect()
		if err == nil || !errors.Is(err, errBusy) {
			return err
		}
		time.Sleep(3 * time.Second) //nolint:retryvet // the modem wants a fixed pace
	}
	return errDown
}

// NotSilenced: golangci-lint matches //nolint names against its linters,
// and the checks are not linters of their own: still reported.
func NotSilenced() error {
	for i := 0; i < 5; i++ {
		err := connect()
		if err == nil || !errors.Is(err, errBusy) {
			return err
		}
		time.Sleep(4 * time.Second) //nolint:fixedsleep // names a check, not a linter
	}
	return errDown
}
