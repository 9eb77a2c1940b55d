package backoff_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/backoff"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestBackoff(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), backoff.Analyzer, "backoff/...")
}

// TestFailsafe06 runs the fixtures written against failsafe-go before
// v0.9, whose API (package-level Run and Get, NewExecutor,
// retrypolicy.Builder) lives in a testdata tree of its own.
func TestFailsafe06(t *testing.T) {
	analysistest.Run(t, filepath.Join(fixtures.Dir(t), "failsafe06"), backoff.Analyzer, "backoff")
}
