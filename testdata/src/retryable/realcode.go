package retryable

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// The loops below are silent; each was met in real code.

// attemptCall classifies inside: transport errors and 5xx are errors,
// anything else is handed back (caddy's httploader).
func attemptCall(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("calling: %v", err)
	} else if resp.StatusCode < 200 || resp.StatusCode > 499 {
		resp.Body.Close()
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

func classifiedInHelper(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := range 10 {
		resp, err = attemptCall(c, req)
		if err != nil && i < 9 {
			select {
			case <-time.After(500 * time.Millisecond):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		} else {
			break
		}
	}
	return resp, err
}

func toNative(err error) error { return err }

func isUnavailable(err error) bool { return errors.Is(err, errBusy) }

// classifiedDerived classifies a value converted from the error
// (containerd's sandbox proxy: errgrpc.ToNative, then IsUnavailable).
func classifiedDerived(ctx context.Context) error {
	interval := 128 * time.Millisecond
	for {
		err := opCtx(ctx)
		if err == nil {
			return nil
		}
		native := toNative(err)
		if !isUnavailable(native) {
			return native
		}
		select {
		case <-time.After(interval):
			if interval < 4*time.Second {
				interval *= 2
			}
		case <-ctx.Done():
			return native
		}
	}
}

// dialTimeout wraps a dial (nats' natsDialTimeout).
func dialTimeout(addr string) (net.Conn, error) {
	return net.DialTimeout("tcp", addr, time.Second)
}

// reconnect retries a dial wrapper: every error is a connection error.
func reconnect(ctx context.Context, addr string) (net.Conn, error) {
	for attempt := 0; attempt < 10; attempt++ {
		c, err := dialTimeout(addr)
		if err == nil {
			return c, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errBusy
}

// retryHelper is a generic helper: its operation's errors are the
// caller's to classify (prometheus' runutil.Retry).
func retryHelper(interval time.Duration, stop <-chan struct{}, f func() error) error {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var err error
	for {
		if err = f(); err == nil {
			return nil
		}
		select {
		case <-stop:
			return err
		case <-tick.C:
		}
	}
}

// viaDialer dials through a func value held in a variable (nats'
// leafnode dialer): the result is a connection. Silent.
func viaDialer(ctx context.Context, dialer func(network, addr string, d time.Duration) (net.Conn, error), addr string) (net.Conn, error) {
	dial := dialer
	for attempt := 0; attempt < 10; attempt++ {
		c, err := dial("tcp", addr, time.Second)
		if err == nil {
			return c, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errBusy
}
