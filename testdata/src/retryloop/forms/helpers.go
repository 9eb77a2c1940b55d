package forms

import (
	"errors"
	"net/http"
)

var errTemporary = errors.New("temporary")

func op() error                              { return nil }
func fetch() (string, error)                 { return "", nil }
func get(url string) (*http.Response, error) { return http.Get(url) }
func isRetryable(err error) bool             { return errors.Is(err, errTemporary) }
