package negatives

import (
	"log"
	"testing"
	"time"
)

// Not a retry: the test expects every call to fail and fails itself on
// a success (net/http's transport_test.go, "Expect an error from
// writing too long of a body").
func TestProvoke(t *testing.T) {
	for i := 0; i < 20; i++ {
		if err := op(); err == nil {
			t.Fatal("expected an error")
		}
		time.Sleep(time.Millisecond)
	}
}

// Not a retry: the same with log.Fatal and panic.
func provokeFatal() {
	for i := 0; i < 20; i++ {
		if err := op(); err == nil {
			log.Fatalf("expected an error")
		}
		time.Sleep(time.Millisecond)
	}
	for i := 0; ; i++ {
		if err := op(); err == nil {
			panic("expected an error")
		}
		time.Sleep(time.Millisecond)
	}
}

// A retry: t.Fatal is only on the failure path.
func TestRetryThenFatal(t *testing.T) {
	for i := 0; i < 5; i++ { // want `retry attempts=\[op\(ok:return`
		if err := op(); err == nil {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("gave up")
}
