package libraries

import (
	"context"
	"net/http"
	"time"

	restyv2 "github.com/go-resty/resty/v2"
	"resty.dev/v3"
)

// resty v2: a client with a retry count retries every request it sends,
// with jittered, capped exponential waits.
func restyChained(ctx context.Context) error {
	c := restyv2.New().SetRetryCount(3).SetRetryWaitTime(500 * time.Millisecond)
	_, err := c.R().SetContext(ctx).SetHeader("idempotency-key", "k").SetBody("{}").Post("https://api.example.com/orders") // want `r2 resty op=- ctx=caller policy=exponential delay=500 \* time.Millisecond max=4 jitter rewinds send=POST headers=\[Idempotency-Key\] scope=\[ctx:param\]$`
	return err
}

type restyService struct {
	client *restyv2.Client
}

func newRestyService() *restyService {
	s := &restyService{client: restyv2.New()}
	s.client.SetRetryCount(2).AddRetryCondition(func(r *restyv2.Response, err error) bool { return r.IsError() })
	return s
}

// A field assigned one client, configured in the constructor.
func (s *restyService) fetch() error {
	req := s.client.R()
	req.SetHeaders(map[string]string{"Accept": "application/json"})
	_, err := req.Execute(http.MethodGet, "https://api.example.com/items") // want `r2 resty op=- ctx=none policy=exponential max=3 jitter rewinds send=GET headers=\[Accept\] conditions=1$`
	return err
}

// A client that does not retry: a single send.
func restyOnce() error {
	_, err := restyv2.New().R().Post("https://api.example.com/orders")
	return err
}

// A count the analysis cannot read is not known to retry.
func restyConfigured(n int) error {
	_, err := restyv2.New().SetRetryCount(n).R().Post("https://api.example.com/orders")
	return err
}

// A client handed in: its configuration is not seen.
func restyParam(c *restyv2.Client) error {
	_, err := c.R().Post("https://api.example.com/orders")
	return err
}

// resty v3 retries idempotent methods only, and POST or PATCH after
// SetRetryAllowNonIdempotent(true).
func restyV3(ctx context.Context) error {
	c := resty.New().SetRetryCount(4)
	defer c.Close()
	if _, err := c.R().Post("https://api.example.com/orders"); err != nil { // sent once: not idempotent
		return err
	}
	if _, err := c.R().SetRetryAllowNonIdempotent(true).Post("https://api.example.com/orders"); err != nil { // want `r2 resty op=- ctx=none policy=exponential max=5 jitter rewinds send=POST headers=\[\] scope=\[ctx:param\]$`
		return err
	}
	_, err := c.R().SetMethod(resty.MethodPut).SetURL("https://api.example.com/orders/1").Send() // want `r2 resty op=- ctx=none policy=exponential max=5 jitter rewinds send=PUT headers=\[\] scope=\[ctx:param\]$`
	return err
}

func restyV3Constant() error {
	c := resty.New().SetRetryCount(5).SetRetryDelayStrategy(resty.RetryConstantDelayStrategy(2 * time.Second))
	_, err := c.R().Get("https://api.example.com/items") // want `r2 resty op=- ctx=none policy=constant delay=2 \* time.Second max=6 rewinds send=GET headers=\[\]$`
	return err
}
