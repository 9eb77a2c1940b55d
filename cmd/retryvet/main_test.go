package main_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/retryvet/retryvet/internal/schematest"
	"github.com/retryvet/retryvet/internal/version"
)

var retryvet string // the built binary

// light is the flag of runs whose subject (flags, exit statuses, output
// formats, streams, directives) does not depend on analysis facts:
// without them the driver loads dependencies from export data, which
// the build cache keeps, instead of type-checking them from source on
// every run, and the package's tests take half the time. TestStandalone,
// TestJSON, TestFacts, TestFix and TestDeterministic run the default.
const light = "-facts=false"

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
	t.Parallel()
	out, code := run(t, retryvet, "./...")
	if code != 3 {
		t.Errorf("exit status %d, want 3 (findings)\n%s", code, out)
	}
	checkFindings(t, out)
}

func TestGoVet(t *testing.T) {
	t.Parallel()
	out, code := run(t, "go", "vet", "-vettool="+retryvet, "./...")
	if code != 1 {
		t.Errorf("exit status %d, want 1 (findings)\n%s", code, out)
	}
	checkFindings(t, out)
	// go vet prints the message alone: the check's name must be in it,
	// once.
	named := regexp.MustCompile(`(?m)svc\.go:20:3: retry loop waits a fixed 2s between attempts; use exponential backoff with jitter \(fixedsleep\)$`)
	if !named.MatchString(out) || strings.Count(out, "(fixedsleep)") != 2 {
		t.Errorf("go vet's findings do not end with the check's name, once each:\n%s", out)
	}
}

