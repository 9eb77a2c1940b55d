// Package driver is retryvet's standalone analysis driver, built on
// golang.org/x/tools/go/analysis/checker and go/packages. It names the
// check in text output, writes SARIF, applies suggested fixes with
// conflict detection, and removes the duplicate findings that a file
// analysed both in p and in p [p.test] produces. Findings go to
// standard output (in text, files below the working directory are named
// relative to it), errors to standard error.
//
// go vet's invocations of a vet tool (a *.cfg argument, -V=full, -flags)
// go to unitchecker.Main, which speaks go vet's protocol.
//
// Exit status: 0 no findings (and always with -json or -format=json, as
// go vet does), 3 findings, 1 packages that do not load or an analysis
// error, 2 a bad flag or no packages named.
package driver

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/packages"
)

// Exit statuses.
const (
	ExitClean    = 0
	ExitError    = 1
	ExitUsage    = 2
	ExitFindings = 3
)

// Main runs the analyzers as a standalone tool, or as a go vet tool when
// go vet invokes it, and exits.
func Main(analyzers ...*analysis.Analyzer) {
	if vetInvocation(os.Args[1:]) {
		unitchecker.Main(analyzers...)
		return // not reached
	}
	os.Exit(Run(os.Args[0], os.Args[1:], analyzers, os.Stdout, os.Stderr))
}

// vetInvocation reports whether args are go vet's: a single *.cfg
// file, or the -V and -flags queries.
func vetInvocation(args []string) bool {
	for _, a := range args {
		switch strings.TrimLeft(a, "-") {
		case "flags", "V", "V=full":
			return strings.HasPrefix(a, "-")
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") && !strings.HasPrefix(args[len(args)-1], "-")
}

// options are the driver's own flags.
type options struct {
	json, fix, diff, tests, unusedDirectives bool
	format                                   string
	cpuprofile, memprofile, tracefile        string
	debug                                    string
	context                                  int
}

// Run runs the standalone driver on args and returns the exit status.
func Run(progname string, args []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(progname, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.BoolVar(&o.json, "json", false, "emit JSON output (go vet's shape); exit status 0")
	fs.StringVar(&o.format, "format", "text", "output format: text, json or sarif")
	fs.BoolVar(&o.fix, "fix", false, "apply all suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the changes as a unified diff instead of writing them")
	fs.BoolVar(&o.tests, "test", true, "also analyse test files")
	fs.BoolVar(&o.unusedDirectives, "unused-directives", false, "report //retryvet:ignore directives that silenced nothing, for checks that ran")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&o.memprofile, "memprofile", "", "write a memory profile to this file")
	fs.StringVar(&o.tracefile, "trace", "", "write a runtime trace to this file")
	fs.StringVar(&o.debug, "debug", "", "debug flags: t (time spent in each check), s (sanity-check facts), p (run sequentially)")
	fs.IntVar(&o.context, "c", -1, "display offending line with this many lines of context")
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range analyzers {
		t := new(triState)
		enabled[a] = t
		fs.Var(t, a.Name, "enable the "+a.Name+" check")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() {
		_, _ = fmt.Fprintf(stderr, "usage: %s [flags] packages...\n\nchecks:\n", progname)
		for _, a := range analyzers {
			_, _ = fmt.Fprintf(stderr, "  %-12s %s\n", a.Name, firstLine(a.Doc))
		}
		_, _ = fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitClean
		}
		return ExitUsage
	}
	if o.json {
		o.format = "json"
	}
	switch o.format {
	case "text", "json", "sarif":
	default:
		_, _ = fmt.Fprintf(stderr, "%s: unknown -format %q (text, json or sarif)\n", progname, o.format)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	if fs.Arg(0) == "help" {
		fs.Usage()
		return ExitClean
	}
	run := selected(analyzers, enabled)

	stop, err := startProfiles(o)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return ExitError
	}
	defer stop()

	res, status := analyzeInProcess(progname, fs.Args(), run, o, stderr)
	if res == nil {
		return status
	}
	findings := res.findings
	if o.fix {
		if err := applyFixes(findings, o.diff, stdout); err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		return status
	}
	switch o.format {
	case "json":
		if err := writeJSON(stdout, findings, res.errors); err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		return status // findings do not change the status, as in go vet
	case "sarif":
		if err := writeSARIF(stdout, run, findings); err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
	default:
		wd, _ := os.Getwd()
		writeText(stdout, findings, o.context, wd)
	}
	if len(findings) > 0 && status == ExitClean {
		status = ExitFindings
	}
	return status
}

// A result is what an engine produced for the packages named: the
// findings, deduplicated and sorted, and the errors of checks on
// packages.
type result struct {
	findings []*finding
	errors   []actionError
}

// analyzeInProcess loads the packages and runs the checks in this
// process. It returns a nil result when nothing could be analysed, with
// the exit status to use; otherwise the result and ExitClean, or
// ExitError when a package did not load or a check failed.
func analyzeInProcess(progname string, patterns []string, run []*analysis.Analyzer, o options, stderr io.Writer) (*result, int) {
	status := ExitClean
	pkgs, err := load(patterns, run, o.tests)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return nil, ExitError
	}
	if packages.PrintErrors(pkgs) > 0 {
		status = ExitError
	}
	if len(pkgs) == 0 {
		_, _ = fmt.Fprintf(stderr, "%s: no packages match %s\n", progname, strings.Join(patterns, " "))
		return nil, ExitError
	}

	g, err := checker.Analyze(run, pkgs, &checker.Options{
		Sequential:  strings.Contains(o.debug, "p"),
		SanityCheck: strings.Contains(o.debug, "s"),
	})
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return nil, ExitError
	}
	if strings.Contains(o.debug, "t") {
		printTimes(stderr, g)
	}
	res := &result{}
	for act := range g.All() {
		if act.Err == nil {
			continue
		}
		res.errors = append(res.errors, actionError{act.Package.ID, act.Analyzer.Name, act.Err.Error()})
		if act.IsRoot && !isSkipped(act.Err) {
			_, _ = fmt.Fprintf(stderr, "%s: %s: %v\n", progname, act, act.Err)
			status = ExitError
		}
	}
	res.findings = collect(g, pkgs)
	if o.unusedDirectives {
		res.findings = append(res.findings, unusedDirectives(g, pkgs)...)
		sortFindings(res.findings)
	}
	return res, status
}

