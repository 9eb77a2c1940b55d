package backoff

import (
	"errors"
	"time"

	jp "github.com/jpillora/backoff"
)

// jpillora/backoff: Jitter defaults to false.

func jpilloraNoJitter() error {
	b := &jp.Backoff{Min: 100 * time.Millisecond, Max: 10 * time.Second, Factor: 2}
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration()) // want `retry loop backs off exponentially without jitter, so clients that failed together retry together; set Jitter: true on its backoff.Backoff`
	}
	return err
}

// jpilloraZero: a zero Backoff grows from 100ms by 2, without jitter.
func jpilloraZero() error {
	var b jp.Backoff
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		d := b.ForAttempt(float64(attempt))
		time.Sleep(d) // want `retry loop backs off exponentially without jitter`
	}
	return err
}

type poller struct {
	b *jp.Backoff
}

func newPoller() *poller {
	return &poller{b: &jp.Backoff{Max: time.Minute}}
}

// jpilloraField: the one Backoff a constructor sets in the field.
func (p *poller) jpilloraField() error {
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(p.b.Duration()) // want `retry loop backs off exponentially without jitter`
	}
	return err
}

// Silent.

// jpilloraJitter: Jitter set in the literal, or on the value later.
func jpilloraJitter() error {
	b := &jp.Backoff{Min: 100 * time.Millisecond, Max: 10 * time.Second, Factor: 2, Jitter: true}
	c := jp.Backoff{Max: time.Minute}
	c.Jitter = true
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration())
		time.Sleep(c.Duration())
	}
	return err
}

// jpilloraConstant: Factor 1 never grows; fixedsleep's finding, not
// this check's.
func jpilloraConstant() error {
	b := &jp.Backoff{Min: time.Second, Factor: 1}
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration())
	}
	return err
}

// jpilloraUnseen: a Backoff handed in is the caller's to configure.
func jpilloraUnseen(b *jp.Backoff) error {
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration())
	}
	return err
}

// jpilloraTwice: one retry has nothing to back off.
func jpilloraTwice() error {
	b := &jp.Backoff{}
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.Duration())
	}
	return err
}

type hintError struct{ after time.Duration }

func (h hintError) Error() string { return "slow down" }

// jpilloraOverride: the server's hint lengthens the Backoff's wait
// when it asks for more (PrivateCaptcha/private-captcha-go's Verify);
// on every other path the wait is the Backoff's, without jitter.
func jpilloraOverride() error {
	b := &jp.Backoff{Min: 200 * time.Millisecond, Max: 20 * time.Second, Factor: 2}
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		d := b.Duration()
		var h hintError
		if errors.As(err, &h) && h.after > d {
			d = h.after
		}
		time.Sleep(d) // want `retry loop backs off exponentially without jitter, so clients that failed together retry together; set Jitter: true on its backoff.Backoff`
	}
	return err
}

// Silent: the same, jittered.
func jpilloraOverrideJitter() error {
	b := &jp.Backoff{Min: 200 * time.Millisecond, Max: 20 * time.Second, Factor: 2, Jitter: true}
	var err error
	for attempt := 0; attempt < 5; attempt++ {
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
