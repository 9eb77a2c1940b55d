package unbounded_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/unbounded"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestUnbounded(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), unbounded.Analyzer, "unbounded/...")
}
