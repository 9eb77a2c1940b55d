package idempotency_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/idempotency"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestIdempotency(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), idempotency.Analyzer, "idempotency/...")
}
