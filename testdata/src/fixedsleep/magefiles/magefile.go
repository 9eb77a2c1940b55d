// Package main is a magefile: build tooling, run on a developer's
// machine. Its targets restart local containers and wait for them.
package main

import (
	"database/sql"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/magefile/mage/mg"
)

type Dev mg.Namespace

// Silent: a dev target waiting for the database container it just
// restarted (advdv/stdgo's magefile) is build tooling, held to the
// checks of test code.
func (Dev) Reset(db *sql.DB) error {
	return backoff.Retry(func() error {
		_, err := db.Exec("CREATE DATABASE dev")
		return err
	}, backoff.WithMaxRetries(backoff.NewConstantBackOff(2*time.Second), 30))
}
