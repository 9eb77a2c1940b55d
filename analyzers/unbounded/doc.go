// Package unbounded defines an Analyzer that reports retries that never
// give up.
//
// # Analyzer unbounded
//
// unbounded: report retry loops and retry policies with no limit that no context can stop
//
// A retry that never gives up turns a permanent failure into a process
// that spins forever: a worker stuck on a deleted resource, a start-up
// hung on a database that will not come back, holding its goroutine and
// its connections (A7 in the [retry model]). The check reports:
//
//   - a retry loop (see package retryloop) that waits between attempts
//     and has no bound at all, no attempt limit (a countdown included),
//     no deadline compared against the clock, no stop or done channel
//     (one handed to a same-package helper whose answer upon it leaves
//     the loop included), no closed flag (a field compared with a
//     constant that code outside the loop assigns it included), no
//     observed context that can end (a bare
//     context.Background() bounds nothing), no process context whose
//     cancellation leaves the loop, while no context is in scope;
//   - a retry library configured never to stop, with no context that
//     can end it: cenkalti/backoff v4's NewConstantBackOff, ZeroBackOff,
//     or an ExponentialBackOff whose MaxElapsedTime is 0 (a literal that
//     omits it included), without WithMaxRetries and without
//     backoff.WithContext and a cancellable context; v5's
//     WithMaxElapsedTime(0) without WithMaxTries under a context derived
//     from Background or TODO; sethvargo/go-retry backoffs without
//     WithMaxRetries or WithMaxDuration under such a context; avast
//     retry-go's Attempts(0) or UntilSucceeded() without retry.Context;
//     eapache's retrier WithInfiniteRetry() run with Run, or with RunCtx
//     under such a context; a failsafe-go retry policy with
//     WithMaxRetries(-1) or WithMaxAttempts(-1) and no WithMaxDuration,
//     on an executor without WithContext or under such a context. A
//     context derived from Background can still end: one with a timeout
//     or a deadline, from signal.NotifyContext, or from WithCancel whose
//     cancel function is kept or called from another function (a
//     deferred cancel runs only after the retry is over).
//
// Bad:
//
//	for {
//		if err := connect(); err == nil {
//			return nil
//		}
//		time.Sleep(backoff.Next())
//	}
//
// Good:
//
//	for attempt := 0; attempt < maxAttempts; attempt++ {
//		if err := connect(); err == nil {
//			return nil
//		}
//		time.Sleep(backoff.Next())
//	}
//
// Left alone: loops with any bound; loops with a context in scope (that
// the loop never observes it is ctxerr's finding, not this one's);
// immediate retries, which do not wait; library calls with a limit or a
// cancellable context; test code.
//
// The check has no flags.
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore unbounded the supervisor restarts us if the link stays down
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a7-unbounded
package unbounded
