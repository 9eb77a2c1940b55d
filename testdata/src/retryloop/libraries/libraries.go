package libraries

import (
	"context"
	"errors"
	"net/http"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	backoff "github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/go-retryablehttp"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/retry"
)

func op() error                       { return errors.New("x") }
func opCtx(ctx context.Context) error { return nil }

type store struct{}

func (s *store) save() error { return nil }

// cenkalti v4: a literal operation and the default exponential policy.
func v4Default() error {
	return backoff.Retry(func() error { return op() }, backoff.NewExponentialBackOff()) // want `r2 backoff/v4 op=lit ctx=none policy=exponential jitter$`
}

// cenkalti v4: a policy built in a variable with MaxElapsedTime = 0,
// capped by WithMaxRetries, under the caller's context.
func v4Variable(ctx context.Context) error {
	b := backoff.NewExponentialBackOff()
	b.MaxElapsedTime = 0
	bo := backoff.WithContext(backoff.WithMaxRetries(b, 4), ctx)
	return backoff.RetryNotify(op, bo, func(error, time.Duration) {}) // want `r2 backoff/v4 op=op ctx=caller policy=exponential max=5 elapsed=0 noelapsed jitter scope=\[ctx:param\]$`
}

// cenkalti v4: a struct literal that omits MaxElapsedTime never stops.
func v4Literal() error {
	b := &backoff.ExponentialBackOff{InitialInterval: time.Second, Multiplier: 2}
	return backoff.Retry(op, b) // want `r2 backoff/v4 op=op ctx=none policy=exponential delay=time.Second noelapsed$`
}

// cenkalti v4: the option form of MaxElapsedTime.
func v4Option() error {
	return backoff.Retry(op, backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(time.Minute))) // want `r2 backoff/v4 op=op ctx=none policy=exponential elapsed=time.Minute jitter$`
}

// cenkalti v4: a constant policy under a Background context.
func v4Constant() error {
	b := backoff.WithContext(backoff.NewConstantBackOff(2*time.Second), context.Background())
	return backoff.Retry(op, b) // want `r2 backoff/v4 op=op ctx=background policy=constant delay=2 \* time.Second noelapsed$`
}

// cenkalti v4: ZeroBackOff and a method value as the operation.
func v4Zero(s *store) error {
	return backoff.Retry(s.save, &backoff.ZeroBackOff{}) // want `r2 backoff/v4 op=save ctx=none policy=zero noelapsed$`
}

// cenkalti v4: RetryWithData with an operation held in a variable.
func v4Data() (int, error) {
	get := func() (int, error) { return 1, nil }
	return backoff.RetryWithData(get, backoff.NewExponentialBackOff()) // want `r2 backoff/v4 op=lit ctx=none policy=exponential jitter$`
}

// cenkalti v4: a policy handed in as a parameter cannot be seen.
func v4Param(b backoff.BackOff) error {
	return backoff.Retry(op, b) // want `r2 backoff/v4 op=op ctx=none policy=unknown$`
}

// cenkalti v5: options.
func v5(ctx context.Context) (string, error) {
	return backoff5.Retry(ctx, func() (string, error) { return "", nil }, // want `r2 backoff/v5 op=lit ctx=caller policy=exponential max=3 elapsed=0 noelapsed jitter scope=\[ctx:param\]$`
		backoff5.WithBackOff(backoff5.NewExponentialBackOff()),
		backoff5.WithMaxTries(3),
		backoff5.WithMaxElapsedTime(0))
}

// cenkalti v5: the default policy under Background.
func v5Default() (int, error) {
	return backoff5.Retry(context.Background(), func() (int, error) { return 0, nil }) // want `r2 backoff/v5 op=lit ctx=background policy=default jitter$`
}

// retry-go: defaults (10 attempts, jittered backoff).
func avastDefault() error {
	return retrygo.Do(op) // want `r2 retry-go op=op ctx=none policy=default max=10 jitter$`
}

