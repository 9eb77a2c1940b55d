// Command inventory measures what retryvet -inventory adds to the
// analysis, inside one process: it loads the packages named once
// (-test=false, every dependency from source, as the checks' facts
// require), then runs checker.Analyze on them -n times for each of two
// configurations, interleaved, sequentially, after a GC: the suite
// alone ("suite"), and the suite with the inventory's analyzer ("inv").
// Each run prints its configuration, its CPU time (getrusage, user plus
// system), the sum of its actions' durations and the inventory
// analyzer's own; docs/inventory.md gives the medians.
//
//	go run ./bench/inventory -n 15 net/http/...
//
// Whole runs are too noisy on a shared machine to show a cost this small
// (docs/inventory.md, Cost).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/internal/inventory"
	"github.com/retryvet/retryvet/suite"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	n := flag.Int("n", 5, "runs of each configuration")
	flag.Parse()
	t0 := cpu()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule}, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("load %.3f %d packages\n", (cpu() - t0).Seconds(), len(pkgs))
	all := suite.Analyzers(true)
	configs := []struct {
		name string
		run  []*analysis.Analyzer
	}{
		{"suite", all},
		{"inv", append(append([]*analysis.Analyzer{}, all...), inventory.New(all))},
	}
	for range *n {
		for _, c := range configs {
			runtime.GC()
			t := cpu()
			g, err := checker.Analyze(c.run, pkgs, &checker.Options{Sequential: true})
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			used := cpu() - t
			var actions, own time.Duration
			for act := range g.All() {
				actions += act.Duration
				if act.Analyzer.Name == "inventory" {
					own += act.Duration
				}
			}
			fmt.Printf("%s %.4f %.4f %.5f\n", c.name, used.Seconds(), actions.Seconds(), own.Seconds())
		}
	}
}
