package reqbody

import (
	"context"
	"net/http"
	"strings"

	"helperlib/retry"
)

// Through an inferred helper, the operation is checked like a library's.
func viaHelper(ctx context.Context, c *http.Client, url string) error {
	req, _ := http.NewRequestWithContext(ctx, "PUT", url, strings.NewReader("{}"))
	return retry.Do(ctx, 3, func(ctx context.Context) error {
		resp, err := c.Do(req) // want `request body is consumed by the first attempt, so a retry sends it empty; build the request in the attempt, or reset req.Body from req.GetBody\(\) before each send \(retried by retry.Do\)`
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}
