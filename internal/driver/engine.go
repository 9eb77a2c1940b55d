package driver

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Engines: how the standalone driver analyses the packages named.
//
// The vet engine (the default) runs go vet with the driver's own
// executable as the vet tool: go vet analyses one package per process,
// dependencies from export data with their facts, in parallel, and
// caches each package's facts and findings, so that memory stays that of
// the largest package, not of the whole program, and a rerun on
// unchanged code replays the cache. The tool writes each finding whole
// (vetengine.go) and the driver reads them from go vet's JSON and prints
// them as the in-process engine would, byte for byte. go vet has no
// -test=false: with it, the driver drops the test variants' findings (p
// [p.test], p_test [p.test]); the test files are still analysed.
//
// The in-process engine loads every package named, and with facts every
// dependency, from source in this process (go/packages and
// go/analysis/checker). It is used where the vet engine cannot do the
// job: -inventory (it reads the analysis graph), -debug and the
// profiles (they are about this process), a
// GOPACKAGESDRIVER (go vet knows none), and, with the vet engine's
// results discarded, whenever go vet fails or prints anything on
// standard error (a package that does not load or type-check, a pattern
// that matches nothing, a check that fails): the in-process engine then
// reports it as it always has. -fix works with both: the vet engine's
// tool writes, with each fix, the size, hash and import names of the
// files it edits, as the in-process engine records them when it parses.
//
// -engine=auto (the default) is the vet engine, and the in-process one
// where the vet engine cannot do the job; -engine=vet is the vet engine
// alone, go vet's errors as go vet prints them (for tests, and to see
// why go vet fails); -engine=inprocess the in-process engine.
//
// The go command must be Go 1.26's or newer, which copies the tool's
// JSON to its standard output; an older one prints it on standard error,
// and the default engine then falls back on the in-process one.
const (
	engineAuto      = "auto"
	engineVet       = "vet"
	engineInProcess = "inprocess"
)

// selfTool is set when this process is the driver's own executable
// (Main), which can serve as go vet's tool; Run called from elsewhere (a
// test) uses the in-process engine.
var selfTool bool

// ForwardArgs are arguments the vet engine passes to go vet, for the
// tool, besides the driver's flags: a command's own flags that it
// handles before calling Main (cmd/retryvet's -facts=false). The
// command must define them in flag.CommandLine too, so that the tool's
// -flags lists them for go vet.
var ForwardArgs []string

// engineFor chooses the engine for the options of a run: the one asked
// for with -engine, unless the vet engine cannot do the job.
func engineFor(o options) string {
	switch {
	case !selfTool, o.engine == engineInProcess:
		return engineInProcess
	case o.inventory: // reads the in-process engine's graph
		return engineInProcess
	case o.engine == engineVet:
		return engineVet
	case os.Getenv("GOPACKAGESDRIVER") != "" && os.Getenv("GOPACKAGESDRIVER") != "off":
		return engineInProcess // go vet knows no packages driver
	case o.debug != "", o.cpuprofile != "", o.memprofile != "", o.tracefile != "":
		return engineInProcess
	}
	return engineVet
}

// errVetEngine is the vet engine's failure: go vet failed or said
// something, or its output was not the tool's.
var errVetEngine = errors.New("go vet's output is not the tool's JSON")

// A vetError is go vet's failure, with what it printed.
type vetError struct {
	err    error
	stderr string
}

func (e *vetError) Error() string { return fmt.Sprintf("go vet: %v\n%s", e.err, e.stderr) }
func (e *vetError) Unwrap() error { return errVetEngine }

// analyzeVet runs go vet with this executable as the tool on the
// packages named and returns the findings of the checks run as the
// in-process engine would, or errVetEngine.
//
// The tool runs every check, whichever are selected, and the driver
// keeps the findings of those run: go vet keys its cache on the tool's
// arguments, and a selection passed on would make each new one
// (-ctxerr, -fixedsleep=false) analyse every dependency again, as a
// cold run does. The checks are independent (they share only the
// results they require), so the findings kept are those a run of the
// selection alone reports. -unused-directives is not passed on either:
// the tool reports every directive and the checks that used it.
func analyzeVet(patterns []string, run []*analysis.Analyzer, checkArgs []string, o options) (*result, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"vet", "-json", "-vettool=" + exe, "-" + directivesName}
	for _, name := range slices.Sorted(maps.Keys(o.checks)) {
		args = append(args, "-"+name)
	}
	args = append(args, checkArgs...)
	args = append(args, ForwardArgs...)
	args = append(args, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), engineEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || vetComplaint(stderr.String()) != "" {
		if err == nil {
			err = errors.New("it wrote to standard error")
		}
		return nil, &vetError{err, stderr.String()}
	}
	return readVetJSON(&stdout, run, o)
}

