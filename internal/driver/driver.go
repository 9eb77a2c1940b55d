// Package driver is retryvet's standalone analysis driver. It has two
// engines (engine.go): by default it runs go vet with its own executable
// as the vet tool and reads the findings from go vet's JSON (one package
// per process, dependencies from export data, results cached by go
// vet); -engine=inprocess (and -debug, the profiles) loads the packages and every
// dependency in this process with go/packages and
// golang.org/x/tools/go/analysis/checker. Both print the same. It names the
// check in text output, writes SARIF, applies suggested fixes with
// conflict detection, and removes the duplicate findings that a file
// analysed both in p and in p [p.test] produces. Findings go to
// standard output (in text, files below the working directory are named
// relative to it), errors to standard error.
//
// go vet's invocations of a vet tool (a *.cfg argument, -flags) go to
// unitchecker.Main, which speaks go vet's protocol; -V=full is answered
// here, with retryvet's version.
//
// Exit status: 0 no findings (and always with -json or -format=json, as
// go vet does), 3 findings, 1 packages that do not load or an analysis
// error, 2 a bad flag or no packages named. With -fix, the findings left
// (no fix, or a fix skipped) count; with -fix -diff, a non-empty diff
// too (the README's table has every combination). A check that panics is
// reported with its name, the package and the stack, with status 1.
// Running out of memory cannot be caught: the Go runtime prints "fatal
// error: runtime: out of memory" and exits 2.
package driver

import (
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"

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
	progname := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	args := os.Args[1:]
	guard(analyzers)
	if fullVersionQuery(args) {
		if err := printFullVersion(os.Stdout, progname); err != nil {
			_, _ = fmt.Fprintf(os.Stderr, "%s: %v\n", progname, err)
			os.Exit(ExitError)
		}
		os.Exit(ExitClean)
	}
	if vetInvocation(args) {
		engine := engineChild()
		sel, err := vetFlags(progname, args, analyzers, engine)
		if err != nil {
			if skipVetUnit(args) {
				os.Exit(ExitClean)
			}
			_, _ = fmt.Fprintf(os.Stderr, "%s: %v; %s\n", progname, err, vetUsageHint(progname))
			os.Exit(ExitUsage)
		}
		if engine {
			unitchecker.Main(engineAnalyzers(analyzers, sel, vetxOnly(args))...)
		}
		unitchecker.Main(named(analyzers)...)
		return // not reached
	}
	selfTool = true
	os.Exit(runGuarded(progname, args, analyzers))
}

// fullVersionQuery reports whether args are go vet's -V=full query.
func fullVersionQuery(args []string) bool {
	return len(args) == 1 && (args[0] == "-V=full" || args[0] == "--V=full")
}

