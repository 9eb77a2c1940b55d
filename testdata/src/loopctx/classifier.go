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
