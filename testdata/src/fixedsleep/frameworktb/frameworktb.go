// Package frameworktb does not import testing, but takes a framework's
// own TB interface (etcd's testutil.TB).
package frameworktb

import (
	"errors"
	"time"
)

type TB interface {
	Helper()
	FailNow()
	Logf(format string, args ...any)
}

var errNotYet = errors.New("not yet")

func get() error { return fail(errNotYet) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

// Silent: a test framework helper waiting for a member.
func WaitMember(t TB) {
	for i := 0; i < 100; i++ {
		if err := get(); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.FailNow()
}

// Flagged: the same kind of loop without a testing handle (and slower
// than a quick retry).
func WaitMemberProd() error {
	for i := 0; i < 100; i++ {
		if err := get(); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond) // want `retry loop waits a fixed 50ms between attempts`
	}
	return errors.New("gave up")
}
