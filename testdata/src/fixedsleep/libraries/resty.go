package libraries

import (
	"time"

	restyv2 "github.com/go-resty/resty/v2"
	"resty.dev/v3"
)

// resty v3 with a constant delay strategy waits the same time between
// attempts.
func restyConstant() error {
	c := resty.New().SetRetryCount(5).SetRetryDelayStrategy(resty.RetryConstantDelayStrategy(2 * time.Second)) // want `retry policy waits a fixed 2s between attempts; use an exponential backoff with jitter`
	defer c.Close()
	_, err := c.R().Get("https://api.example.com/items")
	return err
}

// Negative: resty's own waits double and are jittered, whatever the wait
// time and its maximum (v2 and v3 alike).
func restyDefault() error {
	c := restyv2.New().SetRetryCount(5).SetRetryWaitTime(2 * time.Second).SetRetryMaxWaitTime(2 * time.Second)
	_, err := c.R().Get("https://api.example.com/items")
	return err
}

// Negative: a quick constant retry (two retries 100ms apart).
func restyQuick() error {
	c := resty.New().SetRetryCount(2).SetRetryDelayStrategy(resty.RetryConstantDelayStrategy(100 * time.Millisecond))
	defer c.Close()
	_, err := c.R().Get("https://api.example.com/items")
	return err
}
