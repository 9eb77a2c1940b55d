package amplification

import (
	"context"
	"errors"
	"net/http"
	"os"
	"time"

	backoff "github.com/cenkalti/backoff/v4"
	"github.com/eapache/go-resiliency/retrier"
	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
	"github.com/hashicorp/go-retryablehttp"

	"amplification/store"
	"helperlib/retry"
)

func sleep(ctx context.Context, attempt int) {
	select {
	case <-ctx.Done():
	case <-time.After(time.Second << attempt):
	}
}

func saveBoth(ctx context.Context) error { // want saveBoth:`retries\(amplification\.saveBoth, 5 attempts\)`
	var err error
	for attempt := 0; attempt < 5; attempt++ { // outer: 5 attempts
		if err = store.Save(ctx, "k"); err == nil { // want `retry loop \(5 attempts\) calls store.Save, which tries 3 times itself: up to 15 calls per operation; retry at one layer`
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sleep(ctx, attempt)
	}
	return err
}

func loadChain(ctx context.Context) error { // want loadChain:`retries\(amplification\.loadChain, 3 attempts\)`
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = store.Load(ctx, "k"); err == nil { // want `retry loop \(3 attempts\) calls store.Load, which tries 4 times itself: up to 12 calls per operation; retry at one layer`
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sleep(ctx, attempt)
	}
	return err
}

func watchForever(ctx context.Context) error { // want watchForever:`retries\(amplification\.watchForever, \-1 attempts\)`
	for {
		err := store.Watch(ctx, "k") // want `retry loop calls store.Watch, which retries again inside each attempt, multiplying the load on a failing backend; retry at one layer`
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// fetchLocal retries on its own: 4 attempts.
func fetchLocal(ctx context.Context) error { // want fetchLocal:`retries\(amplification\.fetchLocal, 4 attempts\)`
	var err error
	for i := 0; i < 4; i++ {
		if err = store.Save(ctx, "k"); err == nil { // want `retry loop \(4 attempts\) calls store.Save, which tries 3 times itself: up to 12 calls`
			return nil
		}
		sleep(ctx, i)
	}
	return err
}

func operationOverLocal(ctx context.Context) error { // want operationOverLocal:`retries\(amplification\.operationOverLocal, 6 attempts\)`
	op := func() error { return fetchLocal(ctx) } // want `operation retried by backoff.Retry \(6 attempts\) calls amplification.fetchLocal, which tries 4 times itself: up to 24 calls per operation; retry at one layer`
	return backoff.Retry(op, backoff.WithContext(backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 5), ctx))
}

func helperOverStore(ctx context.Context) error { // want helperOverStore:`retries\(amplification\.helperOverStore \-> retry\.Do, \-1 attempts\)`
	return retry.Do(ctx, 3, func(ctx context.Context) error {
		return store.Save(ctx, "k") // want `operation retried by retry.Do calls store.Save, which retries again inside each attempt`
	})
}

func loopOverLibrary(ctx context.Context) error { // want loopOverLibrary:`retries\(amplification\.loopOverLibrary, 3 attempts\)`
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = backoff.Retry(func() error { return store.Backend.Put(ctx, "k") }, backoff.WithContext(backoff.NewExponentialBackOff(), ctx)) // want `retry loop \(3 attempts\) calls backoff.Retry, which retries again inside each attempt`
		if err == nil {
			return nil
		}
		sleep(ctx, attempt)
	}
	return err
}

func nested(ctx context.Context, op func() error) error { // want nested:`retries\(amplification\.nested, 3 attempts\)`
	var err error
	for outer := 0; outer < 3; outer++ {
		for inner := 0; inner < 3; inner++ {
			if err = op(); err == nil { // want `retry loop \(3 attempts\) runs a nested retry loop, which tries 3 times itself: up to 9 calls per operation`
				break
			}
			sleep(ctx, inner)
		}
		if err == nil {
			return nil
		}
		sleep(ctx, outer)
	}
	return err
}

func overRetryableClient(ctx context.Context, c *retryablehttp.Client, req *retryablehttp.Request) (*http.Response, error) { // want overRetryableClient:`retries\(amplification\.overRetryableClient, 3 attempts\)`
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `retry loop \(3 attempts\) calls retryablehttp.Client.Do, which retries again inside each attempt`
		if err == nil {
			return resp, nil
		}
		sleep(ctx, attempt)
	}
	return nil, errors.New("gave up")
}

type api struct {
	hc *http.Client
}

func newAPI() *api {
	return &api{hc: retryablehttp.NewClient().StandardClient()}
}

func (a *api) get(ctx context.Context, req *http.Request) (*http.Response, error) { // want get:`retries\(amplification\.api\.get, 3 attempts\)`
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.hc.Do(req) // want `retry loop \(3 attempts\) calls http.Client.Do through a retryablehttp StandardClient, which retries again inside each attempt`
		if err == nil {
			return resp, nil
		}
		sleep(ctx, attempt)
	}
	return nil, errors.New("gave up")
}

