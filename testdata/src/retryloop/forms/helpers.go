package forms

import (
	"errors"
	"net/http"
)

var errTemporary = errors.New("temporary")

// io stands for a call that fails by I/O: a stub returning only nil
// cannot fail, and a loop around it retries nothing.
var io func() error

func op() error                              { return io() }
func fetch() (string, error)                 { return "", io() }
func get(url string) (*http.Response, error) { return http.Get(url) }
func isRetryable(err error) bool             { return errors.Is(err, errTemporary) }
