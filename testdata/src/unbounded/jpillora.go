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

// Silent: the Backoff counts the attempts. Its Attempt() is the number
// of Duration() calls so far, which the loop makes once per pass, so
// attempt reaches maxAttempts on the tenth (atlantis' GitLab status
// update).
func jpilloraAttemptBound() error {
	var (
		maxAttempts = 10
		b           = &jp.Backoff{Jitter: true, Max: time.Minute}
	)
	for {
		attempt := int(b.Attempt()) + 1
		err := connect()
		if err == nil {
			return nil
		}
		if attempt == maxAttempts {
			return err
		}
		time.Sleep(b.Duration())
	}
}

// Attempt() of a Backoff the loop never steps stays 0: no bound.
func jpilloraAttemptUnstepped() error {
	b := &jp.Backoff{Jitter: true}
	other := &jp.Backoff{Jitter: true}
	for { // want `retry loop has no attempt limit, deadline or stop signal`
		attempt := int(other.Attempt()) + 1
		if err := connect(); err == nil {
			return nil
		}
		if attempt == 10 {
			return nil
		}
		time.Sleep(b.Duration())
	}
}

// A Backoff reset in the loop counts from zero again: no bound.
func jpilloraAttemptReset(progress func() bool) error {
	b := &jp.Backoff{Jitter: true}
	for { // want `retry loop has no attempt limit, deadline or stop signal`
		attempt := int(b.Attempt()) + 1
		if err := connect(); err == nil {
			return nil
		}
		if progress() {
			b.Reset()
		}
		if attempt == 10 {
			return nil
		}
		time.Sleep(b.Duration())
	}
}
