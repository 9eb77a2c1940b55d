package idempotency

import (
	"net/http"
	"net/http/httptest"
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

// TestTimeouts retries a POST to a test server of its own: nothing
// outside the test sees a duplicate (net/http's serve_test.go). Silent.
func TestTimeouts(t *testing.T) {
	for timeout := time.Millisecond; ; timeout *= 2 {
		ts := httptest.NewServer(http.NotFoundHandler())
		resp, err := ts.Client().Post(ts.URL, "text/plain", nil)
		if err != nil {
			ts.Close()
			continue
		}
		resp.Body.Close()
		req, _ := http.NewRequest("POST", ts.URL, nil)
		if _, err := ts.Client().Do(req); err != nil {
			ts.Close()
			continue
		}
		ts.Close()
		return
	}
}
