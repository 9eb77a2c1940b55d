package backoff

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// tail follows a log that a server appends to (go-tfe's LogReader).
type tail struct {
	ctx context.Context
	hc  *http.Client
	url string
}

// fetch reads what the log has now; io.ErrNoProgress says the request
// worked but brought no new bytes.
func (t *tail) fetch(p []byte) (int, error) {
	req, err := http.NewRequestWithContext(t.ctx, http.MethodGet, t.url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := t.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := resp.Body.Read(p)
	if n == 0 && err == nil {
		return 0, io.ErrNoProgress
	}
	return n, err
}

func (t *tail) pace(n int) time.Duration {
	return min(500*time.Millisecond<<n, 2*time.Second)
}

// Read goes round only while no new data has come: every failure of the
// request leaves. Waiting for data to arrive is a poll, not a retry of
// a failing server: silent.
func (t *tail) Read(p []byte) (int, error) {
	if n, err := t.fetch(p); !errors.Is(err, io.ErrNoProgress) {
		return n, err
	}
	for tries := 1; ; tries++ {
		select {
		case <-t.ctx.Done():
			return 0, t.ctx.Err()
		case <-time.After(t.pace(tries)):
			if n, err := t.fetch(p); !errors.Is(err, io.ErrNoProgress) {
				return n, err
			}
		}
	}
}

// readTruncated looks like Read but goes round on a truncated body, a
// failure of the transfer: a retry, flagged.
func (t *tail) readTruncated(p []byte) (int, error) {
	if n, err := t.fetch(p); !errors.Is(err, io.ErrUnexpectedEOF) {
		return n, err
	}
	for tries := 1; ; tries++ {
		select {
		case <-t.ctx.Done():
			return 0, t.ctx.Err()
		case <-time.After(t.pace(tries)): // want `retry loop backs off exponentially without jitter`
			if n, err := t.fetch(p); !errors.Is(err, io.ErrUnexpectedEOF) {
				return n, err
			}
		}
	}
}
