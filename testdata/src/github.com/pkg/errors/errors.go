// Package errors is a stub of github.com/pkg/errors.
package errors

import "fmt"

// Wrapf annotates err.
func Wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
