package amplification

import (
	"context"
	"time"

	restyv2 "github.com/go-resty/resty/v2"
)

// A retry loop around a request that a resty client already retries.
func restyTwice(ctx context.Context) error { // want restyTwice:`retries\(amplification\.restyTwice, 4 attempts\)`
	c := restyv2.New().SetRetryCount(3)
	var err error
	for i := 0; i < 4; i++ {
		if _, err = c.R().SetContext(ctx).Get("https://api.example.com/items"); err == nil { // want `retry loop \(4 attempts\) calls resty.Request.Get, which tries 4 times itself: up to 16 calls per operation; retry at one layer`
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(i+1) * time.Second):
		}
	}
	return err
}

// Negative: the client sends once; the loop is the only retry.
func restyOnceInLoop(ctx context.Context) error { // want restyOnceInLoop:`retries\(amplification\.restyOnceInLoop, 4 attempts\)`
	c := restyv2.New()
	var err error
	for i := 0; i < 4; i++ {
		if _, err = c.R().SetContext(ctx).Get("https://api.example.com/items"); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(i+1) * time.Second):
		}
	}
	return err
}

// A function whose one request a resty client retries retries itself.
func restyFetch(ctx context.Context) error { // want restyFetch:`retries\(amplification\.restyFetch, 3 attempts\)`
	_, err := restyv2.New().SetRetryCount(2).R().SetContext(ctx).Get("https://api.example.com/items")
	return err
}
