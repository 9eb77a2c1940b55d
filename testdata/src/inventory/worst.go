package inventory

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
	k8sretry "k8s.io/client-go/util/retry"
)

// capped is 1s doubling per attempt, capped at 5s.
func capped(n int) time.Duration {
	return min(time.Second<<n, 5*time.Second)
}

// HelperCapped: 5 attempts, a wait from the same-package helper
// capped(i) after each but the last: 1s, 2s, 4s, then 5s (8s capped),
// 12s in all.
func HelperCapped() error {
	var err error
	for i := range 5 {
		if err = op(); err == nil {
			return nil
		}
		if i < 4 {
			time.Sleep(capped(i))
		}
	}
	return err
}

// spread is 100ms doubling per attempt, plus up to as much again at
// random.
func spread(n int) time.Duration {
	d := 100 * time.Millisecond << n
	return d + time.Duration(rand.Int64N(int64(d)))
}

// HelperJitter: attempts 1 to 3, a jittered wait before each retry
// (attempt > 1): 400ms and 800ms, jitter at its largest (twice the
// base), 1.2s in all.
func HelperJitter() error {
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if attempt > 1 {
			time.Sleep(spread(attempt - 1))
		}
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}

// FromCaller waits what the caller says: bounded, but the total is not
// known.
func FromCaller(base time.Duration) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(base)
	}
	return err
}

// UntilDeadline waits a duration another package computes: not known.
func UntilDeadline(deadline time.Time) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Until(deadline) / 10)
	}
	return err
}

// V4Default: backoff/v4's NewExponentialBackOff with its defaults
// (500ms, times 1.5, randomisation 0.5) and 4 retries: intervals 500ms,
// 750ms, 1.125s, 1.6875s, each up to 1.5 times itself, 6.09375s in all.
func V4Default() error {
	return backoff.Retry(op, backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 4))
}

// V4Elapsed: no attempt bound, but the default MaxElapsedTime of 15
// minutes bounds the waits.
func V4Elapsed() error {
	return backoff.Retry(op, backoff.NewExponentialBackOff())
}

// V4MaxElapsed: 10 retries would wait longer than the 2s
// MaxElapsedTime, which bounds them.
func V4MaxElapsed() error {
	b := backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(2 * time.Second))
	return backoff.Retry(op, backoff.WithMaxRetries(b, 10))
}

// V4Capped: 1s doubling, the interval capped at 4s, no randomisation,
// 5 retries: 1s, 2s, 4s, 4s, 4s, 15s in all.
func V4Capped() error {
	b := backoff.NewExponentialBackOff(backoff.WithInitialInterval(time.Second), backoff.WithMaxInterval(4*time.Second), backoff.WithRandomizationFactor(0))
	b.Multiplier = 2
	return backoff.Retry(op, backoff.WithMaxRetries(b, 5))
}

// GoRetry: 400ms doubling, capped at 1s, then up to 100ms of jitter,
// 3 retries: below 500ms, 900ms and 1.1s, 2.5s in all.
func GoRetry(ctx context.Context) error {
	b := goretry.WithMaxRetries(3, goretry.WithJitter(100*time.Millisecond, goretry.WithCappedDuration(time.Second, goretry.NewExponential(400*time.Millisecond))))
	return goretry.Do(ctx, b, func(context.Context) error { return op() })
}

// RetryGoDefault: retry-go's defaults, 10 attempts, 100ms doubling
// plus up to 100ms at random: 51.1s + 9 × 100ms, 52s in all.
func RetryGoDefault() error {
	return retrygo.Do(op)
}

// RetryGoCapped: 4 attempts, 1s doubling plus the default jitter,
// each wait capped at 3s: 1.1s, 2.1s, 3s, 6.2s in all.
func RetryGoCapped() error {
	return retrygo.Do(op, retrygo.Attempts(4), retrygo.Delay(time.Second), retrygo.MaxDelay(3*time.Second))
}

// RetryGoCombined: a delay type of the caller's making: not modelled.
func RetryGoCombined() error {
	return retrygo.Do(op, retrygo.Attempts(4), retrygo.DelayType(retrygo.CombineDelay(retrygo.FixedDelay, retrygo.RandomDelay)))
}

var errBusy = errors.New("busy")

// Branches waits 30s after a busy error, 1s after another: the worst
// case takes the longer branch each time, 3 × 30s = 90s.
func Branches() error {
	for i := 0; i < 3; i++ {
		err := op()
		if err == nil {
			return nil
		}
		d := time.Second
		if errors.Is(err, errBusy) {
			d = 30 * time.Second
		}
		time.Sleep(d)
	}
	return errFlaky
}

// Stepped steps its counter in the body before the wait: 1s, then 2s,
// then leaves: 3s in all.
func Stepped() error {
	attempt := 0
	for {
		err := op()
		if err == nil {
			return nil
		}
		attempt++
		if attempt >= 3 {
			return err
		}
		time.Sleep(time.Duration(attempt) * time.Second)
	}
}

// Pointer grows its wait through a pointer: not followed.
func Pointer() error {
	delay := time.Second
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(delay)
		grow(&delay)
	}
	return err
}

func grow(d *time.Duration) { *d *= 10 }

// K8sCapped: 100ms doubling with up to half again of jitter, 5 steps,
// capped at 500ms: the third wait's next interval (800ms) passes the
// cap, which ends the retry after it: 150ms + 300ms + 600ms = 1.05s.
func K8sCapped() error {
	b := wait.Backoff{Duration: 100 * time.Millisecond, Factor: 2, Jitter: 0.5, Steps: 5, Cap: 500 * time.Millisecond}
	return wait.ExponentialBackoff(b, func() (bool, error) { return op() == nil, nil })
}

// K8sDefault: client-go's DefaultBackoff, 4 steps of 10ms times 5 with
// 10% jitter: 11ms + 55ms + 275ms = 341ms.
func K8sDefault() error {
	return k8sretry.RetryOnConflict(k8sretry.DefaultBackoff, op)
}
