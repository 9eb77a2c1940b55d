// Package backoff is a stub of github.com/jpillora/backoff v1.0.0: the
// exported API as released, with bodies cut down.
package backoff

import "time"

// Backoff is a time.Duration counter, starting at Min. After every call to
// the Duration method the current timing is multiplied by Factor, but it
// never exceeds Max.
type Backoff struct {
	attempt uint64
	// Factor is the multiplying factor for each increment step
	Factor float64
	// Jitter eases contention by randomizing backoff steps
	Jitter bool
	// Min and Max are the minimum and maximum values of the counter
	Min, Max time.Duration
}

// Duration returns the duration for the current attempt before incrementing
// the attempt counter. See ForAttempt.
func (b *Backoff) Duration() time.Duration {
	b.attempt++
	return b.ForAttempt(float64(b.attempt - 1))
}

// ForAttempt returns the duration for a specific attempt.
func (b *Backoff) ForAttempt(attempt float64) time.Duration { return b.Min }

// Reset restarts the current attempt counter at zero.
func (b *Backoff) Reset() { b.attempt = 0 }

// Attempt returns the current attempt counter value.
func (b *Backoff) Attempt() float64 { return float64(b.attempt) }

// Copy returns a backoff with equals constraints as the original
func (b *Backoff) Copy() *Backoff {
	return &Backoff{Factor: b.Factor, Jitter: b.Jitter, Min: b.Min, Max: b.Max}
}
