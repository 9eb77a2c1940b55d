package ctxerr

import (
	"context"
	"errors"
	"net/http"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	backoff "github.com/cenkalti/backoff/v4"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/retry"
)

var errDown = errors.New("down")

var send func(ctx context.Context) error

type result struct{ n int }

// Flagged: the wait of a loop that never observes ctx; a struct result
// has no simple zero value, so no fix.
func unobservedStruct(ctx context.Context) (result, error) {
	for i := 0; i < 5; i++ {
		if err := send(ctx); err == nil {
			return result{}, nil
		}
		time.Sleep(time.Second << i) // want `retry loop never observes ctx, so it keeps retrying after the caller gave up; check ctx.Err\(\) and wait in a select on ctx.Done\(\)`
	}
	return result{}, errDown
}

// Flagged: a handler's request context.
func handler(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 5; i++ {
		if err := send(r.Context()); err == nil {
			return
		}
		time.Sleep(time.Second) // want `retry loop never observes r.Context\(\)`
	}
}

// Flagged: a ctx.Err() that is only logged observes nothing.
func logged(ctx context.Context, log func(error)) error {
	for i := 0; i < 5; i++ {
		if err := send(ctx); err == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			log(err)
		}
		select { // the select has no ctx.Done() case
		case <-time.After(time.Second): // want `retry loop never observes ctx`
		}
	}
	return errDown
}

// Silent: a wait helper handed the context whose error leaves the loop.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func helper(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		if err := send(ctx); err == nil {
			return nil
		}
		if err := sleepCtx(ctx, time.Second); err != nil {
			return err
		}
	}
	return errDown
}

// Silent: a short sleep in a loop that checks ctx.Err() first delays
// cancellation by one sleep at most.
func shortSleep(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := send(ctx); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errDown
}

// Silent: no context in scope (unbounded's business, if anything).
func noContext() error {
	for {
		if err := send(context.Background()); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
}

// Silent: test-style waits and immediate retries do not apply: no wait.
func noWait(ctx context.Context) error {
	for i := 0; i < 2; i++ {
		if err := send(ctx); err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: a per-attempt timeout done right, waiting in a select.
func perAttempt(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		err := send(actx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second << i):
		}
	}
	return errDown
}

var op func() error

func handoffs(ctx context.Context) error {
	if err := backoff.Retry(op, backoff.NewExponentialBackOff()); err != nil { // want `backoff.Retry retries without ctx, so it goes on after the caller gave up; wrap the policy with backoff.WithContext\(b, ctx\)`
		return err
	}
	if err := retrygo.Do(op, retrygo.Attempts(5)); err != nil { // want `retry.Do retries without ctx, so it goes on after the caller gave up; add the option retry.Context\(ctx\)`
		return err
	}
	b := wait.Backoff{Duration: time.Second, Factor: 2, Steps: 5}
	if err := wait.ExponentialBackoff(b, func() (bool, error) { return op() == nil, nil }); err != nil { // want `wait.ExponentialBackoff retries without ctx, so it goes on after the caller gave up; use wait.ExponentialBackoffWithContext\(ctx, ...\)`
		return err
	}
	if err := goretry.Do(context.Background(), goretry.NewExponential(time.Second), func(context.Context) error { return op() }); err != nil { // want `retry.Do is handed a context derived from context.Background while ctx is in scope, so it retries after the caller gave up; hand it ctx`
		return err
	}
	// Silent: the context forms.
	if err := backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx)); err != nil {
		return err
	}
	if err := retrygo.Do(op, retrygo.Context(ctx)); err != nil {
		return err
	}
	// Silent: RetryOnConflict has no context form.
	return retry.RetryOnConflict(retry.DefaultRetry, op)
}

// Silent: a library call with no context in scope.
func noScopeLibrary() error {
	return backoff.Retry(op, backoff.NewExponentialBackOff())
}

// Silent: three attempts with waits of at most 3 x 300ms: ignoring ctx
// delays the caller less than a second (containerd's shim retries).
func quickRetry(ctx context.Context) error {
	var err error
	for i := 1; i <= 3; i++ {
		if err = send(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(100*i) * time.Millisecond)
	}
	return err
}

// Flagged: a counter stepped before the wait, which sees 1 then 2: 2s
// then 4s, 6s in all, more than a brief wait whose attempts fail at
// once after a cancellation. Read with the counter before its step (0s
// then 2s) it looked brief.
func slowStepped(ctx context.Context) (result, error) {
	attempt := 0
	for {
		if err := send(ctx); err == nil {
			return result{}, nil
		}
		attempt++
		if attempt >= 3 {
			return result{}, errDown
		}
		time.Sleep(time.Duration(attempt) * 2 * time.Second) // want `retry loop never observes ctx`
	}
}

type poller struct {
	ctx  context.Context
	send func(context.Context) error
}

// Flagged: a context held in a field that the attempt uses.
func (p *poller) fieldContext() {
	for {
		if err := p.send(p.ctx); err == nil {
			return
		}
		time.Sleep(time.Second) // want `retry loop never observes p.ctx, so it keeps retrying after the caller gave up; check p.ctx.Err\(\) and wait in a select on p.ctx.Done\(\)`
	}
}
