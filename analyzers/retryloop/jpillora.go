package retryloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/internal/match"
)

// pathJpillora is github.com/jpillora/backoff: not a retry library but a
// duration counter (Backoff{Min, Max, Factor, Jitter}) whose Duration
// or ForAttempt a retry loop waits on.
const pathJpillora = "github.com/jpillora/backoff"

// jpillora's defaults, applied when a field is zero (v1.0.0,
// ForAttempt).
const (
	jpilloraMin    = 100 * time.Millisecond
	jpilloraMax    = 10 * time.Second
	jpilloraFactor = 2
)

// waitPolicy returns the policy behind a waited duration d that a
// jpillora Backoff computes (b.Duration(), b.ForAttempt(n), or a local
// assigned one), or nil. The Backoff is followed to its composite
// literal: a local's last definition with the fields set on it since,
// or the one literal a field or package variable is ever assigned, with
// the fields set on it anywhere in the package; a zero Backoff declared
// without a value counts as an empty literal.
func (r *recognizer) waitPolicy(d ast.Expr, fnCur inspector.Cursor, pos token.Pos) *Policy {
	e := ast.Unparen(d)
	if id, ok := e.(*ast.Ident); ok {
		v, ok := r.info.Uses[id].(*types.Var)
		if !ok {
			return nil
		}
		def, _ := r.lastDef(v, fnCur, pos)
		if def == nil {
			return nil
		}
		if p := r.overriddenPolicy(v, def, fnCur); p != nil {
			return p
		}
		e = ast.Unparen(def)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := match.Callee(r.info, call)
	if !match.IsMethod(fn, pathJpillora, "Backoff", "Duration") && !match.IsMethod(fn, pathJpillora, "Backoff", "ForAttempt") {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	lit, fields, ok := r.jpilloraValue(sel.X, fnCur, call.Pos())
	if !ok {
		return nil
	}
	return r.jpilloraPolicy(lit, fields)
}

// overriddenPolicy reads d := b.Duration(); if hint > d { d = hint }:
// when the last definition def of the waited v is an assignment inside
// an if statement and the definition before that statement is a
// Backoff's, the wait is the Backoff's on every path the override does
// not take. A Backoff that grows keeps its policy (its jitter, or lack
// of it, reaches the wait); one that never grows is left unread, since
// the override makes the wait vary (precision first).
func (r *recognizer) overriddenPolicy(v *types.Var, def ast.Expr, fnCur inspector.Cursor) *Policy {
	c, ok := fnCur.FindNode(def)
	if !ok {
		return nil
	}
	var ifStmt *ast.IfStmt
	for p := c.Parent(); p.Node() != nil && p != fnCur; p = p.Parent() {
		if s, ok := p.Node().(*ast.IfStmt); ok {
			ifStmt = s
			break
		}
		if _, ok := p.Node().(*ast.BlockStmt); !ok {
			if _, ok := p.Node().(*ast.AssignStmt); !ok {
				return nil // only d = x directly in the if's block
			}
		}
	}
	if ifStmt == nil || ifStmt.Else != nil {
		return nil
	}
	prev, _ := r.lastDef(v, fnCur, ifStmt.Pos())
	if prev == nil {
		return nil
	}
	p := r.waitPolicy(prev, fnCur, ifStmt.Pos())
	if p == nil || p.Kind == PolicyConstant {
		return nil
	}
	return p
}

// jpilloraValue follows the receiver x of a Backoff method to the
// literal it was made by (nil for a zero value) and the fields set.
func (r *recognizer) jpilloraValue(x ast.Expr, fnCur inspector.Cursor, pos token.Pos) (*ast.CompositeLit, map[string]ast.Expr, bool) {
	x = ast.Unparen(x)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = ast.Unparen(u.X)
	}
	var v *types.Var
	switch x := x.(type) {
	case *ast.CompositeLit:
		return x, literalFields(x), true
	case *ast.Ident:
		v, _ = r.info.Uses[x].(*types.Var)
	case *ast.SelectorExpr:
		v, _ = r.info.Uses[x.Sel].(*types.Var)
	}
	if v == nil {
		return nil, nil, false
	}
	local := v.Pkg() == r.pass.Pkg && v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField()
	if local {
		def, fs := r.lastDef(v, fnCur, pos)
		if def == nil {
			if _, ptr := v.Type().Underlying().(*types.Pointer); ptr || !r.declaredZero(v, fnCur) {
				return nil, nil, false
			}
			return nil, fs, true // var b backoff.Backoff
		}
		lit, fields, ok := r.jpilloraValue(def, fnCur, def.Pos())
		if !ok {
			return nil, nil, false
		}
		for k, f := range fs {
			fields[k] = f
		}
		return lit, fields, true
	}
	if v.Pkg() != r.pass.Pkg {
		return nil, nil, false // another package's variable or field: a setting
	}
	// A field or package variable: the one value it is ever assigned.
	values, fields := r.packageAssigns(v)
	switch {
	case len(values) == 1:
		lit, ok := backoffLiteral(values[0])
		if !ok {
			return nil, nil, false
		}
		all := literalFields(lit)
		for k, f := range fields {
			all[k] = f
		}
		return lit, all, true
	case len(values) == 0:
		if _, ptr := v.Type().Underlying().(*types.Pointer); ptr {
			return nil, nil, false
		}
		return nil, fields, true // a zero Backoff held by value
	}
	return nil, nil, false
}

// declaredZero reports whether the local v is declared by a var spec
// without a value in the function at fnCur.
func (r *recognizer) declaredZero(v *types.Var, fnCur inspector.Cursor) bool {
	found := false
	ast.Inspect(fnBody(fnCur.Node()), func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Values) == 0 {
			for _, id := range vs.Names {
				if r.info.Defs[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// packageAssigns returns the values assigned to the field or variable v
// anywhere in the package (composite literal keys, assignments, var
// specs), and the fields assigned on it (x.v.Jitter = true).
func (r *recognizer) packageAssigns(v *types.Var) ([]ast.Expr, map[string]ast.Expr) {
	var values []ast.Expr
	fields := make(map[string]ast.Expr)
	for _, f := range r.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && r.info.Uses[id] == v {
					values = append(values, n.Value)
				}
			case *ast.AssignStmt, *ast.ValueSpec:
				match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
					switch {
					case rhs == nil:
					case match.ObjectOf(r.info, lhs) == v && tuple:
						values = append(values, nil) // from a call: unknown
					case match.ObjectOf(r.info, lhs) == v:
						values = append(values, rhs)
					case tuple:
					default:
						if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && match.ObjectOf(r.info, sel.X) == v {
							fields[sel.Sel.Name] = rhs
						}
					}
				})
			}
			return true
		})
	}
	return values, fields
}