// vetInvocation reports whether args are go vet's: a single *.cfg
// file, or the -V and -flags queries.
func vetInvocation(args []string) bool {
	for _, a := range args {
		switch strings.TrimLeft(a, "-") {
		case "flags":
			return strings.HasPrefix(a, "-")
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") && !strings.HasPrefix(args[len(args)-1], "-")
}

// options are the driver's own flags.
type options struct {
	json, fix, diff, tests, unusedDirectives bool
	inventory, verbose                       bool // -inventory, -v (inventory.go)
	format, sarifRoot, engine                string
	checks                                   map[string]bool // every check's name, run or not
	cpuprofile, memprofile, tracefile        string
	debug                                    string
	context                                  int
}

// Run runs the standalone driver on args and returns the exit status.
func Run(progname string, args []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	guard(analyzers)
	fs := flag.NewFlagSet(progname, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.BoolVar(&o.json, "json", false, "emit JSON output (go vet's shape); exit status 0")
	fs.StringVar(&o.format, "format", "text", "output format: text, json or sarif (with -inventory: text, json or markdown)")
	fs.StringVar(&o.sarifRoot, "sarif-root", rootVCS, "with -format=sarif, make file URIs relative to the version-control root (vcs) or the module root (module)")
	fs.BoolVar(&o.fix, "fix", false, "apply all suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the changes as a unified diff instead of writing them")
	fs.BoolVar(&o.tests, "test", true, "also analyse test files")
	fs.StringVar(&o.engine, "engine", engineAuto, "how to analyse: vet (go vet with this executable as its tool: one package per process, cached), inprocess (every package, and dependency, from source in this process), or auto: vet, but inprocess with -debug, the profiles or a GOPACKAGESDRIVER, and when go vet fails")
	fs.BoolVar(&o.unusedDirectives, "unused-directives", false, "report //retryvet:ignore directives that silenced nothing, for checks that ran")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&o.memprofile, "memprofile", "", "write a memory profile to this file")
	fs.StringVar(&o.tracefile, "trace", "", "write a runtime trace to this file")
	fs.StringVar(&o.debug, "debug", "", "debug flags: t (time spent in each check), s (sanity-check facts), p (run sequentially)")
	fs.IntVar(&o.context, "c", -1, "display offending line with this many lines of context")
	fs.BoolVar(&o.inventory, "inventory", false, "list every retry found, findings or not (text, -json or -format=markdown; docs/inventory.md), exit status 0")
	fs.BoolVar(&o.verbose, "v", false, "with -inventory, the details of each retry below its line")
	showVersion := fs.Bool("version", false, "print the version of retryvet and of Go, and exit")
	var vflag versionFlag
	fs.Var(&vflag, "V", "print the version and exit (-V=full: with a build ID, for go vet)")
	enabled := make(map[*analysis.Analyzer]*triState)
	o.checks = make(map[string]bool)
	for _, a := range analyzers {
		o.checks[a.Name] = true
		t := new(triState)
		enabled[a] = t
		fs.Var(t, a.Name, "enable the "+a.Name+" check")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	listChecks := fs.Bool("list", false, "list the checks, one a line, with their flags, and exit")
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	patterns, err := parseArgs(fs, args)
	switch {
	case err == flag.ErrHelp:
		usage(stdout, progname, analyzers, fs)
		return ExitClean
	case err != nil:
		usageError(stderr, progname, err)
		return ExitUsage
	}
	switch {
	case vflag.full:
		if err := printFullVersion(stdout, progname); err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		return ExitClean
	case *showVersion || vflag.set:
		_, _ = fmt.Fprintln(stdout, versionLine(progname))
		return ExitClean
	case *listChecks:
		list(stdout, analyzers)
		return ExitClean
	case len(patterns) > 0 && patterns[0] == "help":
		if err := help(stdout, progname, patterns[1:], analyzers, fs); err != nil {
			usageError(stderr, progname, err)
			return ExitUsage
		}
		return ExitClean
	}
	if o.json {
		o.format = "json"
	}
	if err := inventoryFlags(o); err != nil {
		usageError(stderr, progname, err)
		return ExitUsage
	}
	switch o.format {
	case "text", "json", "sarif":
	case "markdown":
	default:
		usageError(stderr, progname, fmt.Errorf("invalid value %q for flag -format: want text, json or sarif", o.format))
		return ExitUsage
	}
	if o.engine != engineAuto && o.engine != engineVet && o.engine != engineInProcess {
		usageError(stderr, progname, fmt.Errorf("invalid value %q for flag -engine: want auto, vet or inprocess", o.engine))
		return ExitUsage
	}
	if o.sarifRoot != rootVCS && o.sarifRoot != rootModule {
		usageError(stderr, progname, fmt.Errorf("invalid value %q for flag -sarif-root: want vcs or module", o.sarifRoot))
		return ExitUsage
	}
	switch {
	case o.diff && !o.fix:
		usageError(stderr, progname, errors.New("-diff shows what -fix would change: use -fix -diff"))
		return ExitUsage
	case o.diff && o.format != "text":
		usageError(stderr, progname, fmt.Errorf("-fix -diff writes a diff to standard output, which cannot also hold -format=%s", o.format))
		return ExitUsage
	}
	if len(patterns) == 0 {
		usageError(stderr, progname, errNoPatterns)
		return ExitUsage
	}
	run := selected(analyzers, enabled)
	var inv *analysis.Analyzer
	if o.inventory {
		run, inv = withInventory(run, analyzers)
	}

	stop, err := startProfiles(o)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return ExitError
	}
	defer stop()

	// The checks' own flags set, for the vet engine to pass on.
	var checkArgs []string
	fs.Visit(func(f *flag.Flag) {
		if check, _, ok := strings.Cut(f.Name, "."); ok && o.checks[check] {
			checkArgs = append(checkArgs, "-"+f.Name+"="+f.Value.String())
		}
	})
	res, status := analyze(progname, patterns, run, checkArgs, o, stderr)
	if res == nil {
		return status
	}
	findings := res.findings
	if inv != nil {
		if err := writeInventory(stdout, res.graph, inv, findings, o); err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		return status
	}
	remain := false // with -fix, whether findings remain unfixed
	if o.fix {
		rep, err := applyFixes(findings, res.files, o.diff, stdout, stderr)
		if err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: -fix: %v\n", progname, err)
			return ExitError
		}
		// What is left to report: the findings with no fix. A fix
		// skipped was said so on stderr.
		findings = slices.DeleteFunc(slices.Clone(findings), func(f *finding) bool { return len(f.fixes) > 0 })
		remain = len(findings) > 0 || rep.skipped > 0
		if rep.skipped > 0 || len(findings) > 0 {
			_, _ = fmt.Fprintf(stderr, "%s: -fix: %d %s applied, %d skipped; %d %s no fix\n", progname,
				rep.applied, plural(rep.applied, "fix", "fixes"), rep.skipped, len(findings), plural(len(findings), "finding has", "findings have"))
		}
		if o.diff {
			// stdout holds the diff: the findings left go to stderr.
			wd, _ := os.Getwd()
			writeText(stderr, findings, o.context, wd)
			if (rep.applied > 0 || remain) && status == ExitClean {
				status = ExitFindings // as go vet -fix -diff fails on a diff
			}
			return status
		}
	}
	switch o.format {
	case "json":
		if err := writeJSON(stdout, findings, res.errors); err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		return status // findings do not change the status, as in go vet
	case "sarif":
		wd, _ := os.Getwd()
		if err := writeSARIF(stdout, run, findings, sarifRoot(wd, o.sarifRoot), res.notices, status != ExitError); err != nil {
			_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
	default:
		wd, _ := os.Getwd()
		writeText(stdout, findings, o.context, wd)
	}
	if (len(findings) > 0 || remain) && status == ExitClean {
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
	// files are the Go files of the packages named, as analysed: the
	// only files -fix writes (filled with -fix only).
	files   map[string]*sourceFile
	notices []string       // the errors printed, for SARIF's notifications
	graph   *checker.Graph // the in-process engine's, for -inventory
}

// analyzeInProcess loads the packages and runs the checks in this
// process. It returns a nil result when nothing could be analysed, with
// the exit status to use; otherwise the result and ExitClean, or
// ExitError when a package did not load or a check failed.
func analyzeInProcess(progname string, patterns []string, run []*analysis.Analyzer, o options, stderr io.Writer) (*result, int) {
	status := ExitClean
	var rec *recorder
	if o.fix {
		rec = &recorder{files: make(map[string]*sourceFile)}
	}
	pkgs, err := load(patterns, run, o.tests, rec)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return nil, ExitError
	}
	loadErrs := printLoadErrors(stderr, progname, pkgs)
	if len(loadErrs) > 0 {
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
	res := &result{notices: loadErrs, graph: g}
	for act := range g.All() {
		if act.Err == nil {
			continue
		}
		res.errors = append(res.errors, actionError{act.Package.ID, act.Analyzer.Name, act.Err.Error()})
		if act.IsRoot && !isSkipped(act.Err) {
			msg := fmt.Sprintf("%s: %s: %v", progname, act, act.Err)
			_, _ = fmt.Fprintln(stderr, msg)
			res.notices = append(res.notices, msg)
			status = ExitError
		}
	}
	res.findings = collect(g, pkgs)
	if rec != nil {
		res.files = rec.roots(pkgs)
	}
	res.findings = append(res.findings, directiveFindings(g, o.checks, o.unusedDirectives)...)
	sortFindings(res.findings)
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
// When rec is not nil it records every file parsed.
func load(patterns []string, analyzers []*analysis.Analyzer, tests bool, rec *recorder) ([]*packages.Package, error) {
	mode := packages.LoadSyntax
	if needFacts(analyzers) {
		mode = packages.LoadAllSyntax
	}
	mode |= packages.NeedModule
	cfg := &packages.Config{Mode: mode, Tests: tests}
	if rec != nil {
		cfg.ParseFile = rec.parse
	}
	return packages.Load(cfg, patterns...)
}

// A recorder remembers the size and hash of each file as it is parsed,
// so that -fix can tell a file changed since.
type recorder struct {
	mu    sync.Mutex
	files map[string]*sourceFile
}

func (r *recorder) parse(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	sf := newSourceFile(src)
	r.mu.Lock()
	r.files[filename] = sf
	r.mu.Unlock()
	return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
}

// roots returns the recorded files that are Go files of pkgs as the
// user wrote them (not cgo's generated files), with the names their
// imports declare.
func (r *recorder) roots(pkgs []*packages.Package) map[string]*sourceFile {
	out := make(map[string]*sourceFile)
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			name := p.Fset.File(f.FileStart).Name()
			sf := r.files[name]
			if sf == nil || !slices.Contains(p.GoFiles, name) {
				continue
			}
			for _, spec := range f.Imports {
				path, err := strconv.Unquote(spec.Path.Value)
				if p.TypesInfo == nil || err != nil {
					continue
				}
				if pn := p.TypesInfo.PkgNameOf(spec); pn != nil {
					sf.imports[path] = pn.Name()
				}
			}
			out[name] = sf
		}
	}
	return out
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
		// Created now, written at the end: a path that cannot be
		// written is an error before the work, not silence after it.
		f, err := os.Create(o.memprofile)
		if err != nil {
			return stop, err
		}
		stops = append(stops, func() {
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
	// source is posn in the file as read, ignoring //line directives
	// (which may name any file): where -c reads the lines it prints.
	source  token.Position
	end     token.Position
	message string
	related []related
	fixes   []fix
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
