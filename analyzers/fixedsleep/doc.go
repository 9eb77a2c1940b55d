// Package fixedsleep defines an Analyzer that reports retry loops that
// wait a fixed time between attempts.
//
// # Analyzer fixedsleep
//
// fixedsleep: report retry loops that wait a fixed time between attempts
//
// A retry loop that sleeps the same duration after every failure keeps
// hammering a struggling server at the same pace, and when many clients
// failed together they all retry together, in lock-step, so the server
// never gets room to recover. Back off exponentially, with a cap and
// random jitter, instead (A1 in the [retry model]).
//
// The check reports the wait of a retry loop (see package retryloop)
// whose duration is loop-invariant: made only of constants and of
// variables or fields not assigned inside the loop. A configured
// cfg.RetryDelay is invariant; it is the same on every attempt. A wait
// in a same-package helper counts by what the helper does with the
// arguments the loop hands it.
//
// It also reports a constant policy handed to a retry library (R2):
// backoff.NewConstantBackOff (cenkalti v4 and v5), go-retry's
// retry.NewConstant and retry.Constant, and retry-go's
// retry.DelayType(retry.FixedDelay), unless the policy allows at most
// two attempts.
//
// Bad:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		if err = send(ctx, msg); err == nil {
//			return nil
//		}
//		time.Sleep(2 * time.Second) // retry loop waits a fixed 2s between attempts; ...
//	}
//
// Good:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		if err = send(ctx, msg); err == nil {
//			return nil
//		}
//		d := min(base<<attempt, maxDelay)
//		d = d/2 + rand.N(d/2) // jitter
//		select {
//		case <-ctx.Done():
//			return ctx.Err()
//		case <-time.After(d):
//		}
//	}
//
// Left alone: k8s retry.DefaultRetry (factor 1, but jittered) and other
// wait.Backoff values; waits derived from the attempt counter, a doubling
// variable, a backoff policy's NextBackOff, any call (the analysis cannot
// see what it returns) or randomness; loops bounded by a constant of at
// most two attempts (one wait has nothing to back off); loops whose
// every attempt is a local operating-system call (os, syscall,
// golang.org/x/sys: removing a busy directory hammers no server); polls,
// tickers and other loops that are not retries; test code, which
// legitimately waits for a local server at a fixed pace (_test.go files,
// files that import testing, functions taking a *testing.T, testing.TB
// or a framework's TB); generated files.
//
// Flags:
//
//	-fixedsleep.minattempts=3  smallest constant attempt bound to check
//
// To silence a finding, say why on the line of the wait or the line
// above it:
//
//	//retryvet:ignore fixedsleep the device firmware requires exactly 1s between commands
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a1-fixedsleep
package fixedsleep