// backoffLiteral returns the Backoff literal e makes (&Backoff{...} or
// Backoff{...}).
func backoffLiteral(e ast.Expr) (*ast.CompositeLit, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	return lit, ok
}

// literalFields returns the keyed fields of a composite literal.
func literalFields(lit *ast.CompositeLit) map[string]ast.Expr {
	fields := make(map[string]ast.Expr)
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				fields[id.Name] = kv.Value
			}
		}
	}
	return fields
}

// jpilloraPolicy reads a Backoff's fields as ForAttempt does: Min and
// Max default to 100ms and 10s when not positive, and when Min >= Max
// every wait is Max; Factor defaults to 2 when not positive, and a
// Factor of 1 makes every wait Min (jitter draws between Min and the
// grown duration, so it adds nothing then); Jitter defaults to false.
// Fields the analysis cannot evaluate leave the policy unknown (a
// Jitter it cannot read is taken as set).
func (r *recognizer) jpilloraPolicy(lit *ast.CompositeLit, fields map[string]ast.Expr) *Policy {
	p := &Policy{Kind: PolicyExponential, MaxAttempts: -1}
	if lit != nil {
		p.Node = lit
	}
	duration := func(name string, def time.Duration) (time.Duration, bool) {
		e, ok := fields[name]
		if !ok {
			return def, true
		}
		n, ok := r.intConst(e)
		if !ok {
			return 0, false
		}
		if n <= 0 {
			return def, true
		}
		return time.Duration(n), true
	}
	lo, loOK := duration("Min", jpilloraMin)
	hi, hiOK := duration("Max", jpilloraMax)
	p.Delay, p.DefaultDelay = fields["Min"], jpilloraMin
	if loOK && hiOK && lo >= hi {
		p.Kind, p.Delay, p.DefaultDelay = PolicyConstant, fields["Max"], jpilloraMax
		if p.Delay != nil && !r.positive(p.Delay) {
			p.Delay = nil
		}
		return p
	}
	if p.Delay != nil && !r.positive(p.Delay) {
		p.Delay = nil
	}
	factor := float64(jpilloraFactor)
	if e, ok := fields["Factor"]; ok {
		f, ok := r.floatConst(e)
		if !ok {
			p.Kind = PolicyUnknown
			return p
		}
		if f > 0 {
			factor = f
		}
	}
	switch {
	case factor == 1:
		p.Kind = PolicyConstant
		return p
	case factor < 1:
		p.Kind = PolicyUnknown // a shrinking wait: no model for it
		return p
	}
	p.Jitter = true
	if e, ok := fields["Jitter"]; !ok {
		p.Jitter = false
	} else if tv, ok := r.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		p.Jitter = constant.BoolVal(tv.Value)
	}
	return p
}

// positive reports whether e is a constant above zero.
func (r *recognizer) positive(e ast.Expr) bool {
	n, ok := r.intConst(e)
	return ok && n > 0
}
