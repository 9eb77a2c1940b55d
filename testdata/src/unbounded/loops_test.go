package unbounded

import (
	"testing"
	"time"
)

// In tests only A3, A5, A8 and A9 apply: waiting for a local server
// until the test's own timeout is fine.
func TestWaitForServer(t *testing.T) {
	for {
		if err := connect(); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}
