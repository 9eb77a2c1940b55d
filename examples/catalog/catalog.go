// Package catalog refreshes product prices from the pricing service,
// retrying through github.com/cenkalti/backoff.
package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// Prices maps SKUs to prices in cents.
type Prices map[string]int64

// Client reads prices from the pricing service.
type Client struct {
	http *http.Client
	url  string
}

// New returns a client of the pricing service at url.
func New(url string) *Client {
	return &Client{http: &http.Client{Timeout: 5 * time.Second}, url: url}
}

// Refresh fetches the current price list.
func (c *Client) Refresh(ctx context.Context) (Prices, error) {
	var prices Prices
	fetch := func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url+"/prices", nil)
		if err != nil {
			return backoff.Permanent(err)
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 500 {
			return fmt.Errorf("catalog: pricing service: %s", resp.Status)
		}
		if resp.StatusCode != http.StatusOK {
			return backoff.Permanent(fmt.Errorf("catalog: pricing service: %s", resp.Status))
		}
		return json.NewDecoder(resp.Body).Decode(&prices)
	}
	// BUG(A1 fixedsleep): a constant policy; every replica of the service retries the pricing service at the same moment.
	policy := backoff.NewConstantBackOff(3 * time.Second)
	if err := backoff.Retry(fetch, backoff.WithContext(backoff.WithMaxRetries(policy, 5), ctx)); err != nil {
		return nil, err
	}
	return prices, nil
}

// Warm loads the price list at start-up, giving the pricing service three
// chances to answer.
func (c *Client) Warm(ctx context.Context) (Prices, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var prices Prices
		// BUG(A10 amplification): Refresh already tries 6 times; three rounds of it send up to 18 requests to a failing pricing service.
		if prices, err = c.Refresh(ctx); err == nil {
			return prices, nil
		}
		wait := time.Second << attempt
		wait += rand.N(wait)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
	return nil, err
}
