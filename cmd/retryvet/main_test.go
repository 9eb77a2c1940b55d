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

	"github.com/santhosh-tekuri/jsonschema/v6"
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

// runSplit runs retryvet with args in dir, below the fixture modules,
// and returns its standard output, its standard error and its exit
// status apart.
func runSplit(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("../../testdata/modules", dir))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	cmd := exec.Command(retryvet, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("retryvet %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
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
// shop of a function of package billing that calls one that INSERTs.
var crossPackage = regexp.MustCompile(`shop\.go:\d+:10: retried call to billing\.Pay, which runs an INSERT without ON CONFLICT 2 calls down`)

// httpChain is the finding of a retried POST of another package, opt-in
// with -idempotency.chains.
var httpChain = regexp.MustCompile(`shop\.go:\d+:10: retried call to billing\.Charge, which sends a POST without an Idempotency-Key header`)

// throughHelper is the finding inside an operation handed to the
// module's own retry helper, of another package: the Helper fact.
var throughHelper = regexp.MustCompile(`notify\.go:18:16: retried POST request has no Idempotency-Key header.*\(retried by retry\.Do\)`)

// TestFacts checks that the side-effect and helper facts cross the
// package boundary standalone and under go vet, where each package is
// analysed in its own process, and that -facts=false confines the
// checks to one package.
func TestFacts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cmd    []string
		code   int
		want   bool
		chains bool
	}{
		{"standalone", []string{retryvet, "./..."}, 3, true, false},
		{"go vet", []string{"go", "vet", "-vettool=" + retryvet, "./..."}, 1, true, false},
		{"no facts", []string{retryvet, "-facts=false", "./..."}, 0, false, false},
		{"chains", []string{retryvet, "-idempotency.chains", "./..."}, 3, true, true},
		{"chains under go vet", []string{"go", "vet", "-vettool=" + retryvet, "-idempotency.chains", "./..."}, 1, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := runIn(t, "facts", tc.cmd[0], tc.cmd[1:]...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\n%s", code, tc.code, out)
			}
			if got := crossPackage.MatchString(out); got != tc.want {
				t.Errorf("cross-package finding reported: %v, want %v\n%s", got, tc.want, out)
			}
			if got := httpChain.MatchString(out); got != tc.chains {
				t.Errorf("HTTP chain reported: %v, want %v\n%s", got, tc.chains, out)
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

// TestExitStatus checks the driver's documented exit statuses.
func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"./clean"}, 0},
		{[]string{"./dup"}, 3},
		{[]string{"-json", "./dup"}, 0},
		{[]string{"./nothing"}, 1},
		{[]string{"-bogus", "./clean"}, 2},
		{[]string{"-format=xml", "./clean"}, 2},
		{[]string{}, 2},
		{[]string{"-fixedsleep=false", "./dup"}, 0},
		{[]string{"-fixedsleep", "./dup"}, 3},
		{[]string{"-ctxerr", "./dup"}, 0},
	} {
		out, code := runIn(t, "driver", retryvet, tc.args...)
		if code != tc.want {
			t.Errorf("retryvet %v: exit status %d, want %d\n%s", tc.args, code, tc.want, out)
		}
	}
	// Code that does not parse or type-check: a clear message naming the
	// position, and exit status 1. (Written here: a file that does not
	// parse would stop gofmt's check of the tree.)
	for name, src := range map[string]string{
		"syntax": "package broken\n\nfunc Broken( {\n}\n",
		"types":  "package broken\n\nfunc Broken() int { return undefined }\n",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module broken\n\ngo 1.26\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "broken.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(retryvet, "./...")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), "broken.go:3:") {
			t.Errorf("%s error: %v, want exit status 1 and the position\n%s", name, err, out)
		}
	}
}

// TestTextOnce checks that text output names the check and that a file
// analysed in dup and in dup [dup.test] is reported once.
func TestTextOnce(t *testing.T) {
	out, _ := runIn(t, "driver", retryvet, "./dup")
	re := regexp.MustCompile(`(?m)^\S*dup\.go:21:3: retry loop waits a fixed 2s between attempts; use exponential backoff with jitter \(fixedsleep\)$`)
	if n := len(re.FindAllString(out, -1)); n != 1 {
		t.Errorf("finding printed %d times, want once:\n%s", n, out)
	}
	out, _ = runIn(t, "driver", retryvet, "-json", "./dup")
	if n := strings.Count(out, `dup.go:21:3"`); n != 1 {
		t.Errorf("-json lists the finding %d times, want once:\n%s", n, out)
	}
}

