// Package ctxerr defines an Analyzer that reports retries that outlive
// their caller's context.
//
// # Analyzer ctxerr
//
// ctxerr: report retries that ignore or cannot be interrupted by the caller's context
//
// A retry that does not watch its caller's context keeps a dead request
// alive: the caller gave up (a client disconnected, a deadline passed,
// the process is shutting down) and the loop goes on sleeping and
// retrying for minutes. Check ctx.Err() before each attempt and wait in
// a select on ctx.Done() (A4 in the [retry model]). The check reports:
//
//   - ctxerr/unobserved: a retry loop that waits, in a function with a
//     context in scope (a context parameter, r.Context() of a request
//     parameter, a context field the loop uses, a local derived from
//     one), and never observes it. One finding, on the wait.
//   - ctxerr/sleep: a retry loop that observes its context but waits
//     with time.Sleep, which cannot be interrupted, when the sleep can
//     last 1s or more (a constant of at least 1s, or a duration that
//     grows or cannot be seen), unless it runs only where the context's
//     Done channel is nil (if done == nil, or the else of done != nil:
//     that context can never be cancelled) or the context itself is nil
//     (the else of o.ctx != nil).
//   - ctxerr/handoff: a retry-library call made while a context is in
//     scope that uses the library's context-free form (cenkalti v4
//     Retry without backoff.WithContext, retry-go's Do without
//     retry.Context, k8s wait.ExponentialBackoff instead of
//     ExponentialBackoffWithContext, eapache's retrier Run instead of
//     RunCtx, a failsafe-go executor not given WithContext), or that
//     hands it a context
//     derived from context.Background or TODO; not when the operation
//     stops the library on the context's error (if errors.Is(err,
//     context.Canceled) { return false, err } in a k8s wait condition,
//     backoff.Permanent or retry-go's Unrecoverable of it), or opens with
//     a call handed the context and stops the library on its failure
//     (obj, err := c.Get(ctx, name); if err != nil { return false, err
//     }; a function of the package must hand ctx on to a call that can
//     fail), nor when the policy comes from a constructor handed the
//     context whose body is not read (dialer.Backoff(ctx)), nor when the
//     policy waits at most 1s in all (wait.Backoff{Steps: 5, Duration:
//     100 * time.Millisecond, Jitter: 1.0}), nor before the function
//     starts listening (a start-up wait).
//
// Bad:
//
//	func send(ctx context.Context, m Msg) error {
//		for attempt := 0; attempt < 5; attempt++ {
//			if err := post(ctx, m); err == nil {
//				return nil
//			}
//			time.Sleep(backoff(attempt)) // retry loop never observes ctx ...
//		}
//		return errGaveUp
//	}
//
// Good:
//
//	func send(ctx context.Context, m Msg) error {
//		for attempt := 0; attempt < 5; attempt++ {
//			if err := post(ctx, m); err == nil {
//				return nil
//			}
//			t := time.NewTimer(backoff(attempt))
//			select {
//			case <-ctx.Done():
//				t.Stop()
//				return ctx.Err()
//			case <-t.C:
//			}
//		}
//		return errGaveUp
//	}
//
// Where the wait is a statement time.Sleep(d) or <-time.After(d), the
// function's last result is an error and the other results have simple
// zero values, the check offers that replacement as a fix.
//
// Left alone: loops with no context in scope (unbounded ones are the
// unbounded check's business; a context parameter replaced by one
// rooted at context.Background before the loop is out of scope); short
// sleeps (under 1s) in loops that observe their context; quick retries,
// whose waits add up to at most -ctxerr.minsleep in all; brief loops,
// whose every attempt takes the caller's context and whose waits add up
// to at most 4s (Brief), which end within those seconds once the
// context is cancelled (neither unobserved nor their sleeps); loops that recognise the caller's cancellation
// and retry anyway (the retryable check's finding); loops whose every
// attempt reaches only this machine; start-up waits, before the
// function, or each caller of an unexported helper, starts listening
// (a wait before a worker loop alone is still reported: the worker's
// context ends on a reload or a shutdown, and the wait must end with
// it); libraries with no context form (retry.RetryOnConflict); test
// code; generated files.
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore ctxerr the flush must complete during shutdown
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a4-ctxerr
package ctxerr
