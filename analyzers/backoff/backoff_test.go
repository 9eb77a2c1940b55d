package backoff_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/backoff"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestBackoff(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), backoff.Analyzer, "backoff/...")
}