// triState is an enable flag: unset, true or false.
type triState int8

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) IsBoolFlag() bool { return true }

func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (t *triState) Set(s string) error {
	switch s {
	case "true", "1", "t", "T", "TRUE", "True":
		*t = setTrue
	case "false", "0", "f", "F", "FALSE", "False":
		*t = setFalse
	default:
		return fmt.Errorf("invalid boolean %q", s)
	}
	return nil
}

// selected applies the enable flags as go vet does: if any check is
// enabled explicitly, only those run; otherwise all run but those
// disabled.
func selected(analyzers []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	anyTrue := false
	for _, t := range enabled {
		anyTrue = anyTrue || *t == setTrue
	}
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		switch t := *enabled[a]; {
		case anyTrue && t == setTrue, !anyTrue && t != setFalse:
			out = append(out, a)
		}
	}
	return out
}

// load loads the named packages, with every dependency from source when
// a check uses facts.
func load(patterns []string, analyzers []*analysis.Analyzer, tests bool) ([]*packages.Package, error) {
	mode := packages.LoadSyntax
	if needFacts(analyzers) {
		mode = packages.LoadAllSyntax
	}
	mode |= packages.NeedModule
	cfg := &packages.Config{Mode: mode, Tests: tests}
	return packages.Load(cfg, patterns...)
}

func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		return slices.ContainsFunc(a.Requires, visit)
	}
	return slices.ContainsFunc(analyzers, visit)
}

// isSkipped reports the error of an analysis skipped for a package that
// does not type-check, already reported as a load error.
func isSkipped(err error) bool {
	return strings.Contains(err.Error(), "analysis skipped due to errors in package")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func printTimes(w io.Writer, g *checker.Graph) {
	byName := make(map[string]int64)
	var names []string
	for act := range g.All() {
		if _, ok := byName[act.Analyzer.Name]; !ok {
			names = append(names, act.Analyzer.Name)
		}
		byName[act.Analyzer.Name] += int64(act.Duration)
	}
	slices.Sort(names)
	for _, n := range names {
		_, _ = fmt.Fprintf(w, "%-16s %8.3fs\n", n, float64(byName[n])/1e9)
	}
}

// startProfiles starts the profiles asked for and returns what stops
// them.
func startProfiles(o options) (func(), error) {
	var stops []func()
	stop := func() {
		for _, s := range slices.Backward(stops) {
			s()
		}
	}
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return stop, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return stop, err
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); _ = f.Close() })
	}
	if o.tracefile != "" {
		f, err := os.Create(o.tracefile)
		if err != nil {
			return stop, err
		}
		if err := trace.Start(f); err != nil {
			return stop, err
		}
		stops = append(stops, func() { trace.Stop(); _ = f.Close() })
	}
	if o.memprofile != "" {
		stops = append(stops, func() {
			f, err := os.Create(o.memprofile)
			if err != nil {
				return
			}
			runtime.GC()
			_ = pprof.WriteHeapProfile(f)
			_ = f.Close()
		})
	}
	return stop, nil
}

// A finding is one diagnostic of one check, with its positions and its
// fixes resolved to files and byte offsets: the form every engine
// (in-process, or go vet's JSON) produces and every output consumes.
type finding struct {
	pkg      string // ID of the first package that reported it
	check    string
	category string
	posn     token.Position
	end      token.Position
	message  string
	related  []related
	fixes    []fix
}

type related struct {
	posn    token.Position
	end     token.Position
	message string
}

// A fix is one suggested fix, its edits resolved to files and offsets.
type fix struct {
	message string
	edits   []fileEdit
}

// A fileEdit replaces bytes [start, end) of file with text.
type fileEdit struct {
	file       string
	start, end int
	text       string
}

// An actionError is the error of one check on one package.
type actionError struct {
	pkg, check, err string
}
