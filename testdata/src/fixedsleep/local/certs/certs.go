// Package certs checks certificates a controller writes to disk.
package certs

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
)

// Check reads the certificates in dir and validates them: files and a
// computation, all on this machine.
func Check(dir string) error {
	ca, err := os.ReadFile(filepath.Join(dir, "ca.crt"))
	if err != nil {
		return err
	}
	crt, err := os.ReadFile(filepath.Join(dir, "tls.crt"))
	if err != nil {
		return err
	}
	key, err := os.ReadFile(filepath.Join(dir, "tls.key"))
	if err != nil {
		return err
	}
	ok, err := valid(ca, crt, key)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("certificate is not valid")
	}
	return nil
}

// valid parses and verifies: a computation, no I/O.
func valid(ca, crt, key []byte) (bool, error) {
	if _, err := tls.X509KeyPair(crt, key); err != nil {
		return false, err
	}
	b, _ := pem.Decode(ca)
	if b == nil {
		return false, errors.New("bad CA")
	}
	root, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return false, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(root)
	c, _ := pem.Decode(crt)
	if c == nil {
		return false, errors.New("bad certificate")
	}
	leaf, err := x509.ParseCertificate(c.Bytes)
	if err != nil {
		return false, err
	}
	_, err = leaf.Verify(x509.VerifyOptions{Roots: pool})
	return err == nil, nil
}

// Fetch downloads the certificates from an issuer: it reaches a server.
func Fetch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	ok, err := valid(nil, nil, nil)
	if err != nil || !ok {
		return errors.New("certificate is not valid")
	}
	return nil
}

// Healthy asks the webhook server this process runs for its health, on
// this machine: the request is built over a localhost URL held in a
// variable (kruise's health checker).
func Healthy(port int) error {
	url := fmt.Sprintf("https://localhost:%d/healthz", port)
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// Remote asks a server elsewhere the same way.
func Remote(host string) error {
	url := fmt.Sprintf("https://%s/healthz", host)
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}