// TestGoVetFlag checks that a check's flag reaches it through go vet:
// with five attempts allowed unchecked, the fixed wait is not reported.
func TestGoVetFlag(t *testing.T) {
	t.Parallel()
	out, code := run(t, "go", "vet", "-vettool="+retryvet, "-fixedsleep.minattempts=6", "./...")
	if flagged.MatchString(out) {
		t.Errorf("-fixedsleep.minattempts=6 did not take effect:\n%s", out)
	}
	if !reason.MatchString(out) || code != 1 {
		t.Errorf("exit status %d, want 1 with the directive finding:\n%s", code, out)
	}
	// A bad value is one line naming the flag, for the package named
	// only: not a usage message, and not once per dependency.
	out, code = run(t, "go", "vet", "-vettool="+retryvet, "-fixedsleep.minattempts=many", "./...")
	if code == 0 || strings.Count(out, `invalid value "many" for flag -fixedsleep.minattempts`) != 1 || strings.Contains(out, "Usage") || strings.Contains(out, "# time") {
		t.Errorf("bad check flag under go vet: exit status %d, want one line naming the flag:\n%s", code, out)
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	// go vet reads "NAME version V ... buildID=ID" and keys its cache on
	// the whole line when V is not "devel".
	v := regexp.QuoteMeta(version.Version)
	full := regexp.MustCompile(`^retryvet version ` + v + ` go1\.\S+ buildID=[0-9a-f]{64}\n$`)
	out, code := run(t, retryvet, "-V=full")
	if code != 0 || !full.MatchString(out) {
		t.Errorf("-V=full: exit %d, output %q", code, out)
	}
	short := regexp.MustCompile(`^retryvet version ` + v + ` go1\.\S+\n$`)
	for _, flag := range []string{"-version", "-V"} {
		if out, code := run(t, retryvet, flag); code != 0 || !short.MatchString(out) {
			t.Errorf("%s: exit %d, output %q", flag, code, out)
		}
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
var crossPackage = regexp.MustCompile(`shop\.go:\d+:10: retried call to billing\.Pay can take effect twice: 2 calls down it runs an INSERT without ON CONFLICT`)

// httpChain is the finding of a retried POST of another package, opt-in
// with -idempotency.chains.
var httpChain = regexp.MustCompile(`shop\.go:\d+:10: retried call to billing\.Charge, which sends a POST without an Idempotency-Key header`)

// throughHelper is the finding inside an operation handed to the
// module's own retry helper, of another package: the Helper fact.
var throughHelper = regexp.MustCompile(`notify\.go:18:16: retried POST request has no Idempotency-Key header.*\(retried by retry\.Do\)`)

// TestFacts checks that the side-effect and helper facts cross the
// package boundary, with the standalone driver's vet engine (each
// package analysed in its own process), its in-process engine and, with
// RETRYVET_SWEEP=1, go vet itself; and that -facts=false confines the
// checks to one package.
func TestFacts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		cmd    []string
		code   int
		want   bool
		chains bool
		sweep  bool // only with RETRYVET_SWEEP=1
	}{
		{"standalone", []string{retryvet, "./..."}, 3, true, false, false},
		{"go vet", []string{"go", "vet", "-vettool=" + retryvet, "./..."}, 1, true, false, true},
		{"no facts", []string{retryvet, "-facts=false", "./..."}, 0, false, false, false},
		{"chains in process", []string{retryvet, "-engine=inprocess", "-idempotency.chains", "./..."}, 3, true, true, false},
		{"chains", []string{retryvet, "-idempotency.chains", "./..."}, 3, true, true, true},
		{"chains under go vet", []string{"go", "vet", "-vettool=" + retryvet, "-idempotency.chains", "./..."}, 1, true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.sweep && os.Getenv("RETRYVET_SWEEP") != "1" {
				// A flag passed to go vet's tool keys go vet's cache:
				// each new set of them analyses all of the module's
				// dependencies again, net/http's among them, half a
				// minute of CPU on a cold cache. "standalone" covers
				// the vet engine, TestGoVet go vet's protocol.
				t.Skip("set RETRYVET_SWEEP=1 to check facts across packages under go vet, and chains with the vet engine")
			}
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
	t.Parallel()
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
		out, code := runIn(t, "driver", retryvet, append([]string{light}, tc.args...)...)
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
		cmd := exec.Command(retryvet, light, "./...")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.HasPrefix(string(out), "broken.go:3:") {
			t.Errorf("%s error: %v, want exit status 1 and the position\n%s", name, err, out)
		}
		// One line per package, as go vet prints: the syntax error's
		// cascade is counted, not printed.
		if strings.Count(string(out), "\n") != 1 {
			t.Errorf("%s error: want one line\n%s", name, out)
		}
	}
}

// TestFlags checks the command line: flags before or after the
// patterns, -facts anywhere, errors of one line that name the flag and
// point at -h, the help of a check, -list and -memprofile's path.
func TestFlags(t *testing.T) {
	t.Parallel()
	finding := "dup/dup.go:21:3: retry loop waits a fixed 2s"
	for _, tc := range []struct {
		args    []string
		code    int
		stdout  string // a substring of stdout
		stderr  string // a substring of stderr
		errLine bool   // stderr is an error line and a pointer at -h
	}{
		{[]string{"./dup", "-fixedsleep=false"}, 0, "", "", false},
		{[]string{"./dup", "-json"}, 0, `"example.com/driver/dup"`, "", false},
		{[]string{"-c", "1", "-facts=false", "./dup"}, 3, "21\t\t\ttime.Sleep", "", false},
		{[]string{"./dup", "-facts=false", "-c", "0"}, 3, finding, "", false},
		{[]string{"-facts=maybe", "./dup"}, 2, "", `invalid value "maybe" for flag -facts`, true},
		{[]string{"-fixedsleep.minattempts=many", "./dup"}, 2, "", `invalid value "many" for flag -fixedsleep.minattempts`, true},
		{[]string{"-bogus", "./dup"}, 2, "", "flag provided but not defined: -bogus", true},
		{[]string{"./dup", "-bogus"}, 2, "", "flag provided but not defined: -bogus", true},
		{[]string{"-format=xml", "./dup"}, 2, "", `invalid value "xml" for flag -format`, true},
		{[]string{}, 2, "", "no packages named", true},
		{[]string{"help", "fixedsleep"}, 0, "-fixedsleep.minattempts int", "", false},
		{[]string{"help", "fixedslep"}, 2, "", `no check "fixedslep"`, true},
		{[]string{"-memprofile=" + filepath.Join(t.TempDir(), "no", "such", "dir", "mem.prof"), "./dup"}, 1, "", "mem.prof", false},
		{[]string{"--", "./dup", "-json"}, 1, finding, `retryvet: malformed import path "-json"`, false},
	} {
		stdout, stderr, code := runSplit(t, "driver", append([]string{light}, tc.args...)...)
		if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("retryvet %q: exit status %d, want %d; stdout want %q:\n%s\nstderr want %q:\n%s", tc.args, code, tc.code, tc.stdout, stdout, tc.stderr, stderr)
		}
		if strings.Contains(stderr, "-: ") {
			t.Errorf("retryvet %q: an error prefixed with \"-:\", not the tool's name:\n%s", tc.args, stderr)
		}
		if tc.errLine && (strings.Count(stderr, "\n") != 2 || !strings.HasPrefix(stderr, "retryvet: ") || !strings.Contains(stderr, "retryvet -h")) {
			t.Errorf("retryvet %q: want the error and a pointer at -h, two lines:\n%s", tc.args, stderr)
		}
	}
	// The help of one check is its documentation, not the usage.
	stdout, _, _ := runSplit(t, "driver", "help", "fixedsleep")
	if !strings.Contains(stdout, "Bad:") || strings.Contains(stdout, "checks:") {
		t.Errorf("help fixedsleep is not the check's documentation:\n%s", stdout)
	}
	// -list: a line per check, with its flags.
	stdout, _, code := runSplit(t, "driver", "-list")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) < 9 || !regexp.MustCompile(`(?m)^fixedsleep +report .*\[-fixedsleep -fixedsleep\.minattempts\]$`).MatchString(stdout) {
		t.Errorf("-list: exit status %d:\n%s", code, stdout)
	}
}

