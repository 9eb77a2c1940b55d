// Command gcl is golangci-lint v2.15.0 with the retryvet module plugin
// compiled in: what `golangci-lint custom` builds from .custom-gcl.yml,
// made with the Go module proxy alone (golangci-lint custom clones
// golangci-lint's git repository, which CI machines here cannot reach).
//
//	cd build/gcl && go build -o ../../bin/golangci-lint-retryvet .
//
// It is its own module, outside the main module's ./..., and requires
// the repository root through a replace directive.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/retryvet/retryvet/plugin"
)

func main() {
	info := commands.BuildInfo{Version: "2.15.0-retryvet", Commit: "retryvet", GoVersion: "", Date: "(unknown)"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
