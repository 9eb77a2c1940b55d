// Package callgraph is the fixture of the call graph's fixpoint.
package callgraph

import "os"

func quit() { os.Exit(1) } // want `quit -> os.Exit`

// Reached in a function literal: the literal is part of the body.
func deferred() { // want `deferred -> os.Exit`
	defer func() { os.Exit(2) }()
}

func a() { b() } // want `a -> b -> c -> quit -> os.Exit`
func b() { c() } // want `b -> c -> quit -> os.Exit`
func c() { // want `c -> quit -> os.Exit`
	if false {
		a() // a cycle back: no effect on the shortest chain
	}
	quit()
}

// Two ways down: the shorter one wins, whatever the order of calls.
func short() { // want `short -> quit -> os.Exit`
	a()
	quit()
}

type T struct{}

func (T) Stop() { quit() } // want `Stop -> quit -> os.Exit`

func method(t T) { t.Stop() } // want `method -> Stop -> quit -> os.Exit`

type stopper interface{ Stop() }

// Through an interface: not followed.
func dynamic(s stopper) { s.Stop() }

// A func value: not followed.
func value(f func()) { f() }

// Recursion alone reaches nothing.
func loop(n int) {
	if n > 0 {
		loop(n - 1)
	}
}

// Generic functions are followed through their origin.
func gen[T any](v T) { quit() } // want `gen -> quit -> os.Exit`

func callsGen() { gen(1) } // want `callsGen -> gen -> quit -> os.Exit`

// Package-level calls belong to no declaration.
var _ = func() int { quit(); return 0 }()
