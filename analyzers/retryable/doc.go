// Package retryable defines an Analyzer that reports retries of errors
// that cannot succeed on a second try.
//
// # Analyzer retryable
//
// retryable: report retry loops that retry every error, HTTP 4xx responses, or the caller's cancellation
//
// Retrying is right for transient failures (a timeout, a refused
// connection, a 503) and wrong for the rest: a 400 or a validation error
// fails the same way every time, so the retry only multiplies the load
// and delays the real error; a 404 retried for a minute is a minute of
// latency for nothing (A6 in the [retry model]). In a retry loop that waits
// (see package retryloop), the check reports:
//
//   - an attempt whose error the loop never classifies before retrying:
//     no errors.Is or errors.As, no type switch or assertion, no
//     comparison with a sentinel, no call taking the error that answers
//     a bool (isRetryable(err), err.Timeout()), no status check, no
//     check of how long the attempt took (time.Since of a start taken
//     in the loop). A same-package attempt function that classifies
//     inside counts, unless all it does is turn every non-2xx status
//     into an error (a do helper, or a checkResponse(resp) called after
//     the send): then the message says 4xx responses are retried;
//   - an HTTP status check whose retry path is taken for client errors
//     (!= 200, >= 400, > 299, an explicit 4xx other than 408, 425 and
//     429) or explicitly for 501 or 505; the message names the statuses
//     that are retried. A 4xx comes with a nil error: a retry branch on
//     that error whose answer for nil the analysis cannot see (another
//     package's adapter, ne := network.Adapter(err); ne != nil) is not
//     taken to retry it;
//   - a retry condition of a resty client or request that retries
//     (AddRetryCondition, AddRetryConditions) that returns true for such
//     a status (r.IsError(), !r.IsSuccess(), r.StatusCode() >= 400,
//     == 404), and resty v2's AddRetryAfterErrorCondition();
//   - a loop that recognises the caller's context error
//     (errors.Is(err, context.Canceled), ctx.Err() != nil) and still
//     continues.
//
// Bad:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		resp, err := client.Do(req)
//		if err == nil && resp.StatusCode == http.StatusOK {
//			return resp, nil
//		}
//		sleep(ctx, attempt)
//	}
//
// Good:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		resp, err := client.Do(req)
//		if err != nil {
//			if !isTransient(err) {
//				return nil, err
//			}
//		} else if resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests {
//			return resp, nil // success, or a client error the caller must see
//		}
//		sleep(ctx, attempt)
//	}
//
// It also reports a go-grpc-middleware retry interceptor (v1 or v2)
// whose WithCodes names a code other than Unavailable,
// ResourceExhausted, Aborted and DeadlineExceeded (retryable/codes): it
// retries them on every method of the connection. Internal and Unknown,
// gRPC's 500s, are left alone, as >= 500 is over HTTP.
//
// Left alone: loops that classify; retries by a library or a retry
// helper, classified or not (backoff.Permanent, a retrier's classifier,
// or none: a library retry with no classification is not reported, see
// the retry model's R2); >= 500 with no
// exclusion; a DeadlineExceeded retried in a loop that gives each
// attempt its own deadline; reconnect loops, which dial or call a
// constructor of a closable client, directly or through a same-package
// method handing back what it made, or open a gRPC client stream
// (every error is a connection error);
// immediate retries; loops whose every attempt
// reaches only this machine; test code. The first report also leaves
// alone: runs whose waits add up to a minute or less (a few wasted
// attempts, soon over); patient loops that observe their context and
// wait 10s or more before the first retry; opaque attempts (a func
// parameter or a func-typed field); attempts that can fail only one way
// (one sentinel, or made errors that wrap nothing); and background
// tasks with no error to return, which leave after a failure only when
// told to stop, by their context or a stop channel (an error result
// that every return sets to nil is none). A loop that never observes its context is ctxerr's
// finding; it is reported here only for the errors it retries.
//
// The check has no flags.
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore retryable the device reports every fault as a transient EIO
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a6-retryable
package retryable
