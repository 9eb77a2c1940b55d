package robustness

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/suite"
)

// analyze loads patterns in dir and runs every check; it fails the test
// on an analysis error (a panic would crash it) and returns the number
// of findings per check.
func analyze(t testing.TB, dir string, tests, facts bool, patterns ...string) map[string]int {
	t.Helper()
	mode := packages.LoadSyntax // dependencies from export data
	if facts {
		mode = packages.LoadAllSyntax
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Dir: dir, Tests: tests}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
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

// TestLinear checks that the work on pathological input grows linearly
// (behind RETRYVET_SWEEP=1, which .ci/run sets: it takes minutes):
// the allocations of loading and analysing the input at twice the size
// are at most about twice as many (a count, not a time).
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			allocs := func(n int) float64 {
				dir := write(t, tc.gen(n))
				return testing.AllocsPerRun(1, func() {
					counts := analyze(t, dir, false, false, ".")
					if counts["fixedsleep"] == 0 {
						t.Errorf("size %d: the generated retry loops were not seen", n)
					}
				})
			}
			small, large := allocs(tc.n), allocs(2*tc.n)
			if ratio := large / small; ratio > 2.5 {
				t.Errorf("allocations grow %.2fx for twice the input (%.0f, %.0f): not linear", ratio, small, large)
			} else {
				t.Logf("allocations %.0f -> %.0f (%.2fx) for %d -> %d", small, large, ratio, tc.n, 2*tc.n)
			}
		})
	}
}

// FuzzChecks mutates fixture sources and runs every check on what
// parses, well-typed or not: no panic, no analysis error. It
// type-checks in process (imports from source, cached across inputs) so
// that each input costs milliseconds, not a go list.
func FuzzChecks(f *testing.F) {
	for _, fixture := range []string{
		"../../testdata/src/retryable/errors.go",
		"../../testdata/src/backoff/backoff.go",
		"../../testdata/src/retrybody/loops.go",
		"../../testdata/src/unbounded/loops.go",
		"../../testdata/src/ctxerr/classified.go",
	} {
		data, err := os.ReadFile(fixture)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add(manyLoops(3))
	f.Add(deepNest(5))
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	path := filepath.Join(f.TempDir(), "fuzz.go")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := parser.ParseFile(fset, path, src, parser.ParseComments)
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
		g, err := checker.Analyze(suite.Analyzers(false), []*packages.Package{pkg}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for act := range g.All() {
			if act.Err != nil && !strings.Contains(act.Err.Error(), "analysis skipped due to errors") {
				t.Errorf("%s: %v", act, act.Err)
			}
		}
	})
}
