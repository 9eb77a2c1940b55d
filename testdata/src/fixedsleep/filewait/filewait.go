// Package filewait waits for a file with go-retry, its errors built by
// github.com/pkg/errors (kuma's CNI installer, unseen triage of
// 2026-12-03).
package filewait

import (
	"context"
	"os"
	"time"

	pkgerrors "github.com/pkg/errors"
	goretry "github.com/sethvargo/go-retry"
)

// exists reports whether the file at p is there.
func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

var fetch func(ctx context.Context, url string) error

// Silent: the operation makes no attempt; it checks this machine for a
// file and builds its failure with pkg/errors' Errorf. A wait for state
// at a fixed pace is a poll.
func waitForFile(ctx context.Context, p string) error {
	return goretry.Do(ctx, goretry.WithMaxDuration(5*time.Minute, goretry.NewConstant(time.Second)), func(ctx context.Context) error {
		if exists(p) {
			return nil
		}
		return goretry.RetryableError(pkgerrors.Errorf("file %s does not exist yet", p))
	})
}

// Flagged: the look-alike fetches the file from a server.
func fetchFile(ctx context.Context, url string) error {
	return goretry.Do(ctx, goretry.WithMaxDuration(5*time.Minute, goretry.NewConstant(time.Second)), func(ctx context.Context) error { // want `retry policy waits a fixed 1s between attempts`
		if err := fetch(ctx, url); err != nil {
			return goretry.RetryableError(pkgerrors.Errorf("fetching %s: %v", url, err))
		}
		return nil
	})
}

// Silent: the same wait, its failure made, logged, then marked (kuma's
// CNI installer as written).
func waitForFileLogged(ctx context.Context, p string) error {
	return goretry.Do(ctx, goretry.WithMaxDuration(5*time.Minute, goretry.NewConstant(time.Second)), func(ctx context.Context) error {
		if exists(p) {
			return nil
		}
		err := pkgerrors.Errorf("file %s does not exist yet", p)
		logError(err)
		return goretry.RetryableError(err)
	})
}

func logError(err error) {}

// Flagged: the look-alike's failure is the fetch's own.
func fetchFileLogged(ctx context.Context, url string) error {
	return goretry.Do(ctx, goretry.WithMaxDuration(5*time.Minute, goretry.NewConstant(time.Second)), func(ctx context.Context) error { // want `retry policy waits a fixed 1s between attempts`
		err := fetch(ctx, url)
		if err == nil {
			return nil
		}
		logError(err)
		return goretry.RetryableError(err)
	})
}
