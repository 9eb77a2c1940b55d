package backoff

import (
	"testing"
	"time"
)

// In tests only A3, A5, A8 and A9 apply.
func TestDoubling(t *testing.T) {
	for attempt := 0; attempt < 30; attempt++ {
		if err := op(); err == nil {
			return
		}
		time.Sleep(time.Millisecond << attempt)
	}
}
