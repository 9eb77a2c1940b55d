package unbounded

import (
	"context"
	"time"

	"github.com/eapache/go-resiliency/retrier"
)

// eapache/go-resiliency's WithInfiniteRetry repeats the last backoff for
// ever; Run hands it no context that could end it.
func eapacheForever() error {
	r := retrier.New(retrier.ExponentialBackoff(5, time.Second), nil).WithInfiniteRetry()
	return r.Run(connect) // want `retry policy never gives up and no context can stop it, so the operation is retried forever; drop WithInfiniteRetry or use RunCtx with the caller's context`
}

func eapacheForeverLater() error {
	r := retrier.New(retrier.ConstantBackoff(1, time.Second), nil)
	r.WithInfiniteRetry()
	return r.RunCtx(context.Background(), func(ctx context.Context) error { return connect() }) // want `retry policy never gives up`
}

// Silent: the caller's context can end it; a finite backoff ends it.
func eapacheEnds(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(5, time.Second), nil).WithInfiniteRetry()
	if err := r.RunCtx(ctx, func(ctx context.Context) error { return connect() }); err != nil {
		return err
	}
	return retrier.New(retrier.ExponentialBackoff(5, time.Second), nil).Run(connect)
}
