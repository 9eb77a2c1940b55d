// Command retryvet runs every retryvet check. It is a standalone
// analysis driver (retryvet ./..., exit status 3 when it reports
// something) and a go vet tool (go vet -vettool=$(which retryvet) ./...).
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/retryvet/retryvet/analyzers/ctxerr"
	"github.com/retryvet/retryvet/analyzers/fixedsleep"
	"github.com/retryvet/retryvet/analyzers/loopctx"
)

func main() {
	multichecker.Main(
		fixedsleep.Analyzer,
		loopctx.Analyzer,
		ctxerr.Analyzer,
	)
}
