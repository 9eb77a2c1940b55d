package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/retryvet/retryvet/internal/match"
)

// retriedContextError returns the condition of an if statement in the
// loop body that recognises the caller's context error and continues
// the loop: errors.Is(err, context.Canceled), err ==
// context.DeadlineExceeded, ctx.Err() != nil for a context of the
// caller. A DeadlineExceeded in a loop that makes a per-attempt
// deadline is the attempt's own timeout, rightly retried.
func retriedContextError(info *types.Info, l *Loop) ast.Expr {
	// A DeadlineExceeded may be an attempt's own: of a context the loop
	// makes with a timeout, or of a timeout an attempt not handed the
	// caller's context keeps inside (rook's RunWithTimeout(d)).
	perAttempt := makesDeadline(info, l.Body) || slices.ContainsFunc(l.Attempts, func(a *Attempt) bool { return !a.TakesContext })
	var found ast.Expr
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if recognisesContext(info, l, n.Cond, perAttempt) && continues(info, n.Body, l) {
				found = n.Cond
			}
		}
		return found == nil
	})
	return found
}

// recognisesContext reports whether cond tests the caller's context
// error.
func recognisesContext(info *types.Info, l *Loop, cond ast.Expr, perAttempt bool) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if match.IsErrorsIs(match.Callee(info, n)) && len(n.Args) == 2 {
				found = ctxErrValue(info, n.Args[1], perAttempt)
			}
		case *ast.BinaryExpr:
			switch n.Op {
			case token.EQL:
				found = ctxErrValue(info, n.X, perAttempt) || ctxErrValue(info, n.Y, perAttempt)
			case token.NEQ:
				// ctx.Err() != nil; ctx.Err() == nil asks the opposite.
				found = isNil(info, n.Y) && callerErr(info, l, n.X) || isNil(info, n.X) && callerErr(info, l, n.Y)
			}
		}
		return !found
	})
	return found
}

// callerErr reports whether e is ctx.Err() of a context in scope of l.
func callerErr(info *types.Info, l *Loop, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !match.IsMethod(match.Callee(info, call), "context", "Context", "Err") {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && callerContext(info, l, sel.X)
}

// isNil reports whether e is the untyped nil.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// ctxErrValue reports context.Canceled, or context.DeadlineExceeded
// when the loop makes no deadline of its own.
func ctxErrValue(info *types.Info, e ast.Expr, perAttempt bool) bool {
	v, ok := match.ObjectOf(info, e).(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg().Path() != "context" {
		return false
	}
	return v.Name() == "Canceled" || v.Name() == "DeadlineExceeded" && !perAttempt
}

// callerContext reports whether e is a context in scope of the loop,
// declared outside it.
func callerContext(info *types.Info, l *Loop, e ast.Expr) bool {
	obj := match.ObjectOf(info, e)
	for _, c := range l.Contexts {
		if types.Object(c.Var) == obj && (obj.Pos() < l.Body.Pos() || obj.Pos() >= l.Body.End()) {
			return true
		}
	}
	return false
}

// makesDeadline reports whether body makes a context with a timeout or
// deadline.
func makesDeadline(info *types.Info, body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			fn := match.Callee(info, call)
			for _, name := range []string{"WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"} {
				found = found || match.IsFunc(fn, "context", name)
			}
		}
		return !found
	})
	return found
}

// continues reports whether block holds a continue of loop l (not of
// a loop nested in it), or of a loop enclosing it: either way the
// error is not returned.
func continues(info *types.Info, block *ast.BlockStmt, l *Loop) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if m != n {
					walk(m, true)
					return false
				}
			case *ast.BranchStmt:
				if m.Tok != token.CONTINUE {
					break
				}
				if m.Label == nil {
					found = !nested
				} else if lb := info.Uses[m.Label]; lb != nil {
					// continue retry: the loop's own label. A label of
					// an outer loop leaves this one.
					found = lb == ownLabel(info, l)
				}
			}
			return true
		})
	}
	walk(block, false)
	return found
}

// ownLabel returns the label of l's statement (retry: for ...), or nil.
func ownLabel(info *types.Info, l *Loop) types.Object {
	if l.Func == nil || l.Func.Body == nil {
		return nil
	}
	var label types.Object
	ast.Inspect(l.Func.Body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Stmt == l.Stmt {
			label = info.Defs[ls.Label]
		}
		return label == nil
	})
	return label
}
