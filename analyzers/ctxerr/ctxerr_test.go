package ctxerr_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/ctxerr"
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

func TestCtxErr(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), ctxerr.Analyzer, "ctxerr")
}

// TestGoldensTypeCheck type-checks every fixed file: analysistest only
// compares text.
func TestGoldensTypeCheck(t *testing.T) {
	goldens.TypeCheck(t, testdata(t), "ctxerr")
}
