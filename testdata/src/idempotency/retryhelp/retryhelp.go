// Package retryhelp is a codebase's own retry helper that takes a
// classifier and hands it to retry-go's RetryIf through an options
// builder, so the recogniser sees the options only as opts(...)...
package retryhelp

import (
	"context"
	"fmt"

	"github.com/avast/retry-go/v4"
)

// Do retries op, the failures classify says are worth it.
func Do(ctx context.Context, attempts uint, op func() error, classify func(error) bool) error {
	return retry.Do(op, options(ctx, attempts, classify)...)
}

// Twice retries op through Do: the classifier is handed on.
func Twice(ctx context.Context, op func() error, classify func(error) bool) error {
	return Do(ctx, 2, op, classify)
}

func options(ctx context.Context, attempts uint, classify func(error) bool) []retry.Option {
	opts := []retry.Option{retry.Context(ctx), retry.Attempts(attempts)}
	if classify != nil {
		opts = append(opts, retry.RetryIf(classify))
	}
	return opts
}

// StatusError is a response the server answered with a failure status.
type StatusError struct{ Status int }

func (e StatusError) Error() string { return fmt.Sprintf("status %d", e.Status) }
