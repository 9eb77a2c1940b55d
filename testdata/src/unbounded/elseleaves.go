package unbounded

import "time"

const maxRetryTimes = 5

// Silent: the counter is compared where the else branch leaves: if it
// is below the limit the loop waits, else it returns (harbor's job
// context; unseen triage of 2026-12-03; docs/model.md, Bounds).
func initContext() error {
	counter := 0
	var err error
	for counter == 0 || err != nil {
		counter++
		err = connect()
		if err != nil {
			if counter < maxRetryTimes {
				time.Sleep(3 * time.Second)
			} else {
				return err
			}
		}
	}
	return nil
}

// Flagged: the look-alike's else branch only logs, so nothing bounds
// the loop.
func initContextForever() error {
	counter := 0
	var err error
	for counter == 0 || err != nil { // want `retry loop has no attempt limit`
		counter++
		err = connect()
		if err != nil {
			if counter < maxRetryTimes {
				time.Sleep(3 * time.Second)
			} else {
				time.Sleep(30 * time.Second)
			}
		}
	}
	return nil
}
