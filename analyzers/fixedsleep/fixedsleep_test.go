package fixedsleep_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/fixedsleep"

	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestFixedSleep(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), fixedsleep.Analyzer, "fixedsleep", "fixedsleep/libraries", "fixedsleep/filewait", "fixedsleep/local", "fixedsleep/testsupport", "fixedsleep/frameworktb", "fixedsleep/clustertest", "fixedsleep/e2e/framework", "fixedsleep/testutil", "fixedsleep/testsuite", "fixedsleep/testimony", "fixedsleep/hack/gen", "fixedsleep/magefiles", "fixedsleep/upgrade-tests", "fixedsleep/scripts/release", "fixedsleep/transcripts")
}

// TestFailsafe06 runs the fixtures written against failsafe-go before
// v0.9, whose API (package-level Run and Get, NewExecutor,
// retrypolicy.Builder) lives in a testdata tree of its own.
func TestFailsafe06(t *testing.T) {
	analysistest.Run(t, filepath.Join(fixtures.Dir(t), "failsafe06"), fixedsleep.Analyzer, "fixedsleep")
}

// TestDevTooling runs a module whose top-level tools directory is
// developer tooling (match.IsDevTooling), which needs the module's path:
// analysistest loads a directory holding a go.mod in module mode.
func TestDevTooling(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/modules/devtools")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, fixedsleep.Analyzer, "./...")
}

// TestTestSupportCalls runs a module whose production package holds a
// constructor for tests that calls the module's test support
// (retryloop's callsTestSupport), which needs the module's path.
func TestTestSupportCalls(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/modules/teststore")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, fixedsleep.Analyzer, "./...")
}
