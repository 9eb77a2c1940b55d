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
// *http.Response, comparisons of its StatusCode (a success is a 200, or
// another 2xx the loop compares the status with; a failure is probed
// with 503, 429 and 401). A same-package classifier handed the attempt's
// error or response (shouldRetry(resp, err)) is followed one level.
//
// Left out, as the model requires: polls (a success can loop, or only a
// not-found error is retried, among them a package's error whose text
// says "not found", known across packages by the Absent fact, or only
// io.ErrNoProgress, a read that brought nothing new), loops over
// data (range over anything but an integer, counters compared with len or
// used as an index, a len of something the loop consumes, post statements
// that step through data, an attempt handed a variable the loop
// reassigns other than from the attempt's own result or another fallible
// call (a refreshed token is the attempt's own state), a call handling the item a stream just read, a loop that
// goes on after io.EOF), wait-first loops (an unconditional wait at the
// top of the body, or a select case that waits before its attempt, with
// no attempt before the loop), await-convergence through a check (a
// same-package function that only builds errors from its arguments, or
// returns sentinel error variables, and makes no fallible call is a
// check, not an operation), attempts that cannot fail (every return
// gives a nil error), supervisors (the attempt holds its own receive loop
// and returns nil only when its context ends), walks along an error
// chain, and loops whose only error-returning calls do not decide them.
//
// For each loop the Result records the attempts with how they succeed,
// retry and fail, and whether the loop retries only the errors it
// recognises; the waits between attempts (time.Sleep, time.After,
// timers, tickers, time.Tick, an injected clock, a same-package helper
// that waits) with their durations (a github.com/jpillora/backoff
// Backoff waited on is read as its policy); the attempt counter and the loop's
// other bounds (counters, countdowns, deadlines, stop channels, flags,
// a backoff policy's Stop, the process's context); an upper bound of the whole run's waiting; the
// contexts in scope; where the loop observes a context, and whether that
// context can end; whether every attempt reaches only this machine (a
// local operating-system call, a loopback or unix address, a function
// with the StaysLocal fact); and whether the loop is test code (a
// _test.go file, a file that imports testing, a function taking a
// testing handle, a test-support package by its import path, a function
// that calls its own module's test support, however deep in its
// package). Counts,
// waits and limits read constants by another name: a local assigned once
// from a constant (a parameter is never one: its first value is the
// caller's), an unexported variable or field only ever assigned the
// same constant, a parameter every caller sets to a constant.
//
// The Result also lists every call of a retry library (R2): cenkalti/backoff
// v4 and v5, avast/retry-go v4, sethvargo/go-retry, k8s util/retry and
// util/wait, hashicorp/go-retryablehttp's Client, and eapache/go-resiliency's
// retrier (a Retrier's Run, RunCtx and RunFn, with the New, SetJitter
// and WithInfiniteRetry that configure it), and failsafe-go (an
// Executor's Run and Get when With hands it a retrypolicy.RetryPolicy,
// read from its builder chain; before v0.9 also the package-level Run
// and Get, NewExecutor and retrypolicy.Builder), and go-grpc-middleware's retrying
// UnaryClientInterceptor (v1 and v2, when WithMax lets it retry; it has
// no operation), and the sends of a go-resty v2 or v3 request whose
// request or client has a constant SetRetryCount above zero (v3: of an
// idempotent method unless SetRetryAllowNonIdempotent(true); the
// request is the attempt, described by Call.Send), with the operation
// resolved to its literal or declaration, the context handed over and where
// it comes from, the policy as far as it can be seen (a same-package
// policy constructor is looked into one level), and whether the
// operation can succeed at all or awaits a state (a poll through the
// library). Calls of the codebase's own retry helpers, inferred and
// exported as Helper facts, are listed the same way.
//
// The Result is unstable: its shape may change.
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#what-a-retry-is
package retryloop
