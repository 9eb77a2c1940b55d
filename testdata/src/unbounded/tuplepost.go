package unbounded

import "time"

// Silent: the attempt counter steps in a parallel post statement, next
// to the wait it doubles; it is compared with a limit (harbor's blob
// copy; unseen triage of 2026-12-03; docs/model.md, Bounds).
func copyBlob() error {
	var err error
	for i, wait := 1, 2*time.Second; i <= 5; i, wait = i+1, wait*2 {
		if err = connect(); err == nil {
			return nil
		}
		time.Sleep(wait)
	}
	return err
}

// Silent: a growing wait under a constant limit, stepped in the post
// statement, bounds the loop.
func growUnder() error {
	var err error
	for d := time.Second; d < time.Minute; d *= 2 {
		if err = connect(); err == nil {
			return nil
		}
		time.Sleep(d)
	}
	return err
}

// Flagged: the look-alike steps the same pair but compares neither.
func copyBlobForever() error {
	var err error
	for i, wait := 1, 2*time.Second; ; i, wait = i+1, wait*2 { // want `retry loop has no attempt limit`
		if err = connect(); err == nil {
			return nil
		}
		time.Sleep(wait)
		_ = i
	}
}
