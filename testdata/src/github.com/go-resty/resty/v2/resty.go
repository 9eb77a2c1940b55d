// Package resty is a stub of github.com/go-resty/resty/v2 v2.17.2: the
// exported API the checks read, as released, with bodies cut down.
//
// A Client with RetryCount > 0 retries every request it sends, whatever
// its method, with capped exponential waits jittered in [w/2, w)
// (Backoff, jitterBackoff); by default it retries only errors of the
// round trip, and the conditions added with AddRetryCondition decide for
// responses.
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
)

type (
	RetryConditionFunc func(*Response, error) bool
	OnRetryFunc        func(*Response, error)
	RetryAfterFunc     func(*Client, *Response) (time.Duration, error)
	Option             func(*Options)
	Options            struct{}
)

type Client struct {
	Header           http.Header
	RetryCount       int
	RetryWaitTime    time.Duration
	RetryMaxWaitTime time.Duration
	RetryConditions  []RetryConditionFunc
}

func New() *Client                                                       { return &Client{} }
func NewWithClient(hc *http.Client) *Client                              { return &Client{} }
func (c *Client) R() *Request                                            { return &Request{} }
func (c *Client) NewRequest() *Request                                   { return c.R() }
func (c *Client) SetRetryCount(count int) *Client                        { return c }
func (c *Client) SetRetryWaitTime(waitTime time.Duration) *Client        { return c }
func (c *Client) SetRetryMaxWaitTime(maxWaitTime time.Duration) *Client  { return c }
func (c *Client) SetRetryAfter(callback RetryAfterFunc) *Client          { return c }
func (c *Client) AddRetryCondition(condition RetryConditionFunc) *Client { return c }
func (c *Client) AddRetryAfterErrorCondition() *Client                   { return c }
func (c *Client) AddRetryHook(hook OnRetryFunc) *Client                  { return c }
func (c *Client) SetHeader(header, value string) *Client                 { return c }
func (c *Client) SetHeaders(headers map[string]string) *Client           { return c }
func (c *Client) SetBaseURL(url string) *Client                          { return c }
func (c *Client) SetTimeout(timeout time.Duration) *Client               { return c }
func (c *Client) SetAuthToken(token string) *Client                      { return c }

type Request struct {
	Header http.Header
	Body   interface{}
}

func (r *Request) Context() context.Context                                { return context.Background() }
func (r *Request) SetContext(ctx context.Context) *Request                 { return r }
func (r *Request) SetHeader(header, value string) *Request                 { return r }
func (r *Request) SetHeaders(headers map[string]string) *Request           { return r }
func (r *Request) SetBody(body interface{}) *Request                       { return r }
func (r *Request) SetResult(res interface{}) *Request                      { return r }
func (r *Request) SetError(err interface{}) *Request                       { return r }
func (r *Request) SetQueryParam(param, value string) *Request              { return r }
func (r *Request) SetPathParam(param, value string) *Request               { return r }
func (r *Request) SetAuthToken(token string) *Request                      { return r }
func (r *Request) AddRetryCondition(condition RetryConditionFunc) *Request { return r }
func (r *Request) Get(url string) (*Response, error)                       { return r.Execute(MethodGet, url) }
func (r *Request) Head(url string) (*Response, error)                      { return r.Execute(MethodHead, url) }
func (r *Request) Post(url string) (*Response, error)                      { return r.Execute(MethodPost, url) }
func (r *Request) Put(url string) (*Response, error)                       { return r.Execute(MethodPut, url) }
func (r *Request) Delete(url string) (*Response, error)                    { return r.Execute(MethodDelete, url) }
func (r *Request) Options(url string) (*Response, error)                   { return r.Execute(MethodOptions, url) }
func (r *Request) Patch(url string) (*Response, error)                     { return r.Execute(MethodPatch, url) }
func (r *Request) Send() (*Response, error)                                { return r.Execute("", "") }
func (r *Request) Execute(method, url string) (*Response, error)           { return &Response{}, nil }

type Response struct {
	Request     *Request
	RawResponse *http.Response
}

func (r *Response) Body() []byte    { return nil }
func (r *Response) String() string  { return "" }
func (r *Response) Status() string  { return "" }
func (r *Response) StatusCode() int { return 0 }
func (r *Response) IsSuccess() bool { return r.StatusCode() > 199 && r.StatusCode() < 300 }
func (r *Response) IsError() bool   { return r.StatusCode() > 399 }

func Backoff(operation func() (*Response, error), options ...Option) error { return nil }
func Retries(value int) Option                                             { return nil }
func WaitTime(value time.Duration) Option                                  { return nil }
func MaxWaitTime(value time.Duration) Option                               { return nil }
func RetryConditions(conditions []RetryConditionFunc) Option               { return nil }
