package fixedsleep

import (
	"errors"
	"net/http"
	"time"
)

var errConflict = errors.New("conflict")

var patch func() error

// Silent: five attempts 100ms apart take half a second in all, a quick
// retry (docs/model.md, Readiness waits and quick retries; argo-cd's
// RefreshApp).
func refreshQuick() error {
	var err error
	for i := 0; i < 5; i++ {
		if err = patch(); !errors.Is(err, errConflict) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// Flagged: the look-alike waits 500ms five times.
func refreshSlow() error {
	var err error
	for i := 0; i < 5; i++ {
		if err = patch(); !errors.Is(err, errConflict) {
			return err
		}
		time.Sleep(500 * time.Millisecond) // want `retry loop waits a fixed 500ms between attempts`
	}
	return err
}

// retryEvery is a constant by another name: tests may set it to zero,
// nothing else assigns it (issue 14, shape 12).
var retryEvery = 200 * time.Millisecond

// Silent: three attempts at retryEvery, 400ms of waiting.
func refreshEvery() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = patch(); err == nil {
			return nil
		}
		time.Sleep(retryEvery)
	}
	return err
}

type refresher struct {
	backoff time.Duration
	tries   int
}

func newRefresher() *refresher {
	return &refresher{backoff: 100 * time.Millisecond, tries: 4}
}

// Silent: a field only ever set to one constant by the constructor, and
// a bound from another such field: 300ms in all.
func (r *refresher) refresh() error {
	var err error
	for i := 0; i < r.tries; i++ {
		if err = patch(); err == nil {
			return nil
		}
		time.Sleep(r.backoff)
	}
	return err
}

// Silent: the bound is a conjunct of the loop condition and the count
// starts before the loop: 30ms in all (moby's link set-up).
func linkUp() error {
	var err error
	cnt := 0
	for err = patch(); err != nil && cnt < 3; cnt++ {
		time.Sleep(10 * time.Millisecond)
		err = patch()
	}
	return err
}

// Silent: a constant 800ms timeout ends the loop.
func untilDeadline() error {
	deadline := time.Now().Add(800 * time.Millisecond)
	for {
		err := patch()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const (
	provisionRetries  = 3
	provisionInterval = 500 * time.Millisecond
)

// Silent: two waits, on a transport error and on a 5xx, each followed by
// continue, so an iteration waits once: two waits of 500ms in all, a
// quick retry (k6's provisioning client; unseen triage of 2026-12-03).
func provisionQuick(c *http.Client, req *http.Request) (*http.Response, error) {
	var (
		resp *http.Response
		err  error
	)
	for attempt := 1; attempt <= provisionRetries; attempt++ {
		resp, err = c.Do(req)
		if err != nil {
			if attempt < provisionRetries {
				select {
				case <-time.After(provisionInterval):
				case <-req.Context().Done():
					return nil, req.Context().Err()
				}
				continue
			}
			break
		}
		if resp.StatusCode >= 500 && attempt < provisionRetries {
			resp.Body.Close()
			select {
			case <-time.After(provisionInterval):
			case <-req.Context().Done():
				return nil, req.Context().Err()
			}
			continue
		}
		break
	}
	return resp, err
}

// Flagged: the look-alike's first wait falls through to the second, so
// an iteration can wait twice: 2s in all.
func provisionTwice(c *http.Client, req *http.Request) (*http.Response, error) {
	var (
		resp *http.Response
		err  error
	)
	for attempt := 1; attempt <= provisionRetries; attempt++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if attempt < provisionRetries {
			time.Sleep(provisionInterval) // want `retry loop waits a fixed 500ms between attempts`
		}
		if resp != nil && attempt < provisionRetries {
			resp.Body.Close()
			time.Sleep(provisionInterval)
		}
	}
	return resp, err
}

type clamped struct {
	retries int
	tries   int
}

// SetRetries clamps what its caller hands in: the parameter's one
// assignment is a constant, but the caller's value comes first, so
// c.retries is no constant (linodego's SetRetryCount).
func (c *clamped) SetRetries(n int) {
	if n < 0 {
		n = 0
	}
	c.retries = n
}

// Flagged: up to the caller's count of attempts, 3s apart.
func (c *clamped) get() error {
	var err error
	for range c.retries + 1 {
		if err = patch(); err == nil {
			return nil
		}
		time.Sleep(3 * time.Second) // want `retry loop waits a fixed 3s between attempts`
	}
	return err
}

// setTries assigns a local declared from a constant: that is the
// constant, and so is the field.
func (c *clamped) setTries() {
	n := 1
	c.tries = n
}

// Silent: two attempts, one wait.
func (c *clamped) getTwice() error {
	var err error
	for range c.tries + 1 {
		if err = patch(); err == nil {
			return nil
		}
		time.Sleep(3 * time.Second)
	}
	return err
}
