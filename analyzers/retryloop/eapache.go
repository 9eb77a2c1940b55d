package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/internal/match"
)

// pathEapache is github.com/eapache/go-resiliency/retrier: a Retrier made
// by New(backoffs, classifier) runs an operation with Run, RunCtx or
// RunFn.
const pathEapache = "github.com/eapache/go-resiliency/retrier"

// eapacheCall fills lc for a call of a Retrier's Run, RunCtx or RunFn:
// the operation, the context, and the policy of the Retrier it is
// called on.
func (r *recognizer) eapacheCall(lc *Call, call *ast.CallExpr, fnCur inspector.Cursor) {
	lc.Library = LibEapache
	if lc.Callee.Name() == "Run" {
		lc.OpExpr = argAt(call, 0)
	} else {
		lc.Ctx, lc.OpExpr = argAt(call, 0), argAt(call, 1)
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		r.eapacheRetrier(lc.Policy, sel.X, fnCur, call.Pos(), 0)
	}
}

// eapacheRetrier reads the policy of the Retrier x: the New call that
// made it (directly, chained, in a local's last definition, or the one
// value a field or package variable is ever assigned), WithInfiniteRetry
// chained or called on it, and SetJitter called on it (in the function,
// for a local; anywhere in the package, for a field).
func (r *recognizer) eapacheRetrier(p *Policy, x ast.Expr, fnCur inspector.Cursor, pos token.Pos, depth int) {
	if depth > 4 {
		return
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		fn := match.Callee(r.info, x)
		switch {
		case match.IsFunc(fn, pathEapache, "New"):
			r.eapacheBackoffs(p, argAt(x, 0), fnCur, x.Pos())
		case match.IsMethod(fn, pathEapache, "Retrier", "WithInfiniteRetry"), match.IsMethod(fn, pathEapache, "Retrier", "WithSurfaceWorkErrors"):
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				r.eapacheRetrier(p, sel.X, fnCur, pos, depth+1)
			}
			if fn.Name() == "WithInfiniteRetry" {
				p.Unlimited, p.MaxAttempts = true, 0
			}
		}
	case *ast.Ident, *ast.SelectorExpr:
		v, ok := match.ObjectOf(r.info, x).(*types.Var)
		if !ok || v.Pkg() != r.pass.Pkg {
			return
		}
		def, defCur, ok := r.valueOf(x, fnCur, pos)
		if !ok {
			return
		}
		r.eapacheRetrier(p, def, defCur, def.Pos(), depth+1)
		var scope ast.Node // a field or package variable: the whole package
		if v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField() {
			scope = fnBody(fnCur.Node())
		}
		r.eapacheModifiers(p, v, scope)
	}
}

// eapacheModifiers applies the SetJitter and WithInfiniteRetry calls made
// on the Retrier held by v, in scope or, when scope is nil, anywhere in
// the package.
func (r *recognizer) eapacheModifiers(p *Policy, v *types.Var, scope ast.Node) {
	visit := func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := match.Callee(r.info, call)
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || match.ObjectOf(r.info, sel.X) != v {
			return true
		}
		switch {
		case match.IsMethod(fn, pathEapache, "Retrier", "SetJitter"):
			// A jitter of (0, 1]; one the analysis cannot read may be.
			if f, ok := r.floatConst(argAt(call, 0)); !ok || f > 0 && f <= 1 {
				p.Jitter = true
			}
		case match.IsMethod(fn, pathEapache, "Retrier", "WithInfiniteRetry"):
			p.Unlimited, p.MaxAttempts = true, 0
		}
		return true
	}
	if scope != nil {
		ast.Inspect(scope, visit)
		return
	}
	for _, f := range r.pass.Files {
		ast.Inspect(f, visit)
	}
}

// eapacheBackoffs reads the backoff slice handed to New: ConstantBackoff,
// ExponentialBackoff or LimitedExponentialBackoff (n retries, n+1
// attempts), nil (no retry), or a variable assigned one.
func (r *recognizer) eapacheBackoffs(p *Policy, e ast.Expr, fnCur inspector.Cursor, pos token.Pos) {
	e = ast.Unparen(e)
	if e == nil {
		return
	}
	if match.IsNil(r.info, e) {
		p.Kind, p.Node, p.MaxAttempts = PolicyStop, e, 1
		return
	}
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := r.info.Uses[id].(*types.Var); ok {
			if def, _ := r.lastDef(v, fnCur, pos); def != nil {
				r.eapacheBackoffs(p, def, fnCur, def.Pos())
			}
		}
		return
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return
	}
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pathEapache {
		return
	}
	switch fn.Name() {
	case "ConstantBackoff":
		p.Kind = PolicyConstant
	case "ExponentialBackoff", "LimitedExponentialBackoff":
		p.Kind = PolicyExponential
	default:
		return
	}
	p.Node, p.Delay = call, argAt(call, 1)
	r.maxRetries(p, argAt(call, 0))
}
