// Package broken does not type-check: the checks must run on what is
// known and neither panic nor guess.
package broken

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

// The last attempt is a call of an undefined function, so the loop is
// not recognised as a retry; the INSERT makes a fact.
func retry(ctx context.Context, db *sql.DB, c *http.Client) error { // want retry:`effect\(broken.retry: runs an INSERT`
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, undefinedMethod, "u", nil)
		_, err := c.Do(req) // silent: the method is unknown
		_, err = db.ExecContext(ctx, missingQuery)
		_, err = db.ExecContext(ctx, "INSERT INTO t VALUES (1)")
		_, err = undefinedDB.ExecContext(ctx, "INSERT INTO t VALUES (1)")
		err = undefinedFunc(ctx)
		if err == nil {
			return nil
		}
		time.Sleep(time.Second << attempt)
	}
	return nil
}

func generic[T any, PT interface{ *T }](v PT) error {
	for i := 0; i < 3; i++ {
		if err := send(v); err == nil {
			return nil
		}
	}
	return notDeclared
}