// TestStreams checks that findings go to standard output, named
// relative to the working directory when below it and absolute
// otherwise, and that errors go to standard error.
func TestStreams(t *testing.T) {
	finding := regexp.MustCompile(`(?m)^dup/dup\.go:21:3: retry loop waits a fixed 2s`)
	stdout, stderr, code := runSplit(t, "driver", "./dup")
	if code != 3 || !finding.MatchString(stdout) || stderr != "" {
		t.Errorf("exit status %d, want 3 with the finding on stdout, relative, and nothing on stderr\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// From a sibling folder the file is not below the working
	// directory: its path is absolute.
	abs, err := filepath.Abs("../../testdata/modules/driver/dup/dup.go")
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, _ = runSplit(t, "driver/clean", "../dup")
	if !strings.HasPrefix(stdout, abs+":21:3: ") {
		t.Errorf("a file outside the working directory is not named by its absolute path %s:\n%s", abs, stdout)
	}
	stdout, stderr, code = runSplit(t, "driver", "./nothing")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "nothing") {
		t.Errorf("exit status %d, want 1 with the error on stderr alone\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func TestUnusedDirectives(t *testing.T) {
	re := regexp.MustCompile(`unused\.go:8:2: retryvet:ignore directive for fixedsleep silences nothing; remove it \(fixedsleep\)`)
	if out, code := runIn(t, "driver", retryvet, "-unused-directives", "./unused"); code != 3 || !re.MatchString(out) {
		t.Errorf("exit status %d, want 3 with the unused directive:\n%s", code, out)
	}
	if out, _ := runIn(t, "driver", retryvet, "-unused-directives", "-fixedsleep=false", "./unused"); re.MatchString(out) {
		t.Errorf("directive of a check that did not run reported:\n%s", out)
	}
	// The suppress module's two directives are both used.
	if out, _ := run(t, retryvet, "-unused-directives", "./..."); strings.Contains(out, "silences nothing") {
		t.Errorf("a used directive was reported:\n%s", out)
	}
}

// TestSARIF validates -format=sarif against the SARIF 2.1.0 schema and
// checks what code scanning reads: rules and a located result.
func TestSARIF(t *testing.T) {
	out, code := runIn(t, "driver", retryvet, "-format=sarif", "./dup")
	if code != 3 {
		t.Fatalf("exit status %d, want 3\n%s", code, out)
	}
	schemaFile, err := os.Open("../../testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = schemaFile.Close() }()
	doc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID, HelpURI string }
				}
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("runs: %v %d", err, len(log.Runs))
	}
	r := log.Runs[0]
	if len(r.Tool.Driver.Rules) != 10 || r.Tool.Driver.Rules[0].ID != "fixedsleep" || r.Tool.Driver.Rules[0].HelpURI == "" {
		t.Errorf("rules: %+v", r.Tool.Driver.Rules)
	}
	if len(r.Results) != 1 || r.Results[0].RuleID != "fixedsleep" {
		t.Fatalf("results: %+v", r.Results)
	}
	l := r.Results[0].Locations[0].PhysicalLocation
	if l.ArtifactLocation.URI != "dup/dup.go" || l.Region.StartLine != 21 || l.Region.StartColumn != 3 {
		t.Errorf("location: %+v", l)
	}
}

// TestFix applies ctxerr's fixes to a copy of its fixture and compares
// the result with the golden file analysistest also checks; -diff shows
// the same change without writing it.
func TestFix(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../testdata/src/ctxerr/fix.go")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../testdata/src/ctxerr/fix.go.golden")
	if err != nil {
		t.Fatal(err)
	}
	stub := "package ctxerr\n\nimport (\n\t\"context\"\n\t\"errors\"\n)\n\nvar errDown = errors.New(\"down\")\n\nvar send func(ctx context.Context) error\n"
	for name, data := range map[string]string{"go.mod": "module ctxerr\n\ngo 1.26\n", "fix.go": string(src), "stub.go": stub} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(retryvet, "-ctxerr", "-fix", "-diff", "./...")
	cmd.Dir = dir
	diff, _ := cmd.CombinedOutput()
	if !strings.Contains(string(diff), "+++ ") || !strings.Contains(string(diff), "+\t\ttimer := time.NewTimer") {
		t.Errorf("-diff printed no change:\n%s", diff)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "fix.go")); string(after) != string(src) {
		t.Errorf("-diff wrote the file")
	}
	cmd = exec.Command(retryvet, "-ctxerr", "-fix", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("-fix: %v\n%s", err, out)
	}
	after, err := os.ReadFile(filepath.Join(dir, "fix.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(golden) {
		t.Errorf("-fix result differs from fix.go.golden:\n%s", after)
	}
}

// TestDeterministic runs retryvet twice over the same trees: the output
// must be byte-identical, in every format.
func TestDeterministic(t *testing.T) {
	for _, mod := range []string{"facts", "driver"} {
		for _, format := range []string{"text", "sarif"} {
			first, _ := runIn(t, mod, retryvet, "-format="+format, "./...")
			second, _ := runIn(t, mod, retryvet, "-format="+format, "./...")
			if first != second {
				t.Errorf("%s, %s: two runs differ:\n%s\n---\n%s", mod, format, first, second)
			}
		}
	}
}
