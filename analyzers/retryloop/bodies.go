package retryloop

import (
	"go/ast"
	"go/types"

	"github.com/retryvet/retryvet/internal/match"
)

// unclosed explores the paths on which attempt a returned a response
// with a failing status (a 503, a 429, a 401) and returns those that
// reach the next iteration without closing its body.
func (r *recognizer) unclosed(fl *flow, l *Loop, at point, a *Attempt) []*Exit {
	until := func(n ast.Node) bool { return r.closesBody(n, a.Resp) }
	var exits []*Exit
	seen := make(map[ast.Node]bool)
	for _, st := range failingStatuses {
		p := fl.explore(l, at, &assumption{attempt: a, known: true, errNil: true, status: st, until: until})
		for _, e := range p.nexts {
			if !seen[e.Node] {
				seen[e.Node] = true
				exits = append(exits, e)
			}
		}
	}
	return exits
}

// failingStatuses are the statuses a retry loop is probed with for
// failure: an unavailable server, rate limiting, and an expired token
// (a loop may retry after refreshing it).
var failingStatuses = []int64{503, 429, 401}

// closesBody reports whether statement n closes resp's body, or may:
// resp.Body.Close(), the response or its body handed to a same-package
// function that closes it or to a function the analysis cannot see into,
// or stored away. A defer statement does not close it before the next
// attempt; the close inside a function literal called in place does.
func (r *recognizer) closesBody(n ast.Node, resp types.Object) bool {
	if _, ok := n.(*ast.DeferStmt); ok {
		return false
	}
	isResp := func(e ast.Expr) bool { return match.ObjectOf(r.info, e) == resp }
	isBody := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Body" && isResp(sel.X)
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(m.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" && isBody(sel.X) {
				found = true
				break
			}
			for i, arg := range m.Args {
				arg = ast.Unparen(arg)
				if u, ok := arg.(*ast.UnaryExpr); ok {
					arg = u.X
				}
				if isResp(arg) || isBody(arg) {
					found = found || r.handedToCloser(m, i)
				}
			}
		case *ast.AssignStmt:
			for _, rhs := range m.Rhs {
				found = found || isResp(rhs) || isBody(rhs)
			}
		}
		return !found
	})
	return found
}

// handedToCloser reports whether argument i of call may close the
// response or body it is handed: a same-package function that closes
// its parameter (one level), or a function the analysis cannot see into
// outside the standard packages that never do.
func (r *recognizer) handedToCloser(call *ast.CallExpr, i int) bool {
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() == nil {
		return true
	}
	if match.NeverCloses(fn) {
		return false
	}
	if fn.Pkg() != r.pass.Pkg {
		return true
	}
	d := r.decl(fn)
	if d == nil || d.Body == nil {
		return true
	}
	param := paramAt(r.info, d, i)
	if param == nil {
		return true
	}
	found := false
	ast.Inspect(d.Body, func(m ast.Node) bool {
		if c, ok := m.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" {
				x := ast.Unparen(sel.X)
				if s, ok := x.(*ast.SelectorExpr); ok && s.Sel.Name == "Body" {
					x = s.X
				}
				found = found || match.ObjectOf(r.info, x) == param
			}
		}
		return !found
	})
	return found
}

// paramAt returns the object of parameter i of decl, or nil.
func paramAt(info *types.Info, d *ast.FuncDecl, i int) types.Object {
	if ps := funcParams(info, d); i < len(ps) && ps[i] != nil {
		return ps[i]
	}
	return nil
}
