package driver

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// guarded holds the analyzers whose Run already recovers panics.
var guarded sync.Map // *analysis.Analyzer -> struct{}

// guard makes each analyzer of as, and each it requires, turn a panic
// of its Run into an error naming the check and the package, with the
// stack: the driver then reports it and exits 1, where the panic would
// have killed the process with status 2, the status of a bad flag.
// Running out of memory is not a panic and cannot be caught: the
// runtime prints "fatal error: runtime: out of memory" and exits 2.
func guard(as []*analysis.Analyzer) {
	for _, a := range as {
		if _, done := guarded.LoadOrStore(a, struct{}{}); done {
			continue
		}
		run := a.Run
		a.Run = func(pass *analysis.Pass) (res any, err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic in check %s on package %s: %v\n%s", a.Name, pass.Pkg.Path(), r, debug.Stack())
				}
			}()
			return run(pass)
		}
		guard(a.Requires)
	}
}

// runGuarded is Run, with a panic of the driver itself (outside the
// checks) reported with its stack and exit status 1.
func runGuarded(progname string, args []string, analyzers []*analysis.Analyzer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			_, _ = fmt.Fprintf(os.Stderr, "%s: internal error: %v\n%s", progname, r, debug.Stack())
			status = ExitError
		}
	}()
	return Run(progname, args, analyzers, os.Stdout, os.Stderr)
}
