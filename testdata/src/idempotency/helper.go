package idempotency

import (
	"context"
	"database/sql"

	"helperlib/retry"
)

// Through an inferred helper, the operation is checked like a library's.
func viaHelper(ctx context.Context, db *sql.DB) error {
	return retry.Do(ctx, 3, func(ctx context.Context) error {
		_, err := db.ExecContext(ctx, insertOrder, 1, 2) // want `retried INSERT without ON CONFLICT can write the row twice; make it an upsert or begin the transaction inside the attempt \(retried by retry.Do\)`
		return err
	})
}

// Silent: not a retry helper.
func viaOnce(ctx context.Context, db *sql.DB) error { // want viaOnce:`effect\(idempotency.viaOnce: runs an INSERT`
	return retry.Once(ctx, func(ctx context.Context) error {
		_, err := db.ExecContext(ctx, insertOrder, 1, 2)
		return err
	})
}
