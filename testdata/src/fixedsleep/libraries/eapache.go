package libraries

import (
	"context"
	"time"

	"github.com/eapache/go-resiliency/retrier"
)

// eapache/go-resiliency's retrier: ConstantBackoff waits the same time
// between attempts; a nil classifier retries every error, which is not
// A1's business.

func eapacheConstant(ctx context.Context) error {
	r := retrier.New(retrier.ConstantBackoff(5, 2*time.Second), nil) // want `retry policy waits a fixed 2s between attempts; use an exponential backoff with jitter`
	return r.RunCtx(ctx, func(ctx context.Context) error { return op() })
}

func eapacheConstantInline() error {
	return retrier.New(retrier.ConstantBackoff(3, time.Second), retrier.WhitelistClassifier{errAgain}).Run(op) // want `retry policy waits a fixed 1s between attempts`
}

// Silent: jittered; at most two attempts; under a second in all.
func eapacheFine(ctx context.Context) error {
	r := retrier.New(retrier.ConstantBackoff(5, 2*time.Second), nil)
	r.SetJitter(0.5)
	if err := r.RunCtx(ctx, func(ctx context.Context) error { return op() }); err != nil {
		return err
	}
	if err := retrier.New(retrier.ConstantBackoff(1, 2*time.Second), nil).RunCtx(ctx, func(ctx context.Context) error { return op() }); err != nil {
		return err
	}
	return retrier.New(retrier.ConstantBackoff(4, 100*time.Millisecond), nil).RunCtx(ctx, func(ctx context.Context) error { return op() })
}
