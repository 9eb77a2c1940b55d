package negatives

import (
	"database/sql"
	"errors"
	"os"
	"time"
)

var readRow func() error

// Not a retry: it waits for a row to appear, retrying only
// sql.ErrNoRows (hatchet's trigger waits for the new run's row).
func awaitRow() error {
	retries := 0
	for retries < 10 {
		err := readRow()
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err != nil && errors.Is(err, sql.ErrNoRows) {
			retries++
			time.Sleep(time.Second)
			continue
		}
		break
	}
	return nil
}

// Not a retry: it waits for a file to appear.
func awaitFile(name string) error {
	for i := 0; i < 10; i++ {
		_, err := os.Stat(name)
		if err == nil {
			return nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return err
		}
		time.Sleep(time.Second)
	}
	return os.ErrNotExist
}

// A retry: not-found is one of the errors retried, not the only one.
func notOnlyMissing() error {
	for i := 0; i < 5; i++ { // want `retry attempts=\[readRow`
		err := readRow()
		if err == nil {
			return nil
		}
		if errors.Is(err, sql.ErrNoRows) {
			time.Sleep(time.Second)
			continue
		}
		time.Sleep(2 * time.Second)
	}
	return nil
}
