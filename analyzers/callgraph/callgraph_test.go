package callgraph_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/internal/fixtures"
	"github.com/retryvet/retryvet/internal/match"
)

// exits is a test analyzer: it reports, on each declaration that
// reaches os.Exit, the shortest chain of calls that does.
var exits = &analysis.Analyzer{
	Name:     "exits",
	Doc:      "test: reports the shortest chain of calls from each function to os.Exit",
	Requires: []*analysis.Analyzer{callgraph.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		g := pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
		own := func(f *callgraph.Func) ([]string, bool) {
			for _, s := range f.Calls {
				if match.IsFunc(s.Callee, "os", "Exit") {
					return []string{f.Obj.Name(), "os.Exit"}, true
				}
			}
			return nil, false
		}
		via := func(f *callgraph.Func, s callgraph.Site, callee []string) ([]string, bool) {
			return append([]string{f.Obj.Name()}, callee...), true
		}
		imported := func(*types.Func) ([]string, bool) { return nil, false }
		vals := callgraph.Propagate(g, own, via, imported)
		for _, f := range g.Funcs {
			if g.Func(f.Obj) != f {
				pass.Reportf(f.Decl.Pos(), "Func does not find %s", f.Obj.Name())
			}
			if chain, ok := vals[f.Obj]; ok {
				pass.Reportf(f.Decl.Name.Pos(), "%s", strings.Join(chain, " -> "))
			}
			for _, s := range f.Calls {
				if !within(s.Call, f.Decl) {
					pass.Reportf(s.Call.Pos(), "call outside its declaration")
				}
			}
		}
		return nil, nil
	},
}

func within(n, outer ast.Node) bool { return outer.Pos() <= n.Pos() && n.End() <= outer.End() }

func TestPropagate(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), exits, "callgraph")
}
