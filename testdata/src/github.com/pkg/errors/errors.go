// Package errors is a stub of github.com/pkg/errors.
package errors

import (
	stderrors "errors"
	"fmt"
)

// Wrapf annotates err.
func Wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// Is forwards to the standard library's errors.Is.
func Is(err, target error) bool { return stderrors.Is(err, target) }

// As forwards to the standard library's errors.As.
func As(err error, target any) bool { return stderrors.As(err, target) }

// New returns an error with the message.
func New(message string) error { return stderrors.New(message) }

// Errorf formats an error.
func Errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
