// Package reqbody holds the fixtures of the reqbody check.
package reqbody

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"
	retryablehttp "github.com/hashicorp/go-retryablehttp"
)

var errDown = errors.New("down")

func sleep(ctx context.Context, attempt int) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Second << attempt):
		return nil
	}
}

// overParam builds the request once over the caller's reader: after the
// first attempt the reader is at its end and NewRequest set no GetBody.
func overParam(ctx context.Context, c *http.Client, url string, body io.Reader) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, body)
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound, so a retry sends it empty or fails; buffer the payload and build the request in each attempt`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// pipe streams the body through a pipe, which the first attempt drains.
func pipe(ctx context.Context, c *http.Client, url string, encode func(io.Writer) error) error {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(encode(pw)) }()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, pr)
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// file sends an open file, which the first attempt reads and closes.
func file(ctx context.Context, c *http.Client, url, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, f)
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// multi joins two rewindable readers into one that is not: NewRequest
// sets GetBody only for the three reader types themselves.
func multi(ctx context.Context, c *http.Client, url string, head, tail []byte) error {
	body := io.MultiReader(bytes.NewReader(head), bytes.NewReader(tail))
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, body)
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// unseen sends a reader made by a function value: its type is unknown,
// and only three types get a GetBody.
func unseen(ctx context.Context, c *http.Client, url string, open func() io.Reader) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, open())
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// wrapped hands NewRequest a NopCloser: its dynamic type is not one of
// the three, so no GetBody.
func wrapped(ctx context.Context, c *http.Client, url string, payload []byte) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, io.NopCloser(bytes.NewReader(payload)))
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// replaced sets req.Body after NewRequest without a GetBody.
func replaced(ctx context.Context, c *http.Client, url string, payload []byte) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, nil)
	req.Body = io.NopCloser(bytes.NewReader(payload))
	req.ContentLength = int64(len(payload))
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// replacedStale replaces the body of a request built over a
// strings.Reader: NewRequest's GetBody still returns the old body.
func replacedStale(ctx context.Context, c *http.Client, url, draft, final string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, strings.NewReader(draft))
	req.Body = io.NopCloser(strings.NewReader(final))
	req.ContentLength = int64(len(final))
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// literal builds a Request literal with a Body and no GetBody.
func literal(ctx context.Context, c *http.Client, u *url.URL, payload string) error {
	req := &http.Request{
		Method:        http.MethodPut,
		URL:           u,
		Header:        http.Header{},
		Body:          io.NopCloser(strings.NewReader(payload)),
		ContentLength: int64(len(payload)),
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// literalValue is the same literal as a value, sent by address.
func literalValue(c *http.Client, u *url.URL, payload string) error {
	req := http.Request{Method: http.MethodPut, URL: u, Body: io.NopCloser(strings.NewReader(payload))}
	for range 3 {
		resp, err := c.Do(&req) // want `request body cannot be rewound`
		if err == nil {
			return resp.Body.Close()
		}
	}
	return errDown
}

// tokenRefresh re-sends at once after a 401: still the drained body.
func tokenRefresh(c *http.Client, url string, body io.Reader, renew func() string) (*http.Response, error) {
	req, _ := http.NewRequest(http.MethodPost, url, body)
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.Do(req) // want `request body cannot be rewound`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && attempt == 0 {
			resp.Body.Close()
			req.Header.Set("Authorization", renew())
			continue
		}
		return resp, nil
	}
	return nil, errDown
}

// operation re-sends a captured request from a retry operation.
func operation(ctx context.Context, c *http.Client, url string, body io.Reader) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", url, body)
	return backoff.Retry(func() error {
		resp, err := c.Do(req) // want `request body cannot be rewound, so a retry sends it empty or fails; buffer the payload and build the request in each attempt \(retried by backoff.Retry\)`
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// The loops below are silent.

// builtBefore builds the request once over a bytes.Reader. Silent:
// NewRequest sets GetBody for it and net/http resends the body through
// it (docs/model.md, Rewindable request bodies).
func builtBefore(ctx context.Context, c *http.Client, url string, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// overBuffer and overString: the other two types NewRequest gives a
// GetBody. Silent.
func overBuffer(c *http.Client, url string, payload []byte, note string) error {
	buf := bytes.NewBuffer(payload)
	put, _ := http.NewRequest(http.MethodPut, url, buf)
	post, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(note))
	for range 3 {
		if resp, err := c.Do(put); err == nil {
			resp.Body.Close()
			resp, err = c.Do(post)
			if err == nil {
				return resp.Body.Close()
			}
		}
	}
	return errDown
}

// asReader holds a bytes.Reader in an io.Reader variable: its dynamic
// type still gets a GetBody. Silent.
func asReader(c *http.Client, url string, payload []byte, compact bool) error {
	var body io.Reader = bytes.NewReader(payload)
	if compact {
		body = strings.NewReader(string(bytes.TrimSpace(payload)))
	}
	req, _ := http.NewRequest(http.MethodPut, url, io.Reader(body))
	for range 3 {
		if resp, err := c.Do(req); err == nil {
			return resp.Body.Close()
		}
	}
	return errDown
}

// encode returns its payload as an io.Reader over a bytes.Reader.
func encode(payload []byte) io.Reader { return bytes.NewReader(payload) }

// viaEncode gets its reader from a same-package function returning a
// bytes.Reader: rewindable. Silent.
func viaEncode(c *http.Client, url string, payload []byte) error {
	req, _ := http.NewRequest(http.MethodPut, url, encode(payload))
	for range 3 {
		if resp, err := c.Do(req); err == nil {
			return resp.Body.Close()
		}
	}
	return errDown
}

// literalGetBody sets GetBody in the literal: net/http rewinds through
// it. Silent.
func literalGetBody(c *http.Client, u *url.URL, payload string) error {
	req := &http.Request{
		Method: http.MethodPut,
		URL:    u,
		Body:   io.NopCloser(strings.NewReader(payload)),
		GetBody: func() (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader(payload)), nil
		},
	}
	for range 3 {
		if resp, err := c.Do(req); err == nil {
			return resp.Body.Close()
		}
	}
	return errDown
}

// replacedWithGetBody replaces the body and its GetBody together.
// Silent.
func replacedWithGetBody(c *http.Client, url string, payload []byte) error {
	req, _ := http.NewRequest(http.MethodPut, url, nil)
	req.Body = io.NopCloser(bytes.NewReader(payload))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(payload)), nil }
	for range 3 {
		if resp, err := c.Do(req); err == nil {
			return resp.Body.Close()
		}
	}
	return errDown
}

// literalNoBody is a GET literal without a body. Silent.
func literalNoBody(c *http.Client, u *url.URL) error {
	req := &http.Request{Method: http.MethodGet, URL: u}
	for range 3 {
		if resp, err := c.Do(req); err == nil {
			return resp.Body.Close()
		}
	}
	return errDown
}

// param re-sends the caller's request. Silent: the caller decides
// whether it carries a GetBody (docs/model.md, A request handed in as
// a parameter).
func param(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

// upload's only caller hands in a pipe, but the request is a
// parameter: the caller's business. Silent.
func upload(c *http.Client, req *http.Request) error {
	for range 3 {
		res, err := c.Do(req)
		if err == nil {
			return res.Body.Close()
		}
	}
	return errDown
}

func send(c *http.Client, url string) error {
	pr, pw := io.Pipe()
	go pw.Close()
	req, _ := http.NewRequest("PUT", url, pr)
	return upload(c, req)
}

// built returns a request over the caller's reader.
func built(url string, body io.Reader) *http.Request {
	req, _ := http.NewRequest(http.MethodPut, url, body)
	return req
}

// viaBuilder gets its request from a helper. Silent: the analysis does
// not follow a request through a function.
func viaBuilder(c *http.Client, url string, body io.Reader) error {
	req := built(url, body)
	for range 3 {
		if resp, err := c.Do(req); err == nil {
			return resp.Body.Close()
		}
	}
	return errDown
}

// builtInside builds a new request per attempt. Silent.
func builtInside(ctx context.Context, c *http.Client, url string, body io.Reader) error {
	payload, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// getBody resets the body from GetBody, as go-retryablehttp does.
// Silent.
func getBody(ctx context.Context, c *http.Client, url string, body io.Reader) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, body)
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

// seeks rewinds the file and sets it as the body again. Silent.
func seeks(ctx context.Context, c *http.Client, url string, f *os.File) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, f)
	for attempt := 0; attempt < 3; attempt++ {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		req.Body = io.NopCloser(f)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// noBody sends GETs and NoBody requests: nothing to consume. Silent.
func noBody(ctx context.Context, c *http.Client, url string) error {
	get, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	del, _ := http.NewRequestWithContext(ctx, http.MethodDelete, url, http.NoBody)
	for attempt := 0; attempt < 3; attempt++ {
		_, err := c.Do(get)
		if err == nil {
			_, err = c.Do(del)
		}
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errDown
}

// checksNil refuses to retry a request with a body. Silent.
func checksNil(ctx context.Context, c *http.Client, url string, body io.Reader) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
	if req.Body != nil {
		return nil, errors.New("retrying a request with a body")
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
	return nil, errDown
}

// viaRetryable: retryablehttp rewinds the body itself. Silent.
func viaRetryable(c *retryablehttp.Client, url string) error {
	req, _ := retryablehttp.NewRequest("PUT", url, []byte("{}"))
	_, err := c.Do(req)
	return err
}
