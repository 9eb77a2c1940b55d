package backoff

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/match"
)

// maxDepth bounds how far the derivation follows same-package helpers.
const maxDepth = 2

// A growth is what the derivation of a waited duration shows.
type growth struct {
	exponential bool // 1<<n, math.Pow(2, n), or a variable doubled in the loop
	jitter      bool // a random value reaches the duration
	capped      bool // min, math.Min, or a clamp (if d > max { d = max })
	// value evaluates the duration at exponent k (the k-th retry),
	// when its parts are constants, the attempt counter, or a doubled
	// variable with a constant start.
	value func(k int64) (int64, bool)
}

// exceeds returns the first exponent at which the wait passes limit
// (and the wait then) or overflows, or -1 when it never does within
// int64 or its value is unknown.
func (g *growth) exceeds(limit int64) (k, wait int64, overflow bool) {
	if g.value == nil {
		return -1, 0, false
	}
	var prev int64
	for k := int64(0); k < 63; k++ {
		v, ok := g.value(k)
		if !ok {
			return -1, 0, false
		}
		if k > 0 && v < prev || v < 0 {
			return k, 0, true
		}
		if v > limit {
			return k, v, false
		}
		prev = v
	}
	return -1, 0, false
}

// A frame resolves the variables of one function: the loop's, or a
// helper's, whose parameters are bound to the caller's arguments.
type frame struct {
	body   *ast.BlockStmt
	args   map[*types.Var]ast.Expr
	caller *frame
}

// An assignment is one value given to a local variable.
type assignment struct {
	node    ast.Node // the statement
	tok     token.Token
	rhs     ast.Expr // nil for var x T
	clamped bool     // inside an if whose condition mentions the variable
}

// derivation follows waited durations back to what they are made of.
type derivation struct {
	pass    *analysis.Pass
	info    *types.Info
	assigns map[*ast.BlockStmt]map[*types.Var][]assignment
	graph   *callgraph.Graph       // the package's declarations
	random  func(*types.Func) bool // a random source or a jitter helper
	res     *retryloop.Result      // constants by another name
}

func newDerivation(pass *analysis.Pass) *derivation {
	return &derivation{pass: pass, info: pass.TypesInfo, assigns: make(map[*ast.BlockStmt]map[*types.Var][]assignment),
		graph: pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph), res: retryloop.Of(pass)}
}

// grows reports whether e, the base of a power, is a constant above 1,
// constants by another name included (a factor field its constructor
// sets to 1.5). A base that may be 1 grows nothing.
func (d *derivation) grows(e ast.Expr) bool {
	if isConstant(d.info, e) {
		return factor(d.info, e) > 1
	}
	f, ok := d.res.Float(e)
	return ok && f > 1
}

// decl returns the declaration of a same-package function, or nil.
func (d *derivation) decl(fn *types.Func) *ast.FuncDecl {
	if f := d.graph.Func(fn); f != nil {
		return f.Decl
	}
	return nil
}

// assignments indexes the assignments to local variables in body, once.
func (d *derivation) assignments(body *ast.BlockStmt) map[*types.Var][]assignment {
	if m, ok := d.assigns[body]; ok {
		return m
	}
	m := make(map[*types.Var][]assignment)
	var conds []ast.Expr
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if n.Init != nil {
				ast.Inspect(n.Init, visit)
			}
			conds = append(conds, n.Cond)
			ast.Inspect(n.Body, visit)
			if n.Else != nil {
				ast.Inspect(n.Else, visit)
			}
			conds = conds[:len(conds)-1]
			return false
		case *ast.AssignStmt, *ast.ValueSpec:
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
				v, ok := match.ObjectOf(d.info, lhs).(*types.Var)
				if !ok || v.IsField() {
					return
				}
				clamped := false
				for _, c := range conds {
					clamped = clamped || match.Mentions(d.info, c, v)
				}
				m[v] = append(m[v], assignment{node: n, tok: tok, rhs: rhs, clamped: clamped})
			})
		}
		return true
	}
	ast.Inspect(body, visit)
	d.assigns[body] = m
	return m
}

