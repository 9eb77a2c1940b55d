// Package callgraph defines an Analyzer that records, for each function
// declaration of a package, the calls its body makes, and a fixpoint
// over those calls that the fact-exporting checks share: a property of a
// function that follows from its own body or from a function it calls
// (a side effect, a retry helper) is computed once per package, in
// rounds, so that each function gets the shortest chain of calls.
//
// It reports nothing.
package callgraph

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer builds the package's *Graph.
var Analyzer = &analysis.Analyzer{
	Name:             "callgraph",
	Doc:              "records the calls of each function declaration for the retryvet checks; reports nothing",
	URL:              "https://pkg.go.dev/github.com/retryvet/retryvet/analyzers/callgraph",
	Requires:         []*analysis.Analyzer{inspect.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Graph](),
}

// A Graph holds the function declarations of a package with a body and
// the calls each makes. It is shared and must not be modified.
type Graph struct {
	// Funcs are the declarations in source order.
	Funcs []*Func
	byObj map[*types.Func]*Func
	byPos []*Func // Funcs sorted by position, for Enclosing
}

// Enclosing returns the declaration that holds n, or nil.
func (g *Graph) Enclosing(n ast.Node) *Func {
	// The last declaration starting at or before n.
	i, _ := slices.BinarySearchFunc(g.byPos, n.Pos(), func(f *Func, p token.Pos) int {
		if f.Decl.Pos() <= p {
			return -1
		}
		return 1
	})
	if i == 0 {
		return nil
	}
	if f := g.byPos[i-1]; n.End() <= f.Decl.End() {
		return f
	}
	return nil
}

// Func returns the declaration of fn in this package, or nil.
func (g *Graph) Func(fn *types.Func) *Func {
	if fn == nil {
		return nil
	}
	return g.byObj[fn.Origin()]
}

// A Func is a function or method declaration.
type Func struct {
	Obj  *types.Func
	Decl *ast.FuncDecl
	// Calls are the calls in the body, function literals included, in
	// source order.
	Calls []Site
}

// A Site is one call.
type Site struct {
	Call *ast.CallExpr
	// Callee is the function or concrete method called (its generic
	// origin), or nil for a call of a func value, an interface method,
	// a builtin or a conversion.
	Callee *types.Func
}

func run(pass *analysis.Pass) (any, error) {
	g := &Graph{byObj: make(map[*types.Func]*Func)}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var cur *Func
	for c := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			cur = nil
			obj, _ := pass.TypesInfo.Defs[n.Name].(*types.Func)
			if obj == nil || n.Body == nil {
				continue
			}
			cur = &Func{Obj: obj, Decl: n}
			g.Funcs = append(g.Funcs, cur)
			g.byObj[obj] = cur
		case *ast.CallExpr:
			if cur == nil || n.Pos() < cur.Decl.Pos() || n.End() > cur.Decl.End() {
				continue // a call outside any declaration
			}
			s := Site{Call: n}
			if fn := typeutil.StaticCallee(pass.TypesInfo, n); fn != nil {
				s.Callee = fn.Origin()
			}
			cur.Calls = append(cur.Calls, s)
		}
	}
	g.byPos = slices.Clone(g.Funcs)
	slices.SortFunc(g.byPos, func(a, b *Func) int { return cmp.Compare(a.Decl.Pos(), b.Decl.Pos()) })
	return g, nil
}

// Propagate computes a value for functions of g in rounds. Round zero
// asks own for the value a function has by its own body. Each later
// round, a function still without a value asks via, for each of its
// calls of a function that already has one (from an earlier round, or
// imported for a function of another package), whether the call gives
// it a value; the first call that does decides. It stops when a round
// adds nothing.
//
// own and via may decline (false). via is never called for a value the
// function got in the same round, so the value a function gets comes
// from a shortest chain of calls.
func Propagate[T any](g *Graph, own func(*Func) (T, bool), via func(f *Func, s Site, callee T) (T, bool), imported func(*types.Func) (T, bool)) map[*types.Func]T {
	vals := make(map[*types.Func]T)
	for _, f := range g.Funcs {
		if v, ok := own(f); ok {
			vals[f.Obj] = v
		}
	}
	type found struct {
		fn *types.Func
		v  T
	}
	cache := make(map[*types.Func]*T)
	lookup := func(fn *types.Func) (T, bool) {
		if v, ok := vals[fn]; ok {
			return v, true
		}
		if g.byObj[fn] != nil {
			var zero T
			return zero, false // declared here, no value yet
		}
		if p, ok := cache[fn]; ok {
			if p == nil {
				var zero T
				return zero, false
			}
			return *p, true
		}
		v, ok := imported(fn)
		if ok {
			cache[fn] = &v
		} else {
			cache[fn] = nil
		}
		return v, ok
	}
	for {
		var round []found
		for _, f := range g.Funcs {
			if _, ok := vals[f.Obj]; ok {
				continue
			}
			for _, s := range f.Calls {
				if s.Callee == nil || s.Callee == f.Obj {
					continue
				}
				cv, ok := lookup(s.Callee)
				if !ok {
					continue
				}
				if v, ok := via(f, s, cv); ok {
					round = append(round, found{f.Obj, v})
					break
				}
			}
		}
		if len(round) == 0 {
			return vals
		}
		for _, r := range round {
			vals[r.fn] = r.v
		}
	}
}
