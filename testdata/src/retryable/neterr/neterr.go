// Package neterr wraps a network error of another package, as fission's
// pkg/error/network does: Adapter answers nil for a nil error, which
// the loops of package retryable cannot see.
package neterr

import "net"

type Error struct{ err net.Error }

func Adapter(err error) *Error {
	if err == nil {
		return nil
	}
	ne, ok := err.(net.Error)
	if !ok {
		return nil
	}
	return &Error{ne}
}

func (e *Error) IsDial() bool {
	op, ok := e.err.(*net.OpError)
	return ok && op.Op == "dial"
}
