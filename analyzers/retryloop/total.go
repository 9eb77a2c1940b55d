package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"time"

	"github.com/retryvet/retryvet/internal/match"
)

// Quick is the longest whole run of a retry loop that hammers no shared
// server and delays its caller by no more than one short sleep
// (docs/model.md, Readiness waits and quick retries).
const Quick = time.Second

// Quick reports whether the loop's whole run is bounded to at most
// Quick: a constant number of attempts times constant waits, or a
// constant timeout.
func (l *Loop) Quick() bool {
	return l.MaxWait >= 0 && l.MaxWait <= Quick
}

// maxWait computes l.MaxWait: an upper bound of the time the loop can
// spend waiting in all, or -1. With a constant attempt bound n, each
// wait counts once per attempt, with the counter at that attempt's value
// (a wait after the last attempt included); with a constant timeout on a
// context the loop observes, or on a deadline it compares with the
// clock, the timeout.
func (r *recognizer) maxWait(l *Loop) time.Duration {
	best := time.Duration(-1)
	if d, ok := r.timeout(l); ok {
		best = d
	}
	n := l.MaxAttempts()
	if n < 0 || l.Counter == nil || len(l.Waits) == 0 {
		return best
	}
	if n > 1000 {
		return best
	}
	defs := r.loopDefs(l)
	// A limit checked in the body before the waits leaves the loop
	// before the last attempt's wait: n-1 waits.
	waits := n
	if b := l.Counter.Bound; b != nil && l.Body.Pos() < b.Pos() && b.End() < l.Body.End() {
		before := true
		for _, w := range l.Waits {
			before = before && b.End() <= w.Node.Pos()
		}
		if before {
			waits = max(n-1, 0)
		}
	}
	guards := r.counterGuards(l)
	floors := r.floorGuards(l)
	stepAt := firstStep(r.info, l)
	// When every wait ends its iteration, an iteration waits at most
	// once: the longest of the waits it can reach, not their sum (a
	// transport error and a 5xx status each waiting, then continue).
	once := len(l.Waits) > 1 && r.waitsEndIteration(l)
	perIter := make([]time.Duration, n)
	for _, w := range l.Waits {
		waits := waits
		if waits == n && guardedBy(guards, w) {
			waits = max(n-1, 0) // if attempt < max { wait }: not after the last
		}
		step := int64(0) // attempt++ in the body before the wait: the wait sees the next value
		if stepAt.IsValid() && stepAt < w.Node.Pos() {
			step = 1
		}
		for k := range waits {
			v := l.Counter.At(k + step)
			if skippedAt(floors, w, v) {
				continue // if attempt > 0 { wait }: not before the first retry
			}
			d, ok := r.waitAtWith(w, l, defs, v, randomMax)
			if !ok {
				return best
			}
			if once {
				perIter[k] = max(perIter[k], d)
			} else {
				perIter[k] += d
			}
		}
	}
	var total time.Duration
	for _, d := range perIter {
		total += d
	}
	if best < 0 || total < best {
		return total
	}
	return best
}

// firstStep returns the position of the first statement of l's body
// that steps its counter (attempt++, attempt--, attempt += 1), outside
// nested loops and function literals, or token.NoPos: a wait after it
// sees the next value. Found once per loop: asked per wait, the walk
// made a switch of n cases with a wait each cost n² steps.
func firstStep(info *types.Info, l *Loop) token.Pos {
	v := l.Counter.Var
	if v == nil {
		return token.NoPos
	}
	at := token.NoPos
	ast.Inspect(l.Body, func(n ast.Node) bool {
		if at.IsValid() || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.IncDecStmt:
			if match.ObjectOf(info, n.X) == v {
				at = n.Pos()
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && (n.Tok == token.ADD_ASSIGN || n.Tok == token.SUB_ASSIGN) && match.ObjectOf(info, n.Lhs[0]) == v {
				at = n.Pos()
			}
		}
		return !at.IsValid()
	})
	return at
}