// vetComplaint returns what go vet wrote on standard error other than
// the go command's "go: downloading" lines, which a first run in a
// fresh module cache prints and which say nothing about the packages:
// they must not send the run to the in-process engine.
func vetComplaint(stderr string) string {
	var b strings.Builder
	for line := range strings.Lines(stderr) {
		if !strings.HasPrefix(line, "go: downloading ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// readVetJSON reads go vet's JSON output, a stream of package ID ->
// analyzer -> diagnostics (or {"error": ...}), written by the vet
// engine's tool, and returns the findings: once each, under the first
// package that reports it in the in-process engine's order (p before p
// [p.test]), without the test packages' with -test=false, and with the
// directives' findings.
func readVetJSON(r io.Reader, run []*analysis.Analyzer, o options) (*result, error) {
	type diag struct {
		Message string `json:"message"`
	}
	ran := make(map[string]bool)
	for _, a := range run {
		ran[a.Name] = true
	}
	byPkg := make(map[string][]*finding)
	files := make(map[string]*sourceFile)
	dirs := make(map[string][]directiveSeen)
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, errVetEngine
		}
		for id, checks := range tree {
			if !o.tests && strings.Contains(id, " [") {
				continue // a test variant: -test=false
			}
			for _, raw := range checks {
				var ds []diag
				if err := json.Unmarshal(raw, &ds); err != nil {
					return nil, errVetEngine // {"error": ...}: a check failed
				}
				for _, d := range ds {
					data, ok := strings.CutPrefix(d.Message, engineMark)
					var w wireFinding
					if !ok || json.Unmarshal([]byte(data), &w) != nil {
						return nil, errVetEngine
					}
					if w.Directive != nil {
						dirs[id] = append(dirs[id], directiveSeen{pkg: id, posn: w.Posn, checks: w.Directive.Checks, used: w.Directive.Used})
						continue
					}
					if !ran[w.Check] {
						continue // a check not selected
					}
					byPkg[id] = append(byPkg[id], fromWire(w, id))
					for _, wf := range w.Files {
						if _, ok := files[wf.Name]; ok || len(wf.Hash) != sha256.Size {
							continue
						}
						sf := &sourceFile{size: wf.Size, imports: wf.Imports}
						copy(sf.hash[:], wf.Hash)
						if sf.imports == nil {
							sf.imports = make(map[string]string)
						}
						files[wf.Name] = sf
					}
				}
			}
		}
	}
	ids := make([]string, 0, len(byPkg)+len(dirs))
	for id := range byPkg {
		ids = append(ids, id)
	}
	for id := range dirs {
		if _, ok := byPkg[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, comparePackageIDs)
	res := &result{files: files}
	seen := make(map[string]bool)
	var directives []directiveSeen
	for _, id := range ids {
		for _, f := range byPkg[id] {
			if key := f.key(); !seen[key] {
				seen[key] = true
				res.findings = append(res.findings, f)
			}
		}
		directives = append(directives, dirs[id]...)
	}
	res.findings = append(res.findings, directiveReport(directives, o.checks, ran, o.unusedDirectives)...)
	sortFindings(res.findings)
	return res, nil
}

// comparePackageIDs orders package IDs as go list lists a package and
// its test variants: p, then p [p.test], then p_test [p.test].
func comparePackageIDs(a, b string) int {
	rank := func(id string) (string, int) {
		path, variant, ok := strings.Cut(id, " [")
		switch {
		case !ok:
			return path, 0
		case strings.HasSuffix(path, "_test") && variant == strings.TrimSuffix(path, "_test")+".test]":
			return strings.TrimSuffix(path, "_test"), 2
		}
		return path, 1
	}
	pa, ra := rank(a)
	pb, rb := rank(b)
	return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(ra, rb), cmp.Compare(a, b))
}

// analyze runs the engine chosen for o and returns its result, as
// analyzeInProcess does.
//
// When go vet fails and the in-process engine then analyses the
// packages without an error of its own (go vet refuses a //go:embed
// pattern whose files a build step generates; go/packages does not),
// a notice on standard error says so: that run holds every package in
// memory at once, and without the notice a user sees only the memory
// grow. When the in-process engine fails too, its own errors say why.
func analyze(progname string, patterns []string, run []*analysis.Analyzer, checkArgs []string, o options, stderr io.Writer) (*result, int) {
	var vetErr *vetError
	if engineFor(o) == engineVet {
		res, err := analyzeVet(patterns, run, checkArgs, o)
		if err == nil {
			return res, ExitClean
		}
		if o.engine == engineVet || !errors.Is(err, errVetEngine) {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return nil, ExitError
		}
		// go vet failed or said something: the in-process engine
		// reports it as it always has.
		errors.As(err, &vetErr)
	}
	res, code := analyzeInProcess(progname, patterns, run, o, stderr)
	if vetErr != nil && code != ExitError {
		_, _ = fmt.Fprintf(stderr, "%s: go vet failed (%s); the packages were analysed in this process instead, all in memory at once (-engine=vet shows go vet's error)\n",
			progname, vetErr.firstLine())
	}
	return res, code
}

// firstLine returns the first line go vet printed on standard error, or
// its exit status when it printed nothing.
func (e *vetError) firstLine() string {
	for line := range strings.Lines(e.stderr) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			return line
		}
	}
	return e.err.Error()
}
