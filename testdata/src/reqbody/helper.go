package reqbody

import (
	"context"
	"io"
	"net/http"
	"strings"

	"helperlib/retry"
)

// Through an inferred helper, the operation is checked like a library's.
func viaHelper(ctx context.Context, c *http.Client, url string, body io.Reader) error {
	req, _ := http.NewRequestWithContext(ctx, "PUT", url, body)
	return retry.Do(ctx, 3, func(ctx context.Context) error {
		resp, err := c.Do(req) // want `request body cannot be rewound, so a retry sends it empty or fails; buffer the payload and build the request in each attempt \(retried by retry.Do\)`
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}

// viaHelperString captures a request over a strings.Reader. Silent:
// NewRequest sets GetBody for it.
func viaHelperString(ctx context.Context, c *http.Client, url string) error {
	req, _ := http.NewRequestWithContext(ctx, "PUT", url, strings.NewReader("{}"))
	return retry.Do(ctx, 3, func(ctx context.Context) error {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}
