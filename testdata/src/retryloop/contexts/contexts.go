package contexts

import (
	"context"
	"errors"
	"net/http"
	"os/signal"
	"syscall"
	"time"
)

// failure stands for a failure by I/O (a stub returning only nil
// cannot fail).
var failure func() error

func op(ctx context.Context) error { return failure() }

type client struct {
	ctx  context.Context
	stop chan struct{}
	done bool
}

// The caller's context, never observed.
func unobserved(ctx context.Context) error {
	for i := 0; i < 3; i++ { // want `ctx=\[ctx:param\]$`
		if err := op(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// ctx.Err() checked before each attempt.
func errBefore(ctx context.Context) error {
	for i := 0; i < 3; i++ { // want `ctx=\[ctx:param\] obs=\[err:in\] observed$`
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := op(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// A ctx.Err() that is only logged observes nothing.
func errLogged(ctx context.Context, log func(error)) error {
	for i := 0; i < 3; i++ { // want `ctx=\[ctx:param\]$`
		if err := ctx.Err(); err != nil {
			log(err)
		}
		if err := op(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// errors.Is(err, context.Canceled) on the attempt's error.
func errorsIs(ctx context.Context) error {
	for i := 0; i < 3; i++ { // want `ctx=\[ctx:param\] obs=\[errors.is:in\] observed$`
		err := op(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// r.Context() of a request parameter, observed through a local.
func handler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	for i := 0; i < 3; i++ { // want `ctx=\[r:request ctx:derived\] obs=\[done:in\] observed$`
		if err := op(ctx); err == nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// A context held in a field.
func (c *client) field() error {
	for i := 0; i < 3; i++ { // want `ctx=\[ctx:field\]$`
		if err := op(c.ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// A Background-derived local is not in scope; observing it is recorded
// but not as the caller's.
func background() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for { // want `waits=\[sleep\(time.Second\)\] obs=\[err\]$`
		if err := op(ctx); err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Second)
	}
}

// signal.NotifyContext from Background: observed, not in scope.
func signals() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	for { // want `obs=\[done\]$`
		if err := op(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// A closure sees the enclosing function's context; the loop condition
// observes it.
func closure(ctx context.Context) func() error {
	return func() error {
		for ctx.Err() == nil { // want `ctx=\[ctx:param\] obs=\[err:in\] observed$`
			if err := op(ctx); err == nil {
				return nil
			}
			time.Sleep(time.Second)
		}
		return ctx.Err()
	}
}

// A per-attempt timeout derived from the caller's context.
func perAttempt(ctx context.Context) error {
	for i := 0; i < 3; i++ { // want `ctx=\[ctx:param\] obs=\[err:in err:in\] observed$`
		actx, cancel := context.WithTimeout(ctx, time.Second)
		err := op(actx)
		cancel()
		if err == nil {
			return nil
		}
		if actx.Err() != nil && ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// A closed flag and a stop channel bound the loop.
func (c *client) flagged() error {
	for { // want `bounds=\[flag stop\]$`
		if c.done {
			return errors.New("closed")
		}
		if err := op(context.TODO()); err == nil {
			return nil
		}
		select {
		case <-c.stop:
			return errors.New("stopped")
		case <-time.After(time.Second):
		}
	}
}

// A framework context that embeds context.Context (caddy.Context) is a
// context in scope, and observing it counts.
type frameworkCtx struct{ context.Context }

func embedded(ctx frameworkCtx) error {
	for i := 0; i < 10; i++ { // want `ctx=\[ctx:param\] obs=\[done:in\] observed$`
		if err := op(ctx); err == nil {
			return nil
		}
		select {
		case <-time.After(500 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return errors.New("gave up")
}

// waitOrQuit waits d and reports whether quit was closed first.
func waitOrQuit(quit <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return false
	case <-quit:
		return true
	}
}

// A helper handed the stop channel, whose answer upon the receive
// leaves: the helper's timer is the loop's wait, the channel a stop.
func (c *client) helperStop() error {
	for { // want `waits=\[helper\(d\)\] bounds=\[stop\]$`
		if err := op(context.TODO()); err == nil {
			return nil
		}
		if waitOrQuit(c.stop, time.Second) {
			return errors.New("stopped")
		}
	}
}

// The same helper handed ctx.Done() observes ctx.
func helperDone(ctx context.Context) error {
	for { // want `waits=\[helper\(d\)\] ctx=\[ctx:param\] obs=\[helper:in\] observed$`
		if err := op(ctx); err == nil {
			return nil
		}
		if waitOrQuit(ctx.Done(), time.Second) {
			return ctx.Err()
		}
	}
}

const (
	running = iota
	stopped
)

type prober struct{ state int }

func (p *prober) Stop() { p.state = stopped }

// A field compared with the value Stop gives it is a closed flag.
func (p *prober) stateFlag() error {
	for { // want `bounds=\[flag\]$`
		if err := failure(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
		if p.state == stopped {
			return errors.New("stopped")
		}
	}
}
