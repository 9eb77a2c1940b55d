package backoff

import (
	"context"
	"time"
)

var record func(ctx context.Context) error

// Silent: three attempts, the wait doubling from 200ms and skipped after
// the last: 600ms in all, a quick retry (weaviate's unit-failure record;
// unseen triage of 2026-12-03; docs/model.md, Quick retries).
func recordQuick(ctx context.Context) error {
	const maxAttempts = 3
	delay := 200 * time.Millisecond
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if err = record(ctx); err == nil {
			return nil
		}
		if attempt < maxAttempts {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(delay):
			}
			delay *= 2
		}
	}
	return err
}

// Flagged: five attempts of the same doubling wait 200ms+400ms+800ms+1.6s.
func recordSlow(ctx context.Context) error {
	const maxAttempts = 5
	delay := 200 * time.Millisecond
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if err = record(ctx); err == nil {
			return nil
		}
		if attempt < maxAttempts {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(delay): // want `retry loop backs off exponentially without jitter`
			}
			delay *= 2
		}
	}
	return err
}

// Flagged: the doubling before the wait, three attempts: 400ms+800ms.
func recordEarly(ctx context.Context) error {
	const maxAttempts = 3
	delay := 200 * time.Millisecond
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if err = record(ctx); err == nil {
			return nil
		}
		if attempt < maxAttempts {
			delay *= 2
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(delay): // want `retry loop backs off exponentially without jitter`
			}
		}
	}
	return err
}
