package ctxerr

import (
	"net/http"
	"time"
)

type sender struct {
	c   *http.Client
	max int
}

// worth answers whether another attempt is worth it, and answers false
// once the request's context has ended.
func (s *sender) worth(err error, req *http.Request, n int) bool {
	if n >= s.max || req.Context().Err() != nil {
		return false
	}
	return err != nil
}

// Flagged as ctxerr/sleep, not ctxerr/unobserved: the loop leaves when
// worth answers false, which it does once req.Context() ends, so the
// context is observed; only the sleep cannot be interrupted (stripe-go's
// shouldRetry; unseen triage of 2026-12-03).
func (s *sender) send(req *http.Request) error {
	var err error
	for n := 0; ; n++ {
		_, err = s.c.Do(req)
		if !s.worth(err, req, n) {
			break
		}
		time.Sleep(time.Duration(n+1) * 2 * time.Second) // want `time.Sleep in a retry loop cannot be interrupted when req.Context\(\) is cancelled`
	}
	return err
}

// blind answers from the count and the error alone.
func (s *sender) blind(err error, req *http.Request, n int) bool {
	return n < s.max && err != nil && req.Method == http.MethodGet
}

// Flagged as unobserved: the look-alike's helper is handed the request
// but never asks its context.
func (s *sender) sendBlind(req *http.Request) error {
	var err error
	for n := 0; ; n++ {
		_, err = s.c.Do(req)
		if !s.blind(err, req, n) {
			break
		}
		time.Sleep(time.Duration(n+1) * 2 * time.Second) // want `retry loop never observes req.Context\(\)`
	}
	return err
}
