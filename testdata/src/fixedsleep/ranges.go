package fixedsleep

import "time"

// Flagged: for range n over a type parameter whose type set holds only
// integers counts attempts like for range n over an int (issue 15).
func triesOf[N ~int](n N) error {
	var err error
	for range n {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
	}
	return err
}

// Flagged: the same through a named constraint and a counter variable.
func triesNamed[N count](n N) error {
	var err error
	for attempt := range n {
		if err = op(); err == nil {
			return nil
		}
		if attempt > 0 {
			time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
		}
	}
	return err
}

// count is a constraint of integers with a method.
type count interface {
	~int
	String() string
}

// Silent: a range over a negative constant never runs its body; there
// is no retry to report (issue 15).
func neverRuns() error {
	var err error
	for range -1 {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return err
}

// Silent: nor does a range over zero.
func zeroTries() error {
	var err error
	for range 0 {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return err
}

// Silent: a range over a type parameter of slices walks data, trying
// each item once.
func eachOf[S ~[]string](items S) error {
	var err error
	for range items {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return err
}
