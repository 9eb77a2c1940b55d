// Package retrybody holds the fixtures of the retrybody check.
package retrybody

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

var errDown = errors.New("down")

func sleep(ctx context.Context, attempt int) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Second << attempt):
		return nil
	}
}

// leaks retries a 503 without closing it: the wait is where the body
// must be closed.
func leaks(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err := sleep(ctx, attempt); err != nil { // want `response body is not closed before the next attempt, so every retry leaks a connection; close resp.Body \(after draining it\) before retrying`
			return nil, err
		}
	}
	return nil, errDown
}

// continues retries with continue; only the status path leaks.
func continues(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue // silent: no response
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			time.Sleep(time.Second)
			continue // want `response body is not closed before the next attempt`
		}
		return resp, nil
	}
	return nil, errDown
}

// deferred piles the closes up until the function returns.
func deferred(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return io.ReadAll(resp.Body)
		}
		_, _ = io.ReadAll(resp.Body) // read, not closed
	} // want `response body is not closed before the next attempt`
	return nil, errDown
}

// closes drains and closes before retrying: silent.
func closes(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

func drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func logStatus(resp *http.Response) { println(resp.Status) }

// helperCloses hands the response to a same-package closer: silent.
func helperCloses(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		drain(resp)
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

// helperLogs hands it to a same-package function that does not close.
func helperLogs(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		logStatus(resp)
		if err := sleep(ctx, attempt); err != nil { // want `response body is not closed`
			return nil, err
		}
	}
	return nil, errDown
}

// inPlace closes with a defer inside a literal called in place per
// attempt: silent.
func inPlace(ctx context.Context, c *http.Client, req *http.Request) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := func() error {
			resp, err := c.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode >= 500 {
				return errDown
			}
			return nil
		}()
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// refresh retries once after a 401 with a fresh token, closing the
// first response: silent.
func refresh(c *http.Client, req *http.Request, renew func() string) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && attempt == 0 {
			resp.Body.Close()
			req.Header.Set("Authorization", renew())
			continue
		}
		return resp, nil
	}
	return nil, errDown
}

// refreshLeaks is the same without the close.
func refreshLeaks(c *http.Client, req *http.Request, renew func() string) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && attempt == 0 {
			req.Header.Set("Authorization", renew())
			continue // want `response body is not closed`
		}
		return resp, nil
	}
	return nil, errDown
}

func cleanup(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	if err := resp.Body.Close(); err != nil {
		println(err.Error())
	}
}

// guarded closes under resp != nil, true whenever the error is nil
// (prometheus' web_test waitForServerReady): silent.
func guarded(url string) error {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if resp != nil {
			cleanup(resp)
		}
		if err == nil && resp.StatusCode == http.StatusOK {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errDown
}

// nilGuarded drains and closes under resp != nil && resp.Body != nil,
// both true whenever Do returns no error (issue 14, shape 8): silent.
func nilGuarded(ctx context.Context, c *http.Client, req *http.Request) (int, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if resp != nil && resp.Body != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if err == nil && resp.StatusCode < 500 {
			return resp.StatusCode, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return 0, err
		}
	}
	return 0, errDown
}

// nilGuardedOK closes under the same guard, but only for a 200: a 503
// reaches the next attempt open.
func nilGuardedOK(ctx context.Context, c *http.Client, req *http.Request) (int, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if resp != nil && resp.Body != nil && resp.StatusCode == http.StatusOK {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if err == nil && resp.StatusCode < 500 {
			return resp.StatusCode, nil
		}
		if err := sleep(ctx, attempt); err != nil { // want `response body is not closed before the next attempt`
			return 0, err
		}
	}
	return 0, errDown
}
