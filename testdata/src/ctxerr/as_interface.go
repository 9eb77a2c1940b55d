package ctxerr

import (
	"context"
	"errors"
	"time"
)

// serviceError is the shape of an SDK's API error interface (smithy-go's
// APIError): a context error has none of its methods but Error.
type serviceError interface {
	error
	ErrorCode() string
}

// inUse reports whether err is the service's "resource in use".
func inUse(err error) bool {
	var apiErr serviceError
	ok := errors.As(err, &apiErr)
	return ok && apiErr.ErrorCode() == "ResourceInUseException"
}

// deleteWhenFree retries only the service's "in use" answer. A
// cancellation, which no serviceError wraps, leaves the loop: the
// context is observed, and what remains is the sleep it cannot cut
// short (terragrunt's DynamoDB table deletion).
func deleteWhenFree(ctx context.Context) error {
	for i := range 5 {
		err := send(ctx)
		if err == nil {
			return nil
		}
		if inUse(err) && i < 4 {
			time.Sleep(2 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
			continue
		}
		return err
	}
	return errDown
}

// described is an interface any error satisfies, a context's included.
type described interface{ Error() string }

// retriesDescribed retries every error that errors.As finds a
// described in: a cancellation too, so the loop never observes ctx.
func retriesDescribed(ctx context.Context) error {
	for i := range 5 {
		err := send(ctx)
		var d described
		if err == nil || !errors.As(err, &d) || i == 4 {
			return err
		}
		time.Sleep(2 * time.Second) // want `retry loop never observes ctx`
	}
	return errDown
}
