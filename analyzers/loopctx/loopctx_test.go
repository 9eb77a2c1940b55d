package loopctx_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/loopctx"
	"github.com/retryvet/retryvet/internal/goldens"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoopCtx(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), loopctx.Analyzer, "loopctx")
}

func TestStrict(t *testing.T) {
	analysistest.Run(t, testdata(t), loopctx.New(loopctx.Config{Strict: true}), "loopctx/strict")
}

// TestGoldensTypeCheck type-checks every fixed file: analysistest only
// compares text.
func TestGoldensTypeCheck(t *testing.T) {
	goldens.TypeCheck(t, testdata(t), "loopctx")
}
