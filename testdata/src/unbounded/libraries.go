package unbounded

import (
	"context"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	backoffv4 "github.com/cenkalti/backoff/v4"
	backoffv5 "github.com/cenkalti/backoff/v5"
	goretry "github.com/sethvargo/go-retry"
)

func v4Unlimited(ctx context.Context) error {
	b := backoffv4.NewExponentialBackOff()
	b.MaxElapsedTime = 0 // want `retry policy never gives up and no context can stop it, so the operation is retried forever; wrap it in backoff.WithMaxRetries or use backoff.WithContext with the caller's context`
	err := backoffv4.Retry(connect, b)
	if err != nil {
		return err
	}
	lit := &backoffv4.ExponentialBackOff{InitialInterval: time.Second} // want `retry policy never gives up`
	err = backoffv4.Retry(connect, lit)
	if err != nil {
		return err
	}
	err = backoffv4.Retry(connect, backoffv4.NewConstantBackOff(time.Second)) // want `retry policy never gives up`
	if err != nil {
		return err
	}
	return backoffv4.Retry(connect, backoffv4.WithContext(&backoffv4.ZeroBackOff{}, context.Background())) // want `retry policy never gives up`
}

func v4Bounded(ctx context.Context) error {
	// The default MaxElapsedTime (15 minutes) ends it.
	err := backoffv4.Retry(connect, backoffv4.NewExponentialBackOff())
	if err != nil {
		return err
	}
	// A limit ends it.
	err = backoffv4.Retry(connect, backoffv4.WithMaxRetries(backoffv4.NewConstantBackOff(time.Second), 5))
	if err != nil {
		return err
	}
	// The caller's context ends it.
	return backoffv4.Retry(connect, backoffv4.WithContext(backoffv4.NewConstantBackOff(time.Second), ctx))
}

func v5(ctx context.Context) error {
	op := func() (int, error) { return 0, connect() }
	_, err := backoffv5.Retry(context.Background(), op, backoffv5.WithMaxElapsedTime(0)) // want `retry policy never gives up and no context can stop it, so the operation is retried forever; add backoff.WithMaxTries or pass the caller's context`
	if err != nil {
		return err
	}
	// Silent: the caller's context, a limit, or the default 15 minutes.
	_, err = backoffv5.Retry(ctx, op, backoffv5.WithMaxElapsedTime(0))
	_, err = backoffv5.Retry(context.Background(), op, backoffv5.WithMaxElapsedTime(0), backoffv5.WithMaxTries(5))
	_, err = backoffv5.Retry(context.Background(), op, backoffv5.WithBackOff(backoffv5.NewConstantBackOff(time.Second)))
	return err
}

// Options spread from a slice built in the function are read.
func v5Spread() error {
	op := func() (int, error) { return 0, connect() }
	opts := []backoffv5.RetryOption{backoffv5.WithMaxElapsedTime(0)} // want `retry policy never gives up and no context can stop it`
	_, err := backoffv5.Retry(context.Background(), op, opts...)
	if err != nil {
		return err
	}
	// Silent: a limit appended before the call.
	limited := []backoffv5.RetryOption{backoffv5.WithMaxElapsedTime(0)}
	limited = append(limited, backoffv5.WithMaxTries(5))
	_, err = backoffv5.Retry(context.Background(), op, limited...)
	return err
}

// Silent: options handed in are not seen.
func v5Param(opts []backoffv5.RetryOption) error {
	op := func() (int, error) { return 0, connect() }
	_, err := backoffv5.Retry(context.Background(), op, opts...)
	return err
}

func sethvargo(ctx context.Context) error {
	f := func(ctx context.Context) error { return goretry.RetryableError(connect()) }
	err := goretry.Do(context.Background(), goretry.NewExponential(time.Second), f) // want `retry policy never gives up`
	if err != nil {
		return err
	}
	err = goretry.Constant(context.TODO(), time.Second, f) // want `retry policy never gives up`
	if err != nil {
		return err
	}
	// Silent: limited, capped in time, or the caller's context.
	err = goretry.Do(context.Background(), goretry.WithMaxRetries(5, goretry.NewExponential(time.Second)), f)
	err = goretry.Do(context.Background(), goretry.WithMaxDuration(time.Minute, goretry.NewExponential(time.Second)), f)
	return goretry.Do(ctx, goretry.NewExponential(time.Second), f)
}

func avast(ctx context.Context) error {
	err := retrygo.Do(connect, retrygo.Attempts(0)) // want `retry policy never gives up and no context can stop it, so the operation is retried forever; give retry.Attempts a limit or pass retry.Context with the caller's context`
	if err != nil {
		return err
	}
	err = retrygo.Do(connect, retrygo.UntilSucceeded(), retrygo.Context(context.Background())) // want `retry policy never gives up`
	if err != nil {
		return err
	}
	// Silent: the caller's context, or the default ten attempts.
	err = retrygo.Do(connect, retrygo.UntilSucceeded(), retrygo.Context(ctx))
	return retrygo.Do(connect)
}

type poller struct{}

// limitedPolicy builds a policy that never stops by time but stops after
// five retries.
func limitedPolicy() backoffv4.BackOff {
	b := backoffv4.NewExponentialBackOff()
	b.MaxElapsedTime = 0
	return backoffv4.WithMaxRetries(b, 5)
}

// Silent: the same-package policy constructor, looked into one level,
// wraps the policy in WithMaxRetries (issue 14, shape 2).
func (p *poller) syncLimited() error {
	return backoffv4.Retry(connect, limitedPolicy())
}

// endlessPolicy is the look-alike without the limit.
func endlessPolicy() backoffv4.BackOff {
	b := backoffv4.NewExponentialBackOff()
	b.MaxElapsedTime = 0 // want `retry policy never gives up`
	return b
}

// Flagged: the constructor's policy never gives up.
func (p *poller) syncEndless() error {
	return backoffv4.Retry(connect, endlessPolicy())
}
