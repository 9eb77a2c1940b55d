package ctxerr

import (
	"context"
	"errors"
	"math/rand"
	"strings"
	"time"
)

var try func(ctx context.Context) error

func serve(ctx context.Context) { <-ctx.Done() }

// Silent for ctxerr: ctx no longer holds the caller's context when the
// loop runs; the parameter was replaced by one rooted at Background
// (syncthing's relay test; docs/model.md, Context in scope).
func probe(ctx context.Context, times int) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go serve(ctx)
	var err error
	for range times {
		if err = try(ctx); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return err
}

// Flagged: the look-alike replaces ctx only on one branch.
func probeMaybe(ctx context.Context, times int) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var err error
	for range times {
		if err = try(ctx); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `retry loop never observes ctx`
	}
	return err
}

// Silent: ctx.Done() is read once into a variable and received from
// later; the sleep runs only where that channel is nil, a context that
// can never be cancelled (issue 14, shape 9).
func pump(ctx context.Context) error {
	ctxDone := ctx.Done()
	for attempt := 0; ; attempt++ {
		err := try(ctx)
		if err == nil {
			return nil
		}
		if ctxDone == nil {
			time.Sleep(2 * time.Second)
			continue
		}
		select {
		case <-ctxDone:
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

var run func(ctx context.Context) error

// Silent: a supervisor-style loop leaves when the attempt ends with the
// caller's cancellation, compared with == (loki's ruler instance
// manager; docs/model.md, Observing the context).
func restartUntilCanceled(ctx context.Context) {
	for {
		err := run(ctx)
		if err == context.Canceled {
			return
		}
		time.Sleep(5 * time.Second)
	}
}

// contextDone reports whether ctx has ended, without blocking.
func contextDone(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}

// Observed: the loop leaves through a helper handed the context
// (minio's contextCanceled; docs/model.md, Helpers are looked into), so
// only its uninterruptible sleep is reported.
func listParts(ctx context.Context) error {
	for {
		if contextDone(ctx) {
			return ctx.Err()
		}
		if err := try(ctx); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
	}
}

// Silent: three attempts, each handed the caller's context, with waits
// of 3s in all: after a cancellation each remaining attempt fails at
// once, and the loop ends within its few seconds of waiting (nomad's CNI
// set-up; under ctxerr.Brief).
func setupNetwork(ctx context.Context) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = try(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * 500 * time.Millisecond)
	}
	return err
}

// Flagged: the look-alike's attempts do not take the context.
func setupNetworkDetached(ctx context.Context) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = send(context.Background()); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * 500 * time.Millisecond) // want `retry loop never observes ctx`
	}
	return err
}

// Silent: the else branch leaves when the task ends with the caller's
// cancellation, by the same exit as a nil result (loki's ruler instance
// manager): the task runs until it is cancelled, and the loop restarts
// it after a failure, a supervisor, not a retry (docs/model.md,
// Supervisors). Its 5s sleep delays a Stop by one sleep at most.
func runProcess(ctx context.Context) {
	for {
		err := run(ctx)
		if err != nil && err != context.Canceled {
			time.Sleep(5 * time.Second)
		} else {
			break
		}
	}
}

var errNotInitialized = errors.New("server not initialized")

// retriable tells the start-up errors worth waiting out.
func retriable(err error) bool {
	if err == nil {
		return false
	}
	notReady := strings.Contains(err.Error(), "not initialized") || errors.Is(err, errNotInitialized)
	return notReady || errors.Is(err, context.DeadlineExceeded)
}

// Observed: the classifier does not retry the caller's cancellation, so
// it leaves the loop (minio's IAM start-up; the classifier is followed,
// with its locals, and a context error's text is known). Its waits are
// short.
func initIAM(ctx context.Context) error {
	for {
		if err := try(ctx); err != nil {
			if retriable(err) {
				time.Sleep(500 * time.Millisecond)
				continue
			}
			return err
		}
		return nil
	}
}