// wait derives the duration of wait w of loop l.
func (d *derivation) wait(l *retryloop.Loop, w *retryloop.Wait) *growth {
	return d.derive(l, w, false)
}

// derive derives the duration of wait w of loop l; deep follows jitter
// helpers too (walker.deep).
func (d *derivation) derive(l *retryloop.Loop, w *retryloop.Wait, deep bool) *growth {
	fr := &frame{body: l.Func.Body}
	if w.Helper != nil {
		fr = &frame{body: w.Helper.Body, args: w.Args, caller: fr}
	}
	g := &growth{}
	wk := &walker{d: d, l: l, g: g, seen: make(map[*types.Var]bool), doubled: make(map[*types.Var]bool), deep: deep}
	wk.walk(w.Duration, fr, 0)
	// A loop condition that keeps the wait below a limit caps it: for
	// delay < time.Minute { ...; delay *= 2 }.
	if s, ok := l.Stmt.(*ast.ForStmt); ok && s.Cond != nil {
		for v := range wk.doubled {
			if match.Mentions(d.info, s.Cond, v) {
				g.capped = true
			}
		}
	}
	// So does giving up once it reaches one: if delay >= maxDelay {
	// return err } (buildkit's registry retry handler).
	for v := range wk.doubled {
		if givesUpOn(d.info, l.Body, v) {
			g.capped = true
		}
	}
	if g.exponential && !deep { // the evaluator does not follow jitter helpers
		g.value = func(k int64) (int64, bool) {
			ev := &evaluator{d: d, l: l, k: k}
			return ev.eval(w.Duration, fr, 0)
		}
	}
	return g
}

// givesUpOn reports whether body has an if statement, outside function
// literals, whose condition compares v and whose body ends the loop with
// a return or an unlabelled break.
func givesUpOn(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return false // a break there leaves that statement
		case *ast.IfStmt:
			be, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
			if !ok || len(n.Body.List) == 0 || !match.Mentions(info, be, v) {
				break
			}
			switch be.Op {
			case token.GTR, token.GEQ, token.LSS, token.LEQ:
			default:
				return true
			}
			switch last := n.Body.List[len(n.Body.List)-1].(type) {
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				found = last.Tok == token.BREAK && last.Label == nil
			}
		}
		return !found
	})
	return found
}

// A walker walks the derivation of one duration.
type walker struct {
	d       *derivation
	l       *retryloop.Loop
	g       *growth
	seen    map[*types.Var]bool
	doubled map[*types.Var]bool // variables the loop grows by a factor
	// deep also follows a same-package jitter helper, for the growth
	// inside it (d := min(base<<n, max); return d/2 + rand.N(d/2)):
	// the inventory's shape; the check stops at the jitter.
	deep bool
}

func (wk *walker) walk(e ast.Expr, fr *frame, depth int) {
	info := wk.d.info
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "min") {
					wk.g.capped = true
				}
			}
			fn := match.Callee(info, n)
			if fn == nil && hook(info, n) {
				// d = w.Jitter(d): a hook handed the grown duration
				// may randomise it (docs/model.md, Jitter through a
				// hook).
				wk.g.jitter = true
				break
			}
			if fn == nil || fn.Pkg() == nil {
				break
			}
			if decl := wk.d.decl(fn); decl != nil && isMinHelper(info, decl) {
				wk.g.capped = true
			}
			switch {
			case wk.d.random != nil && wk.d.random(fn):
				wk.g.jitter = true
				if decl := wk.d.decl(fn); wk.deep && decl != nil && depth < maxDepth {
					wk.helper(decl, n, fr, depth)
				}
			case match.IsFunc(fn, "math", "Min"):
				wk.g.capped = true
			case match.IsFunc(fn, "math", "Pow") && len(n.Args) == 2 && wk.d.grows(n.Args[0]) && !isConstant(info, n.Args[1]):
				wk.g.exponential = true
			default:
				if decl := wk.d.decl(fn); decl != nil && depth < maxDepth {
					wk.helper(decl, n, fr, depth)
				}
			}
		case *ast.BinaryExpr:
			if n.Op == token.SHL && !isConstant(info, n.Y) {
				wk.g.exponential = true
			}
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if !ok || v.IsField() || wk.seen[v] {
				break
			}
			wk.seen[v] = true
			if arg, ok := fr.args[v]; ok {
				wk.walk(arg, fr.caller, depth)
				break
			}
			for _, as := range wk.d.assignments(fr.body)[v] {
				if as.clamped {
					wk.g.capped = true
				}
				if fr.caller == nil && wk.inLoop(as.node) && doubles(info, as, v) > 0 {
					wk.g.exponential = true
					wk.doubled[v] = true
				}
				if as.rhs != nil {
					wk.walk(as.rhs, fr, depth)
				}
			}
		}
		return true
	})
}

