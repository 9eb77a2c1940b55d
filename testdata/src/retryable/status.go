package retryable

import (
	"context"
	"net/http"
)

var client = &http.Client{}

// notOK retries every status but 200.
func notOK(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := client.Do(req)
		if err == nil && resp.StatusCode == http.StatusOK { // want `retry loop retries HTTP 400 and 404 responses, which fail the same way again; retry only 5xx \(not 501 or 505\), 408, 425 and 429`
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errBusy
}

// from400 retries everything from 400 up.
func from400(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 400 { // want `retry loop retries HTTP 400 and 404 responses`
			resp.Body.Close()
			if err := sleep(ctx, attempt); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errBusy
}

// explicit retries a 409 and a 501 by name, and a 429 (fine).
func explicit(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode { // want `retry loop retries HTTP 409 and 501 responses`
		case http.StatusConflict, http.StatusNotImplemented, http.StatusTooManyRequests:
			resp.Body.Close()
			if err := sleep(ctx, attempt); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errBusy
}

// serverErrors retries 5xx and 429 only: silent.
func serverErrors(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			if err := sleep(ctx, attempt); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errBusy
}

// transport retries transport errors and 503s; other statuses go back
// to the caller: silent (the status check classifies).
func transport(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := client.Do(req)
		if err == nil && resp.StatusCode != http.StatusServiceUnavailable {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errBusy
}

// accepted's success is a 201 or a 202, so it is a retry loop (issue 14:
// success is the loop's own status), and every other status, 4xx
// included, is retried.
func accepted(ctx context.Context, req *http.Request) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode { // want `retry loop retries HTTP 400 and 404 responses`
		case http.StatusCreated, http.StatusAccepted:
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Silent: the look-alike retries only 5xx; a 4xx is returned.
func acceptedOr5xx(ctx context.Context, req *http.Request) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusCreated, resp.StatusCode == http.StatusAccepted:
			return nil
		case resp.StatusCode < 500:
			return errBusy
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}
