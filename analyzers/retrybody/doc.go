// Package retrybody defines an Analyzer that reports response bodies
// left open by a retry.
//
// # Analyzer retrybody
//
// retrybody: report retries that reach the next attempt without closing the failed response's body
//
// A response whose body is not closed keeps its connection: the
// transport cannot reuse it, and the retry opens another. A loop that
// retries 503s without closing each response leaks one connection per
// attempt, exactly when the server is struggling, until the process runs
// out of file descriptors (A8 in the [retry model]; kubernetes and go-kratos
// have shipped fixes for it). The check reports:
//
//   - in a retry loop (see package retryloop), a path on which Do, Get,
//     Head, Post or PostForm (of an *http.Client, or the package's) returned
//     a response with a failing status and that reaches the next attempt
//     without resp.Body.Close(); the finding is on the continue, the wait,
//     or the end of the loop body;
//   - in an operation handed to a retry library, a failure returned
//     under a status check, or right after a check that returns the
//     success, while the response body is closed nowhere in the
//     operation (the response sent there, or answered by a func value
//     the operation calls: resp, err := send()).
//
// A defer resp.Body.Close() in the loop's own function runs only when the
// function returns, so it does not close before the next attempt.
//
// Bad:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		resp, err := client.Do(req)
//		if err == nil && resp.StatusCode < 500 {
//			return resp, nil
//		}
//		sleep(ctx, attempt)
//	}
//
// Good:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		resp, err := client.Do(req)
//		if err == nil && resp.StatusCode < 500 {
//			return resp, nil
//		}
//		if err == nil {
//			io.Copy(io.Discard, resp.Body)
//			resp.Body.Close()
//		}
//		sleep(ctx, attempt)
//	}
//
// Left alone: paths where the error is non-nil (the response is nil);
// responses handed to a same-package function that closes them, or to a
// function the analysis cannot see into; a defer inside a function
// literal called in place, or inside a retry operation, which runs once
// per attempt; retryablehttp, which drains and closes what it retries;
// a close guarded by resp != nil && resp.Body != nil, both true when the
// error is nil.
//
// The check has no flags; it applies in test files too.
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore retrybody the transport is a test double without connections
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a8-retrybody
package retrybody