// TestTextOnce checks that text output names the check and that a file
// analysed in dup and in dup [dup.test] is reported once.
func TestTextOnce(t *testing.T) {
	t.Parallel()
	out, _ := runIn(t, "driver", retryvet, light, "./dup")
	re := regexp.MustCompile(`(?m)^\S*dup\.go:21:3: retry loop waits a fixed 2s between attempts; use exponential backoff with jitter \(fixedsleep\)$`)
	if n := len(re.FindAllString(out, -1)); n != 1 {
		t.Errorf("finding printed %d times, want once:\n%s", n, out)
	}
	out, _ = runIn(t, "driver", retryvet, light, "-json", "./dup")
	if n := strings.Count(out, `dup.go:21:3"`); n != 1 {
		t.Errorf("-json lists the finding %d times, want once:\n%s", n, out)
	}
}

// TestDirectives checks that a directive naming no check, or a name
// that is no check, is reported without -unused-directives, in every
// format, and that -json lists unused directives under their package.
func TestDirectives(t *testing.T) {
	t.Parallel()
	stdout, _, code := runSplit(t, "driver", light, "./directives")
	for _, re := range []string{
		`(?m)^directives/directives\.go:21:3: retryvet:ignore directive names fixedslep, which is no retryvet check, so it silences nothing; the checks are .*fixedsleep.* \(retryvet\)$`,
		`(?m)^directives/directives\.go:33:3: retryvet:ignore directive names no check, so it silences nothing`,
		`(?m)^directives/directives\.go:45:3: retryvet:ignore directive names no check, so it silences nothing`,
		`(?m)^directives/directives\.go:(22|34|46):3: retry loop waits a fixed 2s(.|\n)*:(22|34|46):3: retry loop(.|\n)*:(22|34|46):3: retry loop waits`,
	} {
		if !regexp.MustCompile(re).MatchString(stdout) {
			t.Errorf("missing %s in:\n%s", re, stdout)
		}
	}
	if code != 3 {
		t.Errorf("exit status %d, want 3", code)
	}
	stdout, _, _ = runSplit(t, "driver", light, "-json", "./directives")
	if !strings.Contains(stdout, `"category": "directive/unknown"`) || strings.Count(stdout, `"category": "directive/nocheck"`) != 2 {
		t.Errorf("-json lacks the directive findings:\n%s", stdout)
	}
	stdout, _, _ = runSplit(t, "driver", light, "-format=sarif", "./directives")
	if log := readSARIF(t, sarifSchema(t), stdout); len(log.Runs[0].Results) != 6 {
		t.Errorf("SARIF has %d results, want 6:\n%s", len(log.Runs[0].Results), stdout)
	}
	stdout, _, _ = runSplit(t, "driver", light, "-json", "-unused-directives", "./unused")
	var tree map[string]map[string][]struct{ Category string }
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil || len(tree["example.com/driver/unused"]["fixedsleep"]) != 1 || tree["example.com/driver/unused"]["fixedsleep"][0].Category != "directive/unused" {
		t.Errorf("-json -unused-directives: want the unused directive under its package (%v):\n%s", err, stdout)
	}
}

