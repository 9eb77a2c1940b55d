package loopctx

import (
	"context"
	"net/http"
	"time"
)

// retryWorthy decides which failures are worth another attempt.
func retryWorthy(resp *http.Response, err error) bool {
	if err != nil {
		return true
	}
	return resp.StatusCode >= 500
}

// Flagged: a retry decided by a same-package classifier is still a retry
// loop, and its deferred cancels pile up (issue 14).
func fetchClassified(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel() // want `defer cancel\(\) inside a retry loop keeps every attempt's context until the function returns`
		req, err := http.NewRequestWithContext(actx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if !retryWorthy(resp, err) {
			return resp, err
		}
		time.Sleep(time.Second)
	}
	return nil, context.DeadlineExceeded
}

// checkRetry is a retry policy in go-retryablehttp's shape: whether to
// retry, and an error that ends the retries.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return true, nil
	}
	if resp.StatusCode >= 500 {
		return true, nil
	}
	return false, nil
}

// Flagged: the decision is kept in a local from a (bool, error)
// classifier before the branch; the loop is still a retry and its
// deferred cancels pile up (issue 14).
func fetchChecked(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel() // want `defer cancel\(\) inside a retry loop keeps every attempt's context until the function returns`
		req, err := http.NewRequestWithContext(actx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		retry, checkErr := checkRetry(ctx, resp, err)
		if checkErr != nil {
			return nil, checkErr
		}
		if !retry {
			return resp, err
		}
		time.Sleep(time.Second)
	}
	return nil, context.DeadlineExceeded
}

// Silent: the look-alike sends one request per item, and the local
// says whether to stop early; a success goes on to the next item, so
// it is a loop over data, not a retry.
func fetchEach(ctx context.Context, c *http.Client, urls []string) error {
	for _, url := range urls {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(actx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		retry, checkErr := checkRetry(ctx, resp, err)
		if checkErr != nil {
			return checkErr
		}
		if retry {
			return err
		}
	}
	return nil
}
