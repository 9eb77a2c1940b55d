// Package release is a CI script under scripts/ (cri-o's dependency
// report, pushed with `git pull --rebase && git push` every 3s while
// parallel jobs race for the branch; unseen triage of 2026-12-03): test
// support, silent.
package release

import "time"

var push func() error

// Push retries the push eleven times.
func Push() error {
	var err error
	for i := 0; i <= 10; i++ {
		if err = push(); err == nil {
			return nil
		}
		time.Sleep(3 * time.Second)
	}
	return err
}
