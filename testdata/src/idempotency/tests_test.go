package idempotency

import (
	"net/http"
	"testing"
	"time"
)

// TestCreate retries a POST in a test: A5 applies in tests too.
func TestCreate(t *testing.T) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Post("http://127.0.0.1/orders", "application/json", nil) // want `retried http.Post`
		if err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("server not up")
}
