// Package timerx starts timers for the fixtures: a wait whose timer is
// made in another package, so its duration cannot be seen.
package timerx

import "time"

// Start returns a running timer and a function that stops it.
func Start(d time.Duration) (*time.Timer, func()) {
	t := time.NewTimer(d)
	return t, func() { t.Stop() }
}
