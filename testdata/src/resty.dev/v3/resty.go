// Package resty is a stub of resty.dev/v3 v3.0.0-rc.4: the exported API
// the checks read, as released, with bodies cut down.
//
// A Client or Request with a retry count > 0 retries the requests whose
// method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE, TRACE, QUERY);
// POST and PATCH only after SetRetryAllowNonIdempotent(true). The waits
// are capped exponential, jittered in [w/2, w), unless a delay strategy
// is set (RetryConstantDelayStrategy waits a fixed time).
package resty

import (
	"context"
	"net/http"
	"time"
)

const (
	MethodGet     = "GET"
	MethodPost    = "POST"
	MethodPut     = "PUT"
	MethodDelete  = "DELETE"
	MethodPatch   = "PATCH"
	MethodHead    = "HEAD"
	MethodOptions = "OPTIONS"
	MethodTrace   = "TRACE"
	MethodQuery   = "QUERY"
)

type (
	RetryConditionFunc     func(*Response, error) bool
	RetryHookFunc          func(*Response, error)
	RetryDelayStrategyFunc func(*Response, error) (time.Duration, error)
)

func RetryConstantDelayStrategy(delay time.Duration) RetryDelayStrategyFunc {
	return func(*Response, error) (time.Duration, error) { return delay, nil }
}

func RetryConditionStatusTooManyRequests(res *Response, _ error) bool { return false }
func RetryConditionStatus5XX(res *Response, _ error) bool             { return false }

type Client struct{}

func New() *Client                                                        { return &Client{} }
func NewWithClient(hc *http.Client) *Client                               { return &Client{} }
func (c *Client) R() *Request                                             { return &Request{} }
func (c *Client) NewRequest() *Request                                    { return c.R() }
func (c *Client) Close() error                                            { return nil }
func (c *Client) SetContext(ctx context.Context) *Client                  { return c }
func (c *Client) SetRetryCount(count int) *Client                         { return c }
func (c *Client) SetRetryWaitTime(waitTime time.Duration) *Client         { return c }
func (c *Client) SetRetryMaxWaitTime(maxWaitTime time.Duration) *Client   { return c }
func (c *Client) SetRetryDelayStrategy(rs RetryDelayStrategyFunc) *Client { return c }
func (c *Client) SetRetryDefaultConditions(b bool) *Client                { return c }
func (c *Client) SetRetryAllowNonIdempotent(b bool) *Client               { return c }

// SetAllowNonIdempotentRetry is SetRetryAllowNonIdempotent's name in
// v3.0.0-beta.1 to beta.3 (orange-cloudavenue's SDK pins beta.3).
func (c *Client) SetAllowNonIdempotentRetry(b bool) *Client { return c }

func (c *Client) AddRetryConditions(conditions ...RetryConditionFunc) *Client { return c }
func (c *Client) AddRetryHooks(hooks ...RetryHookFunc) *Client                { return c }
func (c *Client) SetHeader(header, value string) *Client                      { return c }
func (c *Client) SetHeaders(headers map[string]string) *Client                { return c }
func (c *Client) SetBaseURL(url string) *Client                               { return c }
func (c *Client) SetTimeout(timeout time.Duration) *Client                    { return c }

type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   any
}

func (r *Request) Context() context.Context                                 { return context.Background() }
func (r *Request) SetContext(ctx context.Context) *Request                  { return r }
func (r *Request) SetMethod(m string) *Request                              { return r }
func (r *Request) SetURL(url string) *Request                               { return r }
func (r *Request) SetHeader(header, value string) *Request                  { return r }
func (r *Request) SetHeaders(headers map[string]string) *Request            { return r }
func (r *Request) SetBody(body any) *Request                                { return r }
func (r *Request) SetResult(v any) *Request                                 { return r }
func (r *Request) SetRetryCount(count int) *Request                         { return r }
func (r *Request) SetRetryWaitTime(waitTime time.Duration) *Request         { return r }
func (r *Request) SetRetryMaxWaitTime(maxWaitTime time.Duration) *Request   { return r }
func (r *Request) SetRetryDelayStrategy(rs RetryDelayStrategyFunc) *Request { return r }
func (r *Request) SetRetryDefaultConditions(b bool) *Request                { return r }
func (r *Request) SetRetryAllowNonIdempotent(b bool) *Request               { return r }

// SetAllowNonIdempotentRetry is SetRetryAllowNonIdempotent's beta name.
func (r *Request) SetAllowNonIdempotentRetry(b bool) *Request { return r }

func (r *Request) AddRetryConditions(conditions ...RetryConditionFunc) *Request { return r }
func (r *Request) SetRetryConditions(conditions ...RetryConditionFunc) *Request { return r }
func (r *Request) Get(url string) (*Response, error)                            { return r.Execute(MethodGet, url) }
func (r *Request) Head(url string) (*Response, error)                           { return r.Execute(MethodHead, url) }
func (r *Request) Post(url string) (*Response, error)                           { return r.Execute(MethodPost, url) }
func (r *Request) Put(url string) (*Response, error)                            { return r.Execute(MethodPut, url) }
func (r *Request) Patch(url string) (*Response, error)                          { return r.Execute(MethodPatch, url) }
func (r *Request) Delete(url string) (*Response, error)                         { return r.Execute(MethodDelete, url) }
func (r *Request) Options(url string) (*Response, error)                        { return r.Execute(MethodOptions, url) }
func (r *Request) Trace(url string) (*Response, error)                          { return r.Execute(MethodTrace, url) }
func (r *Request) Query(url string) (*Response, error)                          { return r.Execute(MethodQuery, url) }
func (r *Request) Send() (*Response, error)                                     { return r.Execute(r.Method, r.URL) }
func (r *Request) Execute(method, url string) (*Response, error)                { return &Response{}, nil }

type Response struct {
	Request     *Request
	RawResponse *http.Response
}

func (r *Response) Bytes() []byte         { return nil }
func (r *Response) String() string        { return "" }
func (r *Response) StatusCode() int       { return 0 }
func (r *Response) IsStatusSuccess() bool { return r.StatusCode() > 199 && r.StatusCode() < 300 }
func (r *Response) IsStatusFailure() bool { return r.StatusCode() > 399 }
