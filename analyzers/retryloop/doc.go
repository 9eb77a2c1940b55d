// Package retryloop defines an Analyzer that recognises retry loops, the
// one place in retryvet where that is decided. It reports nothing; the
// checks require it and read its *Result.
//
// # Analyzer retryloop
//
// retryloop: recognises retry loops for the retryvet checks
//
// A retry loop (RETRY-MODEL.md, R1) is a for statement of any form (for
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
// Left out, as the model requires: polls (a success can loop), loops
// over data (range over anything but an integer, counters compared with
// len or used as an index, post statements that step through data),
// wait-first loops (an unconditional wait at the top of the body with no
// attempt before the loop), and loops whose only error-returning calls
// do not decide them.
//
// For each loop the Result records the attempts with how they succeed,
// retry and fail; the waits (time.Sleep, time.After, timers, tickers,
// time.Tick, an injected clock, a same-package helper that waits) with
// their durations; the attempt counter and the loop's other bounds; the
// contexts in scope; and where the loop observes a context.
//
// The Result is unstable: later work adds retry-library calls (R2) and
// inferred retry helpers, and may change its shape.
package retryloop
