package ctxerr

import (
	"context"
	"log"
	"time"
)

// notify is an attempt that is not handed the context.
var notify func() error

// Silent: once the context has ended, the branch sets the retry limit
// to zero, which turns off the only path back to the next attempt
// (minio's notification fan-out, cmd/notification.go): the context is
// observed, through the limit.
func fanOut(ctx context.Context, n int) {
	retries := n
	for i := range retries {
		if err := notify(); err != nil {
			if contextDone(ctx) {
				retries = 0
			}
			if i < retries-1 {
				time.Sleep(500 * time.Millisecond)
				continue
			}
		}
		break
	}
}

// Flagged: the look-alike asks the context and only logs; nothing the
// loop reads changes, and the retries go on after cancellation.
func fanOutLogged(ctx context.Context, n int) {
	retries := n
	for i := range retries {
		if err := notify(); err != nil {
			if contextDone(ctx) {
				log.Print("cancelled")
			}
			if i < retries-1 {
				time.Sleep(500 * time.Millisecond) // want `retry loop never observes ctx`
				continue
			}
		}
		break
	}
}
