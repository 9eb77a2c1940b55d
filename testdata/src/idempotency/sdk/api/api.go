// Package api sends one request per endpoint through the resty client
// its caller hands it, as an SDK's endpoint packages do (Infisical's
// go-sdk): whether a request is retried is the caller's client's
// business, so the findings are the caller's.
package api

import (
	"fmt"

	"github.com/go-resty/resty/v2"
)

// CreateSecret creates a secret: retried by a retrying client, a lost
// answer creates it twice.
func CreateSecret(c *resty.Client, name, value string) error { // want CreateSecret:"clientpost\\(0 POST\\)"
	_, err := c.R().SetBody(map[string]string{"name": name, "value": value}).Post("/v3/secrets")
	return err
}

// CreateSecretKeyed sends the same request with a key: safe to retry.
func CreateSecretKeyed(c *resty.Client, name, key string) error {
	_, err := c.R().SetHeader("Idempotency-Key", key).SetBody(name).Post("/v3/secrets")
	return err
}

// SearchSecrets POSTs a query to a read-like path: a read.
func SearchSecrets(c *resty.Client, q string) error {
	_, err := c.R().SetBody(q).Post("/v3/secrets/search")
	return err
}

// RenameSecret PUTs: repeating it is safe.
func RenameSecret(c *resty.Client, name string) error {
	_, err := c.R().SetBody(name).Put("/v3/secrets/" + name)
	return err
}

// RenewLease POSTs to a path whose last segment the analysis cannot
// read: it may be a read-like one ("renew"), so it is left alone.
func RenewLease(c *resty.Client, lease, action string) error {
	_, err := c.R().Post(fmt.Sprintf("/v1/leases/%s/%s", lease, action))
	return err
}

// CreateWithHeaders sets headers from a map the analysis cannot read:
// it may carry the key.
func CreateWithHeaders(c *resty.Client, h map[string]string) error {
	_, err := c.R().SetHeaders(h).Post("/v3/secrets")
	return err
}

// Encrypt POSTs to a key service's computation: nothing to repeat.
func Encrypt(c *resty.Client, key, plain string) error {
	_, err := c.R().SetBody(plain).Post(fmt.Sprintf("/v1/kms/keys/%s/encrypt", key))
	return err
}