// TestStreams checks that findings go to standard output, named
// relative to the working directory when below it and absolute
// otherwise, and that errors go to standard error.
func TestStreams(t *testing.T) {
	t.Parallel()
	finding := regexp.MustCompile(`(?m)^dup/dup\.go:21:3: retry loop waits a fixed 2s`)
	stdout, stderr, code := runSplit(t, "driver", light, "./dup")
	if code != 3 || !finding.MatchString(stdout) || stderr != "" {
		t.Errorf("exit status %d, want 3 with the finding on stdout, relative, and nothing on stderr\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// From a sibling folder the file is not below the working
	// directory: its path is absolute.
	abs, err := filepath.Abs("../../testdata/modules/driver/dup/dup.go")
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, _ = runSplit(t, "driver/clean", light, "../dup")
	if !strings.HasPrefix(stdout, abs+":21:3: ") {
		t.Errorf("a file outside the working directory is not named by its absolute path %s:\n%s", abs, stdout)
	}
	stdout, stderr, code = runSplit(t, "driver", light, "./nothing")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "nothing") {
		t.Errorf("exit status %d, want 1 with the error on stderr alone\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func TestUnusedDirectives(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`unused\.go:8:2: retryvet:ignore directive for fixedsleep silences nothing; remove it \(fixedsleep\)`)
	if out, code := runIn(t, "driver", retryvet, light, "-unused-directives", "./unused"); code != 3 || !re.MatchString(out) {
		t.Errorf("exit status %d, want 3 with the unused directive:\n%s", code, out)
	}
	if out, _ := runIn(t, "driver", retryvet, light, "-unused-directives", "-fixedsleep=false", "./unused"); re.MatchString(out) {
		t.Errorf("directive of a check that did not run reported:\n%s", out)
	}
	// The suppress module's two directives are both used.
	if out, _ := run(t, retryvet, light, "-unused-directives", "./..."); strings.Contains(out, "silences nothing") {
		t.Errorf("a used directive was reported:\n%s", out)
	}
}

// sarifSchema compiles the SARIF 2.1.0 schema (testdata/sarif, with
// its notice).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	return schematest.Compile(t, "../../testdata/sarif/sarif-schema-2.1.0.json")
}

// sarifLog is what the tests read of a SARIF log.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Version, SemanticVersion string
				Rules                    []struct {
					ID, Name, HelpURI string
					Help              struct{ Text, Markdown string }
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		ColumnKind         string
		Results            []struct {
			RuleID    string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn int }
				}
			}
		}
	}
}

// readSARIF validates out against the schema and decodes it.
func readSARIF(t *testing.T, schema *jsonschema.Schema, out string) sarifLog {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("runs: %v %d", err, len(log.Runs))
	}
	return log
}

