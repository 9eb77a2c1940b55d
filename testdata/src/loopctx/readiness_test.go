package loopctx

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// Silent: a test waits for the server it started; each attempt's
// context expires by itself after 2s, so the deferred cancels pile up
// only as closures (moby's test daemon, whose linters allow it).
func waitReady(t *testing.T, c *http.Client, url string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for ctx.Err() == nil {
		rctx, rcancel := context.WithTimeout(ctx, 2*time.Second)
		defer rcancel()
		req, _ := http.NewRequestWithContext(rctx, http.MethodGet, url, http.NoBody)
		resp, err := c.Do(req)
		if err != nil {
			time.Sleep(500 * time.Millisecond)
			continue
		}
		resp.Body.Close()
		return
	}
	t.Fatal("server did not start")
}

// Flagged: the look-alike's contexts never expire by themselves.
func waitReadyCancel(t *testing.T, c *http.Client, url string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for ctx.Err() == nil {
		rctx, rcancel := context.WithCancel(ctx)
		defer rcancel() // want `defer rcancel\(\) inside a retry loop keeps every attempt's context until the function returns`
		req, _ := http.NewRequestWithContext(rctx, http.MethodGet, url, http.NoBody)
		resp, err := c.Do(req)
		if err != nil {
			time.Sleep(500 * time.Millisecond)
			continue
		}
		resp.Body.Close()
		return
	}
	t.Fatal("server did not start")
}
