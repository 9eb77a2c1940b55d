// Package dup has a test file: its files are analysed in dup and in
// dup [dup.test], and each finding must be printed once.
package dup

import (
	"errors"
	"time"
)

var errBusy = errors.New("busy")

var dial func() error

// Fixed waits a fixed 2s.
func Fixed() error {
	for i := 0; i < 5; i++ {
		err := dial()
		if err == nil || !errors.Is(err, errBusy) {
			return err
		}
		time.Sleep(2 * time.Second)
	}
	return errBusy
}
