package ctxerr_test

import (
	"strings"
	"testing"

	"github.com/retryvet/retryvet/analyzers/ctxerr"
	"github.com/retryvet/retryvet/internal/fixtures"
)

const sleeper = `package p

import (
	"context"
	"errors"
	"time"
)

var fetch func(context.Context) error

func f(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		if err := fetch(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i) * 3 * time.Second)
	}
	return errors.New("down")
}
`

// TestChangedFile: a file cut short after it was parsed (an editor
// saving while retryvet runs) is reported on, without a fix whose
// offsets would index the new text, and without a panic.
func TestChangedFile(t *testing.T) {
	cut := sleeper[:strings.Index(sleeper, "time.Sleep")+4]
	diags := fixtures.AnalyzeChanged(t, ctxerr.Analyzer, sleeper, cut)
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
	}
	if len(diags[0].SuggestedFixes) != 0 {
		t.Errorf("a fix was built from a file that changed: %v", diags[0].SuggestedFixes)
	}
}
