// Package store is production code that also holds a constructor for
// tests.
package store

import (
	"errors"
	"net/http/httptest"
	"time"

	"example.com/teststore/internal/testutil"
)

var open func(addr string) error

// NewTestStore is test support in a production file: it starts the
// test database through the module's testutil package, so its wait for
// the container is test code.
func NewTestStore() error {
	addr, err := testutil.StartPostgres()
	if err != nil {
		return err
	}
	for i := 0; i < 10; i++ {
		if err = open(addr); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return errors.Join(errors.New("database not up"), err)
}

// NewTestStoreFromSQL reaches the test support two calls down, through
// functions of its package: test code too (netbird's
// NewTestStoreFromSQL; unseen triage of 2026-12-03).
func NewTestStoreFromSQL() error {
	var err error
	for i := 0; i < 10; i++ {
		if err = engine(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return errors.Join(errors.New("database not up"), err)
}

func engine() error {
	addr, err := container()
	if err != nil {
		return err
	}
	return open(addr)
}

func container() (string, error) { return testutil.StartPostgres() }

// NewStore is the look-alike in production: flagged.
func NewStore(addr string) error {
	var err error
	for i := 0; i < 10; i++ {
		if err = open(addr); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
	}
	return errors.Join(errors.New("database not up"), err)
}

// Prerender calls the standard library's httptest, which production
// code uses to record a handler's answer: no sign of test code, so its
// retry is flagged.
func Prerender(addr string) error {
	rec := httptest.NewRecorder()
	_ = rec
	var err error
	for i := 0; i < 10; i++ {
		if err = open(addr); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
	}
	return errors.Join(errors.New("database not up"), err)
}
