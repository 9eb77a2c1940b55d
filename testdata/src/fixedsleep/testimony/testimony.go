// Package testimony is not test support: its path has no test segment
// (it only starts with "test"), so its retry of a remote login is
// checked like any other code.
package testimony

import (
	"errors"
	"time"
)

var errNotReady = errors.New("not ready")

var probe func() error

func login() error { return probe() }

// WaitLogin retries a login until the server is up.
func WaitLogin() error {
	var err error
	for i := 0; i < 60; i++ {
		if err = login(); err == nil {
			return nil
		}
		time.Sleep(500 * time.Millisecond) // want `retry loop waits a fixed 500ms between attempts`
	}
	return errors.Join(errNotReady, err)
}
