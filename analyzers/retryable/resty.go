package retryable

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/match"
)

// The resty packages whose retry conditions are read.
const (
	pathRestyV2 = "github.com/go-resty/resty/v2"
	pathRestyV3 = "resty.dev/v3"
)

// permanentStatuses are the 4xx statuses named in a finding when a
// condition retries a range: the ones that fail the same way again.
var permanentStatuses = []int64{400, 401, 403, 404, 405, 409, 410, 412, 413, 415, 422}

// A conditionFinding is a retry condition that retries responses that
// fail the same way again.
type conditionFinding struct {
	node    ast.Node
	message string
}

const restyFix = "retry only 5xx (not 501 or 505), 408, 425 and 429"

// restyConditions returns the retry conditions of a resty request s
// that hold for a permanent 4xx response: a condition (a function
// literal or a function of the package) one of whose returns is true
// for one, and v2's AddRetryAfterErrorCondition.
func restyConditions(info *types.Info, s *retryloop.Send, declOf func(*types.Func) *ast.FuncDecl) []conditionFinding {
	var out []conditionFinding
	if c := s.RetriesFailures; c != nil {
		out = append(out, conditionFinding{c, "resty client retries every response from 400 up, which fail the same way again; add a retry condition that retries only 5xx (not 501 or 505), 408, 425 and 429"})
	}
	for _, cond := range s.Conditions {
		var body *ast.BlockStmt
		switch e := ast.Unparen(cond).(type) {
		case *ast.FuncLit:
			body = e.Body
		case *ast.Ident, *ast.SelectorExpr:
			if fn, ok := match.ObjectOf(info, e).(*types.Func); ok {
				if d := declOf(fn); d != nil {
					body = d.Body
				}
			}
		}
		if body == nil {
			continue
		}
		// A return of false guards some responses out: a range the
		// other returns retry may then exclude the ones named, and only
		// an exact status is certain.
		guarded := false
		ast.Inspect(body, func(n ast.Node) bool {
			if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
				if tv, ok := info.Types[r.Results[0]]; ok && tv.Value != nil && !constant.BoolVal(tv.Value) {
					guarded = true
				}
			}
			_, lit := n.(*ast.FuncLit)
			return !lit || n == cond
		})
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if len(n.Results) != 1 {
					return true
				}
				if node, what, ok := retries4xx(info, n.Results[0]); ok && (!guarded || exact(node)) {
					out = append(out, conditionFinding{node, fmt.Sprintf("retry condition retries %s, which fail the same way again; %s", what, restyFix)})
				}
			}
			return true
		})
	}
	return out
}

// retries4xx reports whether the boolean e is true for a permanent 4xx
// response, with the part of e that makes it so and the statuses it
// retries in words. Only what is certain counts: a conjunction may
// exclude them, so it is not followed.
func retries4xx(info *types.Info, e ast.Expr) (ast.Node, string, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LOR:
			if n, w, ok := retries4xx(info, e.X); ok {
				return n, w, true
			}
			return retries4xx(info, e.Y)
		case token.GEQ, token.GTR, token.NEQ, token.EQL, token.LSS, token.LEQ:
			op, c, ok := statusComparison(info, e)
			if !ok {
				return nil, "", false
			}
			var lo, hi int64 // the statuses for which e holds, within 400..499
			switch op {
			case token.GEQ:
				lo, hi = max(c, 400), 499
			case token.GTR:
				lo, hi = max(c+1, 400), 499
			case token.EQL:
				lo, hi = c, c
			case token.NEQ:
				if c >= 400 && c <= 499 {
					return nil, "", false // one status excluded: the rest are not named
				}
				lo, hi = 400, 499
			default:
				return nil, "", false
			}
			for _, s := range permanentStatuses {
				if s >= lo && s <= hi {
					if lo == hi {
						return e, fmt.Sprintf("HTTP %d responses", s), true
					}
					return e, fmt.Sprintf("HTTP 4xx responses (%d among them)", s), true
				}
			}
		}
	case *ast.CallExpr: // r.IsError(), r.IsStatusFailure(): status > 399
		if fn := match.Callee(info, e); match.IsMethod(fn, pathRestyV2, "Response", "IsError") || match.IsMethod(fn, pathRestyV3, "Response", "IsStatusFailure") {
			return e, "every response from 400 up", true
		}
	case *ast.UnaryExpr: // !r.IsSuccess(): every status outside 2xx
		if call, ok := ast.Unparen(e.X).(*ast.CallExpr); ok && e.Op == token.NOT {
			if fn := match.Callee(info, call); match.IsMethod(fn, pathRestyV2, "Response", "IsSuccess") || match.IsMethod(fn, pathRestyV3, "Response", "IsStatusSuccess") {
				return e, "every response outside 2xx, 4xx included", true
			}
		}
	}
	return nil, "", false
}

// statusComparison reads e as a resty response's StatusCode() compared
// with a constant, the status on the left.
func statusComparison(info *types.Info, e *ast.BinaryExpr) (token.Token, int64, bool) {
	isStatus := func(x ast.Expr) bool {
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := match.Callee(info, call)
		return match.IsMethod(fn, pathRestyV2, "Response", "StatusCode") || match.IsMethod(fn, pathRestyV3, "Response", "StatusCode")
	}
	constInt := func(x ast.Expr) (int64, bool) { return match.EvalInt(info, x, nil) }
	op := e.Op
	if isStatus(e.X) {
		c, ok := constInt(e.Y)
		return op, c, ok
	}
	if isStatus(e.Y) {
		c, ok := constInt(e.X)
		switch op { // c op status: mirror it
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		case token.GTR:
			op = token.LSS
		case token.GEQ:
			op = token.LEQ
		}
		return op, c, ok
	}
	return 0, 0, false
}

// exact reports a finding on one status compared for equality.
func exact(n ast.Node) bool {
	b, ok := n.(*ast.BinaryExpr)
	return ok && b.Op == token.EQL
}
