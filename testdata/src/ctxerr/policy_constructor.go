package ctxerr

import (
	"context"
	"time"

	"github.com/cenkalti/backoff/v4"
)

type syncer struct {
	maxRetries uint64
}

// policy builds the syncer's retry policy around the caller's context.
func (s *syncer) policy(ctx context.Context) backoff.BackOff {
	b := backoff.NewExponentialBackOff()
	b.MaxInterval = 30 * time.Second
	return backoff.WithMaxRetries(backoff.WithContext(b, ctx), 5)
}

// Silent: the same-package policy constructor hands the library the
// caller's context (issue 14, shape 2: a policy constructor is looked
// into one level).
func (s *syncer) sync(ctx context.Context) error {
	return backoff.Retry(op, s.policy(ctx))
}

// plainPolicy builds a policy without any context.
func plainPolicy() backoff.BackOff {
	return backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 5)
}

// Flagged: the look-alike whose constructor takes no context.
func (s *syncer) syncPlain(ctx context.Context) error {
	return backoff.Retry(op, plainPolicy()) // want `backoff.Retry retries without ctx, so it goes on after the caller gave up; wrap the policy with backoff.WithContext\(b, ctx\)`
}

// backgroundPolicy hands the library a context of its own.
func backgroundPolicy() backoff.BackOff {
	return backoff.WithContext(backoff.NewExponentialBackOff(), context.Background())
}

// Flagged: the constructor's context is derived from Background.
func (s *syncer) syncBackground(ctx context.Context) error {
	return backoff.Retry(op, backgroundPolicy()) // want `backoff.Retry is handed a context derived from context.Background while ctx is in scope`
}
