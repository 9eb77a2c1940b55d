package fixedsleep

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/match"
)

// invariance decides whether a duration is loop-invariant
// (docs/model.md, Loop-invariant): made only of constants and of
// variables or fields not assigned inside the loop. Any call other than
// a conversion makes it variant.
type invariance struct {
	info *types.Info
	loop region
}

// A region is a loop or a helper body with the assignments made in it.
type region struct {
	node    ast.Node
	assigns map[types.Object][]ast.Expr // object -> initialisers (nil: not a single-value definition)
	escaped map[types.Object]bool       // address taken
}

func newInvariance(info *types.Info, loop ast.Stmt, lits map[types.Object]*ast.FuncLit) *invariance {
	return &invariance{info: info, loop: newRegion(info, loop, lits)}
}

// localFuncs returns the local variables of body that hold a function
// literal: assigned one once, and nothing else (grow := func() { d *=
// 2 }).
func localFuncs(info *types.Info, body *ast.BlockStmt) map[types.Object]*ast.FuncLit {
	lits := make(map[types.Object]*ast.FuncLit)
	other := make(map[types.Object]bool)
	if body == nil {
		return lits
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.AssignStmt, *ast.ValueSpec:
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
				obj := match.ObjectOf(info, lhs)
				if obj == nil {
					return
				}
				if lit, ok := ast.Unparen(rhs).(*ast.FuncLit); ok && !tuple && lits[obj] == nil {
					lits[obj] = lit
				} else {
					other[obj] = true
				}
			})
		}
		return true
	})
	for obj := range other {
		delete(lits, obj)
	}
	return lits
}

// newRegion collects the assignments inside n, function literals
// included (a closure that assigns a variable makes it variant), and
// those of the local function literals (lits) that n calls.
func newRegion(info *types.Info, n ast.Node, lits map[types.Object]*ast.FuncLit) region {
	r := region{node: n, assigns: make(map[types.Object][]ast.Expr), escaped: make(map[types.Object]bool)}
	add := func(lhs ast.Expr, init ast.Expr) {
		if obj := match.ObjectOf(info, lhs); obj != nil {
			r.assigns[obj] = append(r.assigns[obj], init)
		}
	}
	called := make(map[*ast.FuncLit]bool)
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			// grow() of grow := func() { d *= 2 }, declared before
			// the loop: its assignments are made in the loop.
			if lit := lits[match.ObjectOf(info, n.Fun)]; lit != nil && !called[lit] {
				called[lit] = true
				ast.Inspect(lit.Body, visit)
			}
		case *ast.AssignStmt, *ast.ValueSpec:
			// A plain assignment, definition or var spec records its
			// value; an operator assignment (d *= 2) or a tuple from a
			// call does not.
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
				if tuple || (tok != token.DEFINE && tok != token.ASSIGN && tok != token.VAR) {
					rhs = nil
				}
				add(lhs, rhs)
			})
		case *ast.IncDecStmt:
			add(n.X, nil)
		case *ast.RangeStmt:
			if n.Key != nil {
				add(n.Key, nil)
			}
			if n.Value != nil {
				add(n.Value, nil)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if obj := match.ObjectOf(info, n.X); obj != nil {
					r.escaped[obj] = true
				}
			}
		}
		return true
	}
	ast.Inspect(n, visit)
	return r
}

// waitInvariant reports whether the duration of w is loop-invariant.
func (iv *invariance) waitInvariant(w *retryloop.Wait) bool {
	if w.Kind != retryloop.WaitHelper {
		return iv.invariant(w.Duration, iv.loop, nil, 0)
	}
	helper := newRegion(iv.info, w.Helper.Body, nil)
	return iv.invariant(w.Duration, helper, w.Args, 0)
}

const maxDepth = 8

// invariant reports whether e, read in region r (the loop, or a helper
// whose parameters args binds to expressions of the loop), is the same
// on every iteration.
func (iv *invariance) invariant(e ast.Expr, r region, args map[*types.Var]ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	if tv, ok := iv.info.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return iv.invariant(e.X, r, args, depth+1)
	case *ast.UnaryExpr:
		return (e.Op == token.SUB || e.Op == token.ADD) && iv.invariant(e.X, r, args, depth+1)
	case *ast.BinaryExpr:
		return iv.invariant(e.X, r, args, depth+1) && iv.invariant(e.Y, r, args, depth+1)
	case *ast.CallExpr:
		return match.IsConversion(iv.info, e) && len(e.Args) == 1 && iv.invariant(e.Args[0], r, args, depth+1)
	case *ast.Ident:
		return iv.object(iv.info.Uses[e], r, args, depth)
	case *ast.SelectorExpr:
		if sel, ok := iv.info.Selections[e]; ok {
			if sel.Kind() != types.FieldVal {
				return false // a method value
			}
			return iv.object(sel.Obj(), r, args, depth) && iv.invariant(e.X, r, args, depth+1)
		}
		return iv.object(iv.info.Uses[e.Sel], r, args, depth) // a package member
	case *ast.IndexExpr:
		return iv.invariant(e.X, r, args, depth+1) && iv.invariant(e.Index, r, args, depth+1)
	}
	return false
}

// object reports whether a variable, field or constant read in region r
// is invariant.
func (iv *invariance) object(obj types.Object, r region, args map[*types.Var]ast.Expr, depth int) bool {
	switch obj := obj.(type) {
	case *types.Const, *types.Nil:
		return true
	case *types.Var:
		if arg, ok := args[obj]; ok {
			return iv.invariant(arg, iv.loop, nil, depth+1)
		}
		for _, reg := range []region{r, iv.loop} {
			if reg.escaped[obj] {
				return false
			}
		}
		inits := r.assigns[obj]
		declaredInside := obj.Pos() >= r.node.Pos() && obj.Pos() < r.node.End()
		if declaredInside {
			// A variable of the region: invariant when every value
			// assigned to it is (d := def; if cfg.Delay > 0 { d =
			// cfg.Delay }).
			if len(inits) == 0 {
				return false
			}
			for _, init := range inits {
				if init == nil || !iv.invariant(init, r, args, depth+1) {
					return false
				}
			}
			return true
		}
		if len(inits) > 0 || len(iv.loop.assigns[obj]) > 0 {
			return false
		}
		return true
	}
	return false
}