// counterGuards returns the bodies of the if statements of l's body
// whose condition compares the attempt counter (attempt < max, attempt
// <= max-1, as a conjunct), in one walk of the body: asked per wait, the
// walk made a switch of n cases with a wait each cost n² steps.
func (r *recognizer) counterGuards(l *Loop) []*ast.BlockStmt {
	if l.Counter == nil || l.Counter.Var == nil {
		return nil
	}
	var out []*ast.BlockStmt
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			for _, c := range conjuncts(n.Cond) {
				if _, op, ok := r.compare(c, l.Counter.Var); ok && (op == token.LSS || op == token.LEQ) {
					out = append(out, n.Body)
					break
				}
			}
		}
		return true
	})
	return out
}

// A floorGuard is an if statement of a loop body whose condition holds
// a conjunct comparing the attempt counter with a constant from below
// (attempt > 0, attempt >= 1, attempt != 0).
type floorGuard struct {
	body  *ast.BlockStmt
	op    token.Token
	value int64
}

// floorGuards returns the floor guards of l's body, in one walk.
func (r *recognizer) floorGuards(l *Loop) []floorGuard {
	if l.Counter == nil || l.Counter.Var == nil || l.Counter.Down {
		return nil
	}
	var out []floorGuard
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			for _, c := range conjuncts(n.Cond) {
				bound, op, ok := r.compare(c, l.Counter.Var)
				if !ok || op != token.GTR && op != token.GEQ && op != token.NEQ {
					continue
				}
				if k, ok := r.intConst(bound); ok {
					out = append(out, floorGuard{n.Body, op, k})
				}
			}
		}
		return true
	})
	return out
}

// skippedAt reports whether wait w lies inside a floor guard that the
// counter's value v fails: the wait does not happen at that attempt.
func skippedAt(floors []floorGuard, w *Wait, v int64) bool {
	for _, g := range floors {
		if w.Node.Pos() < g.body.Pos() || w.Node.End() > g.body.End() {
			continue
		}
		switch {
		case g.op == token.GTR && v <= g.value, g.op == token.GEQ && v < g.value, g.op == token.NEQ && v == g.value:
			return true
		}
	}
	return false
}

// waitsEndIteration reports whether each wait of l is followed by the
// end of its iteration: the statement holding it (the sleep, the select
// it is a case of, the if statement calling a waiting helper) is the
// last of the loop's body, or is followed in its block by a continue of
// l.
func (r *recognizer) waitsEndIteration(l *Loop) bool {
	for _, w := range l.Waits {
		if !r.endsIteration(l, w.Node) {
			return false
		}
	}
	return true
}

func (r *recognizer) endsIteration(l *Loop, n ast.Node) bool {
	ends, nested := false, false
	var visit func(list []ast.Stmt, top bool) bool
	visit = func(list []ast.Stmt, top bool) bool {
		for i, st := range list {
			if st.Pos() > n.Pos() || n.End() > st.End() {
				continue
			}
			// st holds n: look for a tighter list inside it first.
			found := false
			ast.Inspect(st, func(m ast.Node) bool {
				if found || m == nil || m.Pos() > n.Pos() || n.End() > m.End() {
					return false
				}
				var body *ast.BlockStmt
				switch m := m.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ForStmt, *ast.RangeStmt:
					nested = true // a continue there is that loop's
					return false
				case *ast.SelectStmt:
					body = m.Body
				case *ast.SwitchStmt:
					body = m.Body
				case *ast.TypeSwitchStmt:
					body = m.Body
				case *ast.BlockStmt:
					if m != st && visit(m.List, false) {
						found = true
						return false
					}
					return true
				default:
					return true
				}
				// A case's body; a wait in a case's communication is
				// held by the select itself.
				for _, c := range body.List {
					list, _ := match.StmtList(c)
					if visit(list, false) {
						found = true
					}
				}
				return false
			})
			if found {
				return true
			}
			switch {
			case i+1 < len(list):
				br, ok := list[i+1].(*ast.BranchStmt)
				ends = ok && br.Tok == token.CONTINUE && (br.Label == nil || ownLabel(r.info, l) == r.info.Uses[br.Label])
			default:
				ends = top
			}
			return true
		}
		return false
	}
	visit(l.Body.List, true)
	return ends && !nested
}

// guardedBy reports whether wait w lies inside one of the if bodies
// guards: it then does not follow the last attempt.
func guardedBy(guards []*ast.BlockStmt, w *Wait) bool {
	for _, b := range guards {
		if b.Pos() <= w.Node.Pos() && w.Node.End() <= b.End() {
			return true
		}
	}
	return false
}

