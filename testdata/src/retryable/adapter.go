package retryable

import (
	"context"
	"net/http"
	"strings"

	"retryable/neterr"
)

// adapterConnOnly retries only connection errors, found through
// another package's adapter of the attempt's error (fission's
// specialize call). A 4xx comes with a nil error, and whether the
// adapter of a nil error takes the retry branch is the adapter's
// business: the analysis cannot see it, so no status finding.
func adapterConnOnly(ctx context.Context, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Post(url, "text/plain", strings.NewReader("x"))
		if err == nil && resp.StatusCode < 300 {
			resp.Body.Close()
			return nil
		}
		ne := neterr.Adapter(err)
		if ne != nil && ne.IsDial() {
			if err := sleep(ctx, attempt); err != nil {
				return err
			}
			continue
		}
		if err == nil {
			resp.Body.Close()
			return errBusy
		}
		return err
	}
	return errBusy
}

// isConnError is the same test in a classifier of this package whose
// answer for a nil error the evaluator cannot decide: it rests on the
// other package's adapter.
func isConnError(err error) bool {
	ne := neterr.Adapter(err)
	return ne != nil && ne.IsDial()
}

// classifierConnOnly is fission's PostWithConnRetry: silent for the
// same reason.
func classifierConnOnly(ctx context.Context, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Post(url, "text/plain", strings.NewReader("x"))
		if err == nil && resp.StatusCode < 300 {
			resp.Body.Close()
			return nil
		}
		if isConnError(err) {
			if err := sleep(ctx, attempt); err != nil {
				return err
			}
			continue
		}
		if err == nil {
			resp.Body.Close()
			return errBusy
		}
		return err
	}
	return errBusy
}

// adapterOrStatus looks like adapterConnOnly, but its retry branch is
// also taken for any status from 400 on, whatever the adapter answers:
// reported.
func adapterOrStatus(ctx context.Context, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Post(url, "text/plain", strings.NewReader("x"))
		if err == nil && resp.StatusCode < 300 { // want `retry loop retries HTTP 400 and 404 responses`
			resp.Body.Close()
			return nil
		}
		ne := neterr.Adapter(err)
		if ne != nil || resp.StatusCode >= 400 {
			if resp != nil {
				resp.Body.Close()
			}
			if err := sleep(ctx, attempt); err != nil {
				return err
			}
			continue
		}
		return err
	}
	return errBusy
}
