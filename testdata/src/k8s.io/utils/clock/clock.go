// Package clock is a stub of k8s.io/utils/clock holding the symbols the
// fixtures use.
package clock

import "time"

type PassiveClock interface {
	Now() time.Time
	Since(time.Time) time.Duration
}

type Clock interface {
	PassiveClock
	After(d time.Duration) <-chan time.Time
	NewTimer(d time.Duration) Timer
	Sleep(d time.Duration)
	Tick(d time.Duration) <-chan time.Time
}

type Timer interface {
	C() <-chan time.Time
	Stop() bool
	Reset(d time.Duration) bool
}

type RealClock struct{}

func (RealClock) Now() time.Time                         { return time.Now() }
func (RealClock) Since(ts time.Time) time.Duration       { return time.Since(ts) }
func (RealClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
func (RealClock) NewTimer(d time.Duration) Timer         { return nil }
func (RealClock) Sleep(d time.Duration)                  { time.Sleep(d) }
func (RealClock) Tick(d time.Duration) <-chan time.Time  { return time.Tick(d) }
