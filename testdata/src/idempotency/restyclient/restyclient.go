// Package restyclient sends requests through resty clients that retry
// them.
package restyclient

import (
	"context"
	"net/http"

	restyv2 "github.com/go-resty/resty/v2"
	"resty.dev/v3"
)

type Order struct{ ID string }

type Client struct {
	http *restyv2.Client
}

func New(base string) *Client {
	return &Client{http: restyv2.New().SetBaseURL(base).SetRetryCount(3)}
}

// resty v2 retries every method: a POST with no key can charge twice.
func (c *Client) Create(ctx context.Context, o Order) error {
	_, err := c.http.R().SetContext(ctx).SetBody(o).Post("/orders") // want `resty retries this POST, which has no Idempotency-Key header, so it can take effect twice; set one on the request or the client`
	return err
}

func (c *Client) Amend(ctx context.Context, o Order) error {
	_, err := c.http.R().SetContext(ctx).SetBody(o).Execute(http.MethodPatch, "/orders/"+o.ID+"/lines") // want `resty retries this PATCH, which has no Idempotency-Key header`
	return err
}

// Negative: the key is set on the request.
func (c *Client) CreateKeyed(ctx context.Context, o Order, key string) error {
	_, err := c.http.R().SetContext(ctx).SetHeader("Idempotency-Key", key).SetBody(o).Post("/orders")
	return err
}

// Negative: a POST that is a query (a read-like path).
func (c *Client) Search(ctx context.Context, q string) error {
	_, err := c.http.R().SetContext(ctx).SetBody(q).Post("/orders/search")
	return err
}

// Negative: PUT replaces a resource; repeating it is safe.
func (c *Client) Replace(ctx context.Context, o Order) error {
	_, err := c.http.R().SetContext(ctx).SetBody(o).Put("/orders/" + o.ID)
	return err
}

// Negative: headers from a map the analysis cannot read may carry the key.
func (c *Client) CreateWith(ctx context.Context, o Order, h map[string]string) error {
	_, err := c.http.R().SetContext(ctx).SetHeaders(h).SetBody(o).Post("/orders")
	return err
}

// Negative: a client with the key header set on every request.
func createKeyedClient(key string, o Order) error {
	c := restyv2.New().SetRetryCount(2).SetHeader("Idempotency-Key", key)
	_, err := c.R().SetBody(o).Post("https://api.example.com/orders")
	return err
}

// Negative: a client that does not retry.
func createOnce(o Order) error {
	_, err := restyv2.New().R().SetBody(o).Post("https://api.example.com/orders")
	return err
}

// Negative: resty v3 sends POST once unless told otherwise.
func createV3(o Order) error {
	c := resty.New().SetRetryCount(3)
	defer c.Close()
	_, err := c.R().SetBody(o).Post("https://api.example.com/orders")
	return err
}

// resty v3 told to retry POST.
func createV3Retried(o Order) error {
	c := resty.New().SetRetryCount(3).SetRetryAllowNonIdempotent(true)
	defer c.Close()
	_, err := c.R().SetBody(o).Post("https://api.example.com/orders") // want `resty retries this POST, which has no Idempotency-Key header`
	return err
}

// resty v3 beta told to retry POST, under the method's beta name, on the
// request.
func createV3BetaRetried(o Order) error {
	c := resty.New().SetRetryCount(3)
	defer c.Close()
	_, err := c.R().SetAllowNonIdempotentRetry(true).SetBody(o).Post("https://api.example.com/orders") // want `resty retries this POST, which has no Idempotency-Key header`
	return err
}

// Negative: the beta name set to false sends POST once.
func createV3BetaOnce(o Order) error {
	c := resty.New().SetRetryCount(3).SetAllowNonIdempotentRetry(false)
	defer c.Close()
	_, err := c.R().SetBody(o).Post("https://api.example.com/orders")
	return err
}
