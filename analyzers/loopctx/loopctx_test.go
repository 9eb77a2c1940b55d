package loopctx_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/loopctx"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestLoopCtx(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtures.Dir(t), loopctx.Analyzer, "loopctx")
}

func TestStrict(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), loopctx.New(loopctx.Config{Strict: true}), "loopctx/strict")
}

// TestGoldensTypeCheck type-checks every fixed file: analysistest only
// compares text.
func TestGoldensTypeCheck(t *testing.T) {
	fixtures.TypeCheckGoldens(t, fixtures.Dir(t), "loopctx")
}
