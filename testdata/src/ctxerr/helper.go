package ctxerr

import (
	"context"

	"helperlib/retry"
)

// A helper that takes a context, handed one from Background while ctx
// is in scope.
func viaHelper(ctx context.Context) error {
	return retry.Do(context.Background(), 3, send) // want `retry.Do is handed a context derived from context.Background while ctx is in scope, so it retries after the caller gave up; hand it ctx`
}

// Silent: the helper is handed the caller's context.
func viaHelperCaller(ctx context.Context) error {
	return retry.Do(ctx, 3, send)
}
