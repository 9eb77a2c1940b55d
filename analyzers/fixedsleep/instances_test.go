package fixedsleep_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/analyzers/fixedsleep"
)

// TestInstances runs two differently configured instances in one
// analysis, sharing the retryloop result and running in parallel, and
// checks that each sees only its own configuration and directives.
func TestInstances(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/modules/suppress")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("fixture module does not load")
	}
	strict := fixedsleep.New(fixedsleep.Config{MinAttempts: 3})
	lax := fixedsleep.New(fixedsleep.Config{MinAttempts: 6})
	g, err := checker.Analyze([]*analysis.Analyzer{strict, lax}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		waits, directives, used int
	}
	got := map[*analysis.Analyzer]*outcome{strict: {}, lax: {}}
	for _, act := range g.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		o := got[act.Analyzer]
		for _, d := range act.Diagnostics {
			switch {
			case d.Category == "fixedsleep/wait" && strings.Contains(d.Message, "fixed 2s"):
				o.waits++
			case d.Category == "directive":
				o.directives++
			default:
				t.Errorf("%s: unexpected diagnostic %q", act.Analyzer.Name, d.Message)
			}
		}
		o.used += len(act.Result.(*fixedsleep.Result).Used)
	}
	// The strict instance reports the five-attempt loop and uses both
	// directives; the lax one leaves all three loops alone.
	if o := got[strict]; *o != (outcome{waits: 1, directives: 1, used: 2}) {
		t.Errorf("strict instance: %+v, want 1 wait, 1 directive, 2 used", *o)
	}
	if o := got[lax]; *o != (outcome{waits: 0, directives: 1, used: 0}) {
		t.Errorf("lax instance: %+v, want 0 waits, 1 directive, 0 used", *o)
	}
	// The default instance is untouched by either.
	if fixedsleep.DefaultConfig.MinAttempts != 3 {
		t.Errorf("DefaultConfig changed to %d", fixedsleep.DefaultConfig.MinAttempts)
	}
}
