// Package stagger is another package's jitter helper for the fixtures
// (nomad's helper.RandomStagger).
package stagger

import (
	"math/rand/v2"
	"time"
)

// Random returns a random duration in [0, d).
func Random(d time.Duration) time.Duration {
	return time.Duration(rand.Int64N(int64(d)))
}

// Backoff returns base doubled n times, at most limit.
func Backoff(base, limit time.Duration, n uint64) time.Duration {
	return min(base<<n, limit)
}
