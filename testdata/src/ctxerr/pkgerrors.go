package ctxerr

import (
	"context"
	"time"

	"github.com/pkg/errors"
)

// retryableError marks the failures worth another attempt.
type retryableError struct{ error }

// Silent: github.com/pkg/errors's As is the standard library's, so a
// context error, which is no retryableError, leaves the loop: the
// context is observed through the attempt's error (dagger's
// flightcontrol; unseen triage of 2026-12-03).
func doShared(ctx context.Context) error {
	for attempt := 0; attempt < 10; attempt++ {
		err := send(ctx)
		if err == nil || !errors.As(err, new(retryableError)) {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
	return errDown
}