// retry-go: a fixed delay, a context, three attempts.
func avastFixed(ctx context.Context) error {
	return retrygo.Do(op, // want `r2 retry-go op=op ctx=caller policy=constant delay=time.Second max=3 scope=\[ctx:param\]$`
		retrygo.Attempts(3),
		retrygo.Delay(time.Second),
		retrygo.DelayType(retrygo.FixedDelay),
		retrygo.Context(ctx))
}

// retry-go: until it succeeds.
func avastForever() error {
	return retrygo.Do(op, retrygo.UntilSucceeded()) // want `r2 retry-go op=op ctx=none policy=default max=0 unlimited jitter$`
}

// retry-go: Attempts(0) is unlimited too; DoWithData.
func avastZero() (int, error) {
	return retrygo.DoWithData(func() (int, error) { return 0, nil }, retrygo.Attempts(0)) // want `r2 retry-go op=lit ctx=none policy=default max=0 unlimited jitter$`
}

// go-retry: middlewares around a constant backoff.
func sethvargo(ctx context.Context) error {
	b := goretry.WithMaxRetries(3, goretry.NewConstant(time.Second))
	return goretry.Do(ctx, b, func(ctx context.Context) error { return opCtx(ctx) }) // want `r2 go-retry op=lit ctx=caller policy=constant delay=time.Second max=4 scope=\[ctx:param\]$`
}

// go-retry: jitter and a maximum duration around an exponential.
func sethvargoJitter(ctx context.Context) error {
	b := goretry.WithJitterPercent(10, goretry.WithMaxDuration(time.Minute, goretry.NewExponential(time.Second)))
	return goretry.Do(ctx, b, opCtx) // want `r2 go-retry op=opCtx ctx=caller policy=exponential delay=time.Second elapsed=time.Minute jitter scope=\[ctx:param\]$`
}

// go-retry: the convenience form.
func sethvargoConstant() error {
	return goretry.Constant(context.TODO(), time.Second, opCtx) // want `r2 go-retry op=opCtx ctx=background policy=constant delay=time.Second$`
}

// k8s: RetryOnConflict with DefaultRetry (factor 1, but jittered).
func k8sConflict() error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error { return op() }) // want `r2 k8s-retry op=lit ctx=none policy=constant max=5 jitter$`
}

// k8s: OnError with a literal backoff.
func k8sOnError() error {
	b := wait.Backoff{Duration: time.Second, Factor: 2, Steps: 6}
	return retry.OnError(b, func(error) bool { return true }, op) // want `r2 k8s-retry op=op ctx=none policy=exponential delay=time.Second max=6$`
}

// k8s: ExponentialBackoff and its context form.
func k8sWait(ctx context.Context) error {
	b := wait.Backoff{Duration: time.Second, Factor: 1.5, Jitter: 0.1, Steps: 4}
	if err := wait.ExponentialBackoff(b, func() (bool, error) { return true, nil }); err != nil { // want `r2 k8s-wait op=lit ctx=none policy=exponential delay=time.Second max=4 jitter scope=\[ctx:param\]$`
		return err
	}
	return wait.ExponentialBackoffWithContext(ctx, b, func(context.Context) (bool, error) { return true, nil }) // want `r2 k8s-wait op=lit ctx=caller policy=exponential delay=time.Second max=4 jitter scope=\[ctx:param\]$`
}

// retryablehttp: the request is the attempt.
func retryable(ctx context.Context) (*http.Response, error) {
	c := retryablehttp.NewClient()
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, "http://x", []byte("{}"))
	if err != nil {
		return nil, err
	}
	if _, err := c.Get("http://x"); err != nil { // want `r2 retryablehttp op=- ctx=none policy=unknown rewinds scope=\[ctx:param\]$`
		return nil, err
	}
	return c.Do(req) // want `r2 retryablehttp op=- ctx=caller policy=unknown request=req rewinds scope=\[ctx:param\]$`
}

