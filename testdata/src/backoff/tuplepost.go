package backoff

import "time"

// Flagged: the wait doubles in a parallel post statement, with the
// attempt counter (harbor's blob copy; unseen triage of 2026-12-03).
func copyBlob() error {
	var err error
	for i, wait := 1, 2*time.Second; i <= 5; i, wait = i+1, wait*2 {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(wait) // want `retry loop backs off exponentially without jitter`
	}
	return err
}

// Flagged: the wait is the loop's own growing variable.
func growUnder() error {
	var err error
	for d := time.Second; d < time.Minute; d *= 2 {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(d) // want `retry loop backs off exponentially without jitter`
	}
	return err
}

// Silent: the same pair stepped linearly is not exponential.
func copyBlobLinear() error {
	var err error
	for i, wait := 1, 2*time.Second; i <= 5; i, wait = i+1, wait+time.Second {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(wait)
	}
	return err
}
