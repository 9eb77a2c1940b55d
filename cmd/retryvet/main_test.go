package main_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var retryvet string // the built binary

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "retryvet-bin")
	if err != nil {
		panic(err)
	}
	retryvet = filepath.Join(dir, "retryvet")
	out, err := exec.Command("go", "build", "-o", retryvet, ".").CombinedOutput()
	if err != nil {
		_ = os.RemoveAll(dir)
		panic("building retryvet: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// run runs name with args in the suppress fixture module and returns
// its combined output and exit status.
func run(t *testing.T, name string, args ...string) (string, int) {
	t.Helper()
	return runIn(t, "suppress", name, args...)
}

// runIn runs name with args in the fixture module testdata/modules/mod.
func runIn(t *testing.T, mod, name string, args ...string) (string, int) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("../../testdata/modules", mod))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	return "", 0
}

var (
	flagged  = regexp.MustCompile(`svc\.go:20:3: retry loop waits a fixed 2s between attempts; use exponential backoff with jitter`)
	reason   = regexp.MustCompile(`svc\.go:43:3: retryvet:ignore directive has no reason`)
	silenced = regexp.MustCompile(`svc\.go:(32|44):3: retry loop waits`)
)

// checkFindings asserts the fixture's one finding, its reasonless
// directive, and that both silenced waits stay silent.
func checkFindings(t *testing.T, out string) {
	t.Helper()
	if !flagged.MatchString(out) {
		t.Errorf("missing the fixed-wait finding in:\n%s", out)
	}
	if !reason.MatchString(out) {
		t.Errorf("missing the reasonless-directive finding in:\n%s", out)
	}
	if silenced.MatchString(out) {
		t.Errorf("a silenced finding was reported:\n%s", out)
	}
}

func TestStandalone(t *testing.T) {
	out, code := run(t, retryvet, "./...")
	if code != 3 {
		t.Errorf("exit status %d, want 3 (findings)\n%s", code, out)
	}
	checkFindings(t, out)
}

func TestGoVet(t *testing.T) {
	out, code := run(t, "go", "vet", "-vettool="+retryvet, "./...")
	if code != 1 {
		t.Errorf("exit status %d, want 1 (findings)\n%s", code, out)
	}
	checkFindings(t, out)
}

// TestGoVetFlag checks that a check's flag reaches it through go vet:
// with five attempts allowed unchecked, the fixed wait is not reported.
func TestGoVetFlag(t *testing.T) {
	out, code := run(t, "go", "vet", "-vettool="+retryvet, "-fixedsleep.minattempts=6", "./...")
	if flagged.MatchString(out) {
		t.Errorf("-fixedsleep.minattempts=6 did not take effect:\n%s", out)
	}
	if !reason.MatchString(out) || code != 1 {
		t.Errorf("exit status %d, want 1 with the directive finding:\n%s", code, out)
	}
}

func TestJSON(t *testing.T) {
	out, code := run(t, retryvet, "-json", "./...")
	if code != 0 {
		t.Fatalf("exit status %d, want 0 with -json\n%s", code, out)
	}
	// The go vet JSON shape: package -> analyzer -> diagnostics.
	var tree map[string]map[string][]struct {
		Posn     string `json:"posn"`
		Message  string `json:"message"`
		Category string `json:"category"`
	}
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("not go vet JSON: %v\n%s", err, out)
	}
	diags := tree["example.com/suppress/svc"]["fixedsleep"]
	if len(diags) != 2 {
		t.Fatalf("got %d fixedsleep diagnostics, want 2:\n%s", len(diags), out)
	}
	cats := map[string]bool{}
	for _, d := range diags {
		cats[d.Category] = true
	}
	if !cats["fixedsleep/wait"] || !cats["directive"] {
		t.Errorf("categories %v, want fixedsleep/wait and directive", cats)
	}
}

func TestVersionAndFlags(t *testing.T) {
	out, code := run(t, retryvet, "-V=full")
	if code != 0 || !strings.Contains(out, "version") {
		t.Errorf("-V=full: exit %d, output %q", code, out)
	}
	out, code = run(t, retryvet, "-flags")
	if code != 0 {
		t.Fatalf("-flags: exit %d\n%s", code, out)
	}
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(out), &flags); err != nil {
		t.Fatalf("-flags is not JSON: %v\n%s", err, out)
	}
	names := map[string]bool{}
	for _, f := range flags {
		names[f.Name] = true
	}
	for _, want := range []string{"fixedsleep", "fixedsleep.minattempts", "json", "backoff.maxwait", "idempotency.headers", "retryable", "unbounded"} {
		if !names[want] {
			t.Errorf("-flags lacks %q", want)
		}
	}
}

// crossPackage is the finding of the facts fixture: a retry in package
// shop of a function of package billing that calls one that POSTs.
var crossPackage = regexp.MustCompile(`shop\.go:20:10: retried call to billing\.Pay, which calls billing\.Charge, which sends a POST without an Idempotency-Key header`)

// throughHelper is the finding inside an operation handed to the
// module's own retry helper, of another package: the Helper fact.
var throughHelper = regexp.MustCompile(`notify\.go:18:16: retried POST request has no Idempotency-Key header.*\(retried by retry\.Do\)`)

// TestFacts checks that the side-effect and helper facts cross the
// package boundary standalone and under go vet, where each package is
// analysed in its own process, and that -facts=false confines the
// checks to one package.
func TestFacts(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmd  []string
		code int
		want bool
	}{
		{"standalone", []string{retryvet, "./..."}, 3, true},
		{"go vet", []string{"go", "vet", "-vettool=" + retryvet, "./..."}, 1, true},
		{"no facts", []string{retryvet, "-facts=false", "./..."}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := runIn(t, "facts", tc.cmd[0], tc.cmd[1:]...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\n%s", code, tc.code, out)
			}
			if got := crossPackage.MatchString(out); got != tc.want {
				t.Errorf("cross-package finding reported: %v, want %v\n%s", got, tc.want, out)
			}
			if got := throughHelper.MatchString(out); got != tc.want {
				t.Errorf("finding through the helper reported: %v, want %v\n%s", got, tc.want, out)
			}
		})
	}
	if out, code := runIn(t, "facts", retryvet, "-facts=maybe", "./..."); code != 2 {
		t.Errorf("-facts=maybe: exit status %d, want 2\n%s", code, out)
	}
}