// hook reports whether call calls a func value held in a variable, a
// parameter or a field (not a declared function) that takes one
// duration and returns one.
func hook(info *types.Info, call *ast.CallExpr) bool {
	var obj types.Object
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		obj = info.Uses[f]
	case *ast.SelectorExpr:
		obj = info.Uses[f.Sel]
	}
	v, ok := obj.(*types.Var)
	if !ok {
		return false
	}
	sig, ok := v.Type().Underlying().(*types.Signature)
	return ok && sig.Params().Len() == 1 && sig.Results().Len() == 1 &&
		isInteger(sig.Params().At(0).Type()) && isInteger(sig.Results().At(0).Type())
}

// isMinHelper reports whether decl returns the smaller of two values
// it compares, at least one of them a parameter: minDuration(a, b), or
// a one-argument clamp (capDelay(d): if d > max { return max }; return
// d). Its body is an if that compares the two and returns one, then a
// return of the other. A helper returning the larger is a floor, no cap.
func isMinHelper(info *types.Info, decl *ast.FuncDecl) bool {
	if decl.Body == nil || len(decl.Body.List) != 2 {
		return false
	}
	params := make(map[types.Object]bool)
	for _, f := range decl.Type.Params.List {
		for _, name := range f.Names {
			params[info.Defs[name]] = true
		}
	}
	ifs, ok := decl.Body.List[0].(*ast.IfStmt)
	last, ok2 := decl.Body.List[1].(*ast.ReturnStmt)
	if !ok || !ok2 || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 || len(last.Results) != 1 {
		return false
	}
	inner, ok := ifs.Body.List[0].(*ast.ReturnStmt)
	be, ok2 := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || !ok2 || len(inner.Results) != 1 {
		return false
	}
	same := func(x, y ast.Expr) bool {
		if ox, oy := match.ObjectOf(info, x), match.ObjectOf(info, y); ox != nil || oy != nil {
			return ox == oy
		}
		return types.ExprString(ast.Unparen(x)) == types.ExprString(ast.Unparen(y))
	}
	if !params[match.ObjectOf(info, be.X)] && !params[match.ObjectOf(info, be.Y)] {
		return false
	}
	var smaller, larger ast.Expr // the operand the condition finds smaller when true
	switch be.Op {
	case token.LSS, token.LEQ:
		smaller, larger = be.X, be.Y
	case token.GTR, token.GEQ:
		smaller, larger = be.Y, be.X
	default:
		return false
	}
	return same(inner.Results[0], smaller) && same(last.Results[0], larger)
}

// helper walks the results of a same-package function called in the
// derivation, its parameters bound to the call's arguments.
func (wk *walker) helper(decl *ast.FuncDecl, call *ast.CallExpr, fr *frame, depth int) {
	hf := &frame{body: decl.Body, args: bind(wk.d.info, decl, call), caller: fr}
	if capsLargeAttempts(wk.d.info, decl) {
		wk.g.capped = true
	}
	for _, r := range returns(decl.Body) {
		for _, e := range r.Results {
			wk.walk(e, hf, depth+1)
		}
	}
}

