// Package retryx is a codebase's own layer over retry-go.
package retryx

import retry "github.com/avast/retry-go/v4"

// Unrecoverable marks err as one not to retry.
func Unrecoverable(err error) error { // want Unrecoverable:`permanent`
	return retry.Unrecoverable(err)
}

// Final is the same marker, one step further.
func Final(err error) error { // want Final:`permanent`
	return Unrecoverable(err)
}
