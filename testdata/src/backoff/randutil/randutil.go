// Package randutil wraps math/rand, as containerd's internal/randutil
// does: its functions carry the Random fact.
package randutil

import "math/rand/v2"

// Intn returns a random int in [0, n).
func Intn(n int) int { return rand.IntN(n) } // want Intn:"random"

// Int63n goes through Intn: the fact follows the returned call.
func Int63n(n int64) int64 { return int64(Intn(int(n))) } // want Int63n:"random"

// Seed calls rand but returns nothing random: no fact.
func Seed() int {
	_ = rand.IntN(10)
	return 4
}

// Int64n draws through a variable, as containerd's randutil does with
// crypto/rand: the fact follows the variable into the result.
func Int64n(n int64) int64 { // want Int64n:"random"
	b := rand.Int64N(n)
	return b + 0
}
