package plugin_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/plugin"
)

func newPlugin(t *testing.T, conf map[string]any) register.LinterPlugin {
	t.Helper()
	mk, err := register.GetPlugin(plugin.Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := mk(conf)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSettingsRejected(t *testing.T) {
	mk, err := register.GetPlugin(plugin.Name)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		conf map[string]any
		want string
	}{
		{map[string]any{"loopctx-strct": true}, `unknown field "loopctx-strct"`},
		{map[string]any{"disable": []string{"fixedslep"}}, `unknown check "fixedslep"`},
		{map[string]any{"backoff-maxwait": "ten minutes"}, "backoff-maxwait"},
		{map[string]any{"loopctx-strict": "yes"}, "loopctx-strict"},
	} {
		_, err := mk(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("settings %v: error %v, want one containing %q", tc.conf, err, tc.want)
		}
	}
}

func names(t *testing.T, p register.LinterPlugin) []string {
	t.Helper()
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return ns
}

func TestEnableDisable(t *testing.T) {
	if got := names(t, newPlugin(t, nil)); len(got) != len(plugin.Checks) {
		t.Errorf("default: %v, want all of %v", got, plugin.Checks)
	}
	if got := strings.Join(names(t, newPlugin(t, map[string]any{"disable": []string{"fixedsleep", "backoff"}})), ","); strings.Contains(got, "fixedsleep") || strings.Contains(got, "backoff") {
		t.Errorf("disable: %s", got)
	}
	if got := strings.Join(names(t, newPlugin(t, map[string]any{"enable": []string{"ctxerr"}})), ","); got != "ctxerr" {
		t.Errorf("enable ctxerr: %s", got)
	}
	if got := newPlugin(t, nil).GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", got)
	}
}

// TestInstances runs two plugin instances with different settings in
// one analysis: each sees only its own.
func TestInstances(t *testing.T) {
	dir, err := filepath.Abs("../testdata/modules/suppress")
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("fixture module does not load: %v", err)
	}
	strict, err := newPlugin(t, map[string]any{"enable": []string{"fixedsleep"}}).BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	lax, err := newPlugin(t, map[string]any{"enable": []string{"fixedsleep"}, "fixedsleep-minattempts": 6}).BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze(append(strict, lax...), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	waits := map[*analysis.Analyzer]int{}
	for _, act := range g.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			if d.Category == "fixedsleep/wait" {
				waits[act.Analyzer]++
			}
		}
	}
	if waits[strict[0]] != 1 || waits[lax[0]] != 0 {
		t.Errorf("fixed-wait findings: default instance %d (want 1), minattempts=6 instance %d (want 0)", waits[strict[0]], waits[lax[0]])
	}
}
