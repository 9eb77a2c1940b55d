// Package gen is a developer script under hack/ (argo-cd's resource generator):
// it waits for the cluster it started without importing testing.
package gen

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
		time.Sleep(500 * time.Millisecond)
	}
	return errors.Join(errNotReady, err)
}
