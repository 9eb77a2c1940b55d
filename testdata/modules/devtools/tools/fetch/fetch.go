// Package fetch is developer tooling at the top of its module: it
// downloads the pinned tools the build runs (kopia's tools/gettool,
// unseen triage of 2026-12-03). Its retries are test code's: silent.
package fetch

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
		time.Sleep(5 * time.Second)
	}
	return errors.Join(errors.New("download failed"), err)
}