// Not R2: a function that takes a func() error and calls it once.
func once(f func() error) error { return f() }

func callsOnce() error { return once(op) }

// Not R2: a plain http.Client.
func plain(req *http.Request) (*http.Response, error) { return http.DefaultClient.Do(req) }

// Not R2: a backoff policy built but never handed to a library.
func unused() time.Duration { return backoff.NewConstantBackOff(time.Second).NextBackOff() }

// go-retry: a policy reassigned through a middleware (archer).
func reassigned(ctx context.Context, d time.Duration) error {
	b := goretry.NewConstant(time.Second)
	b = goretry.WithMaxDuration(d, b)
	return goretry.Do(ctx, b, opCtx) // want `r2 go-retry op=opCtx ctx=caller policy=constant delay=time.Second elapsed=d scope=\[ctx:param\]$`
}

// retry-go: options spread from a slice are not seen.
func spread(opts []retrygo.Option) error {
	return retrygo.Do(op, opts...) // want `r2 retry-go op=op ctx=unknown policy=unknown$`
}

// retry-go: a slice of options built in the function, straight-line, is
// read like options written in the call.
func spreadLocal(ctx context.Context, n uint) error {
	opts := []retrygo.Option{retrygo.Attempts(5), retrygo.Delay(time.Second)}
	opts = append(opts, retrygo.Context(ctx))
	return retrygo.Do(op, opts...) // want `r2 retry-go op=op ctx=caller policy=default delay=time.Second max=5 jitter scope=\[ctx:param\]$`
}

func spreadVar(ctx context.Context) error {
	var opts []retrygo.Option
	opts = append(opts, []retrygo.Option{retrygo.UntilSucceeded()}...)
	return retrygo.Do(op, opts...) // want `r2 retry-go op=op ctx=none policy=default max=0 unlimited jitter scope=\[ctx:param\]$`
}

// An option appended in a branch may or may not be there: not read.
func spreadBranch(ctx context.Context, forever bool) error {
	opts := []retrygo.Option{retrygo.Attempts(3)}
	if forever {
		opts = append(opts, retrygo.UntilSucceeded())
	}
	return retrygo.Do(op, opts...) // want `r2 retry-go op=op ctx=unknown policy=unknown scope=\[ctx:param\]$`
}

// An option from a function of the codebase may set anything: not read.
func spreadHelper(ctx context.Context) error {
	opts := []retrygo.Option{retrygo.Attempts(3), myOption()}
	return retrygo.Do(op, opts...) // want `r2 retry-go op=op ctx=unknown policy=unknown scope=\[ctx:param\]$`
}

func myOption() retrygo.Option { return retrygo.Attempts(0) }

// retryablehttp: the *http.Client of StandardClient() retries each
// request it sends, held in a local or called on directly.
func standard(ctx context.Context, rc *retryablehttp.Client) error {
	hc := rc.StandardClient()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://x", nil)
	if _, err := hc.Do(req); err != nil { // want `r2 retryablehttp op=- ctx=caller policy=unknown request=req rewinds scope=\[ctx:param\]$`
		return err
	}
	_, err := rc.StandardClient().Get("http://x") // want `r2 retryablehttp op=- ctx=none policy=unknown rewinds scope=\[ctx:param\]$`
	return err
}

// Not a retry: a plain client, or a local assigned another client too.
func notStandard(ctx context.Context, rc *retryablehttp.Client, plain bool) error {
	hc := rc.StandardClient()
	if plain {
		hc = http.DefaultClient
	}
	_, err := hc.Get("http://x")
	return err
}

// retryablehttp: the request carries the caller's context.
func retryableCtx(ctx context.Context, c *retryablehttp.Client, req *retryablehttp.Request) (*http.Response, error) {
	return c.Do(req.WithContext(ctx)) // want `r2 retryablehttp op=- ctx=caller policy=unknown request=req.WithContext\(ctx\) rewinds scope=\[ctx:param\]$`
}
