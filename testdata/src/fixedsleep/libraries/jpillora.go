package libraries

import (
	"errors"
	"time"

	jp "github.com/jpillora/backoff"
)

// jpillora/backoff: a Backoff that does not grow is a fixed wait.

func jpilloraFactorOne() error {
	b := &jp.Backoff{Min: 2 * time.Second, Max: time.Minute, Factor: 1, Jitter: true}
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration()) // want `retry loop waits a fixed 2s between attempts because its backoff.Backoff never grows; set a Factor above 1 \(and Min below Max\) with Jitter`
	}
	return err
}

func jpilloraMinAboveMax() error {
	b := jp.Backoff{Min: 5 * time.Second, Max: time.Second}
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.ForAttempt(float64(attempt))) // want `retry loop waits a fixed 1s between attempts because its backoff.Backoff never grows`
	}
	return err
}

func jpilloraDefaultMin() error {
	b := &jp.Backoff{Factor: 1}
	var err error
	for {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration()) // want `retry loop waits a fixed 100ms between attempts because its backoff.Backoff never grows`
	}
}

// Silent: the default Factor of 2 grows the wait; an unknown Factor or
// a Backoff handed in is not seen.
func jpilloraGrows(factor float64, given *jp.Backoff) error {
	b := &jp.Backoff{Min: time.Second}
	c := &jp.Backoff{Min: time.Second, Factor: factor}
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration())
		time.Sleep(c.Duration())
		time.Sleep(given.Duration())
	}
	return err
}

type hintError struct{ after time.Duration }

func (h hintError) Error() string { return "slow down" }

// Silent: a Backoff that never grows, but a server's hint may lengthen
// the wait; like a fixed wait a hint overrides, the duration is not
// loop-invariant (precision first).
func jpilloraFixedOverride() error {
	b := &jp.Backoff{Min: 2 * time.Second, Max: time.Minute, Factor: 1, Jitter: true}
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		d := b.Duration()
		var h hintError
		if errors.As(err, &h) && h.after > d {
			d = h.after
		}
		time.Sleep(d)
	}
	return err
}
