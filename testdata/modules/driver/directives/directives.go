// Package directives has directives that silence nothing because they
// name no check, or a name that is no check: each is reported, without
// -unused-directives, and the fixed wait under them too.
package directives

import (
	"errors"
	"time"
)

var errBusy = errors.New("busy")

var dial func() error

// Misspelled names fixedslep, not fixedsleep.
func Misspelled() error {
	for i := 0; i < 5; i++ {
		if err := dial(); err == nil || !errors.Is(err, errBusy) {
			return err
		}
		//retryvet:ignore fixedslep the modem needs exactly 2s
		time.Sleep(2 * time.Second)
	}
	return errBusy
}

// Bare names nothing.
func Bare() error {
	for i := 0; i < 5; i++ {
		if err := dial(); err == nil || !errors.Is(err, errBusy) {
			return err
		}
		//retryvet:ignore
		time.Sleep(2 * time.Second)
	}
	return errBusy
}

// Commas names nothing either.
func Commas() error {
	for i := 0; i < 5; i++ {
		if err := dial(); err == nil || !errors.Is(err, errBusy) {
			return err
		}
		//retryvet:ignore ,,, the modem needs exactly 2s
		time.Sleep(2 * time.Second)
	}
	return errBusy
}
