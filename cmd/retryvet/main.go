// Command retryvet runs every retryvet check. It is a standalone
// analysis driver (retryvet ./..., exit status 3 when it reports
// something; see package driver for its flags, SARIF output and exit
// statuses) and a go vet tool (go vet -vettool="$(go env GOPATH)/bin/retryvet" ./...; not
// $(which retryvet), which is empty when retryvet is not on PATH).
//
// -facts=false builds the checks without analysis facts: retry helpers
// (retryloop), side effects (idempotency) and jitter helpers (backoff)
// are then followed within each package only. Like every flag, it may
// come before or after the package patterns; go vet takes it too.
// Standalone, retryvet runs go vet with itself as the tool (the driver's
// vet engine), so facts no longer cost memory: see docs/performance.md.
package main

//go:generate go run ../../internal/gendocs -root ../..

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/retryvet/retryvet/internal/driver"
	"github.com/retryvet/retryvet/suite"
)

func main() {
	args, facts, err := factsFlag(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "retryvet: %v\nrun 'retryvet -h' for usage\n", err)
		os.Exit(2)
	}
	os.Args = append(os.Args[:1], args...)
	// go vet accepts a tool's flags that -flags lists: -facts too, which
	// the standalone driver's vet engine passes on.
	flag.Bool("facts", true, "follow calls across packages with analysis facts (false: within each package only)")
	if !facts {
		driver.ForwardArgs = []string{"-facts=false"}
	}
	driver.Main(suite.Analyzers(facts)...)
}

// factsFlag removes -facts[=bool] from args, wherever it is before a
// "--", and returns its value, true by default. A flag's value never
// starts with "-facts", so no other flag's value is taken for it.
func factsFlag(args []string) ([]string, bool, error) {
	facts := true
	var rest []string
	for i, a := range args {
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(a, "=")
		if name != "-facts" && name != "--facts" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			facts = true
			continue
		}
		b, err := strconv.ParseBool(value)
		if err != nil {
			return nil, false, fmt.Errorf("invalid value %q for flag -facts: want true or false", value)
		}
		facts = b
	}
	return rest, facts, nil
}