// capsLargeAttempts reports whether decl opens with an early return of
// a constant for large values of an integer parameter: if i >= 5 {
// return maxDelay } before return base << i (fission's
// envSpecializeRetryDelay). A guard for small values (if i < 0) caps
// nothing.
func capsLargeAttempts(info *types.Info, decl *ast.FuncDecl) bool {
	for _, st := range decl.Body.List {
		ifs, ok := st.(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
			continue
		}
		ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 || !isConstant(info, ret.Results[0]) {
			continue
		}
		be, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok {
			continue
		}
		x, y, op := be.X, be.Y, be.Op
		if isConstant(info, x) {
			x, y = y, x
			op = map[token.Token]token.Token{token.LSS: token.GTR, token.LEQ: token.GEQ, token.GTR: token.LSS, token.GEQ: token.LEQ}[op]
		}
		v, ok := info.Uses[identOf(x)].(*types.Var)
		if (op == token.GTR || op == token.GEQ) && ok && v.Kind() == types.ParamVar && isConstant(info, y) {
			return true
		}
	}
	return false
}

func (wk *walker) inLoop(n ast.Node) bool {
	return inIteration(wk.l, n)
}

// inIteration reports whether n runs on every iteration of l: it lies in
// the body, or in a for statement's post statement (for i, d := 0, base;
// i < 5; i, d = i+1, d*2).
func inIteration(l *retryloop.Loop, n ast.Node) bool {
	if l.Body.Pos() <= n.Pos() && n.End() <= l.Body.End() {
		return true
	}
	s, ok := l.Stmt.(*ast.ForStmt)
	return ok && s.Post != nil && s.Post.Pos() <= n.Pos() && n.End() <= s.Post.End()
}

// bind maps the parameters of decl to the arguments of call.
func bind(info *types.Info, decl *ast.FuncDecl, call *ast.CallExpr) map[*types.Var]ast.Expr {
	args := make(map[*types.Var]ast.Expr)
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if v, ok := info.Defs[name].(*types.Var); ok && i < len(call.Args) && !call.Ellipsis.IsValid() {
				args[v] = call.Args[i]
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return args
}

// returns lists the return statements of body, not of its literals.
func returns(body *ast.BlockStmt) []*ast.ReturnStmt {
	var rs []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rs = append(rs, n)
		}
		return true
	})
	return rs
}

// doubles reports whether an assignment to v grows it by a constant
// factor (v *= 2, v <<= 1, v += v, v = v*2, v = 2*v, v = v<<1, v = v+v,
// v = time.Duration(float64(v) * 1.5)) and returns the factor, or 0.
func doubles(info *types.Info, as assignment, v *types.Var) float64 {
	above := func(f, min float64) float64 {
		if f > min {
			return f
		}
		return 0
	}
	shift := func(e ast.Expr) float64 {
		if f := factor(info, e); f >= 1 && f < 63 {
			return float64(int64(1) << int64(f))
		}
		return 0
	}
	switch as.tok {
	case token.MUL_ASSIGN:
		return above(factor(info, as.rhs), 1)
	case token.SHL_ASSIGN:
		return shift(as.rhs)
	case token.ADD_ASSIGN:
		if isVar(info, as.rhs, v) {
			return 2
		}
	case token.ASSIGN:
		if call, ok := unconvert(info, as.rhs).(*ast.CallExpr); ok {
			// d = min(d*2, max), d = minDuration(d*2, max): the
			// growth inside a clamp.
			for _, arg := range call.Args {
				if f := doubles(info, assignment{tok: token.ASSIGN, rhs: arg}, v); f > 0 {
					return f
				}
			}
			return 0
		}
		be, ok := unconvert(info, as.rhs).(*ast.BinaryExpr)
		if !ok {
			return 0
		}
		x, y := unconvert(info, be.X), unconvert(info, be.Y)
		switch be.Op {
		case token.MUL:
			if isVar(info, x, v) {
				return above(factor(info, y), 1)
			}
			if isVar(info, y, v) {
				return above(factor(info, x), 1)
			}
		case token.SHL:
			if isVar(info, x, v) {
				return shift(y)
			}
		case token.ADD:
			if isVar(info, x, v) && isVar(info, y, v) {
				return 2
			}
		}
	}
	return 0
}

