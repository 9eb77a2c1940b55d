package retryable

import (
	"testing"
	"time"
)

// In tests only A3, A5, A8 and A9 apply.
func TestEverything(t *testing.T) {
	for attempt := 0; attempt < 5; attempt++ {
		if err := op(); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("never ready")
}
