// Package reqbody holds the fixtures of the reqbody check.
package reqbody

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"
	retryablehttp "github.com/hashicorp/go-retryablehttp"
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

// builtBefore builds the request once and sends it on every attempt.
func builtBefore(ctx context.Context, c *http.Client, url string, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body is consumed by the first attempt, so a retry sends it empty; build the request in the attempt, or reset req.Body from req.GetBody\(\) before each send`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// param re-sends the caller's request.
func param(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body is consumed by the first attempt`
		if err == nil {
			return resp, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

// tokenRefresh re-sends at once after a 401: still the empty body.
func tokenRefresh(c *http.Client, req *http.Request, renew func() string) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.Do(req) // want `request body is consumed by the first attempt`
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

// operation re-sends a captured request from a retry operation.
func operation(ctx context.Context, c *http.Client, url string) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader("{}"))
	return backoff.Retry(func() error {
		resp, err := c.Do(req) // want `request body is consumed by the first attempt`
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// The loops below are silent.

// builtInside builds a new request per attempt.
func builtInside(ctx context.Context, c *http.Client, url string, payload []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// getBody resets the body from GetBody, as go-retryablehttp does.
func getBody(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

// seeks rewinds the reader.
func seeks(ctx context.Context, c *http.Client, url string, payload []byte) error {
	r := bytes.NewReader(payload)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, r)
	for attempt := 0; attempt < 3; attempt++ {
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return err
		}
		req.Body = io.NopCloser(r)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// noBody sends GETs and NoBody requests: nothing to consume.
func noBody(ctx context.Context, c *http.Client, url string) error {
	get, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	del, _ := http.NewRequestWithContext(ctx, http.MethodDelete, url, http.NoBody)
	for attempt := 0; attempt < 3; attempt++ {
		_, err := c.Do(get)
		if err == nil {
			_, err = c.Do(del)
		}
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// checksNil refuses a request with a body: the caller's is known empty.
func checksNil(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		return nil, errors.New("retrying a request with a body")
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

// viaRetryable: retryablehttp rewinds the body itself.
func viaRetryable(c *retryablehttp.Client, url string) error {
	req, _ := retryablehttp.NewRequest("PUT", url, []byte("{}"))
	_, err := c.Do(req)
	return err
}

// validate re-sends a request handed in, but its only caller builds a
// HEAD with a nil body (cmd/go's updateGitCredentialHelper). Silent.
func validate(c *http.Client, req *http.Request) {
	for range 3 {
		res, err := c.Do(req)
		if err != nil {
			continue
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			break
		}
	}
}

func check(c *http.Client, url string) {
	req, _ := http.NewRequest("HEAD", url, nil)
	go validate(c, req)
}

// upload's only caller hands in a body: flagged.
func upload(c *http.Client, req *http.Request) error {
	for range 3 {
		res, err := c.Do(req) // want `request body is consumed by the first attempt`
		if err == nil {
			return res.Body.Close()
		}
	}
	return errDown
}

func send(c *http.Client, url string) error {
	req, _ := http.NewRequest("PUT", url, strings.NewReader("{}"))
	return upload(c, req)
}
