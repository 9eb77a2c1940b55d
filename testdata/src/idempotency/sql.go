package idempotency

import (
	"context"
	"database/sql"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

const insertOrder = "INSERT INTO orders (id, total) " + "VALUES ($1, $2)"

// insertLoop retries a plain INSERT through database/sql.
func insertLoop(ctx context.Context, db *sql.DB, id string, total int) error {
	for attempt := 0; attempt < 3; attempt++ {
		_, err := db.ExecContext(ctx, insertOrder, id, total) // want `retried INSERT without ON CONFLICT can write the row twice; make it an upsert or begin the transaction inside the attempt`
		if err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// relativeUpdate adds to the balance on every attempt.
func relativeUpdate(ctx context.Context, db *sql.DB, id string, amount int) error {
	for attempt := 0; attempt < 3; attempt++ {
		_, err := db.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, amount, id) // want `retried UPDATE adds to balance on every attempt; compare balance or a version column in its WHERE clause`
		if err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// others covers the other senders: Tx and Conn begun outside the loop,
// a prepared statement, pgx, pgxpool, sqlx.
func others(ctx context.Context, db *sql.DB, conn *pgx.Conn, pool *pgxpool.Pool, x *sqlx.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	stmt, err := db.PrepareContext(ctx, "insert into events (id) values (?)")
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		_, err = tx.ExecContext(ctx, "INSERT INTO t (a) VALUES (1)")                     // want `retried INSERT`
		_, err = stmt.ExecContext(ctx, 1)                                                // want `retried INSERT`
		_, err = conn.Exec(ctx, "INSERT INTO t (a) VALUES ($1)", 1)                      // want `retried INSERT`
		err = pool.QueryRow(ctx, "INSERT INTO t (a) VALUES ($1) RETURNING id", 1).Scan() // want `retried INSERT`
		_, err = x.NamedExecContext(ctx, "INSERT INTO t (a) VALUES (:a)", nil)           // want `retried INSERT`
		err = x.GetContext(ctx, nil, "INSERT INTO t (a) VALUES ($1) RETURNING id", 1)    // want `retried INSERT`
		_, err = x.ExecContext(ctx, "UPDATE t SET n = n + 1 WHERE id = 1")               // want `retried UPDATE adds to n`
		if err == nil {
			return tx.Commit()
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// DBTX is the interface sqlc generates.
type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
	QueryRowContext(context.Context, string, ...interface{}) *sql.Row
}

// viaInterface sends through an interface with database/sql's shape.
func viaInterface(ctx context.Context, db DBTX) error {
	for attempt := 0; attempt < 3; attempt++ {
		if _, err := db.ExecContext(ctx, "INSERT INTO t (a) VALUES (1)"); err == nil { // want `retried INSERT`
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// safeQueries are safe to repeat: silent.
func safeQueries(ctx context.Context, db *sql.DB, table string) error {
	for attempt := 0; attempt < 3; attempt++ {
		// Upserts and their dialects.
		_, err := db.ExecContext(ctx, "INSERT INTO t (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", 1)
		_, err = db.ExecContext(ctx, "INSERT INTO t (id) VALUES (?) ON DUPLICATE KEY UPDATE id = id", 1)
		_, err = db.ExecContext(ctx, "INSERT IGNORE INTO t (id) VALUES (?)", 1)
		_, err = db.ExecContext(ctx, "INSERT OR REPLACE INTO t (id) VALUES (?)", 1)
		_, err = db.ExecContext(ctx, "REPLACE INTO t (id) VALUES (?)", 1)
		_, err = db.ExecContext(ctx, "INSERT INTO t (id) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = $1)", 1)
		// Optimistic locking and a conditional state transition.
		_, err = db.ExecContext(ctx, "UPDATE t SET n = n + 1, version = version + 1 WHERE id = $1 AND version = $2", 1, 2)
		_, err = db.ExecContext(ctx, "UPDATE orders SET status = 'paid' WHERE id = $1 AND status = 'pending'", 1)
		// Absolute updates, reads and deletes.
		_, err = db.ExecContext(ctx, "UPDATE t SET n = $1 WHERE id = $2", 1, 2)
		_, err = db.QueryContext(ctx, "SELECT * FROM t WHERE id = $1", 1)
		_, err = db.ExecContext(ctx, "DELETE FROM t WHERE id = $1", 1)
		// A comment or a string holding the words.
		_, err = db.ExecContext(ctx, "SELECT 'INSERT INTO t VALUES (1)' -- INSERT")
		// Not a constant: the analysis cannot read it.
		_, err = db.ExecContext(ctx, "INSERT INTO "+table+" (id) VALUES (1)")
		if err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// txInside begins the transaction inside the attempt: a failed attempt
// rolls it back, so the INSERT is not repeated (a serialization retry).
func txInside(ctx context.Context, db *sql.DB, conn *pgx.Conn, x *sqlx.DB) error {
	for attempt := 0; attempt < 3; attempt++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, insertOrder, 1, 2); err != nil { // silent: own transaction
			tx.Rollback()
		} else if err = tx.Commit(); err == nil {
			return nil
		}
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, insertOrder, 1, 2) // silent: BeginFunc's transaction, begun in the attempt
			return err
		})
		xt := x.MustBegin()
		_, err = xt.NamedExec("INSERT INTO t (a) VALUES (:a)", nil) // silent: own transaction
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// insertOnce inserts outside any retry: a fact for its callers.
func insertOnce(ctx context.Context, db *sql.DB) error { // want insertOnce:`effect\(idempotency.insertOnce: runs an INSERT without ON CONFLICT\)`
	_, err := db.ExecContext(ctx, insertOrder, 1, 2)
	return err
}

// insertInTx takes the caller's transaction: the caller's retry decides,
// so no fact.
func insertInTx(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, insertOrder, 1, 2)
	return err
}

// createOrder begins and commits its own transaction: called from an
// attempt, the transaction is begun inside it. No fact.
func createOrder(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertInTx(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}
