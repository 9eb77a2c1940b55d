// Package inventory is the fixture of internal/inventory: retries whose
// entries the test asserts, and loops that are no retries.
package inventory

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/cenkalti/backoff/v4"
	restyv2 "github.com/go-resty/resty/v2"
)

var errFlaky error

func op() error { return fail(errFlaky) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

// Counted: 4 attempts, a constant 100ms wait after each but the last:
// 300ms in all.
func Counted() error {
	var err error
	for i := 0; i < 4; i++ {
		if err = op(); err == nil {
			return nil
		}
		if i < 3 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	return err
}

// Linear: 3 attempts waiting 1s, 2s, 3s (the counter times a second),
// 6s in all.
func Linear() error {
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return err
}

// Forever has no bound at all.
func Forever() {
	for {
		if err := op(); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// Timeout is bounded by its own 5s context.
func Timeout(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
	defer cancel()
	for {
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Retrying retries op 3 times with a wait: a retry inside Outer's
// attempt.
func Retrying() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}

// Outer retries Retrying 5 times: 15 calls of op in all.
func Outer() error {
	var err error
	for i := 0; i < 5; i++ {
		if err = Retrying(); err == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return err
}

var errNotFound = errors.New("not found")

func get() (string, error) { return "", errNotFound }

// Poll waits for a state (only not-found is retried): a poll, no retry,
// and no entry.
func Poll() string {
	for {
		v, err := get()
		if errors.Is(err, errNotFound) {
			time.Sleep(time.Second)
			continue
		}
		return v
	}
}

func send(s string) error { return nil }

// Each loops over data: no retry, no entry.
func Each(items []string) error {
	for _, it := range items {
		if err := send(it); err != nil {
			return err
		}
	}
	return nil
}

// Library: backoff/v4 with a constant 2s wait and 4 retries (5
// attempts): 8s in all.
func Library() error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewConstantBackOff(2*time.Second), 4))
}

// Insert retries an INSERT without ON CONFLICT: an unsafe write.
func Insert(ctx context.Context, db *sql.DB) error {
	var err error
	for i := 0; i < 3; i++ {
		if _, err = db.ExecContext(ctx, "INSERT INTO t (id) VALUES (1)"); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// Upsert retries an upsert: a write made safe.
func Upsert(ctx context.Context, db *sql.DB) error {
	var err error
	for i := 0; i < 3; i++ {
		if _, err = db.ExecContext(ctx, "INSERT INTO t (id) VALUES (1) ON CONFLICT DO NOTHING"); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// save writes once per call and is declared safe to repeat.
//
//retryvet:idempotent
func save(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "INSERT INTO t (id) VALUES (1)")
	return err
}

// Marked retries a call of a function marked //retryvet:idempotent.
func Marked(ctx context.Context, db *sql.DB) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = save(ctx, db); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// Resty sends a GET through a resty client that retries it 3 times
// more (4 attempts) on a condition of its own.
func Resty() error {
	c := restyv2.New().SetRetryCount(3).AddRetryCondition(func(r *restyv2.Response, err error) bool { return r.IsError() })
	_, err := c.R().Get("https://api.example.com/items")
	return err
}

// withRetry is a retry helper of the package's own: it retries the
// operation it is handed, 3 times.
func withRetry(ctx context.Context, f func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = f(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return err
}

// UsesHelper hands an operation literal to the helper.
func UsesHelper(ctx context.Context) error {
	return withRetry(ctx, func() error { return op() })
}

// Doubling doubles its wait, starting at 100ms; two attempts, so the
// backoff check does not look at it, but its schedule is listed.
func Doubling() error {
	delay := 100 * time.Millisecond
	var err error
	for i := 0; i < 2; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(delay)
		delay *= 2
	}
	return err
}

// Immediate retries at once, 3 times: it never waits.
func Immediate() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}

// PolicyStop: bounded by its policy, which answers backoff.Stop once
// spent.
func PolicyStop(b backoff.BackOff) error {
	for {
		err := op()
		if err == nil {
			return nil
		}
		d := b.NextBackOff()
		if d == backoff.Stop {
			return err
		}
		time.Sleep(d)
	}
}
