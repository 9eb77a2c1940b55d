// Command gcl is golangci-lint with the retryvet module plugin compiled
// in: the binary that golangci-lint custom builds from .custom-gcl.yml,
// made with the Go module proxy alone (golangci-lint custom clones
// golangci-lint's git repository, which CI machines here cannot reach).
// Build it under the name .custom-gcl.yml gives, at the repository root:
//
//	cd build/gcl && go build -o ../../custom-gcl .
//
// It is its own module, outside the main module's ./..., and requires
// the repository root through a replace directive. check.sh keeps its
// golangci-lint version equal to the one .custom-gcl.yml names.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	"github.com/retryvet/retryvet/internal/version"
	_ "github.com/retryvet/retryvet/plugin"
)

func main() {
	if err := commands.Execute(buildInfo()); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// golangciModule is the module whose version this binary reports.
const golangciModule = "github.com/golangci/golangci-lint/v2"

// buildInfo fills golangci-lint's version line ("golangci-lint has
// version V built with GO from COMMIT on DATE"): the golangci-lint
// version this binary was built from, marked -custom-gcl as golangci-lint
// custom marks its builds, the Go version, and the retryvet version it
// includes.
func buildInfo() commands.BuildInfo {
	info := commands.BuildInfo{
		Version:   "unknown-custom-gcl",
		Commit:    "retryvet " + version.Version,
		GoVersion: runtime.Version(),
		Date:      "(unknown)",
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == golangciModule {
				info.Version = strings.TrimPrefix(m.Version, "v") + "-custom-gcl"
			}
		}
	}
	return info
}
