package unbounded

import (
	"database/sql"
	"time"
)

var transient func(error) bool

// Flagged: err := db.Ping() first thing is an attempt, not an iterator's
// next item, though it is a method with no arguments of a variable from
// before the loop, tested at once and handed to a call: an iterator
// cannot fail, so a method answering an error is never one (the walk
// over an iterator is in loopctx/failover.go).
func waitForDB(db *sql.DB) error {
	for attempt := 0; ; attempt++ { // want `retry loop has no attempt limit`
		err := db.Ping()
		if err == nil {
			return nil
		}
		if !transient(err) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
}
