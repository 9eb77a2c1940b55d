// Package pgx is a stub of github.com/jackc/pgx/v5 v5.12.0 holding only
// what the fixtures use, with the real signatures.
package pgx

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
)

// Rows is the result set of a query.
type Rows interface {
	Close()
	Err() error
	Next() bool
	Scan(dest ...any) error
}

// Row is one row of a query.
type Row interface {
	Scan(dest ...any) error
}

// TxOptions are transaction modes.
type TxOptions struct{}

// Conn is a PostgreSQL connection handle.
type Conn struct{}

// Exec executes sql.
func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// Query sends a query.
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) { return nil, nil }

// QueryRow sends a query returning at most one row.
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row { return nil }

// Begin starts a transaction.
func (c *Conn) Begin(ctx context.Context) (Tx, error) { return nil, nil }

// BeginTx starts a transaction with txOptions.
func (c *Conn) BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error) { return nil, nil }

// Tx represents a database transaction.
type Tx interface {
	Begin(ctx context.Context) (Tx, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
	Exec(ctx context.Context, sql string, arguments ...any) (commandTag pgconn.CommandTag, err error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row
	Conn() *Conn
}

// BeginFunc calls Begin on db and then fn, committing if fn succeeds.
func BeginFunc(ctx context.Context, db interface {
	Begin(ctx context.Context) (Tx, error)
}, fn func(Tx) error) (err error) {
	return nil
}