// longest sets each wait's Longest: its duration with the counter at
// its largest value and random terms at their bounds, just below them
// (rand.Float64() is below 1), or -1.
func (r *recognizer) longest(l *Loop) {
	defs := r.loopDefs(l)
	v := int64(0)
	if c := l.Counter; c != nil && c.Max > 0 {
		v = c.At(c.Max - 1)
		if c.Down {
			v = c.Start
		}
	}
	for _, w := range l.Waits {
		w.Longest = -1
		if w.Duration != nil && l.Counter != nil && l.Counter.Var != nil && l.Counter.Max <= 0 && match.Mentions(r.info, w.Duration, l.Counter.Var) {
			continue // grows with a counter of no known bound
		}
		if d, ok := r.waitAtWith(w, l, defs, v, randomMax); ok {
			if d > 0 && r.mentionsRandom(w, defs) {
				d-- // the bound itself is never reached
			}
			w.Longest = d
		}
	}
}

// mentionsRandom reports whether w's duration calls math/rand, itself
// or through the loop's single-definition locals (d :=
// time.Duration(r.Float64() * float64(time.Second)); sleep(d)) and a
// helper's arguments, as waitAtWith follows them.
func (r *recognizer) mentionsRandom(w *Wait, defs map[types.Object]ast.Expr) bool {
	found := false
	seen := make(map[types.Object]bool)
	var visit func(ast.Expr)
	visit = func(e ast.Expr) {
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				found = found || mathRand(match.Callee(r.info, n))
			case *ast.Ident:
				obj := r.info.Uses[n]
				if obj == nil || seen[obj] {
					break
				}
				seen[obj] = true
				if def, ok := defs[obj]; ok {
					visit(def)
				} else if pv, ok := obj.(*types.Var); ok && w.Args != nil {
					if arg, ok := w.Args[pv]; ok {
						visit(arg)
					}
				}
			}
			return !found
		})
	}
	visit(w.Duration)
	return found
}

// mathRand reports whether fn is of math/rand or math/rand/v2.
func mathRand(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == "math/rand" || fn.Pkg().Path() == "math/rand/v2")
}

// minWait computes l.MinWait: the shortest first wait of the loop, with
// random terms (jitter) taken as zero, or -1.
func (r *recognizer) minWait(l *Loop) time.Duration {
	if len(l.Waits) == 0 {
		return -1
	}
	defs := r.loopDefs(l)
	least := time.Duration(-1)
	for _, w := range l.Waits {
		d, ok := r.waitAtWith(w, l, defs, 0, randomZero)
		if !ok {
			return -1
		}
		if least < 0 || d < least {
			least = d
		}
	}
	return least
}

// How waitAtWith takes a call of a random package.
const (
	randomUnknown = iota // it cannot be evaluated
	randomZero           // zero: the least a jittered wait can be
	randomMax            // its bound: rand.Int63n(n) is below n, Float64 below 1
)

// waitAt evaluates the duration of w with the loop's counter at v, the
// loop's single-definition locals followed, and a helper's parameters
// bound to the arguments of its call.
func (r *recognizer) waitAt(w *Wait, l *Loop, defs map[types.Object]ast.Expr, v int64) (time.Duration, bool) {
	return r.waitAtWith(w, l, defs, v, randomUnknown)
}

