package local

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// Silent: removing a busy directory competes with no server; a fixed
// pace is fine (containerd's EBUSY retries).
func removeBusy(dir string) error {
	var err error
	for i := 0; i < 50; i++ {
		if err = os.RemoveAll(dir); err == nil || !errors.Is(err, syscall.EBUSY) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}

func publish() error { return nil }

// Flagged: one attempt reaches past the machine.
func mixed(dir string) error {
	for i := 0; i < 5; i++ {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := publish(); err == nil {
			return nil
		}
		time.Sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
	}
	return errors.New("gave up")
}
