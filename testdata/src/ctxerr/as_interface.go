package ctxerr

import (
	"context"
	"errors"
	"time"

	liberrors "github.com/AdguardTeam/golibs/errors"
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

// temporary is net.Error's Temporary alone.
type temporary interface {
	error
	Temporary() bool
}

// retriesTemporary retries only what errors.AsType (Go 1.26) finds a
// temporary error in; a cancellation is none, so it leaves and the loop
// observes ctx (AdGuardHome's version check): only the sleep is left.
func retriesTemporary(ctx context.Context) error {
	var err error
	for range 3 {
		if err = send(ctx); err == nil {
			return nil
		}
		if te, ok := errors.AsType[temporary](err); ok && te.Temporary() {
			time.Sleep(2 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
			continue
		}
		break
	}
	return err
}

// retriesTemporaryLib is the same through golibs' drop-in errors
// package.
func retriesTemporaryLib(ctx context.Context) error {
	var err error
	for range 3 {
		if err = send(ctx); err == nil {
			return nil
		}
		if te, ok := liberrors.AsType[temporary](err); ok && te.Temporary() {
			time.Sleep(2 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
			continue
		}
		break
	}
	return err
}

// retriesDescribedType is retriesDescribed with errors.AsType: every
// error is a described, a cancellation too, so the loop never observes
// ctx.
func retriesDescribedType(ctx context.Context) error {
	for i := range 5 {
		err := send(ctx)
		if _, ok := errors.AsType[described](err); err == nil || !ok || i == 4 {
			return err
		}
		time.Sleep(2 * time.Second) // want `retry loop never observes ctx`
	}
	return errDown
}
