package fixedsleep

import (
	"testing"
	"time"
)

// Silent: tests legitimately wait for a local server at a fixed pace.
func TestWaitsForServer(t *testing.T) {
	for i := 0; i < 50; i++ {
		if err := op(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("server did not start")
}
