package fixedsleep_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/fixedsleep"

	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestFixedSleep(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), fixedsleep.Analyzer, "fixedsleep", "fixedsleep/libraries", "fixedsleep/local", "fixedsleep/testsupport", "fixedsleep/frameworktb", "fixedsleep/clustertest", "fixedsleep/e2e/framework", "fixedsleep/testutil", "fixedsleep/testimony", "fixedsleep/hack/gen")
}
