package ctxerr

import (
	"context"
	"regexp"
	"time"
)

var reTimeout = regexp.MustCompile(`Timeout exceeded`)

// retriesTimeoutText retries only errors whose text the package's
// constant regexp matches; a cancellation's text ("context canceled")
// does not, so it leaves and the loop observes ctx (cometbft's light
// client provider). Only its growing sleep is left to report.
func retriesTimeoutText(ctx context.Context) error {
	for attempt := 1; attempt <= 5; attempt++ {
		err := send(ctx)
		switch {
		case err == nil:
			return nil
		case reTimeout.MatchString(err.Error()):
			time.Sleep(time.Duration(attempt*attempt) * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
		default:
			return err
		}
	}
	return errDown
}

// retriesCanceledText matches "cancel", which a cancellation's text
// says: it is retried, so the loop never observes ctx.
func retriesCanceledText(ctx context.Context) error {
	for attempt := 1; attempt <= 5; attempt++ {
		err := send(ctx)
		switch {
		case err == nil:
			return nil
		case regexp.MustCompile(`(?i)cancel`).MatchString(err.Error()):
			time.Sleep(time.Duration(attempt*attempt) * time.Second) // want `retry loop never observes ctx`
		default:
			return err
		}
	}
	return errDown
}
