// Package testsuite is test support by its import path: a library's
// package for its users' tests, which starts a development server and
// waits for it (temporal's sdk testsuite, unseen triage of 2026-12-02).
package testsuite

import (
	"errors"
	"time"
)

var dial func() error

// WaitDevServer dials the server it just started until it answers.
func WaitDevServer() error {
	var err error
	for i := 0; i < 600; i++ {
		if err = dial(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.Join(errors.New("dev server did not start"), err)
}
