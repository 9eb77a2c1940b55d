package unbounded

import (
	jp "github.com/jpillora/backoff"
	"time"
)

// jpillora/backoff paces a loop; it bounds nothing.
func jpilloraForever() {
	b := &jp.Backoff{Jitter: true}
	for { // want `retry loop has no attempt limit, deadline or stop signal`
		if err := connect(); err == nil {
			return
		}
		time.Sleep(b.Duration())
	}
}

// Silent: an attempt limit.
func jpilloraBounded() error {
	b := &jp.Backoff{Jitter: true}
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = connect(); err == nil {
			return nil
		}
		time.Sleep(b.Duration())
	}
	return err
}
