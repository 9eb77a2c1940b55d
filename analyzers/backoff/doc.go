// Package backoff defines an Analyzer that reports exponential backoff
// without jitter or without a cap.
//
// # Analyzer backoff
//
// backoff: report exponential retry waits with no jitter, or with no cap that keeps them sane
//
// Exponential backoff spreads retries out in time, but only with jitter
// does it spread clients out from each other: without it, every client
// that failed at the same moment (all of them, when a server restarts)
// retries at the same moments again, in lock-step. And without a cap the
// wait grows past anything useful: a 20-try doubling from one second
// sleeps for days before its last attempt, and a long enough one
// overflows time.Duration (A2 in the [retry model]). In a retry loop that
// waits (see package retryloop), when the waited duration grows
// exponentially (1<<n, math.Pow(2, n) or math.Pow of another constant
// factor above 1, a field set only to constants included, d *= 2, d = d*2, d <<= 1, the same
// inside a clamp such as min(d*2, maxWait), or a same-package helper
// doing so), the check reports:
//
//   - no jitter: no value from math/rand, math/rand/v2 or crypto/rand
//     reaches the waited duration, directly or through a function that
//     returns one (a jitter helper of any package: its Random fact
//     says so), and no hook may randomise it (d = w.Jitter(d), a call of
//     a func-typed field, parameter or variable from duration to
//     duration);
//   - no cap: no min, math.Min, same-package min helper (minDuration(a,
//     b), or capDelay(d) returning max when d > max; one returning the
//     larger is no cap; nor a growing helper returning a constant early
//     for a large attempt, if i >= 5 { return maxDelay }), clamp (if d >
//     max { d = max }) before the wait,
//     loop condition (for d < max) or give-up test on the grown wait (if
//     d >= max { return err }), when the loop has no constant
//     attempt bound, or when within that bound the wait passes
//     -backoff.maxwait or overflows; the message names the attempt after
//     which it does, or says that the loop's attempt limit is not a
//     constant.
//
// A policy handed to a retry library that the analysis sees double
// without jitter is reported too (backoff/policy), on the constructor:
// eapache's retrier.ExponentialBackoff or LimitedExponentialBackoff
// without SetJitter on the Retrier, a failsafe-go retry policy with
// WithBackoff (or WithBackoffFactor above 1) and neither WithJitter nor
// WithJitterFactor, go-grpc-middleware's retry.BackoffExponential on an
// interceptor that retries, go-retry's NewExponential or
// Exponential without WithJitter or WithJitterPercent, a k8s wait.Backoff
// with a constant Factor above 1 and no Jitter, retry-go's
// DelayType(BackOffDelay) alone, and a cenkalti ExponentialBackOff
// literal without RandomizationFactor; unless it allows at most two
// attempts or its doubling waits add up to at most 1s.
//
// A loop that waits on a github.com/jpillora/backoff Backoff
// (time.Sleep(b.Duration())) whose literal does not set Jitter: true,
// which defaults to false, gets the jitter finding; such a Backoff caps
// itself at Max (10s by default), so never the cap one. The Backoff is
// followed to the literal that made it (a local's, or the one a field or
// package variable is ever assigned, with the fields set on it since);
// one handed in as a parameter is not seen.
//
// Bad:
//
//	for attempt := 0; attempt < 20; attempt++ {
//		...
//		time.Sleep(time.Second << attempt)
//	}
//
// Good:
//
//	for attempt := 0; attempt < 20; attempt++ {
//		...
//		d := min(base<<attempt, maxWait)
//		d += time.Duration(rand.Int64N(int64(d/2))) - d/4 // ±25%
//		time.Sleep(d)
//	}
//
// Left alone: growth that is jittered and capped, or jittered and
// bounded by a small constant count; linear and quadratic growth; a
// backoff object's NextBackOff(); loops of at most two attempts; quick
// retries, whose waits add up to at most 1s in all; loops whose every
// attempt reaches only this machine (a local operating-system call, a
// unix socket or a loopback address); waits whose duration it cannot
// see; test code.
//
// Flags:
//
//	-backoff.maxwait  longest wait an uncapped backoff may reach within a constant attempt bound (default 10m)
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore backoff a single client: nothing to desynchronise
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a2-backoff
package backoff
