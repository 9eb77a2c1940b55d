package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/internal/match"
)

// failsafe-go: an Executor made by failsafe.With(policies...) runs an
// operation with Run, Get, RunWithExecution or GetWithExecution; it
// retries when one of its policies is a retrypolicy.RetryPolicy.
// Before v0.9 the same runs were package functions taking the
// policies after the operation (failsafe.Get(fn, policies...)), the
// executor was made by NewExecutor, and a policy by
// retrypolicy.Builder (a RetryPolicyBuilder, whose HandleIf and
// WithDelay are declared on generic builders of package failsafe);
// both APIs are read.
const (
	pathFailsafe      = "github.com/failsafe-go/failsafe-go"
	pathFailsafeRetry = "github.com/failsafe-go/failsafe-go/retrypolicy"
)

// isFailsafeRun reports a synchronous run of a failsafe Executor, or
// of the package function of the same name (before v0.9).
func isFailsafeRun(fn *types.Func) bool {
	switch fn.Name() {
	case "Run", "Get", "RunWithExecution", "GetWithExecution":
		return match.IsMethod(fn, pathFailsafe, "Executor", fn.Name()) || match.IsFunc(fn, pathFailsafe, fn.Name())
	}
	return false
}

// failsafeCall fills lc for a run of a failsafe Executor, and reports
// whether the Executor retries: one of the policies handed to With (or
// Compose) is a RetryPolicy, whose configuration is read as far as it
// can be seen.
func (r *recognizer) failsafeCall(lc *Call, call *ast.CallExpr, fnCur inspector.Cursor) bool {
	lc.Library, lc.OpExpr = LibFailsafe, argAt(call, 0)
	if match.IsFunc(lc.Callee, pathFailsafe, lc.Callee.Name()) {
		// failsafe.Get(fn, policies...): no context, the policies follow
		// the operation.
		return r.failsafePolicies(lc, call.Args[1:], call.Ellipsis.IsValid(), fnCur, call.Pos(), 0)
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && r.failsafeExecutor(lc, sel.X, fnCur, call.Pos(), 0)
}

func (r *recognizer) failsafeExecutor(lc *Call, x ast.Expr, fnCur inspector.Cursor, pos token.Pos, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		fn := match.Callee(r.info, x)
		if match.IsFunc(fn, pathFailsafe, "With") || match.IsFunc(fn, pathFailsafe, "NewExecutor") {
			return r.failsafePolicies(lc, x.Args, x.Ellipsis.IsValid(), fnCur, pos, depth)
		}
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pathFailsafe {
			return false
		}
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		switch fn.Name() {
		case "WithContext":
			if lc.Ctx == nil { // the outermost WithContext is the one in force
				lc.Ctx = argAt(x, 0)
			}
		case "Compose":
			composed := r.failsafePolicy(lc.Policy, argAt(x, 0), fnCur, pos, depth+1)
			return r.failsafeExecutor(lc, sel.X, fnCur, pos, depth+1) || composed
		}
		return r.failsafeExecutor(lc, sel.X, fnCur, pos, depth+1)
	case *ast.Ident, *ast.SelectorExpr:
		def, defCur, ok := r.valueOf(x, fnCur, pos)
		return ok && r.failsafeExecutor(lc, def, defCur, def.Pos(), depth+1)
	}
	return false
}

// failsafePolicies reads the policies handed to With, NewExecutor or a
// package-level run, and reports whether one is a RetryPolicy.
func (r *recognizer) failsafePolicies(lc *Call, args []ast.Expr, spread bool, fnCur inspector.Cursor, pos token.Pos, depth int) bool {
	if spread {
		return false // policies built elsewhere
	}
	retries := false
	for _, a := range args {
		retries = r.failsafePolicy(lc.Policy, a, fnCur, pos, depth+1) || retries
	}
	return retries
}

// valueOf returns the value a local, a field or a package variable x
// holds at pos: a local's last definition in the function at fnCur, or
// the one value a field or package variable of this package is ever
// assigned, with the function that assigns it.
func (r *recognizer) valueOf(x ast.Expr, fnCur inspector.Cursor, pos token.Pos) (ast.Expr, inspector.Cursor, bool) {
	v, ok := match.ObjectOf(r.info, x).(*types.Var)
	if !ok || v.Pkg() != r.pass.Pkg {
		return nil, fnCur, false
	}
	if v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField() {
		def, _ := r.lastDef(v, fnCur, pos)
		return def, fnCur, def != nil
	}
	values, _ := r.packageAssigns(v)
	if len(values) != 1 || values[0] == nil {
		return nil, fnCur, false
	}
	c, ok := r.inspector().Root().FindNode(values[0])
	if !ok {
		return nil, fnCur, false
	}
	if f, ok := enclosingFunc(c); ok {
		return values[0], f, true
	}
	return values[0], fnCur, true // a package variable's initialiser
}

