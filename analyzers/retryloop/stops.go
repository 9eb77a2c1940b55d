package retryloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/retryvet/retryvet/internal/match"
)

// stopHelper returns the channel argument of call, a call of a
// same-package helper answering a bool, when the helper answers leave
// upon a receive from that channel: if waitOrQuit(quit, d) { return },
// with func waitOrQuit(quit <-chan bool, d time.Duration) bool { ...;
// select { case <-t.C: return false; case <-quit: return true } }
// (coredns' secondary transfer). Closing the channel then leaves the
// loop: a stop channel, handed to a helper (docs/model.md, Helpers are
// looked into, one level). leave is the answer on which the loop is
// left. It returns nil otherwise: a helper whose answer upon the
// receive is not leave (or not a constant) only shortens a wait, and a
// channel the loop makes itself stops nothing.
func (r *recognizer) stopHelper(l *Loop, call *ast.CallExpr, leave bool) ast.Expr {
	decl, args := r.answerHelper(call, func(t types.Type) bool {
		_, ok := t.Underlying().(*types.Chan)
		return ok
	})
	if decl == nil || decl.Type.Results.NumFields() != 1 {
		return nil
	}
	for v, arg := range args {
		if !r.fromOutside(l, arg) {
			delete(args, v) // made in the loop: no one else can close it
		}
	}
	return r.answerOn(decl, args, leave, func(ch ast.Expr) types.Object { return match.ObjectOf(r.info, ch) })
}

// stopState reports whether cmp, a comparison on which l is left,
// compares a field with a constant that code outside the loop assigns
// to that field: if p.state == stopped { return }, with a Stop method
// setting p.state = stopped (coredns' up.Probe). That is a closed flag
// set by someone else (docs/model.md, Bounds). A field the loop steps
// (an attempt counter), one given that value only inside the loop (its
// own bookkeeping), or one of a value the loop makes (the attempt's
// reply: that classifies), is no such flag.
func (r *recognizer) stopState(l *Loop, cmp ast.Expr) bool {
	be, ok := ast.Unparen(cmp).(*ast.BinaryExpr)
	if !ok || be.Op != token.EQL {
		return false
	}
	for _, side := range [][2]ast.Expr{{be.X, be.Y}, {be.Y, be.X}} {
		sel, ok := ast.Unparen(side[0]).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		field, ok := match.ObjectOf(r.info, sel).(*types.Var)
		tv, okVal := r.info.Types[side[1]]
		if !ok || !field.IsField() || field.Pkg() != r.pass.Pkg || !okVal || tv.Value == nil ||
			!r.fromOutside(l, sel.X) || r.steps(l, field) {
			continue
		}
		for _, set := range r.fieldSets()[field] {
			if (set.pos < l.Stmt.Pos() || set.pos >= l.Stmt.End()) && constant.Compare(set.val, token.EQL, tv.Value) {
				return true
			}
		}
	}
	return false
}

// A fieldSet is an assignment of a constant to a field.
type fieldSet struct {
	pos token.Pos
	val constant.Value
}

// fieldSets returns the package's assignments of constants to fields
// (x.f = K), by field, computed on first use.
func (r *recognizer) fieldSets() map[*types.Var][]fieldSet {
	if r.sets != nil {
		return r.sets
	}
	r.sets = make(map[*types.Var][]fieldSet)
	for c := range r.inspector().Root().Preorder((*ast.AssignStmt)(nil)) {
		as := c.Node().(*ast.AssignStmt)
		if as.Tok != token.ASSIGN {
			continue
		}
		match.EachAssign(as, func(lhs, rhs ast.Expr, tuple bool, _ token.Token) {
			if _, ok := ast.Unparen(lhs).(*ast.SelectorExpr); !ok || tuple {
				return
			}
			v, ok := match.ObjectOf(r.info, lhs).(*types.Var)
			if tv, okVal := r.info.Types[rhs]; ok && v.IsField() && okVal && tv.Value != nil {
				r.sets[v] = append(r.sets[v], fieldSet{as.Pos(), tv.Value})
			}
		})
	}
	return r.sets
}

