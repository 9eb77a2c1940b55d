// Package sdk builds one resty client that retries and hands it to the
// endpoint functions of package api.
package sdk

import (
	"github.com/go-resty/resty/v2"

	"idempotency/sdk/api"
)

type Config struct {
	Retries *int
}

type Client struct {
	http *resty.Client
}

// New retries 3 times by default; a setting may change that. The
// default is what the check reads.
func New(cfg Config) *Client {
	c := &Client{http: resty.New().SetBaseURL("https://vault.example")}
	retries := 3
	if cfg.Retries != nil {
		retries = *cfg.Retries
	}
	c.http.SetRetryCount(retries)
	return c
}

func (c *Client) Create(name, value string) error {
	return api.CreateSecret(c.http, name, value) // want `api.CreateSecret sends a POST that this resty client retries, with no Idempotency-Key header, so it can take effect twice; set one on the request or the client`
}

// Negative: the request carries a key.
func (c *Client) CreateKeyed(name, key string) error {
	return api.CreateSecretKeyed(c.http, name, key)
}

// Negative: a query sent as a POST.
func (c *Client) Search(q string) error {
	return api.SearchSecrets(c.http, q)
}

// Negative: a PUT.
func (c *Client) Rename(name string) error {
	return api.RenameSecret(c.http, name)
}

// Negative: a path whose last segment is unknown.
func (c *Client) Renew(lease string) error {
	return api.RenewLease(c.http, lease, "renew")
}

// Negative: headers the analysis cannot read.
func (c *Client) CreateWith(h map[string]string) error {
	return api.CreateWithHeaders(c.http, h)
}

// Negative: a client that does not retry.
func createOnce(name, value string) error {
	return api.CreateSecret(resty.New(), name, value)
}

// Negative: the client sets the key header on every request.
func createKeyedClient(name, value, key string) error {
	hc := resty.New().SetRetryCount(2).SetHeader("Idempotency-Key", key)
	return api.CreateSecret(hc, name, value)
}

// Negative: the count is replaced whatever the setting, so the
// analysis cannot read it.
func createCounted(name, value string, n int) error {
	retries := 3
	retries = n
	hc := resty.New().SetRetryCount(retries)
	return api.CreateSecret(hc, name, value)
}

// folder sends through a client parameter in this package.
func folder(hc *resty.Client, name string) error { // want folder:"clientpost\\(0 POST\\)"
	_, err := hc.R().SetBody(name).Post("/v1/folders")
	return err
}

func (c *Client) Folder(name string) error {
	return folder(c.http, name) // want `sdk.folder sends a POST that this resty client retries`
}

// Negative: a computation, not a write.
func (c *Client) Encrypt(key, plain string) error {
	return api.Encrypt(c.http, key, plain)
}

// Negative: headers from the user's settings on the SDK's one client
// are the same for every request and cannot carry a key; this client
// has none set, and the POST is still reported.
type Shared struct {
	http *resty.Client
}

func NewShared(h map[string]string) *Shared {
	s := &Shared{http: resty.New().SetRetryCount(2)}
	s.http.SetHeaders(h)
	return s
}

func (s *Shared) Create(name, value string) error {
	return api.CreateSecret(s.http, name, value) // want `api.CreateSecret sends a POST that this resty client retries`
}
