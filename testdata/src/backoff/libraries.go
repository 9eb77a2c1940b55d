package backoff

import (
	"context"
	"time"

	"github.com/eapache/go-resiliency/retrier"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
)

// Library policies that double without jitter (backoff/policy).

func eapacheExponential(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(5, time.Second), nil) // want `retry policy backs off exponentially without jitter, so clients that failed together retry together; call SetJitter on the Retrier \(say 0.25\)`
	return r.RunCtx(ctx, func(ctx context.Context) error { return op() })
}

type syncer struct {
	r *retrier.Retrier
}

func newSyncer() *syncer {
	return &syncer{r: retrier.New(retrier.LimitedExponentialBackoff(8, time.Second, time.Minute), nil)} // want `retry policy backs off exponentially without jitter`
}

// eapacheField: the one Retrier a constructor sets in the field.
func (s *syncer) eapacheField(ctx context.Context) error {
	return s.r.RunCtx(ctx, func(ctx context.Context) error { return op() })
}

func goRetryExponential(ctx context.Context) error {
	b := goretry.WithMaxRetries(5, goretry.NewExponential(time.Second)) // want `retry policy backs off exponentially without jitter, so clients that failed together retry together; wrap the backoff in retry.WithJitterPercent`
	return goretry.Do(ctx, b, func(ctx context.Context) error { return op() })
}

func k8sWaitBackoff(ctx context.Context) error {
	return wait.ExponentialBackoffWithContext(ctx, wait.Backoff{Duration: time.Second, Factor: 2, Steps: 6}, func(ctx context.Context) (bool, error) { // want `retry policy backs off exponentially without jitter, so clients that failed together retry together; set the Backoff's Jitter \(say 0.1\)`
		return op() == nil, nil
	})
}

// Silent.

// eapacheJitter: SetJitter on the Retrier, in the function.
func eapacheJitter(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(5, time.Second), nil)
	r.SetJitter(0.25)
	return r.RunCtx(ctx, func(ctx context.Context) error { return op() })
}

// eapacheQuick: 10ms, 20ms, 40ms, 80ms: under a second in all.
func eapacheQuick(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(4, 10*time.Millisecond), nil)
	return r.RunCtx(ctx, func(ctx context.Context) error { return op() })
}

// eapacheOnce: one retry has nothing to back off.
func eapacheOnce(ctx context.Context) error {
	r := retrier.New(retrier.ExponentialBackoff(1, time.Second), nil)
	return r.RunCtx(ctx, func(ctx context.Context) error { return op() })
}

// goRetryJitter: jittered.
func goRetryJitter(ctx context.Context) error {
	b := goretry.WithJitterPercent(20, goretry.WithMaxRetries(5, goretry.NewExponential(time.Second)))
	return goretry.Do(ctx, b, func(ctx context.Context) error { return op() })
}

// k8sJitter: jittered; k8sUnknown: a Factor not seen is not a finding.
func k8sJitter(ctx context.Context, factor float64) error {
	err := wait.ExponentialBackoffWithContext(ctx, wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.1, Steps: 6}, func(ctx context.Context) (bool, error) {
		return op() == nil, nil
	})
	if err != nil {
		return err
	}
	return wait.ExponentialBackoffWithContext(ctx, wait.Backoff{Duration: time.Second, Factor: factor, Steps: 6}, func(ctx context.Context) (bool, error) {
		return op() == nil, nil
	})
}