// steps reports whether l's body steps v (v++, v--, v += n, ...).
func (r *recognizer) steps(l *Loop, v *types.Var) bool {
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			found = found || match.ObjectOf(r.info, n.X) == v
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					found = found || match.ObjectOf(r.info, lhs) == v
				}
			}
		}
		return !found
	})
	return found
}

// fromOutside reports whether e is rooted in a variable declared
// outside l's body (p.state, c.quit, ctx.Done(), a parameter, a
// package variable): a value something other than the loop can hold
// and change.
func (r *recognizer) fromOutside(l *Loop, e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.CallExpr:
			e = x.Fun // ctx.Done(), s.quitChan()
		case *ast.Ident:
			v, ok := r.info.Uses[x].(*types.Var)
			return ok && (v.Pos() < l.Body.Pos() || v.Pos() >= l.Body.End())
		default:
			return false
		}
	}
}

// ctxHelper returns the context argument of call, a call of a
// same-package helper whose first result is a bool, when the helper
// answers leave (as that bool) upon a receive from the context's Done:
// ok, err := shouldRetry(ctx, err); if !ok { return }, with func
// shouldRetry(ctx context.Context, err error) (bool, error) { ...;
// select { case <-ctx.Done(): return false, ctx.Err(); case
// <-time.After(d): return true, nil } } (k6's browser actions). The
// loop then leaves once the context ends: the helper observes it
// (docs/model.md, Helpers are looked into, one level). index is the
// result the loop's condition reads.
func (r *recognizer) ctxHelper(call *ast.CallExpr, index int, leave bool) ast.Expr {
	if index != 0 {
		return nil
	}
	decl, args := r.answerHelper(call, match.IsContext)
	if decl == nil {
		return nil
	}
	return r.answerOn(decl, args, leave, func(ch ast.Expr) types.Object {
		done, ok := ast.Unparen(ch).(*ast.CallExpr)
		if !ok || !match.IsMethod(match.Callee(r.info, done), "context", "Context", "Done") {
			return nil
		}
		sel, ok := ast.Unparen(done.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		return match.ObjectOf(r.info, sel.X)
	})
}

// answerOn returns the argument bound in args to the parameter that a
// select case of decl's body receives from (found by param, given the
// channel received from), when that case ends by returning leave as the
// helper's first result; else nil.
func (r *recognizer) answerOn(decl *ast.FuncDecl, args map[types.Object]ast.Expr, leave bool, param func(ch ast.Expr) types.Object) ast.Expr {
	results := decl.Type.Results.NumFields()
	var found ast.Expr
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // a goroutine's answer is not the helper's
		case *ast.CommClause:
			u := commRecv(n)
			if u == nil || found != nil || len(n.Body) == 0 {
				return true
			}
			p := param(u.X)
			arg, ok := args[p]
			if p == nil || !ok {
				return true
			}
			ret, ok := n.Body[len(n.Body)-1].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != results {
				return true
			}
			if tv, ok := r.info.Types[ret.Results[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool &&
				constant.BoolVal(tv.Value) == leave {
				found = arg
			}
		}
		return true
	})
	return found
}

// answerHelper returns the declaration of the same-package function
// call calls, when its first result is a bool (an answer), with its
// parameters whose type satisfies want bound to call's arguments; nil
// when there is no such function or no such parameter.
func (r *recognizer) answerHelper(call *ast.CallExpr, want func(types.Type) bool) (*ast.FuncDecl, map[types.Object]ast.Expr) {
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() != r.pass.Pkg {
		return nil, nil
	}
	sig := fn.Origin().Signature()
	if sig.Results().Len() == 0 || sig.Variadic() {
		return nil, nil
	}
	if b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return nil, nil
	}
	decl := r.decl(fn)
	if decl == nil || decl.Body == nil {
		return nil, nil
	}
	args := make(map[types.Object]ast.Expr)
	for i := 0; i < sig.Params().Len() && i < len(call.Args); i++ {
		if want(sig.Params().At(i).Type()) {
			args[sig.Params().At(i)] = call.Args[i]
		}
	}
	if len(args) == 0 {
		return nil, nil
	}
	return decl, args
}
