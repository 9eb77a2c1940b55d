package loopctx

import (
	"context"
	"errors"
	"time"
)

// sessions hands out the sessions of a group, one at a time.
type sessions struct{ ids []string }

// Next returns the next session, or "" when none is left.
func (s *sessions) Next() string {
	if len(s.ids) == 0 {
		return ""
	}
	id := s.ids[0]
	s.ids = s.ids[1:]
	return id
}

var callSession func(ctx context.Context, id string) error

// Silent: each iteration takes the next session from an iterator and
// tries it once; the loop ends when none is left. That is failover over
// a set, not a retry (dagger's session manager; unseen triage of
// 2026-12-03; docs/model.md, Failover).
func anySession(ctx context.Context, it *sessions) error {
	var lastErr error
	for {
		id := it.Next()
		if id == "" {
			if lastErr != nil {
				return lastErr
			}
			return errors.New("no active sessions")
		}
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if err := callSession(cctx, id); err != nil {
			lastErr = err
			continue
		}
		return nil
	}
}

// Flagged: the look-alike asks the same session again.
func sameSession(ctx context.Context, id string) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel() // want `defer cancel\(\) inside a retry loop keeps every attempt's context until the function returns`
		if err := callSession(cctx, id); err != nil {
			lastErr = err
			time.Sleep(time.Second << attempt)
			continue
		}
		return nil
	}
	return lastErr
}