// failsafePolicy reads a policy handed to an Executor into p and
// reports whether it is a RetryPolicy (by its type, seen or not).
func (r *recognizer) failsafePolicy(p *Policy, e ast.Expr, fnCur inspector.Cursor, pos token.Pos, depth int) bool {
	if e == nil || !match.IsNamed(r.info.TypeOf(e), pathFailsafeRetry, "RetryPolicy") {
		return false
	}
	r.failsafeBuilder(p, e, fnCur, pos, depth)
	return true
}

// failsafeBuilder applies a RetryPolicy's or Builder's construction to
// p: NewBuilder's defaults (3 attempts, no delay), then each
// configuration method in the order it is called, down a chain or on a
// builder variable.
func (r *recognizer) failsafeBuilder(p *Policy, e ast.Expr, fnCur inspector.Cursor, pos token.Pos, depth int) {
	if depth > 16 || e == nil {
		return
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn := match.Callee(r.info, e)
		if fn == nil || fn.Pkg() == nil {
			return
		}
		switch {
		case match.IsFunc(fn, pathFailsafeRetry, "NewBuilder"), match.IsFunc(fn, pathFailsafeRetry, "NewWithDefaults"),
			match.IsFunc(fn, pathFailsafeRetry, "Builder"), match.IsFunc(fn, pathFailsafeRetry, "WithDefaults"):
			p.Kind, p.Node, p.MaxAttempts = PolicyZero, e, 3
			return
		}
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok || !r.isRetryBuilder(sel.X) {
			return
		}
		r.failsafeBuilder(p, sel.X, fnCur, pos, depth+1)
		r.failsafeMethod(p, fn.Name(), e)
	case *ast.Ident, *ast.SelectorExpr:
		def, defCur, ok := r.valueOf(e, fnCur, pos)
		if !ok {
			return
		}
		r.failsafeBuilder(p, def, defCur, def.Pos(), depth+1)
		v, _ := match.ObjectOf(r.info, e).(*types.Var)
		if v == nil || v.IsField() || defCur != fnCur {
			return
		}
		// b := retrypolicy.NewBuilder[any](); b.WithDelay(d): the
		// builder configures itself.
		ast.Inspect(fnBody(fnCur.Node()), func(n ast.Node) bool {
			st, ok := n.(*ast.ExprStmt)
			if !ok || st.Pos() < def.End() || st.End() > pos {
				return true
			}
			r.failsafeChain(p, st.X, v)
			return true
		})
	}
}

// failsafeChain applies a chain of Builder methods called on v.
func (r *recognizer) failsafeChain(p *Policy, e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn := match.Callee(r.info, call)
	if fn == nil || !r.isRetryBuilder(sel.X) {
		return false
	}
	if match.ObjectOf(r.info, sel.X) != v && !r.failsafeChain(p, sel.X, v) {
		return false
	}
	r.failsafeMethod(p, fn.Name(), call)
	return true
}

// isRetryBuilder reports whether x is a retry policy builder:
// retrypolicy.Builder (v0.9) or RetryPolicyBuilder (before), whose
// methods may be declared on failsafe's generic builders.
func (r *recognizer) isRetryBuilder(x ast.Expr) bool {
	t := r.info.TypeOf(x)
	return match.IsNamed(t, pathFailsafeRetry, "Builder") || match.IsNamed(t, pathFailsafeRetry, "RetryPolicyBuilder")
}

// failsafeMethod applies one Builder method, as retrypolicy v0.9.8
// does.
func (r *recognizer) failsafeMethod(p *Policy, name string, call *ast.CallExpr) {
	arg := argAt(call, 0)
	switch name {
	case "WithDelay":
		p.Delay = arg
		if p.Kind != PolicyExponential {
			p.Kind, p.Node = PolicyConstant, call
		}
	case "WithBackoff":
		p.Kind, p.Node, p.Delay = PolicyExponential, call, arg
	case "WithBackoffFactor":
		p.Kind, p.Node, p.Delay = PolicyUnknown, call, arg
		if f, ok := r.floatConst(argAt(call, 2)); ok && f > 1 {
			p.Kind = PolicyExponential
		}
	case "WithRandomDelay":
		p.Kind, p.Node, p.Delay, p.Jitter = PolicyUnknown, call, arg, true
	case "WithDelayFunc":
		p.Kind, p.Node, p.Delay = PolicyUnknown, call, nil
	case "WithJitter", "WithJitterFactor":
		if !r.isZero(arg) {
			p.Jitter = true
		}
	case "WithMaxRetries", "WithMaxAttempts":
		p.Limit, p.Unlimited, p.MaxAttempts = arg, false, -1
		if n, ok := r.intConst(arg); ok {
			switch {
			case n == -1:
				p.Limit, p.Unlimited, p.MaxAttempts = nil, true, 0
			case name == "WithMaxRetries":
				p.MaxAttempts = n + 1
			default:
				p.MaxAttempts = n
			}
		}
	case "WithMaxDuration":
		p.MaxElapsed = arg
	}
}
