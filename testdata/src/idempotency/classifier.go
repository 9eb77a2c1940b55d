package idempotency

import (
	"context"
	"errors"
	"net/http"

	"github.com/avast/retry-go/v4"

	"idempotency/retryhelp"
)

// turnedAway answers true for the statuses with which a server declines
// a request it did not process.
func turnedAway(err error) bool {
	var se retryhelp.StatusError
	if errors.As(err, &se) {
		return se.Status == http.StatusServiceUnavailable || se.Status == http.StatusTooManyRequests
	}
	return false
}

// gatewayFailed also answers true for a gateway timeout, after which the
// upstream may have created the item.
func gatewayFailed(err error) bool {
	var se retryhelp.StatusError
	if errors.As(err, &se) {
		return se.Status == http.StatusServiceUnavailable || se.Status == http.StatusGatewayTimeout
	}
	return false
}

// Silent: the helper's classifier retries only 503 and 429, which the
// server answers without creating anything (goreleaser's library-item
// upload; docs/model.md, Retry on refusal is not A5).
func createItem(ctx context.Context, c *http.Client, u string) error {
	return retryhelp.Do(ctx, 5, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/items", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	}, turnedAway)
}

// Silent: the same through a helper that hands the classifier on.
func createItemTwice(ctx context.Context, c *http.Client, u string) error {
	return retryhelp.Twice(ctx, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/items", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, turnedAway)
}

// Flagged: the look-alike also retries a gateway timeout.
func createItemThroughGateway(ctx context.Context, c *http.Client, u string) error {
	return retryhelp.Do(ctx, 5, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/items", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req) // want `retried POST request has no Idempotency-Key header`
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, gatewayFailed)
}

// Silent: retry-go's RetryIf, written inline, retries only the
// server's refusal to take more requests now.
func createItemInline(ctx context.Context, c *http.Client, u string) error {
	return retry.Do(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/items", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, retry.Context(ctx), retry.Attempts(3), retry.RetryIf(func(err error) bool {
		var se retryhelp.StatusError
		if errors.As(err, &se) && se.Status == http.StatusTooManyRequests {
			return true
		}
		return false
	}))
}

// Flagged: a classifier that retries every failure it does not know
// retries the timeouts too.
func createItemUnlessBadRequest(ctx context.Context, c *http.Client, u string) error {
	return retry.Do(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/items", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req) // want `retried POST request has no Idempotency-Key header`
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, retry.Context(ctx), retry.Attempts(3), retry.RetryIf(func(err error) bool {
		var se retryhelp.StatusError
		if errors.As(err, &se) && se.Status == http.StatusBadRequest {
			return false
		}
		return true
	}))
}
