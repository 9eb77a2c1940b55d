// Package sqlx is a stub of github.com/jmoiron/sqlx v1.4.0 holding only
// what the fixtures use, with the real signatures.
package sqlx

import (
	"context"
	"database/sql"
)

// DB wraps sql.DB.
type DB struct {
	*sql.DB
}

// Tx wraps sql.Tx.
type Tx struct {
	*sql.Tx
}

// NamedExec runs a query with named parameters.
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

// NamedExecContext runs a query with named parameters.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

// GetContext scans one row into dest.
func (db *DB) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// MustExec runs a query and panics on error.
func (db *DB) MustExec(query string, args ...interface{}) sql.Result { return nil }

// Beginx begins a transaction.
func (db *DB) Beginx() (*Tx, error) { return nil, nil }

// MustBegin begins a transaction or panics.
func (db *DB) MustBegin() *Tx { return nil }

// NamedExec runs a query with named parameters in the transaction.
func (tx *Tx) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }
