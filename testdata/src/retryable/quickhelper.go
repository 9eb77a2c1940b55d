package retryable

import (
	"context"
	"fmt"
	"math/rand"
	"net/http"
	"time"
)

// pause waits attempt² × 10ms, at most limit, jittered by ±50%: a helper
// whose locals are each assigned at its top level, so the estimate
// follows them (d, then d jittered).
func pause(ctx context.Context, attempt int, limit time.Duration) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	d := min(time.Duration(attempt*attempt)*10*time.Millisecond, limit)
	d = time.Duration(float64(d) * (rand.Float64() + 0.5))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Silent: six attempts, waiting from the second on (1² to 5² × 10ms,
// times at most 1.5): 825ms in all, a quick retry, whatever statuses it
// retries (ollama's bodyless registry PUT; unseen triage of 2026-12-03).
func commitQuick(ctx context.Context, c *http.Client, url string) error {
	var last error
	for try := range 6 {
		if try > 0 {
			if err := pause(ctx, try, 2*time.Second<<uint(try-1)); err != nil {
				return err
			}
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, nil)
		resp, err := c.Do(req)
		if err != nil {
			last = err
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusOK {
			return nil
		}
		last = fmt.Errorf("commit: status %d", resp.StatusCode)
	}
	return last
}

// Flagged: twelve attempts wait 1² to 11² × 10ms, up to 7.6s in all.
func commitLonger(ctx context.Context, c *http.Client, url string) error {
	var last error
	for try := range 12 {
		if try > 0 {
			if err := pause(ctx, try, 2*time.Second); err != nil {
				return err
			}
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, nil)
		resp, err := c.Do(req)
		if err != nil {
			last = err
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusOK { // want `retry loop retries HTTP 400 and 404 responses`
			return nil
		}
		last = fmt.Errorf("commit: status %d", resp.StatusCode)
	}
	return last
}
