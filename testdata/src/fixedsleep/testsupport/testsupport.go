// Package testsupport is test support outside _test.go files: it
// imports testing, so its fixed waits for a local server are fine.
package testsupport

import (
	"errors"
	"testing"
	"time"
)

var errNotYet = errors.New("not yet")

func ping() error { return errNotYet }

// Silent: test support waiting for the server it started.
func WaitStarted(t *testing.T) {
	for i := 0; i < 100; i++ {
		if err := ping(); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("server did not start")
}
