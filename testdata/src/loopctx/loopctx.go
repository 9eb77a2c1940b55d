package loopctx

import (
	"context"
	"errors"
	"net/http"
	"time"

	backoff "github.com/cenkalti/backoff/v4"
)

var errDown = errors.New("down")

func ping(ctx context.Context) error { return fail(errDown) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

type client struct{ ctx context.Context }

func background(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout from context.Background\(\) inside a retry loop ignores the caller's cancellation; derive it from ctx`
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

func todoDeadline(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithDeadline(context.TODO(), time.Now().Add(time.Second)) // want `context.WithDeadline from context.TODO\(\) inside a retry loop`
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

func handler(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithCancelCause(context.Background()) // want `derive it from r.Context\(\)`
		err := ping(actx)
		cancel(nil)
		if err == nil {
			return
		}
	}
}

func (c *client) field() error {
	for i := 0; i < 3; i++ {
		if c.ctx.Err() != nil {
			return c.ctx.Err()
		}
		actx, cancel := context.WithTimeoutCause(context.Background(), time.Second, errDown) // want `derive it from the ctx field`
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

func nested(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Second) // want `context.WithTimeout assigned back to its parent ctx inside a retry loop nests a new context on every attempt; assign it to a per-attempt variable`
		err := ping(ctx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

func operation(ctx context.Context) error {
	return backoff.Retry(func() error {
		actx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout from context.Background\(\) inside an operation retried by backoff.Retry ignores the caller's cancellation; derive it from ctx`
		defer cancel()
		return ping(actx)
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Silent: a per-attempt timeout derived from the caller's context and
// cancelled in the same iteration.
func perAttempt(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: no context in scope, so Background is the root there is.
func noScope() error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: a shadowing definition makes a fresh child of the outer ctx
// on each attempt.
func shadowed(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		err := ping(ctx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: defer cancel() inside a function literal called in place runs
// once per attempt.
func inPlace(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		err := func() error {
			actx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			return ping(actx)
		}()
		if err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: a Background context made before the loop is not made in it.
func before(ctx context.Context) error {
	bg, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for i := 0; i < 3; i++ {
		if err := ping(bg); err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: not a retry loop (a poll).
func poll(ctx context.Context) {
	for {
		actx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = ping(actx)
		time.Sleep(time.Second)
	}
}

// Flagged: Background through a variable that only ever holds it.
func throughVar(ctx context.Context) error {
	bg := context.Background()
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(bg, time.Second) // want `context.WithTimeout from bg \(context.Background\) inside a retry loop ignores the caller's cancellation; derive it from ctx`
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: a variable that may hold the caller's context.
func maybeCaller(ctx context.Context, detached bool) error {
	base := ctx
	if detached {
		base = context.Background()
	}
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(base, time.Second)
		err := ping(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return errDown
}

// Silent: the Background context is made in a cleanup closure the loop
// returns; it runs at teardown, after the retry (hatchet's test
// harness).
func cleanupReturned(ctx context.Context, stop func(context.Context) error) (func() error, error) {
	for attempt := 0; attempt < 5; attempt++ {
		if err := ping(ctx); err != nil {
			time.Sleep(time.Second)
			continue
		}
		return func() error {
			c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			return stop(c)
		}, nil
	}
	return nil, errDown
}

// Silent: the parent is made anew in each iteration, so assigning the
// child back nests nothing across attempts (go-redis' tryDial).
func perIterationParent(timeout time.Duration) error {
	for {
		ctx := context.Background()
		var cancel context.CancelFunc
		if timeout > 0 {
			ctx, cancel = context.WithTimeout(ctx, timeout)
		}
		err := ping(ctx)
		if cancel != nil {
			cancel()
		}
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
}
