package loopctx_test

import (
	"strings"
	"testing"

	"github.com/retryvet/retryvet/analyzers/loopctx"
	"github.com/retryvet/retryvet/internal/fixtures"
)

const deferrer = `package p

import (
	"context"
	"errors"
	"time"
)

var ping func(context.Context) error

func f(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := ping(actx); err != nil {
			continue
		}
		return nil
	}
	return errors.New("down")
}
`

// TestChangedFile: a file cut short after it was parsed is reported on,
// without a fix and without a panic.
func TestChangedFile(t *testing.T) {
	cut := deferrer[:strings.Index(deferrer, "defer")]
	diags := fixtures.AnalyzeChanged(t, loopctx.Analyzer, deferrer, cut)
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
	}
	if len(diags[0].SuggestedFixes) != 0 {
		t.Errorf("a fix was built from a file that changed: %v", diags[0].SuggestedFixes)
	}
}
