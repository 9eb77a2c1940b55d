package retryable

import (
	"context"
	"time"
)

type job struct{ id string }

func cancelJob(j job, err error) {}

// Silent: on the caller's context error the loop cancels the job and
// goes on with the next job of the outer loop: the labelled continue
// leaves the retry loop (seaweedfs's plugin scheduler).
func runJobs(ctx context.Context, jobs []job) {
jobLoop:
	for _, j := range jobs {
		for attempt := 0; attempt < 5; attempt++ {
			if ctx.Err() != nil {
				cancelJob(j, ctx.Err())
				continue jobLoop
			}
			err := opCtx(ctx)
			if err == nil {
				break
			}
			time.Sleep(time.Second)
		}
	}
}

// Flagged: the look-alike's labelled continue names the retry loop
// itself, which goes round again.
func runJob(ctx context.Context, j job) error {
retry:
	for attempt := 0; attempt < 5; attempt++ {
		err := opCtx(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil { // want `retry loop recognises the caller's context error`
			time.Sleep(time.Second)
			continue retry
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}
