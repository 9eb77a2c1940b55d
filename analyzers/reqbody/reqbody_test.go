package reqbody_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/reqbody"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestReqBody(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), reqbody.Analyzer, "reqbody/...")
}
