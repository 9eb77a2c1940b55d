package ctxerr_test

import (
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
