package ctxerr

import (
	"context"
	"errors"
	"time"
)

type tableClient interface {
	Update(ctx context.Context, table string) error
}

type clientPool struct{ c tableClient }

// withClient hands a client to fn (seaweedfs's WithFilerClient).
func (p *clientPool) withClient(fn func(tableClient) error) error { return fn(p.c) }

var errVersionConflict = errors.New("version conflict")

func isVersionConflict(err error) bool { return errors.Is(err, errVersionConflict) }

// Silent: the attempt hands the caller's context to the client inside
// the function literal it passes, and only conflicts are retried, so a
// cancellation leaves the loop (seaweedfs's iceberg CommitTable).
func commitTable(ctx context.Context, p *clientPool) error {
	for attempt := 1; attempt <= 5; attempt++ {
		err := p.withClient(func(c tableClient) error { return c.Update(ctx, "t") })
		if err == nil {
			return nil
		}
		if !isVersionConflict(err) {
			return err
		}
		select {
		case <-time.After(time.Duration(attempt) * time.Second):
		}
	}
	return errDown
}

// Flagged: the look-alike's literal gives the client a context of its
// own, so no cancellation comes out of the attempt.
func commitTableDetached(ctx context.Context, p *clientPool) error {
	for attempt := 1; attempt <= 5; attempt++ {
		err := p.withClient(func(c tableClient) error { return c.Update(context.Background(), "t") })
		if err == nil {
			return nil
		}
		if !isVersionConflict(err) {
			return err
		}
		select {
		case <-time.After(time.Duration(attempt) * time.Second): // want `retry loop never observes ctx`
		}
	}
	return errDown
}