// waitAtWith is waitAt, with calls of a random package taken as random
// says.
func (r *recognizer) waitAtWith(w *Wait, l *Loop, defs map[types.Object]ast.Expr, v int64, random int) (time.Duration, bool) {
	if w.Duration == nil {
		return 0, false
	}
	depth := 0
	// For the least wait, a call the analysis cannot see into (another
	// package's RandomStagger(d)) is taken as zero, when the duration
	// only adds and multiplies: a wait is never negative, so the result
	// is still a lower bound.
	unseenZero := random == randomZero && monotone(w.Duration)
	var leaf func(ast.Expr) (float64, bool)
	eval := func(e ast.Expr) (float64, bool) { return match.EvalFloat(r.info, e, leaf) }
	leaf = func(e ast.Expr) (float64, bool) {
		depth++
		defer func() { depth-- }()
		if depth > 8 {
			return 0, false
		}
		if call, ok := e.(*ast.CallExpr); ok && random != randomUnknown {
			fn := match.Callee(r.info, call)
			if fn == nil || fn.Pkg() == nil {
				return 0, false
			}
			if !mathRand(fn) {
				if unseenZero && fn.Pkg() != r.pass.Pkg && isDurationType(r.info.TypeOf(call)) {
					return 0, true
				}
				return 0, false
			}
			if random == randomZero {
				return 0, true
			}
			switch fn.Name() {
			case "Float64", "Float32":
				return 1, true // the product with a duration bounds it
			case "Intn", "Int63n", "Int31n", "IntN", "Int64N", "Int32N", "N", "Uint64N", "Uint32N", "UintN":
				if len(call.Args) == 1 {
					return eval(call.Args[0])
				}
			}
			return 0, false
		}
		obj := match.ObjectOf(r.info, e)
		if obj == nil {
			return 0, false
		}
		if l.Counter != nil && l.Counter.Var != nil && obj == types.Object(l.Counter.Var) {
			return float64(v), true
		}
		if pv, ok := obj.(*types.Var); ok && w.Args != nil {
			if arg, ok := w.Args[pv]; ok {
				return eval(arg)
			}
		}
		if def, ok := defs[obj]; ok {
			return eval(def)
		}
		if g, ok := r.grownVars(l)[obj]; ok {
			return g.at(l, v)
		}
		if def := helperDef(r.info, w.Helper, obj, e.Pos()); def != nil {
			return eval(def)
		}
		if c, ok := r.consts.value(obj, 0); ok {
			n, ok := r.constInt(c)
			return float64(n), ok
		}
		return 0, false
	}
	ns, ok := eval(w.Duration)
	if !ok || ns < 0 || ns >= math.MaxInt64 {
		return 0, false
	}
	return time.Duration(ns), true
}

// helperDef returns the definition of obj, a local variable of the
// waiting helper decl, that a use at pos reads: its last assignment
// before pos, when every assignment of the variable is a statement of
// the helper's body itself (d := min(...); d = jitter(d)), not of a
// branch or loop that may not run; else nil.
func helperDef(info *types.Info, decl *ast.FuncDecl, obj types.Object, pos token.Pos) ast.Expr {
	v, ok := obj.(*types.Var)
	if decl == nil || decl.Body == nil || !ok || v.Pos() < decl.Body.Pos() || v.Pos() >= decl.Body.End() {
		return nil
	}
	top := make(map[ast.Node]bool, len(decl.Body.List))
	for _, st := range decl.Body.List {
		top[st] = true
		if ds, ok := st.(*ast.DeclStmt); ok {
			if gd, ok := ds.Decl.(*ast.GenDecl); ok {
				for _, spec := range gd.Specs {
					top[spec] = true
				}
			}
		}
	}
	nested := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if nested {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt, *ast.IncDecStmt, *ast.ValueSpec, *ast.RangeStmt:
			assigns := false
			switch n := n.(type) {
			case *ast.IncDecStmt:
				assigns = match.ObjectOf(info, n.X) == obj
			case *ast.RangeStmt:
				assigns = n.Key != nil && match.ObjectOf(info, n.Key) == obj || n.Value != nil && match.ObjectOf(info, n.Value) == obj
			default:
				match.EachAssign(n, func(lhs, _ ast.Expr, _ bool, _ token.Token) {
					assigns = assigns || match.ObjectOf(info, lhs) == obj
				})
			}
			if assigns && !top[n] {
				nested = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && match.ObjectOf(info, n.X) == obj {
				nested = true // its address is taken
			}
		}
		return true
	})
	if nested {
		return nil
	}
	def, _ := match.LastDef(info, decl.Body, v, pos)
	return def
}

// monotone reports whether e only adds and multiplies: no subtraction,
// negation, division or remainder, under which a term taken at its
// least would not give the least result.
func monotone(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			ok = ok && (n.Op == token.ADD || n.Op == token.MUL)
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.SUB
		}
		return ok
	})
	return ok
}

