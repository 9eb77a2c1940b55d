package libraries

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	backoff "github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/retry"
)

var dial func() error

func op() error                       { return dial() }
func opCtx(ctx context.Context) error { return nil }

func v4Constant() error {
	return backoff.Retry(op, backoff.NewConstantBackOff(2*time.Second)) // want `retry policy waits a fixed 2s between attempts; use an exponential backoff with jitter`
}

func v4ConstantVariable(ctx context.Context) error {
	b := backoff.NewConstantBackOff(500 * time.Millisecond) // want `retry policy waits a fixed 500ms between attempts`
	return backoff.Retry(op, backoff.WithContext(backoff.WithMaxRetries(b, 5), ctx))
}

func v5Constant(ctx context.Context) (int, error) {
	return backoff5.Retry(ctx, func() (int, error) { return 0, nil },
		backoff5.WithBackOff(backoff5.NewConstantBackOff(time.Second)), // want `retry policy waits a fixed 1s between attempts`
		backoff5.WithMaxTries(10))
}

func goRetryConstant(ctx context.Context) error {
	b := goretry.WithMaxRetries(5, goretry.NewConstant(time.Second)) // want `retry policy waits a fixed 1s between attempts`
	return goretry.Do(ctx, b, opCtx)
}

func goRetryConvenience(ctx context.Context) error {
	return goretry.Constant(ctx, 3*time.Second, opCtx) // want `retry policy waits a fixed 3s between attempts`
}

func avastFixed() error {
	return retrygo.Do(op, retrygo.Delay(time.Second), retrygo.DelayType(retrygo.FixedDelay)) // want `retry policy waits a fixed 1s between attempts`
}

func avastFixedDefaultDelay() error {
	return retrygo.Do(op, retrygo.DelayType(retrygo.FixedDelay), retrygo.UntilSucceeded()) // want `retry policy waits a fixed 100ms between attempts`
}

// Silent: one retry (two attempts) has nothing to back off.
func v4OneRetry() error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewConstantBackOff(time.Second), 1))
}

// Silent: retry-go with two attempts.
func avastTwo() error {
	return retrygo.Do(op, retrygo.Attempts(2), retrygo.DelayType(retrygo.FixedDelay))
}

// Silent: exponential policies.
func exponential(ctx context.Context) error {
	if err := backoff.Retry(op, backoff.NewExponentialBackOff()); err != nil {
		return err
	}
	return goretry.Do(ctx, goretry.WithMaxRetries(5, goretry.NewExponential(time.Second)), opCtx)
}

// Silent: retry-go's default delay type is jittered exponential.
func avastDefault() error {
	return retrygo.Do(op, retrygo.Attempts(5))
}

// Silent: k8s DefaultRetry has factor 1 but its jitter spreads the
// retries.
func k8sDefault() error {
	return retry.RetryOnConflict(retry.DefaultRetry, op)
}

// Silent: a k8s literal with factor 1 is not one of the constructors
// the model names.
func k8sLiteral() error {
	return wait.ExponentialBackoff(wait.Backoff{Duration: time.Second, Factor: 1, Steps: 5}, func() (bool, error) { return true, nil })
}

// Silent: a constant policy that no library retries with.
func notRetried() time.Duration {
	return backoff.NewConstantBackOff(time.Second).NextBackOff()
}

var errAgain = errors.New("again")

// Silent: the operation never succeeds; the library is a scheduler
// (argo-watcher runs a periodic job through retry.Do), a poll.
func scheduler(ctx context.Context) error {
	return retrygo.Do(func() error {
		_ = op()
		return errAgain
	}, retrygo.Context(ctx), retrygo.Delay(time.Hour), retrygo.DelayType(retrygo.FixedDelay), retrygo.UntilSucceeded())
}

// Silent: options built elsewhere cannot be seen.
func spread(opts []retrygo.Option) error {
	return retrygo.Do(op, opts...)
}

type endpoint struct{ status string }

var getEndpoint func(ctx context.Context) (*endpoint, error)

// Silent: the operation fails on purpose until the endpoint's status
// settles: a poll through the library (archer's waitForEndpoint).
func waitForEndpoint(d time.Duration) error {
	b := goretry.NewConstant(time.Second)
	b = goretry.WithMaxDuration(d, b)
	return goretry.Do(context.Background(), b, func(ctx context.Context) error {
		ep, err := getEndpoint(ctx)
		if err != nil {
			return err
		}
		if ep.status != "AVAILABLE" {
			return goretry.RetryableError(errors.New("endpoint not ready"))
		}
		return nil
	})
}

// Flagged: a made error under a response status check is a failed
// attempt, not a state being awaited.
func statusRetry(url string) error {
	return backoff.Retry(func() error {
		resp, err := http.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 500 {
			return fmt.Errorf("unavailable: %s", resp.Status)
		}
		return nil
	}, backoff.NewConstantBackOff(time.Second)) // want `retry policy waits a fixed 1s between attempts`
}

// Silent: the state is tested in a switch, and the operation fails on
// purpose until it settles (flyctl's postgres failover).
func waitForStop(ctx context.Context) error {
	return retrygo.Do(func() error {
		ep, err := getEndpoint(ctx)
		if err != nil {
			return err
		}
		switch ep.status {
		case "stopped", "started":
			return nil
		case "stopping":
			return fmt.Errorf("old leader has not finished stopping")
		default:
			return fmt.Errorf("old leader is in an unexpected state: %s", ep.status)
		}
	}, retrygo.Context(ctx), retrygo.Attempts(60), retrygo.Delay(time.Second), retrygo.DelayType(retrygo.FixedDelay))
}

// every is a constant by another name (tests may zero it).
var every = 200 * time.Millisecond

// Silent: three retries 200ms apart, 600ms in all: a quick retry
// through a library (issue 14, shape 12).
func quickPolicy() error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewConstantBackOff(every), 3))
}

type poller struct{ interval time.Duration }

func newPoller() *poller { return &poller{interval: 100 * time.Millisecond} }

// Silent: the field is set once, by the constructor, to 100ms.
func (p *poller) quickField() error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewConstantBackOff(p.interval), 4))
}

// Flagged: the look-alike retries ten times, 2s in all, and its message
// gives the value.
func slowPolicy() error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewConstantBackOff(every), 10)) // want `retry policy waits a fixed 200ms between attempts`
}
