// Package retryloop defines an Analyzer that recognises retry loops, the
// one place in retryvet where that is decided. It reports nothing; the
// checks require it and read its *Result.
//
// # Analyzer retryloop
//
// retryloop: recognises retry loops for the retryvet checks
//
// A retry loop (R1 in the [retry model]) is a for statement of any form (for
// {}, counted, for range n, for err != nil) whose body makes an attempt
// (a call whose results include an error) such that, on failure, control
// can reach the next iteration and, on success, control always leaves
// the loop. The recogniser decides both with the control-flow graph of
// the function (golang.org/x/tools/go/cfg, built only for functions that
// hold a candidate loop), following each path from the attempt and
// taking only the branches its outcome allows: err == nil, err != nil,
// errors.Is(err, x) on a nil error, and, when the attempt returns an
// *http.Response, comparisons of its StatusCode (a success is taken to
// be 200, a failure by status 503).
//
// Left out, as the model requires: polls (a success can loop), loops over
// data (range over anything but an integer, counters compared with len or
// used as an index, post statements that step through data, an attempt
// handed a variable the loop reassigns, a call handling the item a stream
// just read), wait-first loops (an unconditional wait at the top of the
// body, or a select case that waits before its attempt, with no attempt
// before the loop), await-convergence through a check (a same-package
// function that only builds errors from its arguments is a check, not an
// operation), walks along an error chain, and loops whose only
// error-returning calls do not decide them.
//
// For each loop the Result records the attempts with how they succeed,
// retry and fail; the waits between attempts (time.Sleep, time.After,
// timers, tickers, time.Tick, an injected clock, a same-package helper
// that waits) with their durations; the attempt counter and the loop's
// other bounds; the contexts in scope; where the loop observes a context;
// whether every attempt is a local operating-system call; and whether
// the loop is test code (a _test.go file, a file that imports testing,
// a function taking a testing handle).
//
// The Result also lists every call of a retry library (R2): cenkalti/backoff
// v4 and v5, avast/retry-go v4, sethvargo/go-retry, k8s util/retry and
// util/wait, and hashicorp/go-retryablehttp's Client, with the operation
// resolved to its literal or declaration, the context handed over and where
// it comes from, the policy as far as it can be seen, and whether the
// operation can succeed at all or awaits a state (a poll through the
// library).
//
// The Result is unstable: later work adds inferred retry helpers and may
// change its shape.
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#what-a-retry-is
package retryloop
