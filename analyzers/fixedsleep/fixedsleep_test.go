package fixedsleep_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/fixedsleep"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFixedSleep(t *testing.T) {
	analysistest.Run(t, testdata(t), fixedsleep.Analyzer, "fixedsleep", "fixedsleep/libraries", "fixedsleep/local", "fixedsleep/testsupport", "fixedsleep/frameworktb")
}
