package forms

import (
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
