// Package mg is a stub of github.com/magefile/mage/mg v1.15.0: the
// exported API the fixtures use, with bodies cut down.
package mg

// Namespace groups targets.
type Namespace struct{}

// Deps runs each function once.
func Deps(fns ...interface{}) {}
