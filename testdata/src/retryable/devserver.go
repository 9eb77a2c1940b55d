package retryable

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

type devServer struct {
	baseURL string
	name    string
}

// waitReady probes url every 500ms until it answers 200: 404s while the
// server starts are what it waits out.
func waitReady(ctx context.Context, url string) error {
	client := &http.Client{Timeout: 2 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err == nil {
			resp, err := client.Do(req)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
	}
}

// Silent: the only call hands waitReady the address of the server just
// started on this machine, through the field of the value it built
// (authelia's integration-suite dev server; unseen triage of
// 2026-12-03).
func startDevServer(ctx context.Context, port int) (*devServer, error) {
	srv := &devServer{baseURL: fmt.Sprintf("http://localhost:%d", port), name: "web"}
	if err := waitReady(ctx, srv.baseURL+"/ready"); err != nil {
		return nil, err
	}
	return srv, nil
}

// waitRemoteReady is the look-alike, whose call hands it a remote
// address.
func waitRemoteReady(ctx context.Context, url string) error {
	client := &http.Client{Timeout: 2 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err == nil {
			resp, err := client.Do(req)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK { // want `retry loop retries HTTP 400 and 404 responses`
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
	}
}

// Flagged: the server is another machine's.
func joinRemote(ctx context.Context, host string) (*devServer, error) {
	srv := &devServer{baseURL: "https://" + host, name: "api"}
	if err := waitRemoteReady(ctx, srv.baseURL+"/ready"); err != nil {
		return nil, err
	}
	return srv, nil
}
