package ctxerr

import (
	"context"
	"math/rand"
	"time"
)

// The look-alike of randomShortLocal (unseen.go) that stays reported:
// through the same local, the random sleep can last up to 2s, a long
// sleep that cancellation cannot cut short.
func randomLongLocal(ctx context.Context) error {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for {
		if contextDone(ctx) {
			return ctx.Err()
		}
		if err := try(ctx); err == nil {
			return nil
		}
		d := time.Duration(r.Float64() * float64(2*time.Second))
		time.Sleep(d) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled; wait in a select on ctx.Done\(\) and a timer`
	}
}
