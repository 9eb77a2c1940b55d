package robustness

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/suite"
)

// analyze loads patterns in dir and runs every check; it fails the test
// on an analysis error (a panic would crash it) and returns the number
// of findings per check.
func analyze(t testing.TB, dir string, tests, facts bool, patterns ...string) map[string]int {
	t.Helper()
	return run(t, load(t, dir, tests, facts, patterns...), facts)
}

// load loads patterns in dir, with dependencies from export data unless
// facts.
func load(t testing.TB, dir string, tests, facts bool, patterns ...string) []*packages.Package {
	t.Helper()
	mode := packages.LoadSyntax // dependencies from export data
	if facts {
		mode = packages.LoadAllSyntax
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Dir: dir, Tests: tests}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// run runs every check on pkgs; it fails the test on an analysis error
// and returns the number of findings per check.
func run(t testing.TB, pkgs []*packages.Package, facts bool) map[string]int {
	t.Helper()
	g, err := checker.Analyze(suite.Analyzers(facts), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	counts := make(map[string]int)
	for act := range g.All() {
		if act.Err != nil && !strings.Contains(act.Err.Error(), "analysis skipped due to errors") {
			t.Errorf("%s: %v", act, act.Err)
		}
		if act.IsRoot {
			counts[act.Analyzer.Name] += len(act.Diagnostics)
		}
	}
	return counts
}

// TestSweep runs every check over GOROOT/src, std and cmd, tests
// included: no panic, no analysis error. It logs the findings per check
// (docs/performance.md records them). Set RETRYVET_SWEEP=1 to run it.
func TestSweep(t *testing.T) {
	if os.Getenv("RETRYVET_SWEEP") != "1" {
		t.Skip("set RETRYVET_SWEEP=1 to sweep GOROOT/src")
	}
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "src")
	for _, tc := range []struct{ dir, pattern string }{{src, "std"}, {filepath.Join(src, "cmd"), "./..."}} {
		counts := analyze(t, tc.dir, true, true, tc.pattern)
		t.Logf("%s: findings per check: %v", tc.pattern, counts)
	}
}

// write makes a module in a temporary directory holding one file.
func write(t testing.TB, src string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{"go.mod": "module gen\n\ngo 1.26\n", "gen.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const header = `package gen

import (
	"context"
	"errors"
	"time"
)

var errBusy = errors.New("busy")

var call func(context.Context) error

`

// longFunc is one function of about n lines: a retry loop whose body
// is n statements long.
func longFunc(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("func long(ctx context.Context) error {\n\tx := 0\n\tfor attempt := 0; attempt < 5; attempt++ {\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tx += %d\n", i)
	}
	b.WriteString("\t\tif err := call(ctx); err == nil {\n\t\t\treturn nil\n\t\t}\n\t\ttime.Sleep(time.Second)\n\t}\n\t_ = x\n\treturn errBusy\n}\n")
	return b.String()
}

// deepNest is a retry loop whose wait is an expression nested n deep
// (go/parser refuses blocks nested 1,000 deep: "exceeded max scope
// depth"; expressions it takes), under ifs nested n/4 deep.
func deepNest(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("func deep(ctx context.Context, x int) error {\n\tfor attempt := 0; attempt < 5; attempt++ {\n")
	b.WriteString("if err := call(ctx); err == nil {\nreturn nil\n}\n")
	for i := range n / 4 {
		fmt.Fprintf(&b, "if x > %d {\nx++\n", i)
	}
	b.WriteString(strings.Repeat("}\n", n/4))
	b.WriteString("time.Sleep(time.Second * time.Duration(" + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + "))\n}\nreturn errBusy\n}\n")
	return b.String()
}

// manyLoops is n retry loops in one file, one function each.
func manyLoops(n int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, "func f%d(ctx context.Context) error {\n\tfor attempt := 0; attempt < 5; attempt++ {\n\t\tif err := call(ctx); err == nil {\n\t\t\treturn nil\n\t\t}\n\t\ttime.Sleep(time.Second)\n\t}\n\treturn errBusy\n}\n", i)
	}
	return b.String()
}

// ifElse is one retry loop holding n sequential if/else statements.
func ifElse(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("func ifs(ctx context.Context, x int) error {\n\tfor attempt := 0; attempt < 5; attempt++ {\n\t\tif err := call(ctx); err == nil {\n\t\t\treturn nil\n\t\t}\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tif x > %d {\n\t\t\tx++\n\t\t} else {\n\t\t\tx--\n\t\t}\n", i)
	}
	b.WriteString("\t\ttime.Sleep(time.Second)\n\t}\n\treturn errBusy\n}\n")
	return b.String()
}

// elseIfChain is one retry loop holding an else-if chain of n branches.
func elseIfChain(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("func chain(ctx context.Context, x int) error {\n\tfor attempt := 0; attempt < 5; attempt++ {\n\t\tif err := call(ctx); err == nil {\n\t\t\treturn nil\n\t\t}\n\t\t")
	for i := range n {
		fmt.Fprintf(&b, "if x == %d {\n\t\t\tx++\n\t\t} else ", i)
	}
	b.WriteString("{\n\t\t\tx--\n\t\t}\n\t\ttime.Sleep(time.Second)\n\t}\n\treturn errBusy\n}\n")
	return b.String()
}

// switchSleeps is one retry loop holding a switch of n cases, each with
// a sleep.
func switchSleeps(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("func cases(ctx context.Context, x int) error {\n\tfor attempt := 0; attempt < 5; attempt++ {\n\t\tif err := call(ctx); err == nil {\n\t\t\treturn nil\n\t\t}\n\t\tswitch x {\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tcase %d:\n\t\t\ttime.Sleep(%d * time.Second)\n", i, i%7+1)
	}
	b.WriteString("\t\t}\n\t}\n\treturn errBusy\n}\n")
	return b.String()
}

// loopsInOneFunc is n retry loops in one function, each making a
// context with a deferred cancel and sleeping: every check's
// per-loop and per-fix work sees the whole function.
func loopsInOneFunc(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("func many(ctx context.Context) error {\n\tbg := context.Background()\n")
	for range n {
		b.WriteString("\tfor attempt := 0; attempt < 5; attempt++ {\n\t\tactx, cancel := context.WithTimeout(bg, time.Second)\n\t\tdefer cancel()\n\t\tif err := call(actx); err == nil {\n\t\t\tbreak\n\t\t}\n\t\ttime.Sleep(2 * time.Second)\n\t}\n")
	}
	b.WriteString("\treturn errBusy\n}\n")
	return b.String()
}

// TestLinear checks that the work on pathological input grows linearly
// (behind RETRYVET_SWEEP=1, which .ci/run sets: it takes minutes): for
// twice the input, the allocations of analysing it are at most 2.5
// times as many, and, with RETRYVET_TIMING=1 (on an idle machine), the
// CPU time of the analysis (the lesser of two runs, loading excluded)
// at most 2.2 times as long, when it is long enough to time (0.1s).
func TestLinear(t *testing.T) {
	if os.Getenv("RETRYVET_SWEEP") != "1" {
		t.Skip("set RETRYVET_SWEEP=1 to analyse large generated inputs (minutes)")
	}
	for _, tc := range []struct {
		name string
		gen  func(int) string
		n    int
	}{
		{"a 50,000-line function", longFunc, 25000},
		{"nesting 1,000 deep", deepNest, 500},
		{"10,000 loops in one file", manyLoops, 5000},
		{"5,000 if/else in one retry loop", ifElse, 2500},
		{"an else-if chain of 900 branches", elseIfChain, 450},
		{"a switch of 10,000 cases with a sleep each", switchSleeps, 5000},
		{"2,000 retry loops in one function", loopsInOneFunc, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			timing := os.Getenv("RETRYVET_TIMING") == "1"
			measure := func(n int) (allocs, cpu float64) {
				pkgs := load(t, write(t, tc.gen(n)), false, false, ".")
				allocs, cpu = math.Inf(1), math.Inf(1)
				// The best of three runs steadies the CPU time, which
				// only RETRYVET_TIMING=1 checks; allocations hardly vary,
				// and one run of each size keeps .ci/run under ten
				// minutes.
				runs := 1
				if timing {
					runs = 3
				}
				for range runs {
					var before, after runtime.MemStats
					runtime.GC() // each run starts from the same heap
					runtime.ReadMemStats(&before)
					// The collector's work depends on what else is
					// live and when it runs: off while timing.
					gc := debug.SetGCPercent(-1)
					start := cpuTime(t)
					counts := run(t, pkgs, false)
					cpu = min(cpu, cpuTime(t)-start)
					debug.SetGCPercent(gc)
					runtime.ReadMemStats(&after)
					allocs = min(allocs, float64(after.Mallocs-before.Mallocs))
					if counts["fixedsleep"] == 0 {
						t.Fatalf("size %d: the generated retry loops were not seen", n)
					}
				}
				return allocs, cpu
			}
			smallA, smallT := measure(tc.n)
			largeA, largeT := measure(2 * tc.n)
			if ratio := largeA / smallA; ratio > 2.5 {
				t.Errorf("allocations grow %.2fx for twice the input (%.0f, %.0f): not linear", ratio, smallA, largeA)
			}
			switch {
			case !timing && largeT >= 0.5 && largeT/smallT > 3.5:
				// CPU time on a shared machine is noisy, but not by
				// 1.75x: this is work that grows with the square of the
				// input (a switch whose waits each walked the loop
				// body went from 4.6s to 18.8s).
				t.Errorf("CPU time grows %.2fx for twice the input (%.2fs, %.2fs): quadratic", largeT/smallT, smallT, largeT)
			case !timing:
				// Within the noise of a shared machine: logged only.
			case largeT < 0.1:
				t.Logf("analysis too quick to time (%.3fs at the larger size)", largeT)
			case largeT/smallT > 2.2:
				t.Errorf("CPU time grows %.2fx for twice the input (%.2fs, %.2fs): not linear", largeT/smallT, smallT, largeT)
			}
			t.Logf("%d -> %d: allocations %.0f -> %.0f (%.2fx), CPU %.2fs -> %.2fs (%.2fx)", tc.n, 2*tc.n, smallA, largeA, largeA/smallA, smallT, largeT, largeT/smallT)
		})
	}
}

// cpuTime is the CPU time the process has used, in seconds.
func cpuTime(t testing.TB) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// FuzzChecks mutates fixture sources and runs every check, in both
// builds (with facts, the default, and -facts=false), on what parses,
// well-typed or not: no panic, no analysis error, no input that takes
// more than fuzzTimeout. Each input is type-checked in process against
// export data of the packages the fixtures import (std and the stubs
// under testdata/src), loaded once per process, so that it costs
// milliseconds: neither a go list nor std from source. A check that
// panics fails the input with the stack instead of killing the fuzzing
// process, so the input is kept.
func FuzzChecks(f *testing.F) {
	var imports []string
	for _, fixture := range []string{
		"../../testdata/src/retryable/errors.go",
		"../../testdata/src/backoff/backoff.go",
		"../../testdata/src/retrybody/loops.go",
		"../../testdata/src/unbounded/loops.go",
		"../../testdata/src/ctxerr/classified.go",
		"../../testdata/src/ctxerr/fix.go",
		"../../testdata/src/loopctx/defer_cancel.go",
		"../../testdata/src/fixedsleep/fixedsleep.go",
		"../../testdata/src/idempotency/idempotency.go",
	} {
		data, err := os.ReadFile(fixture)
		if err != nil {
			continue // a fixture renamed: fewer seeds
		}
		f.Add(string(data))
		if file, err := parser.ParseFile(token.NewFileSet(), fixture, data, parser.ImportsOnly); err == nil {
			for _, imp := range file.Imports {
				if path, err := strconv.Unquote(imp.Path.Value); err == nil {
					imports = append(imports, path)
				}
			}
		}
	}
	f.Add(manyLoops(3))
	f.Add(deepNest(5))
	f.Add(loopsInOneFunc(3))
	f.Add(switchSleeps(5))
	fset := token.NewFileSet()
	imp := exportImporter(f, fset, append(imports, "context", "errors", "fmt", "io", "net/http", "database/sql", "math/rand", "strings", "sync", "time"))
	builds := [][]*analysis.Analyzer{guarded(suite.Analyzers(true)), guarded(suite.Analyzers(false))}
	path := filepath.Join(f.TempDir(), "fuzz.go")
	kept := countFiles(fset) // the export data's
	f.Fuzz(func(t *testing.T, src string) {
		// The file set is shared with the export data, for the imported
		// objects' positions; each input's file leaves it afterwards, or
		// a worker grows by some 170 MB a minute until it is killed.
		if n := countFiles(fset); n != kept {
			t.Fatalf("the file set holds %d files, %d more than the export data's: an earlier input's file was kept", n, n-kept)
		}
		base := fset.Base()
		file, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if tf := fset.File(token.Pos(base)); tf != nil {
			defer fset.RemoveFile(tf)
		}
		if err != nil || file == nil {
			return // nothing to analyse
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		info := &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			Scopes:       make(map[ast.Node]*types.Scope),
			Instances:    make(map[*ast.Ident]types.Instance),
			FileVersions: make(map[*ast.File]string),
		}
		var typeErrs []packages.Error
		conf := types.Config{Importer: imp, Error: func(err error) {
			typeErrs = append(typeErrs, packages.Error{Msg: err.Error(), Kind: packages.TypeError})
		}}
		tpkg, _ := conf.Check("fuzz", fset, []*ast.File{file}, info)
		pkg := &packages.Package{
			ID: "fuzz", Name: file.Name.Name, PkgPath: "fuzz",
			GoFiles: []string{path}, CompiledGoFiles: []string{path},
			Fset: fset, Syntax: []*ast.File{file}, Types: tpkg, TypesInfo: info,
			TypesSizes: types.SizesFor("gc", "amd64"), Errors: typeErrs, IllTyped: len(typeErrs) > 0,
		}
		for _, analyzers := range builds {
			done := make(chan error, 1)
			go func() {
				g, err := checker.Analyze(analyzers, []*packages.Package{pkg}, &checker.Options{Sequential: true})
				if err == nil {
					for act := range g.All() {
						if act.Err != nil && !strings.Contains(act.Err.Error(), "analysis skipped due to errors") {
							err = fmt.Errorf("%s: %v", act, act.Err)
							break
						}
					}
				}
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(fuzzTimeout):
				t.Fatalf("analysis took more than %v", fuzzTimeout)
			}
		}
	})
}

// countFiles returns the number of files in fset.
func countFiles(fset *token.FileSet) int {
	n := 0
	fset.Iterate(func(*token.File) bool { n++; return true })
	return n
}

// TestMain limits the fuzzer's minimisation of an input to 200 runs
// unless -fuzzminimizetime is given. The default, a minute, is spent in
// full on almost every input FuzzChecks finds (a mutated source file
// reaches new coverage in go/parser or go/types nearly every time, and
// a file of some kilobytes takes the minimiser thousands of cuts), and
// meanwhile the fuzzer counts no executions: a run looked stuck at a
// dozen a minute while it analysed some 1,800 inputs a second, all of
// them cuts of one input. A crasher is still written out, less
// minimised.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", "200x"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

// fuzzTimeout is the longest one fuzz input may take to analyse.
const fuzzTimeout = 20 * time.Second

// exportImporter returns an importer of the packages paths and their
// dependencies, from export data (go list -export), in the GOPATH tree
// testdata so that the fixtures' library stubs resolve; a path that does
// not load is not importable.
func exportImporter(f *testing.F, fset *token.FileSet, paths []string) types.Importer {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		f.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps,
		Fset: fset,
		Dir:  filepath.Join(testdata, "src"),
		Env:  append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		f.Fatal(err)
	}
	byPath := make(map[string]*types.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types != nil && p.Types.Complete() {
			byPath[p.PkgPath] = p.Types
		}
	})
	if byPath["net/http"] == nil || byPath["context"] == nil {
		f.Fatalf("export data of std not loaded: %d packages", len(byPath))
	}
	return importerFunc(func(path string) (*types.Package, error) {
		if p := byPath[path]; p != nil {
			return p, nil
		}
		return nil, fmt.Errorf("package %q is not available to the fuzzer", path)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// guardedAnalyzers are the analyzers whose Run recovers panics.
var guardedAnalyzers sync.Map

// guarded makes every analyzer of as, and each it requires, turn a panic
// into an error with the stack, and returns as.
func guarded(as []*analysis.Analyzer) []*analysis.Analyzer {
	for _, a := range as {
		if _, done := guardedAnalyzers.LoadOrStore(a, true); done {
			continue
		}
		run := a.Run
		a.Run = func(pass *analysis.Pass) (res any, err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
				}
			}()
			return run(pass)
		}
		guarded(a.Requires)
	}
	return as
}

// TestShapeProfile analyses one generated shape at the size in
// RETRYVET_SHAPE=name:n, for profiling (go test -cpuprofile).
func TestShapeProfile(t *testing.T) {
	spec := os.Getenv("RETRYVET_SHAPE")
	if spec == "" {
		t.Skip("set RETRYVET_SHAPE=name:n")
	}
	name, size, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(size)
	if err != nil {
		t.Fatal(err)
	}
	gen := map[string]func(int) string{"ifelse": ifElse, "chain": elseIfChain, "switch": switchSleeps, "loops": loopsInOneFunc, "long": longFunc, "deep": deepNest, "many": manyLoops}[name]
	dir := write(t, gen(n))
	start := time.Now()
	counts := analyze(t, dir, false, false, ".")
	t.Logf("%s: %v, findings %v", spec, time.Since(start), counts)
}
