package retryx

import (
	"context"
	"errors"
	"io"
	"strings"

	retry "github.com/avast/retry-go/v4"
)

// IsNetworkError answers true only for the network failures it names.
func IsNetworkError(err error) bool { // want IsNetworkError:`narrow`
	if err == nil {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "connection reset") || strings.Contains(s, "i/o timeout")
}

// isTransient answers through IsNetworkError: narrow too.
func isTransient(err error) bool { // want isTransient:`narrow`
	return IsNetworkError(err) || errors.Is(err, context.DeadlineExceeded)
}

// Retriable answers true for every failure but the one it names: not
// narrow.
func Retriable(err error) bool {
	return !errors.Is(err, errBadRequest)
}

var errBadRequest = errors.New("bad request")

// Do retries op through retry-go, the failures classify picks.
func Do(ctx context.Context, op func() error, classify func(error) bool) error { // want Do:`retries\(retryx\.Do, 3 attempts\)`
	return retry.Do(op, retry.Context(ctx), retry.Attempts(3), retry.RetryIf(classify))
}

// Transient retries op on transient failures: a helper whose fixed
// classifier is narrow, narrow too.
func Transient(ctx context.Context, op func() error) error { // want Transient:`retries\(retryx\.Transient -> retryx\.Do, 3 attempts\)` Transient:`narrow`
	return Do(ctx, op, isTransient)
}
