package ctxerr

import (
	"context"
	"errors"
	"time"
)

// Silent: the sleep runs only where ctx.Done() is nil, a context that
// can never be cancelled; elsewhere the wait is a select on it (issue
// 14, shape 9, without the variable).
func pumpDirect(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		if err := try(ctx); err == nil {
			return nil
		}
		d := time.Duration(1<<attempt) * time.Second
		if ctx.Done() == nil {
			time.Sleep(d)
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
}

// Silent: the same with the nil case in the else branch of a != nil
// test (issue 14, shape 9).
func pumpElse(ctx context.Context) error {
	ctxDone := ctx.Done()
	for attempt := 0; ; attempt++ {
		if err := try(ctx); err == nil {
			return nil
		}
		d := time.Duration(1<<attempt) * time.Second
		if ctxDone != nil {
			select {
			case <-ctxDone:
				return ctx.Err()
			case <-time.After(d):
			}
		} else {
			time.Sleep(d)
		}
	}
}

// Flagged: the look-alike sleeps where the channel is not nil, after a
// check that does not wait.
func pumpNonNil(ctx context.Context) error {
	ctxDone := ctx.Done()
	for attempt := 0; ; attempt++ {
		if err := try(ctx); err == nil {
			return nil
		}
		select {
		case <-ctxDone:
			return ctx.Err()
		default:
		}
		if ctxDone != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
		}
	}
}

var errNoResponders = errors.New("no responders")

var (
	request    func(ctx context.Context, m []byte) ([]byte, error)
	requestTTL func(m []byte, ttl time.Duration) ([]byte, error)
)

type pubOpts struct {
	ctx   context.Context // nil when ttl is set: the two exclude each other
	ttl   time.Duration
	rwait time.Duration
	rnum  int
}

// Silent: nats' JetStream publish (unseen triage of 2026-12-02). The
// wait watches o.ctx, and the attempt handed it then fails with the
// context's error, which the loop does not retry; the other attempt,
// under the timeout option, takes no context, and there o.ctx is nil,
// so the sleep on that branch has nothing to be interrupted by.
func publish(o pubOpts, m []byte) ([]byte, error) {
	resp, err := request(o.ctx, m)
	for r, ttl := 0, o.ttl; errors.Is(err, errNoResponders) && (r < o.rnum || o.rnum < 0); r++ {
		if o.ctx != nil {
			select {
			case <-o.ctx.Done():
			case <-time.After(o.rwait):
			}
		} else {
			time.Sleep(o.rwait)
		}
		if o.ttl > 0 {
			if ttl -= o.rwait; ttl <= 0 {
				break
			}
			resp, err = requestTTL(m, ttl)
		} else {
			resp, err = request(o.ctx, m)
		}
	}
	return resp, err
}

// Flagged: the look-alike watches ctx in its wait, but no attempt is
// handed it: after a cancellation it retries at once, every time.
func publishBlind(ctx context.Context, m []byte) ([]byte, error) {
	resp, err := requestTTL(m, time.Second)
	for r := 0; errors.Is(err, errNoResponders) && r < 5; r++ {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second): // want `retry loop never observes ctx`
		}
		resp, err = requestTTL(m, time.Second)
	}
	return resp, err
}

// Silent: the Done channel is read in the if's init inside the loop,
// and the sleep after the if runs only when it is nil: the if's body
// leaves the iteration on every path (temporal's sdk backoff.Retry,
// unseen triage of 2026-12-02).
func retryInit(ctx context.Context, next func() time.Duration) error {
	for {
		err := try(ctx)
		if err == nil {
			return nil
		}
		d := next()
		if done := ctx.Done(); done != nil {
			t := time.NewTimer(d)
			select {
			case <-done:
				t.Stop()
				return err
			case <-t.C:
				continue
			}
		}
		time.Sleep(d)
	}
}

// Flagged: in the look-alike the timer's case falls out of the if, so
// the sleep runs after the timer too, where Done is not nil.
func retryInitTwice(ctx context.Context, next func() time.Duration) error {
	for {
		err := try(ctx)
		if err == nil {
			return nil
		}
		d := next()
		if done := ctx.Done(); done != nil {
			t := time.NewTimer(d)
			select {
			case <-done:
				t.Stop()
				return err
			case <-t.C:
			}
		}
		time.Sleep(d) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
	}
}
