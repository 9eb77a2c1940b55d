package retryable

import (
	"context"
	"time"
)

type code int

const (
	codeUnavailable code = iota + 1
	codeUnimplemented
)

// codeOf maps an error to the server's status code.
func codeOf(err error) code {
	if err == nil {
		return 0
	}
	return codeUnavailable
}

var info func(ctx context.Context) error

// Silent: the switch's init statement computes the code from the
// error, and the cases pick what is retried (dagger's buildkit client
// waiting for the engine; unseen triage of 2026-12-03).
func waitEngine(ctx context.Context) error {
	for {
		err := info(ctx)
		if err == nil {
			return nil
		}
		switch c := codeOf(err); c {
		case codeUnavailable:
		case codeUnimplemented:
			return nil
		default:
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Flagged: the look-alike's switch computes nothing from the error.
func waitEngineBlind(ctx context.Context, n int) error {
	for {
		err := info(ctx) // want `retry loop retries every error of info\(\)`
		if err == nil {
			return nil
		}
		switch c := n % 3; c {
		case 0:
			n++
		default:
			n--
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}
