// Command upgrade-tests is test support by its import path: a segment
// ending in "tests", a harness that starts past releases in containers
// and waits for each (dendrite's upgrade tests, unseen triage of
// 2026-12-03).
package main

import (
	"errors"
	"time"
)

var probe func() error

func main() {
	_ = waitReady()
}

// waitReady probes the server it just started until it answers.
func waitReady() error {
	for i := 0; i < 500; i++ {
		if err := probe(); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("server did not start")
}