// TestSARIF validates -format=sarif against the SARIF 2.1.0 schema and
// checks what code scanning reads: the version, rules with distinct
// names and Markdown help, URIs relative to the version-control root
// (or with -sarif-root=module the module root), percent-encoded, UTF-16
// columns, and the run's errors as notifications.
func TestSARIF(t *testing.T) {
	t.Parallel()
	schema := sarifSchema(t)
	out, _, code := runSplit(t, "driver", light, "-format=sarif", "-sarif-root=module", "./dup")
	if code != 3 {
		t.Fatalf("exit status %d, want 3\n%s", code, out)
	}
	r := readSARIF(t, schema, out).Runs[0]
	d := r.Tool.Driver
	if d.Version != version.Version || "v"+d.SemanticVersion != version.Version {
		t.Errorf("tool.driver version %q, semanticVersion %q, want %s", d.Version, d.SemanticVersion, version.Version)
	}
	names := map[string]bool{}
	for _, rule := range d.Rules {
		if rule.Name == rule.ID || names[rule.Name] || rule.HelpURI == "" || rule.Help.Markdown == "" || rule.Help.Markdown == rule.Help.Text {
			t.Errorf("rule %s: name %q (must differ from the ID and be unique), help URI %q, Markdown help %q", rule.ID, rule.Name, rule.HelpURI, rule.Help.Markdown)
		}
		names[rule.Name] = true
	}
	if len(d.Rules) < 9 || d.Rules[0].ID != "fixedsleep" || !strings.Contains(d.Rules[0].Help.Markdown, "](https://github.com/retryvet/retryvet/blob/main/docs/model.md#a1-fixedsleep)") {
		t.Errorf("rules: %+v", d.Rules)
	}
	if r.ColumnKind != "utf16CodeUnits" || len(r.Invocations) != 1 || !r.Invocations[0].ExecutionSuccessful {
		t.Errorf("columnKind %q, invocations %+v", r.ColumnKind, r.Invocations)
	}
	if len(r.Results) != 1 || r.Results[0].RuleID != "fixedsleep" {
		t.Fatalf("results: %+v", r.Results)
	}
	l := r.Results[0].Locations[0].PhysicalLocation
	if l.ArtifactLocation.URI != "dup/dup.go" || l.ArtifactLocation.URIBaseID != "%SRCROOT%" || l.Region.StartLine != 21 || l.Region.StartColumn != 3 {
		t.Errorf("location: %+v", l)
	}
	if base, err := filepath.Abs("../../testdata/modules/driver"); err != nil || r.OriginalURIBaseIDs["%SRCROOT%"].URI != "file://"+filepath.ToSlash(base)+"/" {
		t.Errorf("%%SRCROOT%% is %q, want the module root %s", r.OriginalURIBaseIDs["%SRCROOT%"].URI, base)
	}

	// A repository whose module lies in a folder with a space and a '#'
	// in its name, run from the module, and a package that does not
	// load.
	repo := t.TempDir()
	mod := filepath.Join(repo, "my mod#1")
	src, err := os.ReadFile("../../testdata/modules/driver/dup/dup.go")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{".git/HEAD": "ref: refs/heads/main\n", "my mod#1/go.mod": "module example.com/mod\n\ngo 1.26\n", "my mod#1/dup/dup.go": string(src)} {
		path := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(retryvet, light, "-format=sarif", "./dup", "./missing")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	stdout, _ := cmd.Output()
	if cmd.ProcessState.ExitCode() != 1 {
		t.Errorf("a package that does not load: exit status %d, want 1", cmd.ProcessState.ExitCode())
	}
	r = readSARIF(t, schema, string(stdout)).Runs[0]
	if len(r.Results) != 1 || r.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "my%20mod%231/dup/dup.go" {
		t.Errorf("results: %+v, want one at my%%20mod%%231/dup/dup.go, relative to the repository and encoded", r.Results)
	}
	base, err := url.Parse(r.OriginalURIBaseIDs["%SRCROOT%"].URI)
	if err != nil || base.Scheme != "file" || base.Path != filepath.ToSlash(repo)+"/" {
		t.Errorf("%%SRCROOT%% is %q, want the repository root %s", r.OriginalURIBaseIDs["%SRCROOT%"].URI, repo)
	}
	inv := r.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) == 0 || !strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "missing") {
		t.Errorf("invocation %+v, want it unsuccessful with the load error as a notification", inv)
	}
}

