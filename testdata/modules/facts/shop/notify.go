package shop

import (
	"context"
	"net/http"
	"strings"

	"example.com/facts/retry"
)

// Notify POSTs through the module's own retry helper.
func Notify(ctx context.Context, c *http.Client, url string) error {
	return retry.Do(ctx, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/notifications", strings.NewReader("{}"))
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}
