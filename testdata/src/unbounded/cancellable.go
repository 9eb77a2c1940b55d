package unbounded

import (
	"context"
	"sync"
	"time"

	backoffv4 "github.com/cenkalti/backoff/v4"
	backoffv5 "github.com/cenkalti/backoff/v5"
)

type subscriber struct {
	mu          sync.Mutex
	retryCtx    map[string]context.Context
	retryCancel map[string]context.CancelFunc
}

// Silent: the policy never gives up by itself, but its context is made
// with context.WithCancel and the cancel function is kept in a field,
// which Close calls: a cancellable context (dapr's subscription retry).
func (s *subscriber) retrySubscription(name string) {
	s.mu.Lock()
	ctx := s.retryCtx[name]
	if ctx == nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(context.Background())
		s.retryCtx[name] = ctx
		s.retryCancel[name] = cancel
	}
	s.mu.Unlock()
	b := backoffv4.NewExponentialBackOff()
	b.MaxElapsedTime = 0
	_ = backoffv4.Retry(connect, backoffv4.WithContext(b, ctx))
}

func (s *subscriber) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cancel := range s.retryCancel {
		cancel()
	}
}

// Silent: a goroutine cancels the context when stop is closed.
func retryUntilStopped(stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-stop
		cancel()
	}()
	return backoffv4.Retry(connect, backoffv4.WithContext(backoffv4.NewConstantBackOff(time.Second), ctx))
}

// Silent: a context with a timeout ends, whatever its root.
func retryForAnHour() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	_, err := backoffv5.Retry(ctx, func() (int, error) { return 0, connect() }, backoffv5.WithMaxElapsedTime(0))
	return err
}

// Flagged: the look-alike's cancel is only deferred, and the deferred
// call runs when the function returns, which the endless retry never
// lets it do.
func retryDeferredCancel() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return backoffv4.Retry(connect, backoffv4.WithContext(backoffv4.NewConstantBackOff(time.Second), ctx)) // want `retry policy never gives up`
}
