package ctxerr

import (
	"context"
	"time"
)

// Silent: a time.AfterFunc callback runs once its grace period is over,
// long after the call that scheduled it may have returned; it makes its
// own context, and the scheduling call's ctx is not the loop's (fission's
// idle-pod reaper deleting a pod after a grace period).
func deleteLater(ctx context.Context, grace time.Duration) {
	time.AfterFunc(grace, func() {
		dctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		for attempt := range 3 {
			if attempt > 0 {
				time.Sleep(time.Duration(attempt) * 5 * time.Second)
			}
			if err := send(dctx); err == nil {
				return
			}
		}
	})
}

// A goroutine started in the call goes on with the call's work: its
// loop answers to the call's ctx.
func deleteNow(ctx context.Context) {
	go func() {
		dctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		for attempt := range 3 {
			if attempt > 0 {
				time.Sleep(time.Duration(attempt) * 5 * time.Second) // want `retry loop never observes ctx`
			}
			if err := send(dctx); err == nil {
				return
			}
		}
	}()
}
