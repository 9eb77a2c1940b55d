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
// variables or fields not assigned inside the loop, nor by a function
// literal the loop calls (grow := func() { d *= 2 }). A configured
// cfg.RetryDelay is invariant; it is the same on every attempt. A wait
// in a same-package helper counts by what the helper does with the
// arguments the loop hands it. The message prints a constant wait by its
// value, a constant by another name included (var retryEvery = 200 *
// time.Millisecond: "waits a fixed 200ms"); a wait read from a setting
// keeps the setting, to be grown rather than replaced: "grow the
// configured RetryInterval exponentially with jitter, using it as the
// base".
// A wait on a github.com/jpillora/backoff Backoff (b.Duration(),
// b.ForAttempt(n)) whose literal sets Factor: 1, or a Min at least its
// Max (defaults 100ms and 10s), is fixed too, jitter or not: "retry loop
// waits a fixed 1s between attempts because its backoff.Backoff never
// grows".
//
// It also reports a constant policy handed to a retry library (R2):
// backoff.NewConstantBackOff (cenkalti v4 and v5), go-retry's
// retry.NewConstant and retry.Constant, retry-go's
// retry.DelayType(retry.FixedDelay), eapache's retrier.ConstantBackoff
// without SetJitter on its Retrier, and a failsafe-go retry policy whose
// delay is WithDelay alone (no backoff, no jitter), and
// go-grpc-middleware's retry.BackoffLinear on an interceptor that
// retries, and resty v3's RetryConstantDelayStrategy on a client or
// request that retries, unless the policy allows at most
// two attempts, or its retries wait at most 1s in all
// (backoff.WithMaxRetries(backoff.NewConstantBackOff(200*time.Millisecond), 3)).
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
// most two attempts (one wait has nothing to back off); quick retries,
// whose waits add up to at most 1s in all; constant waits of a minute or
// more (one attempt a minute adds no load worth spreading); loops paced
// by a ticker with no constant attempt bound (a poll at a fixed rate by
// design); loops whose every attempt reaches only this machine (a local
// operating-system call such as removing a busy directory, a listen or
// an accept, a unix socket or a loopback address, also when every call of the loop's unexported
// function hands it one, or a loop that retries only ETXTBSY, EINTR or
// EBUSY: no server is hammered); polls and other loops
// that are not retries; test code, which legitimately waits for a local
// server at a fixed pace (_test.go files, files that import testing,
// functions taking a *testing.T, testing.TB or a framework's TB,
// test-support packages such as testutil, e2e, hack or *test); generated
// files.
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
