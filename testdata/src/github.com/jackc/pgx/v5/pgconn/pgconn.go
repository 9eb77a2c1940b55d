// Package pgconn is a stub of github.com/jackc/pgx/v5/pgconn v5.12.0
// holding only what the fixtures use.
package pgconn

// CommandTag is the status text returned by PostgreSQL for a query.
type CommandTag struct{ s string }

// RowsAffected returns the number of rows affected.
func (ct CommandTag) RowsAffected() int64 { return 0 }