// TestFix applies ctxerr's fixes to a copy of its fixture and compares
// the result with the golden file analysistest also checks; -diff shows
// the same change without writing it.
func TestFix(t *testing.T) {
	t.Parallel()
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
	diff, _ := cmd.Output()
	if !strings.HasPrefix(string(diff), "--- a/fix.go\n+++ b/fix.go\n") || !strings.Contains(string(diff), "+\t\ttimer := time.NewTimer") {
		t.Errorf("-diff printed no change, or not with a/ and b/ paths relative to the module:\n%s", diff)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "fix.go")); string(after) != string(src) {
		t.Errorf("-diff wrote the file")
	}
	// git apply takes the diff, from the module's root, and makes what
	// -fix makes.
	if git, err := exec.LookPath("git"); err == nil {
		apply := exec.Command(git, "apply", "-")
		apply.Dir = dir
		apply.Stdin = strings.NewReader(string(diff))
		if out, err := apply.CombinedOutput(); err != nil {
			t.Errorf("git apply: %v\n%s", err, out)
		} else if after, _ := os.ReadFile(filepath.Join(dir, "fix.go")); string(after) != string(golden) {
			t.Errorf("the diff applied with git apply differs from fix.go.golden:\n%s", after)
		}
		if err := os.WriteFile(filepath.Join(dir, "fix.go"), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd = exec.Command(retryvet, "-ctxerr", "-fix", "./...")
	cmd.Dir = dir
	// One ctxerr finding of fix.go has no fix (a loop that never
	// observes its context and has no wait to replace): it remains,
	// and makes the status 3.
	if out, _ := cmd.CombinedOutput(); cmd.ProcessState.ExitCode() != 3 || !strings.Contains(string(out), "1 finding has no fix") {
		t.Fatalf("-fix: exit status %d, want 3 with the finding that has no fix\n%s", cmd.ProcessState.ExitCode(), out)
	}
	after, err := os.ReadFile(filepath.Join(dir, "fix.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(golden) {
		t.Errorf("-fix result differs from fix.go.golden:\n%s", after)
	}
}

// TestFixStatus checks what -fix prints and its exit status with each
// output flag, as the README's table says: the findings left (those with
// no fix, or whose fix was skipped) are reported in the format asked
// for, and make the status 3 (0 with -json); -fix -diff writes the diff
// alone to stdout, the findings left to stderr, and exits 3 on a
// non-empty diff, as go vet -fix -diff fails on one.
func TestFixStatus(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../testdata/src/ctxerr/fix.go")
	if err != nil {
		t.Fatal(err)
	}
	stub := "package ctxerr\n\nimport (\n\t\"context\"\n\t\"errors\"\n)\n\nvar errDown = errors.New(\"down\")\n\nvar send func(ctx context.Context) error\n"
	module := func() string {
		dir := t.TempDir()
		for name, data := range map[string]string{"go.mod": "module ctxerr\n\ngo 1.26\n", "fix.go": string(src), "stub.go": stub} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	schema := sarifSchema(t)
	for _, tc := range []struct {
		args           []string
		code           int
		stdout, stderr string // substrings
		changed        bool   // fix.go written
	}{
		// fixedsleep offers no fix: its findings remain, in each format.
		{[]string{"-fixedsleep", "-fix"}, 3, "waits a fixed 2s between attempts", "5 findings have no fix", false},
		{[]string{"-fixedsleep", "-fix", "-json"}, 0, `"fixedsleep": [`, "5 findings have no fix", false},
		{[]string{"-fixedsleep", "-fix", "-format=sarif"}, 3, `"ruleId": "fixedsleep"`, "5 findings have no fix", false},
		// loopctx's one finding has a fix: nothing remains.
		{[]string{"-loopctx", "-fix"}, 0, "", "", true},
		{[]string{"-loopctx", "-fix", "-json"}, 0, "{}", "", true},
		{[]string{"-loopctx", "-fix", "-format=sarif"}, 0, `"results": []`, "", true},
		// A diff, and on stderr the finding with no fix.
		{[]string{"-ctxerr", "-fix", "-diff"}, 3, "+\t\ttimer := time.NewTimer", "fix.go:94:3: retry loop never observes ctx", false},
		{[]string{"-fixedsleep", "-fix", "-diff"}, 3, "", "fix.go:29:3: retry loop waits a fixed 2s", false},
		{[]string{"-diff"}, 2, "", "use -fix -diff", false},
		{[]string{"-fix", "-diff", "-json"}, 2, "", "cannot also hold -format=json", false},
		{[]string{"-fix", "-diff", "-format=sarif"}, 2, "", "cannot also hold -format=sarif", false},
	} {
		dir := module()
		var stdout, stderr strings.Builder
		cmd := exec.Command(retryvet, append(append([]string{light}, tc.args...), "./...")...)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		_ = cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("retryvet %q: exit status %d, want %d; stdout want %q:\n%s\nstderr want %q:\n%s", tc.args, code, tc.code, tc.stdout, stdout.String(), tc.stderr, stderr.String())
		}
		if slices.Contains(tc.args, "-diff") && regexp.MustCompile(`(?m)^fix\.go:\d+:\d+: `).MatchString(stdout.String()) {
			t.Errorf("retryvet %q: a finding on stdout, which holds the diff:\n%s", tc.args, stdout.String())
		}
		if slices.Contains(tc.args, "-format=sarif") && tc.code != 2 {
			readSARIF(t, schema, stdout.String())
		}
		after, err := os.ReadFile(filepath.Join(dir, "fix.go"))
		if err != nil {
			t.Fatal(err)
		}
		if changed := string(after) != string(src); changed != tc.changed {
			t.Errorf("retryvet %q: fix.go changed: %v, want %v", tc.args, changed, tc.changed)
		}
	}
}

// TestDeterministic runs retryvet twice over the same trees: the output
// must be byte-identical. By default the facts module in SARIF (every
// finding with its positions, across packages) and the driver module in
// text; with RETRYVET_SWEEP=1, both modules in both formats.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	cases := [][2]string{{"facts", "sarif"}, {"driver", "text"}}
	if os.Getenv("RETRYVET_SWEEP") == "1" {
		cases = append(cases, [2]string{"facts", "text"}, [2]string{"driver", "sarif"})
	}
	for _, c := range cases {
		mod, format := c[0], c[1]
		first, _ := runIn(t, mod, retryvet, "-format="+format, "./...")
		second, _ := runIn(t, mod, retryvet, "-format="+format, "./...")
		if first != second {
			t.Errorf("%s, %s: two runs differ:\n%s\n---\n%s", mod, format, first, second)
		}
	}
}
