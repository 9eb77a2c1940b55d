package forms

import (
	"context"
	"errors"
	"net/http"
	"time"
)

func retryable(code int) bool { return code >= 500 }

// Retries every status that is not 200, 4xx included.
func notOK(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[get\(ok:return retry:end fail:cond retried:\[400 404\]\)\]`
		resp, err := get(url)
		if err == nil && resp.StatusCode == http.StatusOK {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errTemporary
}

// Retries 5xx only, and explicitly a 409 (named, so probed).
func explicit409(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[get\(ok:return retry:continue,continue,continue fail:cond,return retried:\[409\]\)\]`
		resp, err := get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode == http.StatusConflict || resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errTemporary
}

// A switch on the status: 503 and, explicitly, 501 retried.
func switched(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[get\(ok:return retry:continue,continue fail:cond,return retried:\[501\]\)\]`
		resp, err := get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		switch resp.StatusCode {
		case http.StatusServiceUnavailable, http.StatusNotImplemented:
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errTemporary
}

// The status goes to a helper, which could call a 200 retryable: a
// success might loop, so this is not recognised as a retry at all (and
// no status is guessed).
func helperDecides(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := get(url)
		if err != nil || retryable(resp.StatusCode) {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errTemporary
}

// A 201 is this loop's success: a retry, not a poll (docs/model.md,
// Success).
func created(c *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ { // want `retry attempts=\[c.Do\(ok:return retry:end fail:cond`
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusCreated {
				return nil
			}
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Accepted as a range: 2xx.
func accepted2xx(c *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ { // want `retry attempts=\[c.Do\(ok:return retry:end`
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode/100 == 2 {
				return nil
			}
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// A switch whose case names the loop's success statuses, 201 and 202:
// a retry, not a poll (issue 14).
func createdSwitch(c *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ { // want `retry attempts=\[c.Do\(ok:return retry:end`
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusCreated, http.StatusAccepted:
			return nil
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Not a retry: the look-alike's 201 and 202 go round for the next
// request, and any other status leaves (a sender, not a retry).
func createdSwitchSender(c *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusCreated, http.StatusAccepted:
			time.Sleep(time.Second)
			continue
		}
		return errTemporary
	}
	return nil
}

func created2(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ { // want `retry attempts=\[c.Do\(ok:return`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusCreated {
				return nil
			}
		}
		if err := sleepCtx(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errTemporary
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// shouldRetry decides which failures are worth another attempt.
func shouldRetry(resp *http.Response, err error) bool {
	if err != nil {
		return true
	}
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return true
	}
	return false
}

// A retry decided by a same-package classifier: its body is followed
// (issue 14: the attempt is still R1).
func classifier(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[c.Do\(ok:return retry:end`
		resp, err := c.Do(req)
		if !shouldRetry(resp, err) {
			return resp, err
		}
		time.Sleep(time.Second)
	}
	return nil, errTemporary
}

// A retry decided through a local holding the classifier's answer
// (issue 14: the attempt is still R1).
func classifierLocal(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[c.Do\(ok:return retry:end`
		resp, err := c.Do(req)
		retry := shouldRetry(resp, err)
		if !retry {
			return resp, err
		}
		time.Sleep(time.Second)
	}
	return nil, errTemporary
}

// Not a retry: the look-alike's local is assigned again after the
// attempt, so it says nothing of the attempt's outcome.
func classifierLocalReassigned(c *http.Client, req *http.Request, force bool) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		retry := shouldRetry(resp, err)
		retry = force
		if !retry {
			return resp, err
		}
		time.Sleep(time.Second)
	}
	return nil, errTemporary
}

// isErr is a project's own errors.Is.
func isErr(err, target error) bool { return errors.Is(err, target) }

// A loop condition through the project's errors.Is.
func wrapperCond() error {
	err := op()
	for i := 0; i < 3 && isErr(err, errTemporary); i++ { // want `retry attempts=\[op\(ok:cond`
		time.Sleep(time.Second)
		err = op()
	}
	return err
}