// Silent: three attempts that take the context, 1s and 2s apart: the
// wait is skipped after the last attempt (rclone's internxt).
func userInfo(ctx context.Context) error {
	const maxRetries = 3
	for attempt := 1; ; attempt++ {
		err := try(ctx)
		if err == nil {
			return nil
		}
		if attempt < maxRetries {
			time.Sleep(time.Duration(attempt) * time.Second)
			continue
		}
		return err
	}
}

// Silent: three attempts with random waits under 1s each (minio's
// replication part upload).
func uploadPart(ctx context.Context) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = try(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(rand.Int63n(int64(time.Second))))
	}
	return err
}

// Silent for ctxerr: the loop recognises the caller's cancellation and
// retries anyway; that one bug is retryable's (docs/model.md, One owner
// per bug).
func retryCanceled(ctx context.Context) error {
	for {
		err := try(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, context.Canceled) {
			time.Sleep(2 * time.Second)
			continue
		}
		return err
	}
}

// Silent: a counter started at 1 and compared in the loop condition
// bounds the loop to three attempts that take the context, 3s of waits
// in all (minio's multipart abort).
func abortUpload(ctx context.Context) error {
	var err error
	attempts := 1
	for attempts <= 3 {
		if err = try(ctx); err == nil {
			return nil
		}
		attempts++
		time.Sleep(time.Second)
	}
	return err
}

// Silent: the sleep is random, below a second; it delays cancellation by
// less than one long sleep (minio's IAM start-up).
func randomShortSleep(ctx context.Context) error {
	for {
		if contextDone(ctx) {
			return ctx.Err()
		}
		if err := try(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(rand.Float64() * float64(time.Second)))
	}
}

// Silent: the same random sleep under a second, through a local and a
// generator of its own (minio's IAM start-up, cmd/iam.go): the local is
// followed to its definition, jitter and all.
func randomShortLocal(ctx context.Context) error {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for {
		if contextDone(ctx) {
			return ctx.Err()
		}
		if err := try(ctx); err == nil {
			return nil
		}
		d := time.Duration(r.Float64() * float64(time.Second))
		time.Sleep(d)
	}
}

// pollEvery is a constant by another name: nothing but its declaration
// assigns it.
var pollEvery = 200 * time.Millisecond

// Silent: the sleep lasts 200ms, less than one long sleep.
func shortByName(ctx context.Context) error {
	for {
		if contextDone(ctx) {
			return ctx.Err()
		}
		if err := try(ctx); err == nil {
			return nil
		}
		time.Sleep(pollEvery)
	}
}

type cache struct {
	ctx     context.Context // the cache's lifetime
	retries func(ctx context.Context) int
	read    func() error
}

// Silent: the cache's lifetime context is only read for a setting; the
// attempt does not use it, so it is not this loop's context (rclone's
// VFS cache; docs/model.md, Context in scope: a field the attempt
// uses).
func (c *cache) readAt() error {
	var err error
	for retries := range c.retries(c.ctx) {
		if err = c.read(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(2<<uint(retries)) * time.Millisecond * 100)
	}
	return err
}

// Silent: each attempt takes the caller's context, and any failure but
// the one it waits out leaves the loop, so after a cancellation the loop
// ends within one of its two short sleeps (kubevela's cluster join,
// unseen triage of 2026-12-03; under ctxerr.Brief, as for an unobserved
// loop).
func joinCluster(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		if err := try(ctx); err != nil {
			if strings.Contains(err.Error(), "no such cluster") {
				if i < 2 {
					time.Sleep(time.Second)
					continue
				}
			}
			return err
		}
		break
	}
	return nil
}

// Flagged: the look-alike sleeps 5s a time, 10s in all.
func joinClusterSlowly(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		if err := try(ctx); err != nil {
			if strings.Contains(err.Error(), "no such cluster") {
				if i < 2 {
					time.Sleep(5 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
					continue
				}
			}
			return err
		}
		break
	}
	return nil
}
