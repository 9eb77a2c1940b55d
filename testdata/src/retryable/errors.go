// Package retryable holds the fixtures of the retryable check.
package retryable

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"time"
)

var (
	errNotFound = errors.New("not found")
	errBusy     = errors.New("busy")
)

var send func() error

func op() error { return send() }

func isTransient(err error) bool { return !errors.Is(err, errNotFound) }

func sleep(ctx context.Context, attempt int) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Second << attempt):
		return nil
	}
}

// everything retries every error.
func everything(ctx context.Context) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		err := op() // want `retry loop retries every error of op\(\), including those that will fail the same way again \(invalid input, a missing resource, a denied permission\); retry only transient errors, checked with errors.Is or errors.As`
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// loggedOnly logs the error: logging is not classifying.
func loggedOnly(ctx context.Context, logf func(string, ...any)) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		if err := op(); err != nil { // want `retry loop retries every error of op\(\)`
			logf("attempt %d: %v", attempt, err)
		} else {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// The loops below classify: silent.

func withIs(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := op()
		if err == nil || errors.Is(err, errNotFound) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

func withAs(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := op()
		var ne net.Error
		if err == nil || !errors.As(err, &ne) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

func withPredicate(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := op()
		if err == nil || !isTransient(err) {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

func withSentinel(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := op()
		if err == nil || err == errNotFound {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

func withTypeSwitch(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := op()
		switch err.(type) {
		case nil:
			return nil
		case *os.PathError:
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

func withTimeoutMethod(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := op()
		if err == nil {
			return nil
		}
		if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

func withMessage(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := op()
		if err == nil || !strings.Contains(err.Error(), "connection reset") {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// attemptSays returns whether to retry: the callee classifies.
func attemptSays() (bool, error) { return false, send() }

func withVerdict(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		retry, err := attemptSays()
		if err == nil || !retry {
			return err
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// dialing retries every dial error: all are connection errors.
func dialing(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	for attempt := 0; attempt < 5; attempt++ {
		c, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			return c, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errBusy
}

// immediate does not wait: A6 applies to loops that wait.
func immediate() error {
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}
