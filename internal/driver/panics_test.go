package driver

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestPanic: a check that panics is reported with its name, the
// package and the stack, and the status is 1, not the runtime's 2 (the
// status of a bad flag).
func TestPanic(t *testing.T) {
	t.Chdir("../../testdata/modules/driver")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOWORK", "off")
	boom := &analysis.Analyzer{Name: "boom", Doc: "boom: panics", Run: func(*analysis.Pass) (any, error) {
		panic("check exploded")
	}}
	var stdout, stderr bytes.Buffer
	code := Run("retryvet", []string{"./clean"}, []*analysis.Analyzer{boom}, &stdout, &stderr)
	out := stderr.String()
	if code != ExitError {
		t.Errorf("exit status %d, want %d", code, ExitError)
	}
	for _, want := range []string{"panic in check boom on package example.com/driver/clean", "check exploded", "panics_test.go:"} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
}
