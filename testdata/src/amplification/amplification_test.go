package amplification

import (
	"context"
	"testing"

	"amplification/store"
)

// Test code waits for its fixtures at its own pace: left alone.
func TestSave(t *testing.T) {
	ctx := context.Background()
	for attempt := 0; attempt < 3; attempt++ {
		if err := store.Save(ctx, "k"); err == nil {
			return
		}
		sleep(ctx, attempt)
	}
}
