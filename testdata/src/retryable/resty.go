package retryable

import (
	"net/http"

	restyv2 "github.com/go-resty/resty/v2"
	"resty.dev/v3"
)

// resty retry conditions decide which responses a retrying client sends
// again.

func restyIsError() *restyv2.Client {
	c := restyv2.New().SetRetryCount(3).
		AddRetryCondition(func(r *restyv2.Response, err error) bool {
			return err != nil || r.IsError() // want `retry condition retries every response from 400 up, which fail the same way again; retry only 5xx \(not 501 or 505\), 408, 425 and 429`
		})
	c.R().Get("https://api.example.com/items")
	return c
}

func restyNotFound(c *restyv2.Client) {
	c = restyv2.New().SetRetryCount(3).AddRetryCondition(func(r *restyv2.Response, err error) bool {
		return r.StatusCode() == http.StatusNotFound // want `retry condition retries HTTP 404 responses, which fail the same way again`
	})
	c.R().Get("https://api.example.com/items")
}

func restyRange() {
	c := restyv2.New().SetRetryCount(3).AddRetryCondition(statusRange)
	c.R().Get("https://api.example.com/items")
}

func statusRange(r *restyv2.Response, err error) bool {
	return r.StatusCode() >= http.StatusBadRequest // want `retry condition retries HTTP 4xx responses \(400 among them\)`
}

func restyAfterError() {
	c := restyv2.New().SetRetryCount(2).AddRetryAfterErrorCondition() // want `resty client retries every response from 400 up, which fail the same way again; add a retry condition that retries only 5xx`
	c.R().Get("https://api.example.com/items")
}

func restyV3NotSuccess() {
	c := resty.New().SetRetryCount(2).AddRetryConditions(func(r *resty.Response, err error) bool {
		return !r.IsStatusSuccess() // want `retry condition retries every response outside 2xx, 4xx included`
	})
	defer c.Close()
	c.R().Get("https://api.example.com/items")
}

// Negatives.

// Only 5xx and 429: the statuses worth another try.
func restyTransient() {
	c := restyv2.New().SetRetryCount(3).AddRetryCondition(func(r *restyv2.Response, err error) bool {
		return r.StatusCode() >= 500 || r.StatusCode() == http.StatusTooManyRequests
	})
	c.R().Get("https://api.example.com/items")
}

// A guard returns false first: the range after it may exclude the
// permanent statuses, so it is not read.
func restyGuarded() {
	c := restyv2.New().SetRetryCount(3).AddRetryCondition(func(r *restyv2.Response, err error) bool {
		if r.StatusCode() < 500 && r.StatusCode() != 429 {
			return false
		}
		return r.StatusCode() >= 400
	})
	c.R().Get("https://api.example.com/items")
}

// A conjunction narrows the range: not read.
func restyNarrowed() {
	c := restyv2.New().SetRetryCount(3).AddRetryCondition(func(r *restyv2.Response, err error) bool {
		return r.StatusCode() >= 400 && r.StatusCode() != 404 && r.StatusCode() != 400
	})
	c.R().Get("https://api.example.com/items")
}

// A client that does not retry: its conditions never run.
func restyNoRetry() {
	c := restyv2.New().AddRetryCondition(func(r *restyv2.Response, err error) bool { return r.IsError() })
	c.R().Get("https://api.example.com/items")
}
