package ctxerr

import (
	"context"
	"errors"
	"time"
)

type tx struct{}

func (tx) Rollback() error { return nil }

var (
	begin      func(ctx context.Context) (tx, error)
	beginBlind func() (tx, error)
	runTx      func(t tx) error
	errTicket  = errors.New("ticket already redeemed")
)

// Flagged as ctxerr/sleep, not unobserved: every pass opens, after a check that
// returns, with begin(ctx), and any failure of it returns, so once ctx ends the loop
// ends at its next pass; only the growing sleep cannot be interrupted
// (boundary's DoTx; unseen triage of 2026-12-03).
func doTx(ctx context.Context) error {
	for attempt := 1; ; attempt++ {
		if attempt > 20 {
			return errors.New("too many retries")
		}
		t, err := begin(ctx)
		if err != nil {
			return err
		}
		if err := runTx(t); err != nil {
			_ = t.Rollback()
			if errors.Is(err, errTicket) {
				time.Sleep(time.Duration(attempt) * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
				continue
			}
			return err
		}
		return nil
	}
}

// Flagged as unobserved: the look-alike's opening call is not handed
// the context, so nothing ends the loop when it is cancelled.
func doTxBlind(ctx context.Context) error {
	for attempt := 1; attempt <= 20; attempt++ {
		t, err := beginBlind()
		if err != nil {
			return err
		}
		if err := runTx(t); err != nil {
			_ = t.Rollback()
			if errors.Is(err, errTicket) {
				time.Sleep(time.Duration(attempt) * time.Second) // want `retry loop never observes ctx`
				continue
			}
			return err
		}
		return nil
	}
	return errors.New("too many retries")
}