// unconvert strips conversions: time.Duration(float64(d) * 2).
func unconvert(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || !match.IsConversion(info, call) || len(call.Args) != 1 {
			return e
		}
		e = call.Args[0]
	}
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	return match.ObjectOf(info, unconvert(info, e)) == v
}

// factor returns the constant value of e, or 0.
func factor(info *types.Info, e ast.Expr) float64 {
	tv, ok := info.Types[ast.Unparen(e)]
	if !ok || tv.Value == nil {
		return 0
	}
	f, _ := constant.Float64Val(constant.ToFloat(tv.Value))
	return f
}

func isConstant(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.Value != nil
}

// An evaluator computes a duration at exponent k: the attempt counter
// is k, a variable doubled in the loop is its constant start times 2^k.
type evaluator struct {
	d *derivation
	l *retryloop.Loop
	k int64
}

func (ev *evaluator) eval(e ast.Expr, fr *frame, depth int) (int64, bool) {
	info := ev.d.info
	return match.EvalInt(info, e, func(e ast.Expr) (int64, bool) {
		if depth > 4 {
			return 0, false
		}
		switch e := e.(type) {
		case *ast.Ident:
			v, ok := info.Uses[e].(*types.Var)
			if !ok {
				return 0, false
			}
			if arg, ok := fr.args[v]; ok {
				return ev.eval(arg, fr.caller, depth+1)
			}
			if c := ev.l.Counter; c != nil && c.Var == v && fr.caller == nil {
				if c.Factor > 1 {
					return c.At(ev.k), true // the counter is the wait
				}
				return ev.k, true
			}
			return ev.variable(v, fr, depth)
		case *ast.CallExpr:
			if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "min" || b.Name() == "max") && len(e.Args) > 0 {
					var out int64
					for i, a := range e.Args {
						v, ok := ev.eval(a, fr, depth+1)
						if !ok {
							return 0, false
						}
						if i == 0 || b.Name() == "min" && v < out || b.Name() == "max" && v > out {
							out = v
						}
					}
					return out, true
				}
			}
			decl := ev.d.decl(match.Callee(info, e))
			if decl == nil {
				return 0, false
			}
			rs := returns(decl.Body)
			if len(rs) == 1 && len(rs[0].Results) == 1 {
				if v, ok := ev.eval(rs[0].Results[0], &frame{body: decl.Body, args: bind(info, decl, e), caller: fr}, depth+1); ok {
					return v, true
				}
			}
			// A helper the evaluation cannot see through (a jitter)
			// taking one duration and returning one: about that
			// duration. An attempt number handed in is no duration.
			if len(e.Args) == 1 {
				if t := info.TypeOf(e.Args[0]); t != nil && isInteger(t) && types.Identical(t, info.TypeOf(e)) {
					return ev.eval(e.Args[0], fr, depth+1)
				}
			}
		}
		return 0, false
	})
}

// variable evaluates a local variable: one doubled in the loop from a
// constant start, or one assigned once.
func (ev *evaluator) variable(v *types.Var, fr *frame, depth int) (int64, bool) {
	info := ev.d.info
	var start []assignment
	doubled := false
	for _, as := range ev.d.assignments(fr.body)[v] {
		inLoop := inIteration(ev.l, as.node)
		switch {
		case fr.caller == nil && inLoop && doubles(info, as, v) == 2:
			doubled = true // the value is known for an exact doubling only
		case fr.caller == nil && inLoop:
			return 0, false // reset or changed otherwise in the loop
		default:
			start = append(start, as)
		}
	}
	if len(start) != 1 || start[0].rhs == nil || start[0].tok != token.DEFINE && start[0].tok != token.ASSIGN && start[0].tok != token.VAR {
		return 0, false
	}
	v0, ok := ev.eval(start[0].rhs, fr, depth+1)
	if !ok {
		return 0, false
	}
	if doubled {
		if ev.k >= 63 {
			return -1, true
		}
		return v0 << ev.k, true
	}
	return v0, true
}

// isInteger reports whether t is an integer type (time.Duration is).
func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}
