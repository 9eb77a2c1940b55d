// Package tools, deeper in the module, may ship: flagged.
package tools

import (
	"errors"
	"time"
)

var get func(url string) error

// Download retries a download every 5s.
func Download(url string) error {
	var err error
	for i := 0; i < 8; i++ {
		if err = get(url); err == nil {
			return nil
		}
		time.Sleep(5 * time.Second) // want `retry loop waits a fixed 5s between attempts`
	}
	return errors.Join(errors.New("download failed"), err)
}
