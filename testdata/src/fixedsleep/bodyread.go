package fixedsleep

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// Flagged: the body is read, and its error checked, before the status
// check. Reading the response's body is part of the attempt, so Do's
// success still leaves the loop once the status says so: a retry
// (nakama's satori client; unseen triage of 2026-12-03).
func fetchRead(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		res, err := c.Do(req)
		if err != nil {
			time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
			continue
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return nil, err
		}
		if res.StatusCode == http.StatusOK {
			return b, nil
		}
	}
	return nil, errors.New("gave up")
}

// Flagged: the same with a JSON decoder over the body.
func fetchDecode(c *http.Client, url string, v any) error {
	for attempt := 0; attempt < 5; attempt++ {
		res, err := c.Get(url)
		if err != nil {
			time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
			continue
		}
		err = json.NewDecoder(res.Body).Decode(v)
		res.Body.Close()
		if err != nil {
			return err
		}
		if res.StatusCode == http.StatusOK {
			return nil
		}
	}
	return errors.New("gave up")
}

// Silent: the look-alike goes on after a good read, as a poll does; the
// body read does not make its success leave.
func pollRead(c *http.Client, url string, got func([]byte)) {
	for attempt := 0; attempt < 5; attempt++ {
		res, err := c.Get(url)
		if err != nil {
			time.Sleep(2 * time.Second)
			continue
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return
		}
		got(b)
		time.Sleep(2 * time.Second)
	}
}