// isDurationType reports whether t is time.Duration.
func isDurationType(t types.Type) bool {
	return match.IsNamed(t, "time", "Duration")
}

// loopDefs maps the variables defined exactly once in l's body (d :=
// base * n) to their values. It is built once per loop.
func (r *recognizer) loopDefs(l *Loop) map[types.Object]ast.Expr {
	defs := make(map[types.Object]ast.Expr)
	count := make(map[types.Object]int)
	ast.Inspect(l.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, lhs := range as.Lhs {
			id, ok := lhs.(*ast.Ident)
			if !ok {
				continue
			}
			obj := r.info.ObjectOf(id)
			count[obj]++
			if as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
				defs[obj] = as.Rhs[i]
			}
		}
		return true
	})
	for obj, n := range count {
		if n != 1 {
			delete(defs, obj)
		}
	}
	return defs
}

// timeout returns a constant timeout that ends the loop: a context it
// observes made by context.WithTimeout(parent, d) in the function, or a
// deadline time.Now().Add(d) (or a start time compared with
// time.Since(start) > d) that it compares with the clock.
func (r *recognizer) timeout(l *Loop) (time.Duration, bool) {
	best := time.Duration(-1)
	note := func(e ast.Expr) {
		if d, ok := r.intConst(e); ok && d >= 0 && (best < 0 || time.Duration(d) < best) {
			best = time.Duration(d)
		}
	}
	for _, o := range l.Observations {
		v, ok := match.ObjectOf(r.info, o.Ctx).(*types.Var)
		if !ok {
			continue
		}
		def, _ := match.LastDef(r.info, l.Func.Body, v, l.Stmt.Pos())
		if call, ok := ast.Unparen(def).(*ast.CallExpr); ok && len(call.Args) == 2 &&
			match.IsFunc(match.Callee(r.info, call), "context", "WithTimeout") {
			note(call.Args[1])
		}
	}
	for _, b := range l.Bounds {
		if b.Kind != BoundDeadline {
			continue
		}
		ast.Inspect(b.Node, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BinaryExpr:
				// time.Since(start) > d
				if n.Op == token.GTR || n.Op == token.GEQ {
					if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && match.IsFunc(match.Callee(r.info, call), "time", "Since") && r.startedBefore(l, call) {
						note(n.Y)
					}
				}
			case *ast.CallExpr:
				// time.Now().After(deadline), with deadline := time.Now().Add(d)
				if fn := match.Callee(r.info, n); match.IsMethod(fn, "time", "Time", "After") && len(n.Args) == 1 {
					if v, ok := match.ObjectOf(r.info, n.Args[0]).(*types.Var); ok {
						def, _ := match.LastDef(r.info, l.Func.Body, v, l.Stmt.Pos())
						if add, ok := ast.Unparen(def).(*ast.CallExpr); ok && len(add.Args) == 1 &&
							match.IsMethod(match.Callee(r.info, add), "time", "Time", "Add") {
							note(add.Args[0])
						}
					}
				}
			}
			return true
		})
	}
	return best, best >= 0
}

// startedBefore reports whether the argument of time.Since(start) is a
// variable assigned before the loop.
func (r *recognizer) startedBefore(l *Loop, since *ast.CallExpr) bool {
	if len(since.Args) != 1 {
		return false
	}
	v, ok := match.ObjectOf(r.info, since.Args[0]).(*types.Var)
	return ok && v.Pos() < l.Stmt.Pos()
}

// FirstWaits is how many of a wait's first values Wait.First holds.
const FirstWaits = 3

// first sets each wait's First: its duration with the counter at its
// first values (as far as a constant bound allows), random terms taken
// as zero, or nil when one of them cannot be seen.
func (r *recognizer) first(l *Loop) {
	if len(l.Waits) == 0 {
		return
	}
	defs := r.loopDefs(l)
	n := int64(FirstWaits)
	if m := l.MaxAttempts(); m >= 0 && m < n {
		n = m
	}
	for _, w := range l.Waits {
		w.First = nil
		if w.Duration == nil {
			continue
		}
		if c := l.Counter; c != nil && c.Var != nil && c.Max < 0 && match.Mentions(r.info, w.Duration, c.Var) {
			continue // a counter whose start is not known
		}
		var ds []time.Duration
		for k := range n {
			v := int64(0)
			if c := l.Counter; c != nil && c.Max >= 0 {
				v = c.At(k)
			}
			d, ok := r.waitAtWith(w, l, defs, v, randomZero)
			if !ok {
				ds = nil
				break
			}
			ds = append(ds, d)
		}
		w.First = ds
	}
}