// Negatives.

// refreshOnly: the inner retry refreshes a token and retries at once:
// it does not wait, so it does not multiply the load.
func refreshOnly(ctx context.Context) error { // want refreshOnly:`retries\(amplification\.refreshOnly, 5 attempts\)`
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = store.Refresh(ctx, "k"); err == nil {
			return nil
		}
		sleep(ctx, attempt)
	}
	return err
}

// startWorker: the reconnect loop runs in a goroutine Start starts.
func startWorker(ctx context.Context) error { // want startWorker:`retries\(amplification\.startWorker, 5 attempts\)`
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = store.Start(ctx); err == nil {
			return nil
		}
		sleep(ctx, attempt)
	}
	return err
}

// conflictsOnly: the outer loop retries only conflicts, which the inner
// retry does not give up with.
func conflictsOnly(ctx context.Context) error { // want conflictsOnly:`retries\(amplification\.conflictsOnly, \-1 attempts\)`
	for {
		err := store.Save(ctx, "k")
		if !errors.Is(err, store.ErrConflict) {
			return err
		}
		sleep(ctx, 1)
	}
}

// immediate: an outer loop that does not wait.
func immediate(ctx context.Context) error { // want immediate:`retries\(amplification\.immediate \-> store\.Save, 3 attempts\)`
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		if err = store.Save(ctx, "k"); err == nil {
			return nil
		}
	}
	return err
}

// plainClient: an *http.Client that does not retry.
func plainClient(ctx context.Context, req *http.Request) (*http.Response, error) { // want plainClient:`retries\(amplification\.plainClient, 3 attempts\)`
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			return resp, nil
		}
		sleep(ctx, attempt)
	}
	return nil, errors.New("gave up")
}

// poll: a success that can loop is a poll, not a retry.
func poll(ctx context.Context) error { // want poll:`retries\(amplification\.poll \-> store\.Save, 3 attempts\)`
	for {
		err := store.Save(ctx, "k")
		if err == nil {
			if _, err := os.Stat("/ready"); err == nil {
				return nil
			}
		}
		sleep(ctx, 1)
	}
}

// once: a single call of a retrying function is one layer.
func once(ctx context.Context) error { return store.Save(ctx, "k") } // want once:`retries\(amplification\.once \-> store\.Save, 3 attempts\)`

// eapache/go-resiliency's retrier around a store that retries.
func eapacheOverStore(ctx context.Context) error { // want eapacheOverStore:`retries\(amplification\.eapacheOverStore, 4 attempts\)`
	r := retrier.New(retrier.ExponentialBackoff(3, time.Second), nil)
	return r.RunCtx(ctx, func(ctx context.Context) error {
		return store.Save(ctx, "k") // want `operation retried by retrier.Retrier.RunCtx \(4 attempts\) calls store.Save, which tries 3 times itself: up to 12 calls per operation; retry at one layer`
	})
}

// failsafe-go's executor around a store that retries.
func failsafeOverStore(ctx context.Context) error { // want failsafeOverStore:`retries\(amplification\.failsafeOverStore, 5 attempts\)`
	rp := retrypolicy.NewBuilder[any]().WithBackoff(time.Second, time.Minute).WithMaxAttempts(5).Build()
	return failsafe.With[any](rp).WithContext(ctx).Run(func() error {
		return store.Save(ctx, "k") // want `operation retried by failsafe.Executor.Run \(5 attempts\) calls store.Save, which tries 3 times itself: up to 15 calls per operation; retry at one layer`
	})
}

// newSchedulerClient installs a retrying interceptor and dials; the
// interceptor retries the calls made later, not the dial.
func newSchedulerClient(ctx context.Context) (func(context.Context, string) error, error) {
	call := store.Interceptor()
	_ = store.Middleware()
	if _, err := store.Processor(ctx); err != nil {
		return nil, err
	}
	return call, store.Backend.Put(ctx, "dial")
}

// Silent: each attempt builds a client with a retrying interceptor; only
// the dial runs in it (dapr's scheduler host watcher).
func reloadClients(ctx context.Context) error { // want reloadClients:`retries\(amplification\.reloadClients, 5 attempts\)`
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if _, err = newSchedulerClient(ctx); err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sleep(ctx, attempt)
	}
	return err
}

// Flagged: the look-alike's callee runs its retrying closure at once.
func saveNowTwice(ctx context.Context) error { // want saveNowTwice:`retries\(amplification\.saveNowTwice, 5 attempts\)`
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = store.SaveNow(ctx, "k"); err == nil { // want `retry loop \(5 attempts\) calls store.SaveNow, which tries 3 times itself: up to 15 calls per operation; retry at one layer`
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sleep(ctx, attempt)
	}
	return err
}
