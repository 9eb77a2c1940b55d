package retrybody

import (
	"context"
	"fmt"
	"net/http"

	"helperlib/retry"
)

// Through an inferred helper, the operation is checked like a library's.
func viaHelper(ctx context.Context, c *http.Client, url string) error {
	return retry.Do(ctx, 3, func(ctx context.Context) error {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		if resp.StatusCode >= 500 {
			return fmt.Errorf("status %d", resp.StatusCode) // want `operation retried by retry.Do returns a failure without closing the response body`
		}
		return nil
	})
}
