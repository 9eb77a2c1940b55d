package ctxerr_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/ctxerr"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestCtxErr(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures.Dir(t), ctxerr.Analyzer, "ctxerr")
}

// TestGoldensTypeCheck type-checks every fixed file: analysistest only
// compares text.
func TestGoldensTypeCheck(t *testing.T) {
	fixtures.TypeCheckGoldens(t, fixtures.Dir(t), "ctxerr")
}

// TestFailsafe06 runs the fixtures written against failsafe-go before
// v0.9, whose API (package-level Run and Get, NewExecutor,
// retrypolicy.Builder) lives in a testdata tree of its own.
func TestFailsafe06(t *testing.T) {
	analysistest.Run(t, filepath.Join(fixtures.Dir(t), "failsafe06"), ctxerr.Analyzer, "ctxerr")
}
