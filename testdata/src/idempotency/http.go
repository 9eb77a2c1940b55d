// Package idempotency holds the fixtures of the idempotency check.
package idempotency

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

var errUnavailable = errors.New("unavailable")

func wait(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// postLoop retries http.Post, which cannot carry a key.
func postLoop(ctx context.Context, u string, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Post(u+"/orders", "application/json", bytes.NewReader(body)) // want `retried http.Post sends a POST without an Idempotency-Key header and can take effect twice; send a request that sets one, the same on every attempt`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// clientPostForm retries (*http.Client).PostForm.
func clientPostForm(ctx context.Context, c *http.Client, u string, v url.Values) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.PostForm(u+"/orders", v) // want `retried http.Client.PostForm sends a POST`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// requestBefore builds the POST once, before the loop.
func requestBefore(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `retried POST request has no Idempotency-Key header and can take effect twice; set one, the same on every attempt`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// patchInside builds a PATCH in every attempt.
func patchInside(ctx context.Context, c *http.Client, u, body string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequest("PATCH", u+"/orders", strings.NewReader(body))
		if err != nil {
			return err
		}
		resp, err := c.Do(req.WithContext(ctx)) // want `retried PATCH request has no Idempotency-Key header`
		_ = resp
		resp, err = c.Do(req) // want `retried PATCH request has no Idempotency-Key header`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// derived follows req.WithContext to the request it copies.
func derived(ctx context.Context, c *http.Client, u string) error {
	base, _ := http.NewRequest(http.MethodPost, u+"/orders", nil)
	for attempt := 0; attempt < 3; attempt++ {
		req := base.WithContext(ctx)
		resp, err := c.Do(req) // want `retried POST request has no Idempotency-Key header`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// immediate is an immediate retry: A5 applies whether or not the loop
// waits.
func immediate(ctx context.Context, c *http.Client, u string) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		var resp *http.Response
		if resp, err = c.Do(req); err == nil { // want `retried POST request`
			resp.Body.Close()
			return nil
		}
	}
	return err
}

// keyed sets the key once: every attempt carries the same key.
func keyed(ctx context.Context, c *http.Client, u, key string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
	req.Header.Set("Idempotency-Key", key)
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // silent: keyed
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// keyedOtherForms sets the key by map assignment, by Add, in another
// case, and by a header literal.
func keyedOtherForms(ctx context.Context, c *http.Client, u, key string) error {
	for attempt := 0; attempt < 3; attempt++ {
		a, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		a.Header["Idempotency-Key"] = []string{key}
		b, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		b.Header.Add("x-idempotency-key", key)
		d, _ := http.NewRequestWithContext(ctx, "PATCH", u+"/orders", nil)
		d.Header = http.Header{"Content-Type": {"text/plain"}, "X-Idempotency-Key": {key}}
		_, err := c.Do(a) // silent: keyed
		_, err = c.Do(b)  // silent: keyed (case-insensitive)
		_, err = c.Do(d)  // silent: keyed in the literal
		if err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// literalWithoutKey replaces the header with a literal that has no key.
func literalWithoutKey(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		req.Header = http.Header{"Content-Type": {"text/plain"}}
		if _, err := c.Do(req); err == nil { // want `retried POST request`
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// opaque headers may carry the key: silent.
func opaque(ctx context.Context, c *http.Client, u string, h http.Header, name, key string) error {
	for attempt := 0; attempt < 3; attempt++ {
		a, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		a.Header = h // a caller's headers
		b, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		for k, vs := range h {
			for _, v := range vs {
				b.Header.Add(k, v) // copied: the name is not a constant
			}
		}
		d, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		sign(d) // a helper may set headers
		e, _ := http.NewRequestWithContext(ctx, "POST", u+"/orders", nil)
		e.Header[name] = []string{key}
		_, err := c.Do(a) // silent: opaque
		_, err = c.Do(b)  // silent: opaque
		_, err = c.Do(d)  // silent: handed to a helper
		_, err = c.Do(e)  // silent: the name is not a constant
		if err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

func sign(req *http.Request) { req.Header.Set("Authorization", "x") }

// otherMethods are safe to repeat: silent.
func otherMethods(ctx context.Context, c *http.Client, u, method string) error {
	for attempt := 0; attempt < 3; attempt++ {
		g, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		p, _ := http.NewRequestWithContext(ctx, http.MethodPut, u, nil)
		d, _ := http.NewRequestWithContext(ctx, http.MethodDelete, u, nil)
		m, _ := http.NewRequestWithContext(ctx, method, u, nil) // not a constant
		_, err := c.Do(g)
		_, err = c.Do(p)
		_, err = c.Do(d)
		_, err = c.Do(m)
		_, err = c.Get(u)
		if err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// param sends a request handed in: its method is unknown.
func param(ctx context.Context, c *http.Client, req *http.Request) error {
	for attempt := 0; attempt < 3; attempt++ {
		if _, err := c.Do(req); err == nil { // silent: not built here
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// once posts once, outside any retry: silent here, and a fact for the
// callers.
func once(c *http.Client, u string) error { // want once:`effect\(idempotency.once: POSTs without an Idempotency-Key header\)`
	resp, err := c.Post(u+"/orders", "text/plain", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// overData posts each item once: a loop over data is not a retry, and
// its function gets a fact.
func overData(ctx context.Context, c *http.Client, items []string) error { // want overData:`effect\(idempotency.overData: sends a POST without an Idempotency-Key header\)`
	for _, it := range items {
		req, _ := http.NewRequestWithContext(ctx, "POST", it+"/orders", nil)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// waitForServer posts an empty message until the server accepts
// connections, retrying only a refused connection: the request never
// reached the server (flyctl's mcp proxy). Silent.
func waitForServer(c *http.Client, u string) error {
	delay := 100 * time.Millisecond
	var err error
	for delay < time.Minute {
		var resp *http.Response
		resp, err = c.Post(u+"/orders", "text/plain", nil)
		if err == nil {
			resp.Body.Close()
			break
		} else if !strings.Contains(err.Error(), "connection refused") {
			break
		}
		time.Sleep(delay)
		delay *= 2
	}
	return err
}

// onSuccess waits for a proxy to answer, then configures it once: the
// POST is made only on the way out after a success, never retried
// (go-redis' fault injector). Silent.
func onSuccess(c *http.Client, u string) error {
	for i := 0; i < 10; i++ {
		resp, err := c.Get(u + "/stats")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				post, err := c.Post(u+"/nodes", "application/json", nil)
				if err != nil {
					return err
				}
				post.Body.Close()
				break
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return nil
}
