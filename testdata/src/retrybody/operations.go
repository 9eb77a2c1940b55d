package retrybody

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	retryablehttp "github.com/hashicorp/go-retryablehttp"
)

// opLeaks returns a 503 as a failure without closing the body.
func opLeaks(ctx context.Context, c *http.Client, url string) error {
	return backoff.Retry(func() error {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		if resp.StatusCode >= 500 {
			body, _ := io.ReadAll(resp.Body)
			return fmt.Errorf("status %d: %s", resp.StatusCode, body) // want `operation retried by backoff.Retry returns a failure without closing the response body, so every retry leaks a connection; close resp.Body before returning, or defer it in the operation`
		}
		return nil
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// opDefers closes with a defer in the operation, once per attempt:
// silent.
func opDefers(ctx context.Context, c *http.Client, url string) error {
	return backoff.Retry(func() error {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 500 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// viaRetryable: the library drains and closes what it retries. Silent.
func viaRetryable(c *retryablehttp.Client, req *retryablehttp.Request) (*http.Response, error) {
	return c.Do(req)
}

// withRetry retries whatever send sends on a 5xx, and returns that
// failure without closing the body of the response send gave it: every
// retry leaks a connection (cli's codespaces API client; unseen triage
// of 2026-12-03).
func withRetry(send func() (*http.Response, error)) (*http.Response, error) {
	return backoff.RetryWithData(func() (*http.Response, error) {
		resp, err := send()
		if err != nil {
			return nil, backoff.Permanent(err)
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		return nil, fmt.Errorf("status %d", resp.StatusCode) // want `operation retried by backoff.RetryWithData returns a failure without closing the response body`
	}, backoff.WithMaxRetries(backoff.NewConstantBackOff(100*time.Millisecond), 3))
}

// withRetryClosing closes the body of the response it retries: silent.
func withRetryClosing(send func() (*http.Response, error)) (*http.Response, error) {
	return backoff.RetryWithData(func() (*http.Response, error) {
		resp, err := send()
		if err != nil {
			return nil, backoff.Permanent(err)
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		resp.Body.Close()
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}, backoff.WithMaxRetries(backoff.NewConstantBackOff(100*time.Millisecond), 3))
}
