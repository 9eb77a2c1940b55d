package negatives

import "errors"

type causer interface{ Cause() error }

// Not a retry: a walk along an error chain through a method of a value
// asserted from the error itself (nakama's errorCause; unseen triage of
// 2026-12-03).
func rootCause(err error) error {
	for err != nil {
		c, ok := err.(causer)
		if !ok {
			break
		}
		err = c.Cause()
	}
	return err
}

// Not a retry: the same walk through errors.As.
func rootCauseAs(err error) error {
	for err != nil {
		var c causer
		if !errors.As(err, &c) {
			break
		}
		err = c.Cause()
	}
	return err
}
