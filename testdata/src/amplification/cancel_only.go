package amplification

import (
	"context"

	"github.com/cenkalti/backoff/v4"
	"google.golang.org/grpc/codes"
)

// sendLogin stands for a unary gRPC call.
var sendLogin func(ctx context.Context) error

// codeOf stands for status.Code.
func codeOf(err error) codes.Code { return codes.Unknown }

// loginCancelled retries only a cancelled call: every other failure,
// Unavailable included, is handed back marked final, so a failing
// server gets one call from it per outer attempt, and it is no retry
// that multiplies (no Retries fact; netbird's management login, unseen
// triage of 2026-12-03).
func loginCancelled(ctx context.Context) error {
	op := func() error {
		err := sendLogin(ctx)
		if err != nil {
			if c := codeOf(err); c == codes.Canceled {
				return err
			}
			return backoff.Permanent(err)
		}
		return nil
	}
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// loginBusy is the look-alike: it retries Unavailable too, the very
// failure of a server that is down, so it retries again inside each
// attempt of an outer retry.
func loginBusy(ctx context.Context) error { // want loginBusy:`retries\(amplification\.loginBusy, \-1 attempts\)`
	op := func() error {
		err := sendLogin(ctx)
		if err != nil {
			if c := codeOf(err); c == codes.Canceled || c == codes.Unavailable {
				return err
			}
			return backoff.Permanent(err)
		}
		return nil
	}
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// loginUnmarked is a look-alike too: its last failure is handed back
// unmarked, and so retried.
func loginUnmarked(ctx context.Context) error { // want loginUnmarked:`retries\(amplification\.loginUnmarked, \-1 attempts\)`
	op := func() error {
		err := sendLogin(ctx)
		if err != nil && codeOf(err) == codes.NotFound {
			return backoff.Permanent(err)
		}
		return err
	}
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Silent: the inner login makes one call per attempt while the server
// fails.
func signIn(ctx context.Context) error { // want signIn:`retries\(amplification\.signIn, \-1 attempts\)`
	return backoff.Retry(func() error { return loginCancelled(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Flagged: the inner login retries Unavailable, and Unmarked every
// failure.
func signInBusy(ctx context.Context) error { // want signInBusy:`retries\(amplification\.signInBusy, \-1 attempts\)`
	return backoff.Retry(func() error { return loginBusy(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx)) // want `operation retried by backoff.Retry calls amplification.loginBusy, which retries again inside each attempt`
}

func signInUnmarked(ctx context.Context) error { // want signInUnmarked:`retries\(amplification\.signInUnmarked, \-1 attempts\)`
	return backoff.Retry(func() error { return loginUnmarked(ctx) }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx)) // want `operation retried by backoff.Retry calls amplification.loginUnmarked, which retries again inside each attempt`
}
