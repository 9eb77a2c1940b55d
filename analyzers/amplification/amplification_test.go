package amplification_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/amplification"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestAmplification(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), amplification.Analyzer, "amplification/...")
}
