package retryable_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/retryable"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestRetryable(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), retryable.Analyzer, "retryable/...")
}
