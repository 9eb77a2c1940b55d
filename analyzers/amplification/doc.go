// Package amplification defines an Analyzer that reports retries whose
// attempt retries again.
//
// # Analyzer amplification
//
// amplification: report retries whose attempt reaches another retry, so that the layers multiply
//
// A retry at one layer is a safeguard; retries at several layers
// multiply. A loop of 5 attempts around a client that tries 3 times
// sends 15 requests to a backend that is already failing, and five
// layers of three send 243: the retries themselves keep it down (A10 in
// the [retry model]; the AWS Builders' Library's "Timeouts, retries and
// backoff with jitter" and the Google SRE book's "Addressing Cascading
// Failures" both say to retry at one layer only).
//
// The check reports a retry loop that waits (see package retryloop), or
// an operation handed to a retry library or to a retry helper, whose
// attempt reaches another retry that waits:
//
//   - a retry loop, directly or nested in the attempt;
//   - a call of a retry library (cenkalti/backoff, retry-go, go-retry,
//     k8s wait), or of a retry helper the codebase wrote;
//   - a request sent through a retrying client: a retryablehttp.Client,
//     the *http.Client its StandardClient() makes, or a resty client or
//     request configured to retry;
//   - a unary call on a gRPC connection dialed with go-grpc-middleware's
//     retrying interceptor (a client stub made from the connection, or
//     its Invoke);
//   - a call of a function that does any of these, in this package or,
//     through the Retries fact, in another one, however deep.
//
// The finding is on the call in the attempt. When both layers have a
// constant attempt bound, the message states the product: "retry loop (5
// attempts) calls store.Save, which tries 3 times itself: up to 15 calls
// per operation"; otherwise it says that the callee retries again inside
// each attempt. The inner retry is pointed at as related information
// when it is in the same package; through other packages, the chain of
// calls is.
//
// Bad:
//
//	func (s *Store) Save(ctx context.Context, o Order) error {
//		return backoff.Retry(func() error { return s.put(ctx, o) },
//			backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 2))
//	}
//
//	for attempt := 0; attempt < 5; attempt++ {
//		if err = store.Save(ctx, o); err == nil {
//			return nil
//		}
//		sleep(ctx, attempt)
//	}
//
// Good: one layer retries, the other hands its error up.
//
//	func (s *Store) Save(ctx context.Context, o Order) error {
//		return s.put(ctx, o)
//	}
//
// Left alone: inner retries that do not wait (a token refresh, a
// redirect followed at once), polls, retry loops every wait of which
// lasts what a function value handed the failure answers (delay, err :=
// onError(err): whether and how often they retry is their callers'
// choice, out of sight), library calls that supervise a
// long-running task (an operation that, once started, holds until a
// context ends with <-ctx.Done() and returns nil: what retries inside
// it is the task's, and its function does not retry through it),
// reconnect loops in goroutines a call
// starts (a long-lived worker is not part of the call), retries in a
// function literal a call returns, directly or through a local variable
// (a retrying interceptor, middleware or event processor runs later,
// around other calls, not while it is made), loops that retry
// only the errors they recognise (a conflict, "not leader": the error an
// inner retry gives up with is not among them), loops that stop on the
// error the inner retry gives up with (a package-level sentinel its
// function returns, wrapped, right after the inner loop), a loop that
// reaches only itself, by recursion, operations that hand the inner
// retry's failure back marked final (backoff.Permanent, retry-go's
// Unrecoverable, or a function wrapping one), library retries handed a
// classifier that answers true only for failures it names (retry-go's
// RetryIf, or a retry helper's classifier parameter, with a function of
// any package: errors.Is, errors.As, comparisons, constant text and
// timeout tests, known elsewhere by the Narrow fact, or a helper that
// fixes such a classifier itself), inner library retries whose
// operation marks every failure final but under an if that holds only
// for gRPC codes a failing server does not give (codes.Canceled,
// codes.NotFound: not Unavailable, ResourceExhausted, Aborted,
// DeadlineExceeded, Internal or Unknown), k8s's
// RetryOnConflict and OnError (also through a retry helper of the
// codebase built on them), retries whose every attempt is local, outer loops that do
// not wait, and test code.
//
// The check has no flags.
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore amplification the inner retry covers only the lease renewal
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a10-amplification
package amplification
