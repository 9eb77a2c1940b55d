package fixedsleep

import "time"

// Flagged: a do-while loop. n == 0 holds only before the first pass,
// since every pass steps n first, so a success (err == nil) ends the
// loop: a retry (harbor's job context; unseen triage of 2026-12-03).
func loadConfig() error {
	n := 0
	var err error
	for n == 0 || err != nil {
		n++
		err = op()
		if err != nil {
			if n >= 5 {
				return err
			}
			time.Sleep(3 * time.Second) // want `retry loop waits a fixed 3s between attempts`
		}
	}
	return nil
}

// Silent: the look-alike steps n only on failure, so after a first
// success n == 0 still holds and the loop goes on: not a retry by its
// shape.
func loadConfigAgain() error {
	n := 0
	var err error
	for n == 0 || err != nil {
		err = op()
		if err != nil {
			n++
			if n >= 5 {
				return err
			}
			time.Sleep(3 * time.Second)
		}
	}
	return nil
}
