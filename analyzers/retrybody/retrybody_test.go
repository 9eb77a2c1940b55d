package retrybody_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/retrybody"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestRetryBody(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), retrybody.Analyzer, "retrybody/...")
}
