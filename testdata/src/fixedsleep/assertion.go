package fixedsleep

import (
	"errors"
	"time"
)

// timeouter is the part of net.Error a loop asks about.
type timeouter interface{ Timeout() bool }

// The ok of a comma-ok assertion on the attempt's error is false when
// the attempt succeeded, so success leaves by the return and the loop
// retries timeouts only (zrepl's data-connection ping, refinery's
// batch send).
func pingTimeouts() error {
	for n := 0; n < 5; n++ {
		err := op()
		if e, ok := err.(timeouter); ok && e.Timeout() {
			time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
			continue
		}
		return err
	}
	return errGaveUp
}

// state stands for what another goroutine last recorded.
var state func() any

// Silent: the assertion is on recorded state, not on the attempt's
// error, so a successful attempt may wait and go round again: the loop
// waits for that state to settle (a poll).
func pingUntilSettled() error {
	for n := 0; n < 5; n++ {
		err := op()
		if e, ok := state().(timeouter); ok && e.Timeout() {
			time.Sleep(2 * time.Second)
			continue
		}
		return err
	}
	return errors.New("never settled")
}
