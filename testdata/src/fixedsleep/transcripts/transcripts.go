// Package transcripts only ends in "scripts": flagged.
package transcripts

import "time"

var push func() error

// Push retries the upload eleven times.
func Push() error {
	var err error
	for i := 0; i <= 10; i++ {
		if err = push(); err == nil {
			return nil
		}
		time.Sleep(3 * time.Second) // want `retry loop waits a fixed 3s between attempts`
	}
	return err
}
