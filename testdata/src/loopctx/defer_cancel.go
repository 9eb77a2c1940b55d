package loopctx

import (
	"context"
	"net/http"
	"time"
)

func deferred(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) inside a retry loop keeps every attempt's context until the function returns; call cancel\(\) when the attempt ends`
		if err := ping(actx); err != nil {
			if i == 1 {
				break
			}
			continue
		}
		return nil
	}
	return errDown
}

func deferredFallthrough(ctx context.Context) error {
	var err error
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) inside a retry loop`
		err = ping(actx)
		if err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
	}
	return err
}

// No fix: the response made with the context is returned, and the
// cancel would break reading its body.
func deferredResponse(ctx context.Context, url string) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) inside a retry loop`
		req, err := http.NewRequestWithContext(actx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			return resp, nil
		}
	}
	return nil, errDown
}

// No fix: a deferred closure.
func deferredClosure(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer func() { cancel() }() // want `defer cancel\(\) inside a retry loop`
		if err := ping(actx); err == nil {
			return nil
		}
	}
	return errDown
}