// A grownVar is a variable that a loop's body multiplies by a constant
// once per pass (backoff *= 2), set from a constant before the loop.
type grownVar struct {
	init, factor float64
	// before reports that the body multiplies it before its waits.
	before bool
}

// at returns the variable's value, or an upper bound of it, on the pass
// on which l's counter has the value v: init·factor^k on pass k, once
// more when the body multiplies it before its waits. It needs a counter
// with a constant bound.
func (g grownVar) at(l *Loop, v int64) (float64, bool) {
	c := l.Counter
	if c == nil || c.Max <= 0 {
		return 0, false
	}
	k, ok := c.Iter(v)
	if !ok || k < 0 || k > 64 {
		return 0, false
	}
	if g.before {
		k++
	}
	x := g.init
	for range k {
		x *= g.factor
		if x >= math.MaxInt64 {
			return 0, false
		}
	}
	return x, true
}

// grownVars returns, once per loop, the variables that l's body grows
// by a constant factor (grownVar): declared before the loop, set there
// last from a constant, and assigned in the body only by one
// multiplication (x *= c, x = x * c, x <<= c) by a constant of at least
// one.
func (r *recognizer) grownVars(l *Loop) map[types.Object]grownVar {
	if g, ok := r.grown[l]; ok {
		return g
	}
	out := make(map[types.Object]grownVar)
	if r.grown == nil {
		r.grown = make(map[*Loop]map[types.Object]grownVar)
	}
	r.grown[l] = out
	if l.Counter == nil || l.Counter.Max <= 0 {
		return out
	}
	count := make(map[types.Object]int)
	var cands []struct {
		obj    types.Object
		factor float64
		pos    token.Pos
	}
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			count[match.ObjectOf(r.info, n.X)]++
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				obj := match.ObjectOf(r.info, lhs)
				count[obj]++
				if len(n.Lhs) != 1 || len(n.Rhs) != 1 {
					continue
				}
				if f, ok := r.growth(obj, n); ok && f >= 1 {
					cands = append(cands, struct {
						obj    types.Object
						factor float64
						pos    token.Pos
					}{obj, f, n.Pos()})
				}
			}
		}
		return true
	})
	body := fnBody(l.Func.Node)
	for _, c := range cands {
		v, ok := c.obj.(*types.Var)
		if !ok || count[c.obj] != 1 || v.IsField() || l.Body.Pos() <= v.Pos() && v.Pos() < l.Body.End() || body == nil {
			continue
		}
		def, _ := match.LastDef(r.info, body, v, l.Stmt.Pos())
		if def == nil {
			continue
		}
		init, ok := r.consts.float(def)
		if !ok || init < 0 {
			continue
		}
		before := true
		for _, w := range l.Waits {
			before = before && c.pos < w.Node.Pos()
		}
		out[c.obj] = grownVar{init: init, factor: c.factor, before: before}
	}
	return out
}

// growth returns the constant factor by which as, an assignment to obj,
// multiplies it: x *= c, x = x * c, x = c * x, x <<= c (2^c).
func (r *recognizer) growth(obj types.Object, as *ast.AssignStmt) (float64, bool) {
	rhs := ast.Unparen(as.Rhs[0])
	switch as.Tok {
	case token.MUL_ASSIGN:
		return r.consts.float(rhs)
	case token.SHL_ASSIGN:
		n, ok := r.consts.float(rhs)
		if !ok || n < 0 || n > 16 {
			return 0, false
		}
		return math.Pow(2, n), true
	case token.ASSIGN:
		be, ok := rhs.(*ast.BinaryExpr)
		if !ok || be.Op != token.MUL {
			return 0, false
		}
		switch {
		case match.ObjectOf(r.info, be.X) == obj:
			return r.consts.float(be.Y)
		case match.ObjectOf(r.info, be.Y) == obj:
			return r.consts.float(be.X)
		}
	}
	return 0, false
}
