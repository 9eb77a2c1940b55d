package idemchains_test

import (
	"context"
	"testing"
	"time"

	"idemchains"
	"idempotency/billing"
)

// TestSettle retries a function of the package under test from its
// external test: A5 applies in tests, but the test cannot mark a
// function of another package, so the message does not ask it to
// (issue 14, shape 4).
func TestSettle(t *testing.T) {
	c := &billing.Client{}
	for attempt := 0; attempt < 3; attempt++ {
		if err := idemchains.Settle(context.Background(), c); err == nil { // want `^retried call to idemchains.Settle can take effect twice: 3 calls down it sends a POST without an Idempotency-Key header; make it idempotent$`
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("never settled")
}
