// Package robustness holds the tests that run every check over code it
// was not written for: all of GOROOT/src (the sweep, behind
// RETRYVET_SWEEP=1), pathological generated input whose cost must grow
// linearly (behind it too: both take minutes), and a fuzz target over
// mutated fixture sources. It has no
// code of its own.
package robustness
