// Command retryvet runs every retryvet check. It is a standalone
// analysis driver (retryvet ./..., exit status 3 when it reports
// something; see package driver for its flags, SARIF output and exit
// statuses) and a go vet tool (go vet -vettool=$(which retryvet) ./...).
//
// Standalone, -facts=false builds the checks without analysis facts:
// retry helpers (retryloop), side effects (idempotency) and jitter
// helpers (backoff) are then followed within each package only, and the driver need not load
// every dependency from source, which is much cheaper on large
// modules. It must come before the package patterns.
package main

//go:generate go run ../../internal/gendocs -root ../..

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/backoff"
	"github.com/retryvet/retryvet/analyzers/ctxerr"
	"github.com/retryvet/retryvet/analyzers/fixedsleep"
	"github.com/retryvet/retryvet/analyzers/idempotency"
	"github.com/retryvet/retryvet/analyzers/loopctx"
	"github.com/retryvet/retryvet/analyzers/reqbody"
	"github.com/retryvet/retryvet/analyzers/retryable"
	"github.com/retryvet/retryvet/analyzers/retrybody"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/analyzers/unbounded"
	"github.com/retryvet/retryvet/internal/driver"
)

func main() {
	args, facts, err := factsFlag(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "retryvet: %v\n", err)
		os.Exit(2)
	}
	os.Args = append(os.Args[:1], args...)
	driver.Main(analyzers(facts)...)
}

// analyzers returns the checks, built without fact types when facts is
// false.
func analyzers(facts bool) []*analysis.Analyzer {
	if facts {
		return []*analysis.Analyzer{
			fixedsleep.Analyzer,
			backoff.Analyzer,
			loopctx.Analyzer,
			ctxerr.Analyzer,
			idempotency.Analyzer,
			retryable.Analyzer,
			unbounded.Analyzer,
			retrybody.Analyzer,
			reqbody.Analyzer,
		}
	}
	icfg := idempotency.DefaultConfig
	icfg.Facts = false
	bcfg := backoff.DefaultConfig
	bcfg.Facts = false
	all := []*analysis.Analyzer{
		fixedsleep.Analyzer,
		backoff.New(bcfg),
		loopctx.Analyzer,
		ctxerr.Analyzer,
		idempotency.New(icfg),
		retryable.Analyzer,
		unbounded.Analyzer,
		retrybody.Analyzer,
		reqbody.Analyzer,
	}
	for i, a := range all {
		all[i] = retryloop.Localize(a)
	}
	return all
}

// factsFlag removes -facts[=bool] from args (before the first
// non-flag argument) and returns its value, true by default.
func factsFlag(args []string) ([]string, bool, error) {
	facts := true
	var rest []string
	for i, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "facts" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			facts = true
			continue
		}
		b, err := strconv.ParseBool(value)
		if err != nil {
			return nil, false, err
		}
		facts = b
	}
	return rest, facts, nil
}
