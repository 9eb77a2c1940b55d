package retryloop

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/retryvet/retryvet/internal/match"
)

// origin says where a context variable comes from.
type origin uint8

const (
	originOther      origin = iota // a call the analysis cannot see into
	originBackground               // derived only from context.Background or TODO
	originCaller                   // a parameter, a field, r.Context(), or derived from one
)

// rootInfo is what the recogniser learns once per outermost function:
// where its context variables come from, its parameters, and the calls
// that make or arm its timers.
type rootInfo struct {
	origins map[*types.Var]origin
	params  map[*types.Var]bool              // parameters of the function and of its literals
	timers  map[types.Object][]*ast.CallExpr // variable -> calls assigned to it or Reset on it
}

func (r *recognizer) inspector() *inspector.Inspector {
	return r.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
}

// root returns the information of the outermost function holding c.
func (r *recognizer) root(c inspector.Cursor) *rootInfo {
	top := c
	for p := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		top = p
	}
	n := top.Node()
	if ri, ok := r.roots[n]; ok {
		return ri
	}
	ri := &rootInfo{
		origins: make(map[*types.Var]origin),
		params:  make(map[*types.Var]bool),
		timers:  make(map[types.Object][]*ast.CallExpr),
	}
	r.roots[n] = ri
	r.scanRoot(top, ri)
	return ri
}

// scanRoot fills ri in one walk of the function and a short fixpoint
// over its context assignments.
func (r *recognizer) scanRoot(top inspector.Cursor, ri *rootInfo) {
	type assign struct {
		lhs *types.Var
		rhs ast.Expr
	}
	var assigns []assign
	addAssign := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			v, ok := match.ObjectOf(r.info, l).(*types.Var)
			if !ok || v == nil {
				continue
			}
			var e ast.Expr
			switch {
			case len(rhs) == len(lhs):
				e = rhs[i]
			case len(rhs) == 1:
				e = rhs[0]
			default:
				continue
			}
			if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
				if _, ok := r.timerCall(call); ok {
					ri.timers[v] = append(ri.timers[v], call)
				} else if _, _, ok := r.chanCall(call); ok {
					ri.timers[v] = append(ri.timers[v], call)
				}
			}
			if match.IsContext(v.Type()) {
				assigns = append(assigns, assign{v, e})
			}
		}
	}
	filter := []ast.Node{(*ast.FuncType)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CallExpr)(nil)}
	for c := range top.Preorder(filter...) {
		switch n := c.Node().(type) {
		case *ast.FuncType:
			if n.Params == nil {
				continue
			}
			for _, f := range n.Params.List {
				for _, name := range f.Names {
					if v, ok := r.info.Defs[name].(*types.Var); ok {
						if match.HasContext(v.Type()) || match.IsHTTPRequest(v.Type()) {
							ri.params[v] = true
						}
						if match.HasContext(v.Type()) {
							ri.origins[v] = originCaller
						}
					}
				}
			}
		case *ast.AssignStmt:
			addAssign(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			addAssign(lhs, n.Values)
		case *ast.CallExpr:
			// t.Reset(d) rearms t.
			if fn := match.Callee(r.info, n); fn != nil && fn.Name() == "Reset" {
				if _, ok := r.timerCall(n); ok {
					if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
						if obj := match.ObjectOf(r.info, sel.X); obj != nil {
							ri.timers[obj] = append(ri.timers[obj], n)
						}
					}
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, a := range assigns {
			if o := r.exprOrigin(a.rhs, ri); o > ri.origins[a.lhs] {
				ri.origins[a.lhs] = o
				changed = true
			}
		}
	}
}

// exprOrigin returns the origin of a context-valued expression.
func (r *recognizer) exprOrigin(e ast.Expr, ri *rootInfo) origin {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		if v, ok := r.info.Uses[e].(*types.Var); ok {
			if ri.params[v] && match.IsHTTPRequest(v.Type()) {
				return originCaller // a request handed to a query (requestQuery): its Context()
			}
			return ri.origins[v]
		}
	case *ast.SelectorExpr:
		if v, ok := match.ObjectOf(r.info, e).(*types.Var); ok && v.IsField() && match.HasContext(v.Type()) {
			return originCaller
		}
	case *ast.CallExpr:
		fn := match.Callee(r.info, e)
		switch {
		case match.IsFunc(fn, "context", "Background"), match.IsFunc(fn, "context", "TODO"):
			return originBackground
		case match.IsMethod(fn, "net/http", "Request", "Context"):
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				if v, ok := match.ObjectOf(r.info, sel.X).(*types.Var); ok && ri.params[v] {
					return originCaller
				}
			}
			return originOther
		}
		// A call handed a context derives from the best of them
		// (context.WithTimeout(ctx, d), signal.NotifyContext(ctx, ...)).
		best := originOther
		for _, arg := range e.Args {
			if match.IsContext(r.info.TypeOf(arg)) {
				best = max(best, r.exprOrigin(arg, ri))
			}
		}
		return best
	}
	return originOther
}

// bounds finds what can end l besides success, the contexts in scope
// and the loop's observations of contexts.
func (r *recognizer) bounds(fl *flow, l *Loop, cur, fnCur inspector.Cursor, stepped []*types.Var) {
	ri := r.root(fnCur)
	r.contexts(l, fnCur, ri)

	if s, ok := l.Stmt.(*ast.ForStmt); ok && s.Cond != nil {
		r.leavingCond(l, s.Cond, nil, stepped, false)
		if c := l.Counter; c == nil || c.Bound == nil {
			// for n <= 3 { ...; n++ }: the loop is left when the
			// condition is false.
			vars := stepped
			if c != nil {
				vars = []*types.Var{c.Var}
			}
			r.counterLimit(l, negate(s.Cond), vars)
		}
	}
	filter := []ast.Node{(*ast.FuncLit)(nil), (*ast.IfStmt)(nil), (*ast.CommClause)(nil), (*ast.CaseClause)(nil)}
	watches := false // a select case receives from a context's Done
	cur.Inspect(filter, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			then, other := fl.block(n, cfg.KindIfThen), fl.block(n, cfg.KindIfDone)
			if n.Else != nil {
				other = fl.block(n, cfg.KindIfElse)
			}
			switch {
			case fl.leaves(l, then) && fl.leaves(l, other):
				// Left either way: the condition decides nothing
				// (if n > 1 { log.Print("recovered") }; return nil).
			case fl.leaves(l, then):
				r.leavingCond(l, n.Cond, n.Init, stepped, false)
			case n.Else != nil && fl.leaves(l, other):
				// if attempt < max { wait } else { return err }: the
				// condition's false branch leaves, at the counter's
				// limit; what else it asks (ctx.Err() == nil) decides
				// the branch out either way.
				r.leavingCond(l, negate(n.Cond), nil, stepped, true)
				r.leavingCond(l, n.Cond, n.Init, nil, false)
			case n.Else == nil && jumps(n.Body) && fl.leaves(l, fl.block(n, cfg.KindIfDone)):
				// if attempt < max { ...; continue }; return: the
				// condition's false branch leads out.
				r.leavingCond(l, negate(n.Cond), nil, stepped, true)
			case r.clearedBy(l, n):
				// if time.Since(start) > limit { err = errLate }, with
				// for ...; errors.Is(err, errAsleep); ...: the branch
				// ends the loop at its next condition.
				r.leavingCond(l, n.Cond, n.Init, stepped, false)
			case r.asksContext(n.Cond) && r.setsGuard(l, n):
				// if contextCanceled(ctx) { retries = 0 }, and later
				// if i < retries-1 { wait; continue }; break: the
				// branch turns the retry path off (minio's
				// notification fan-out).
				r.leavingCond(l, n.Cond, n.Init, nil, false)
			}
		case *ast.CommClause:
			if n.Comm != nil && (fl.leaves(l, fl.block(n, cfg.KindSelectCaseBody)) || r.clearsCondition(l, n.Body) != nil) {
				r.leavingComm(l, n, ri)
			}
			if u := commRecv(n); u != nil && r.doneOf(l, u.X) != nil {
				watches = true
			}
		case *ast.CaseClause:
			if tag, ok := fl.tags[n]; ok && fl.leaves(l, fl.block(n, cfg.KindSwitchCaseBody)) {
				for _, e := range n.List {
					if tag != nil {
						// switch attempt { case retries: return }
						e = &ast.BinaryExpr{X: tag, OpPos: e.Pos(), Op: token.EQL, Y: e}
					}
					r.leavingCond(l, e, nil, stepped, false)
				}
			}
		}
		return true
	})
	if l.Counter == nil && len(stepped) > 0 {
		l.Counter = &Counter{Var: stepped[0], Max: -1}
	}
	if l.Counter != nil && l.Counter.Bound != nil {
		l.Bounds = append([]*Bound{{Kind: BoundCount, Node: l.Counter.Bound}}, l.Bounds...)
	} else if s, ok := l.Stmt.(*ast.ForStmt); ok && s.Cond != nil && r.growingLimit(l, s.Cond) {
		l.Bounds = append([]*Bound{{Kind: BoundCount, Node: s.Cond}}, l.Bounds...)
	}
	for _, a := range l.Attempts {
		a.TakesContext = r.handsContext(a.Call, ri)
		if ctx := r.processContext(a.Call); ctx != nil && r.cancelLeaves(fl, l, a) {
			// The process's context: its cancellation at shutdown is
			// an error the loop does not retry.
			l.Bounds = append(l.Bounds, &Bound{Kind: BoundStop, Node: ctx})
		}
	}
	for _, o := range l.Observations {
		o.CanEnd = o.Ctx == nil || !r.bareBackground(l, o.Ctx)
		o.Deadline = o.Ctx != nil && r.madeWithDeadline(l, o.Ctx)
		o.InScope = o.Kind == ObsErrorIs && len(l.Contexts) > 0 || o.Ctx != nil && r.ctxInScope(l, o.Ctx, ri)
		l.Observed = l.Observed || o.InScope
	}
	l.RetriesCancel = retriedContextError(r.info, l)
	if len(l.Contexts) > 0 && !l.Observed && r.contextErrorLeaves(fl, l, ri, watches) {
		l.Observations = append(l.Observations, &Observation{Kind: ObsClassified, Node: l.Attempts[0].Call, InScope: true, CanEnd: true})
		l.Observed = true
	}
	if len(l.Contexts) > 0 && !l.Observed {
		if call := r.guardCall(l, ri); call != nil {
			l.Observations = append(l.Observations, &Observation{Kind: ObsGuard, Node: call, InScope: true, CanEnd: true})
			l.Observed = true
		}
	}
}

// guardCall returns the call that opens every pass of l, handed the
// caller's context, whose every failure returns from the function:
// the body's first statement after checks that return, tx, err :=
// db.Begin(ctx) (or err :=, or err =), followed at once by if err !=
// nil { ...; return }. Once the
// context ends, that call fails and the loop ends at its next pass
// (boundary's DoTx).
func (r *recognizer) guardCall(l *Loop, ri *rootInfo) *ast.CallExpr {
	call, _ := match.OpeningCall(r.info, l.Body.List)
	if call == nil || !r.handsContext(call, ri) {
		return nil
	}
	return call
}

// contextErrorLeaves reports whether every attempt is handed the
// caller's context and, failing with context.Canceled or
// DeadlineExceeded, leaves the loop on every path: the loop retries
// only errors it recognises (errors.As(err, &httpErr) and a 5xx, say;
// flyctl's ensure_builder), and cancellation is not one of them. When
// the loop's wait watches the context (a select case receiving from its
// Done, whose body goes on to the next attempt), one such attempt is
// enough: the wait ends on cancellation and the attempt then ends the
// loop (nats' JetStream publish, whose other attempt, under a timeout
// option that excludes a context, takes none).
func (r *recognizer) contextErrorLeaves(fl *flow, l *Loop, ri *rootInfo, watches bool) bool {
	handed := 0
	for _, a := range l.Attempts {
		at, ok := r.points[a]
		if a.Err == nil || !ok {
			return false
		}
		if !r.handsContext(a.Call, ri) {
			if watches {
				continue
			}
			return false
		}
		handed++
		// The caller's cancellation must leave; a DeadlineExceeded may
		// be the attempt's own timeout, rightly retried.
		if p := fl.explore(l, at, &assumption{attempt: a, known: true, errIs: "context.Canceled"}); p.next {
			return false
		}
	}
	return handed > 0
}

// handsContext reports whether call is handed a context of the caller:
// as an argument, or used inside a function literal argument, the
// operation a client helper runs (p.withClient(func(c Client) error {
// return c.Update(ctx, t) }): seaweedfs's WithFilerClient).
func (r *recognizer) handsContext(call *ast.CallExpr, ri *rootInfo) bool {
	for _, arg := range call.Args {
		if match.IsContext(r.info.TypeOf(arg)) && r.exprOrigin(arg, ri) == originCaller {
			return true
		}
		if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok && r.usesCallerContext(lit.Body, ri) {
			return true
		}
	}
	return false
}

// usesCallerContext reports whether body hands a context of the caller
// to a call.
func (r *recognizer) usesCallerContext(body *ast.BlockStmt, ri *rootInfo) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			for _, arg := range call.Args {
				if match.IsContext(r.info.TypeOf(arg)) && r.exprOrigin(arg, ri) == originCaller {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// clearsCondition returns the variable that stmts set to a value
// failing the loop condition, which ends the loop, or nil:
// case <-ctx.Done(): shouldLoop = false, with for ...; ok && shouldLoop;
// ... (go-redis' dial loop); or err = errLate, with for ...;
// errors.Is(err, errAsleep); ... (evcc's soc command), where errLate is
// another package-level error; or err = nil with err != nil.
func (r *recognizer) clearsCondition(l *Loop, stmts []ast.Stmt) types.Object {
	s, ok := l.Stmt.(*ast.ForStmt)
	if !ok || s.Cond == nil {
		return nil
	}
	for _, st := range stmts {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		v := match.ObjectOf(r.info, as.Lhs[0])
		if v == nil {
			continue
		}
		for _, c := range conjuncts(s.Cond) {
			if r.clears(c, v, as.Rhs[0]) {
				return v
			}
		}
	}
	return nil
}

// clears reports whether v = rhs makes c, a conjunct of a loop
// condition, false.
func (r *recognizer) clears(c ast.Expr, v types.Object, rhs ast.Expr) bool {
	c = ast.Unparen(c)
	neg := false
	if u, ok := c.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		c, neg = ast.Unparen(u.X), true
	}
	if tv, ok := r.info.Types[rhs]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		// false clears x, true clears !x
		return match.ObjectOf(r.info, c) == v && constant.BoolVal(tv.Value) == neg
	}
	if neg {
		return false
	}
	switch c := c.(type) {
	case *ast.BinaryExpr:
		// err != nil, cleared by err = nil
		return c.Op == token.NEQ && match.IsNil(r.info, rhs) &&
			(match.ObjectOf(r.info, c.X) == v && match.IsNil(r.info, c.Y) || match.ObjectOf(r.info, c.Y) == v && match.IsNil(r.info, c.X))
	case *ast.CallExpr:
		// errors.Is(err, errAsleep), cleared by err = errLate: another
		// package-level variable, which wraps nothing.
		fn := match.Callee(r.info, c)
		if !match.IsErrorsIs(fn) && !r.isErrorsIs(fn) || len(c.Args) != 2 || match.ObjectOf(r.info, c.Args[0]) != v {
			return false
		}
		target, _ := match.ObjectOf(r.info, c.Args[1]).(*types.Var)
		set, _ := match.ObjectOf(r.info, rhs).(*types.Var)
		return target != nil && set != nil && set != target && isPackageVar(set) && match.IsError(set.Type())
	}
	return false
}

// isErrorsIs reports whether fn is the package's own errors.Is: a
// func(err, target error) bool of this package whose body returns
// errors.Is(err, target), or compares their texts
// (strings.Contains(err.Error(), target.Error()), evcc's matchesError).
func (r *recognizer) isErrorsIs(fn *types.Func) bool {
	if fn == nil || fn.Pkg() != r.pass.Pkg {
		return false
	}
	decl := r.decl(fn)
	if decl == nil || decl.Body == nil || len(decl.Body.List) != 1 {
		return false
	}
	sig := fn.Signature()
	if sig.Params().Len() != 2 || sig.Results().Len() != 1 ||
		!match.IsError(sig.Params().At(0).Type()) || !match.IsError(sig.Params().At(1).Type()) {
		return false
	}
	ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return false
	}
	param := func(e ast.Expr, i int) bool {
		return match.ObjectOf(r.info, e) == sig.Params().At(i)
	}
	// text returns the error of which e is the text: x.Error().
	text := func(e ast.Expr, i int) bool {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(c.Args) != 0 {
			return false
		}
		sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		m := match.Callee(r.info, c)
		// The error interface's own method: no package.
		return ok && m != nil && m.Pkg() == nil && m.Name() == "Error" && param(sel.X, i)
	}
	switch callee := match.Callee(r.info, call); {
	case match.IsErrorsIs(callee):
		return param(call.Args[0], 0) && param(call.Args[1], 1)
	case match.IsFunc(callee, "strings", "Contains"):
		return text(call.Args[0], 0) && text(call.Args[1], 1)
	}
	return false
}

// isPackageVar reports whether v is a variable declared at package level.
func isPackageVar(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// clearedBy reports whether the then branch of s, an if statement in
// l's body, fails the loop condition and nothing later in the body sets
// the variable again.
func (r *recognizer) clearedBy(l *Loop, s *ast.IfStmt) bool {
	v := r.clearsCondition(l, s.Body.List)
	return v != nil && !r.reassignedAfter(l, v, s.End())
}

// reassignedAfter reports whether l's body assigns v after pos.
func (r *recognizer) reassignedAfter(l *Loop, v types.Object, pos token.Pos) bool {
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		if found || n == nil || n.End() <= pos {
			return false
		}
		match.EachAssign(n, func(lhs, _ ast.Expr, _ bool, _ token.Token) {
			if lhs.Pos() > pos && match.ObjectOf(r.info, lhs) == v {
				found = true
			}
		})
		return !found
	})
	return found
}

// asksContext reports whether cond asks whether a context has ended:
// ctx.Err(), or a helper answering a bool about a context handed to it.
func (r *recognizer) asksContext(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			found = match.IsMethod(match.Callee(r.info, call), "context", "Context", "Err") || r.contextQuery(call) != nil
		}
		_, lit := n.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}

// setsGuard reports whether the body of s, an if statement in l's body,
// assigns a variable that another condition of the loop reads (the for
// condition, or an if's): it steers the loop, and the if's condition
// decides where it goes.
func (r *recognizer) setsGuard(l *Loop, s *ast.IfStmt) bool {
	var set []types.Object
	for _, st := range s.Body.List {
		match.EachAssign(st, func(lhs, _ ast.Expr, _ bool, tok token.Token) {
			if obj := match.ObjectOf(r.info, lhs); obj != nil && tok == token.ASSIGN {
				set = append(set, obj)
			}
		})
	}
	reads := func(e ast.Expr) bool {
		return slices.ContainsFunc(set, func(v types.Object) bool { return match.Mentions(r.info, e, v) })
	}
	if len(set) == 0 {
		return false
	}
	if f, ok := l.Stmt.(*ast.ForStmt); ok && f.Cond != nil && reads(f.Cond) {
		return true
	}
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			found = found || n != s && reads(n.Cond)
		}
		return !found
	})
	return found
}

// growingLimit reports whether the loop condition cond keeps a variable
// that the body grows (d *= 2, d <<= 1, d += step, n++) below a limit:
// for delay < time.Minute { ...; delay *= 2 } ends (flyctl's mcp proxy).
func (r *recognizer) growingLimit(l *Loop, cond ast.Expr) bool {
	grown := make(map[types.Object]bool)
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			switch n.Tok {
			case token.MUL_ASSIGN, token.SHL_ASSIGN, token.ADD_ASSIGN:
				grown[match.ObjectOf(r.info, n.Lhs[0])] = true
			}
		case *ast.IncDecStmt:
			if n.Tok == token.INC {
				grown[match.ObjectOf(r.info, n.X)] = true
			}
		}
		return true
	})
	for _, e := range conjuncts(cond) {
		be, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok {
			continue
		}
		switch {
		case (be.Op == token.LSS || be.Op == token.LEQ) && grown[match.ObjectOf(r.info, be.X)] && r.isConstant(be.Y),
			(be.Op == token.GTR || be.Op == token.GEQ) && grown[match.ObjectOf(r.info, be.Y)] && r.isConstant(be.X):
			// a constant by another name counts (for d < maxDelay)
			return true
		}
	}
	return false
}

func (r *recognizer) isConstant(e ast.Expr) bool {
	_, ok := r.intConst(e)
	return ok
}

// leavingCond records what a condition (with its if statement's init)
// that leads out of l says: counter limits, deadlines, flags and
// context observations.
//
// A negated condition (the false branch leads out) yields bounds only:
// its calls test the opposite of what leaves, so they observe nothing.
func (r *recognizer) leavingCond(l *Loop, cond ast.Expr, init ast.Stmt, stepped []*types.Var, negated bool) {
	var kinds []BoundKind
	note := func(k BoundKind) {
		for _, x := range kinds {
			if x == k {
				return
			}
		}
		kinds = append(kinds, k)
		l.Bounds = append(l.Bounds, &Bound{Kind: k, Node: cond})
	}
	// A counter stepped in the body gets its limit here.
	if c := l.Counter; c == nil || c.Bound == nil {
		vars := stepped
		if c != nil {
			vars = []*types.Var{c.Var}
		}
		r.counterLimit(l, cond, vars)
	}
	for _, d := range disjuncts(cond) {
		d = ast.Unparen(d)
		leave := true // the value of d on which the loop is left
		if u, ok := d.(*ast.UnaryExpr); ok && u.Op == token.NOT {
			d, leave = ast.Unparen(u.X), false
		}
		if r.isFlag(d) || leave && r.stopState(l, d) {
			note(BoundFlag)
		}
		if leave && r.policyStop(d) {
			// d := b.NextBackOff(); if d == backoff.Stop { return err }
			note(BoundPolicy)
		}
		if id, ok := d.(*ast.Ident); ok {
			// ok, err := shouldRetry(ctx, err); if !ok { return }
			if call, index := r.resultOf(l, id); call != nil {
				if ctx := r.ctxHelper(call, index, leave); ctx != nil {
					l.Observations = append(l.Observations, &Observation{Kind: ObsHelper, Node: call, Ctx: ctx})
				}
			}
		}
		if call, ok := d.(*ast.CallExpr); ok {
			if ctx := r.ctxHelper(call, 0, leave); ctx != nil {
				l.Observations = append(l.Observations, &Observation{Kind: ObsHelper, Node: call, Ctx: ctx})
			}
			if ch := r.stopHelper(l, call, leave); ch != nil {
				if ctx := r.doneOf(l, ch); ctx != nil {
					// waitOrQuit(ctx.Done(), d): the helper observes ctx.
					l.Observations = append(l.Observations, &Observation{Kind: ObsHelper, Node: call, Ctx: ctx})
				} else {
					note(BoundStop)
				}
			}
		}
	}
	// delay := time.Until(end); if delay <= 0 { return }: a variable
	// read from the clock in the body, compared where the loop is left.
	// A start taken in the body and measured (time.Since(t0)) times the
	// attempt instead.
	timed := r.timesAttempt(l, cond) || init != nil && r.timesAttempt(l, init)
	if timed && l.Timed == nil {
		l.Timed = cond
	}
	ast.Inspect(cond, func(n ast.Node) bool {
		if timed {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if call := r.bodyCallDef(l, id, cond.Pos()); call != nil && isClockRead(match.Callee(r.info, call)) && !r.timesAttempt(l, call) {
				note(BoundDeadline)
			}
		}
		return true
	})
	for _, n := range []ast.Node{init, cond} {
		if n == nil {
			continue
		}
		ast.Inspect(n, func(n ast.Node) bool {
			if be, ok := n.(*ast.BinaryExpr); ok && !negated && (be.Op == token.EQL || be.Op == token.NEQ) &&
				(r.isCtxError(be.X) || r.isCtxError(be.Y)) {
				// err == context.Canceled, err != context.Canceled
				l.Observations = append(l.Observations, &Observation{Kind: ObsErrorIs, Node: be})
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				_, lit := n.(*ast.FuncLit)
				return !lit
			}
			fn := match.Callee(r.info, call)
			if negated && !isClockRead(fn) {
				return true // only a deadline reads the same either way round
			}
			switch {
			case match.IsMethod(fn, "context", "Context", "Err"):
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
					l.Observations = append(l.Observations, &Observation{Kind: ObsErr, Node: call, Ctx: sel.X})
				}
			case match.IsErrorsIs(fn) && len(call.Args) == 2 && r.isCtxError(call.Args[1]):
				l.Observations = append(l.Observations, &Observation{Kind: ObsErrorIs, Node: call})
			case isClockRead(fn):
				if !timed {
					note(BoundDeadline)
				}
			default:
				if w, ok := r.helperWait(call); ok && w.Ctx != nil {
					l.Observations = append(l.Observations, &Observation{Kind: ObsHelper, Node: call, Ctx: w.Ctx})
				} else if ctx := r.contextQuery(call); ctx != nil {
					l.Observations = append(l.Observations, &Observation{Kind: ObsHelper, Node: call, Ctx: ctx})
				} else if req := r.requestQuery(call); req != nil {
					l.Observations = append(l.Observations, &Observation{Kind: ObsHelper, Node: call, Ctx: req})
				}
			}
			return true
		})
	}
}

// timesAttempt reports whether cond, a condition reading the clock,
// measures one attempt rather than the run: it takes the time since a
// start the loop body assigns (t0 := time.Now() before the attempt,
// then time.Since(t0) < time.Second, or now.Sub(t0)). The start moves
// every iteration, so the comparison tells how a failure happened
// (docs/model.md, Classification) and bounds nothing.
func (r *recognizer) timesAttempt(l *Loop, cond ast.Node) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			// took := time.Since(t0); if took < time.Second: a local of
			// the body holding the measure, followed one step.
			if call := r.bodyCallDef(l, id, cond.Pos()); call != nil && isSince(match.Callee(r.info, call)) {
				found = r.timesAttempt(l, call)
			}
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || found || len(call.Args) != 1 {
			return !found
		}
		if !isSince(match.Callee(r.info, call)) {
			return true
		}
		v, ok := match.ObjectOf(r.info, call.Args[0]).(*types.Var)
		if !ok {
			return true
		}
		ast.Inspect(l.Body, func(m ast.Node) bool {
			match.EachAssign(m, func(lhs, _ ast.Expr, _ bool, _ token.Token) {
				if match.ObjectOf(r.info, lhs) == types.Object(v) {
					found = true
				}
			})
			return !found
		})
		return !found
	})
	return found
}

// resultOf returns the call whose result the variable id names, when
// that variable is declared in l's body and assigned only once, from a
// call (ok, err := shouldRetry(ctx, err)), and the index of that result.
func (r *recognizer) resultOf(l *Loop, id *ast.Ident) (*ast.CallExpr, int) {
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || v.Pos() < l.Body.Pos() || v.Pos() >= l.Body.End() {
		return nil, 0
	}
	var call *ast.CallExpr
	index, assigns := 0, 0
	ast.Inspect(l.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, lhs := range as.Lhs {
			if match.ObjectOf(r.info, lhs) != v {
				continue
			}
			assigns++
			if c, ok := ast.Unparen(as.Rhs[min(i, len(as.Rhs)-1)]).(*ast.CallExpr); ok && (len(as.Rhs) == 1 || len(as.Lhs) == len(as.Rhs)) {
				call, index = c, i
				if len(as.Rhs) > 1 {
					index = 0
				}
			}
		}
		return true
	})
	if assigns != 1 {
		return nil, 0
	}
	return call, index
}

// bodyCallDef returns the call last assigned, before pos, to the
// variable id names when that variable is declared in l's body, or nil.
func (r *recognizer) bodyCallDef(l *Loop, id *ast.Ident, pos token.Pos) *ast.CallExpr {
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || v.Pos() < l.Body.Pos() || v.Pos() >= l.Body.End() {
		return nil
	}
	def, _ := match.LastDef(r.info, l.Body, v, pos)
	call, _ := ast.Unparen(def).(*ast.CallExpr)
	return call
}

// isSince reports whether fn measures time elapsed since its argument:
// time.Since, Time.Sub, an injected clock's Since.
func isSince(fn *types.Func) bool {
	return match.IsFunc(fn, "time", "Since") || match.IsMethod(fn, "time", "Time", "Sub") || isClock(fn) && fn.Name() == "Since"
}

// cancelLeaves reports whether the attempt a, failing with
// context.Canceled, leaves the loop on every path.
func (r *recognizer) cancelLeaves(fl *flow, l *Loop, a *Attempt) bool {
	at, ok := r.points[a]
	if a.Err == nil || !ok {
		return false
	}
	return !fl.explore(l, at, &assumption{attempt: a, known: true, errIs: "context.Canceled"}).next
}

// madeWithDeadline reports whether e is a variable the loop's function
// last assigned, before the loop, a context.WithTimeout or WithDeadline
// (or their Cause forms).
func (r *recognizer) madeWithDeadline(l *Loop, e ast.Expr) bool {
	v, ok := match.ObjectOf(r.info, e).(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	def, _ := match.LastDef(r.info, l.Func.Body, v, l.Stmt.Pos())
	call, ok := ast.Unparen(def).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := match.Callee(r.info, call)
	for _, name := range []string{"WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"} {
		if match.IsFunc(fn, "context", name) {
			return true
		}
	}
	return false
}

// bareBackground reports whether e is context.Background() or TODO(),
// or a local variable of l's function every assignment of which is one.
func (r *recognizer) bareBackground(l *Loop, e ast.Expr) bool {
	isBg := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := match.Callee(r.info, call)
		return match.IsFunc(fn, "context", "Background") || match.IsFunc(fn, "context", "TODO")
	}
	if isBg(e) {
		return true
	}
	v, ok := match.ObjectOf(r.info, e).(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || l.Func.Body == nil {
		return false
	}
	assigned, other := false, false
	ast.Inspect(l.Func.Body, func(n ast.Node) bool {
		match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
			if match.ObjectOf(r.info, lhs) == types.Object(v) {
				if rhs != nil && !tuple && isBg(rhs) {
					assigned = true
				} else {
					other = true
				}
			}
		})
		return !other
	})
	return assigned && !other
}

// processContext returns the argument of call that is a package-level
// context variable (a process's GlobalContext), or nil.
func (r *recognizer) processContext(call *ast.CallExpr) ast.Expr {
	for _, arg := range call.Args {
		if v, ok := match.ObjectOf(r.info, arg).(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && match.IsContext(v.Type()) {
			return arg
		}
	}
	return nil
}

// contextQuery returns the context handed to call when call answers a
// bool about it: a helper such as contextCanceled(ctx), or another
// package's fserrors.ContextError(ctx, &err), deciding a branch out of
// the loop.
func (r *recognizer) contextQuery(call *ast.CallExpr) ast.Expr {
	sig := match.Signature(r.info, call)
	if sig == nil || sig.Results().Len() != 1 {
		return nil
	}
	if b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return nil
	}
	for _, arg := range call.Args {
		if match.IsContext(r.info.TypeOf(arg)) {
			return arg
		}
	}
	return nil
}

// requestQuery returns the *http.Request handed to call when call is a
// same-package function answering a bool first (shouldRetry(err, req,
// resp, n)) that asks the request's context (req.Context().Err() or
// Done()): deciding a branch out of the loop, it observes the caller's
// context as contextQuery's helpers do (stripe-go's shouldRetry).
func (r *recognizer) requestQuery(call *ast.CallExpr) ast.Expr {
	decl, args := r.answerHelper(call, match.IsHTTPRequest)
	if decl == nil {
		return nil
	}
	var found ast.Expr
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		ask, ok := n.(*ast.CallExpr)
		if !ok {
			_, lit := n.(*ast.FuncLit)
			return !lit
		}
		fn := match.Callee(r.info, ask)
		if !match.IsMethod(fn, "context", "Context", "Err") && !match.IsMethod(fn, "context", "Context", "Done") {
			return true
		}
		sel, ok := ast.Unparen(ask.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		get, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok || !match.IsMethod(match.Callee(r.info, get), "net/http", "Request", "Context") {
			return true
		}
		if recv, ok := ast.Unparen(get.Fun).(*ast.SelectorExpr); ok {
			found = args[match.ObjectOf(r.info, recv.X)]
		}
		return true
	})
	return found
}

// isClockRead reports whether fn reads the clock: time.Now, Since,
// Until, or an injected clock's.
func isClockRead(fn *types.Func) bool {
	return match.IsFunc(fn, "time", "Now") || match.IsFunc(fn, "time", "Since") || match.IsFunc(fn, "time", "Until") ||
		isClock(fn) && (fn.Name() == "Now" || fn.Name() == "Since" || fn.Name() == "Until")
}

// counterLimit makes the first of vars compared with a limit in cond
// the loop's counter. The attempt count assumes the counter starts at
// zero: for a later start it is an overestimate of at most the start.
func (r *recognizer) counterLimit(l *Loop, cond ast.Expr, vars []*types.Var) {
	for _, v := range vars {
		for _, d := range disjuncts(cond) {
			if l.fl != nil && l.fl.firstPassOnly(l, d) {
				continue // for n == 0 || err != nil: the first pass, no limit
			}
			for _, e := range conjuncts(d) {
				// A counter stepped up leaves when it reaches its
				// limit; a countdown when it reaches its floor.
				bound, op, ok := r.compare(e, v)
				if !ok {
					if c := r.derivedLimit(l, e, v); c != nil {
						l.Counter = c
						return
					}
					continue
				}
				if r.downs[v] {
					if op != token.LEQ && op != token.LSS && op != token.EQL {
						continue
					}
					c := &Counter{Var: v, Bound: bound, Max: -1}
					start, okStart := r.startBefore(l, v)
					floor, okFloor := r.intConst(bound)
					if okStart && okFloor {
						switch op {
						case token.LEQ, token.EQL:
							c.Max = max(start-floor, 1)
						case token.LSS:
							c.Max = max(start-floor+1, 1)
						}
						c.Start, c.Down = start, true
					}
					l.Counter = c
					return
				}
				if op != token.GEQ && op != token.GTR && op != token.EQL {
					continue
				}
				c := &Counter{Var: v, Bound: bound, Max: -1}
				if n, ok := r.intConst(bound); ok {
					start, ok := r.startBefore(l, v)
					if !ok || start < 0 || start > n {
						start = 0 // assumed: an overestimate for a later start
					}
					leaveAt := n // the counter's value when the loop is left
					if op == token.GTR {
						leaveAt = n + 1
					}
					first := start // its value at the first check
					if r.steppedBefore(l, v, e) {
						first++
					}
					// Iterations up to the leaving one, which makes an
					// attempt when the check follows it.
					c.Max = max(leaveAt-first, 0)
					if r.checkedAfterAttempt(l, e) {
						c.Max++
					}
					c.Max = max(c.Max, 1)
					c.Start = start
				}
				l.Counter = c
				return
			}
		}
	}
}

// policyStop reports whether e compares a duration with cenkalti
// backoff's Stop, which a policy's NextBackOff answers once its
// MaxElapsedTime or retry limit is spent.
func (r *recognizer) policyStop(e ast.Expr) bool {
	be, ok := e.(*ast.BinaryExpr)
	if !ok || be.Op != token.EQL {
		return false
	}
	for _, x := range []ast.Expr{be.X, be.Y} {
		c, ok := match.ObjectOf(r.info, ast.Unparen(x)).(*types.Const)
		if ok && c.Name() == "Stop" && c.Pkg() != nil && slices.Contains(backoffPaths, c.Pkg().Path()) {
			return true
		}
	}
	return false
}

// backoffPaths are the import paths of cenkalti/backoff's major
// versions.
var backoffPaths = []string{"github.com/cenkalti/backoff", "github.com/cenkalti/backoff/v2", "github.com/cenkalti/backoff/v3", pathBackoffV4, pathBackoffV5}

// jumps reports whether a block always ends by transferring control:
// its last statement is a return, or a break, continue or goto.
func jumps(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	}
	return false
}

// negate returns the negation of a condition, pushing the negation into
// comparisons and through && and || so that a bound reads as it would
// on the true branch.
func negate(e ast.Expr) ast.Expr {
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return x.X
		}
	case *ast.BinaryExpr:
		inverse := map[token.Token]token.Token{
			token.LSS: token.GEQ, token.GEQ: token.LSS, token.GTR: token.LEQ, token.LEQ: token.GTR,
			token.EQL: token.NEQ, token.NEQ: token.EQL,
		}
		if op, ok := inverse[x.Op]; ok {
			return &ast.BinaryExpr{X: x.X, OpPos: x.OpPos, Op: op, Y: x.Y}
		}
		switch x.Op {
		case token.LAND:
			return &ast.BinaryExpr{X: negate(x.X), OpPos: x.OpPos, Op: token.LOR, Y: negate(x.Y)}
		case token.LOR:
			return &ast.BinaryExpr{X: negate(x.X), OpPos: x.OpPos, Op: token.LAND, Y: negate(x.Y)}
		}
	}
	return &ast.UnaryExpr{OpPos: e.Pos(), Op: token.NOT, X: e}
}

// derivedLimit recognises a limit on a value computed from the counter
// v, checked where the loop is left: d := base << n; if d > limit {
// return } (docs/model.md, Bounds: a growing value under a constant
// limit). The attempt count is found by stepping the counter from zero
// until the value passes the limit.
func (r *recognizer) derivedLimit(l *Loop, e ast.Expr, v *types.Var) *Counter {
	be, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || v == nil || r.downs[v] {
		return nil
	}
	grown, limit, op := be.X, be.Y, be.Op
	switch op {
	case token.GTR, token.GEQ:
	case token.LSS, token.LEQ:
		grown, limit = be.Y, be.X
		op = map[token.Token]token.Token{token.LSS: token.GTR, token.LEQ: token.GEQ}[op]
	default:
		return nil
	}
	lim, ok := r.intConst(limit)
	if !ok {
		return nil
	}
	defs := r.loopDefs(l)
	w := &Wait{Duration: grown}
	saved := l.Counter
	l.Counter = &Counter{Var: v}
	defer func() { l.Counter = saved }()
	for k := int64(0); k < 64; k++ {
		x, ok := r.waitAt(w, l, defs, k)
		if !ok {
			return nil
		}
		if int64(x) > lim || op == token.GEQ && int64(x) == lim {
			return &Counter{Var: v, Bound: limit, Max: k + 1}
		}
	}
	return nil
}

// steppedBefore reports whether the body steps v (v++, v += 1) before
// the comparison cmp.
func (r *recognizer) steppedBefore(l *Loop, v *types.Var, cmp ast.Expr) bool {
	if cmp.Pos() < l.Body.Pos() || cmp.End() > l.Body.End() {
		return false
	}
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		if n == nil || found || n.Pos() >= cmp.Pos() {
			return false
		}
		var x ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IncDecStmt:
			x = n.X
		case *ast.AssignStmt:
			if n.Tok == token.ADD_ASSIGN && len(n.Lhs) == 1 {
				x = n.Lhs[0]
			}
		}
		if x != nil && match.ObjectOf(r.info, x) == types.Object(v) {
			found = true
		}
		return !found
	})
	return found
}

// checkedAfterAttempt reports whether the comparison cmp, in l's body,
// comes after the loop's first attempt: the attempt of the iteration
// that leaves is made before the check.
func (r *recognizer) checkedAfterAttempt(l *Loop, cmp ast.Expr) bool {
	if len(l.Attempts) == 0 || cmp.Pos() < l.Body.Pos() || cmp.End() > l.Body.End() {
		return false // the loop condition is checked before the body
	}
	return l.Attempts[0].Call.Pos() < cmp.Pos()
}

// startBefore returns the constant that v holds when loop l starts: its
// last assignment in the function before the loop.
func (r *recognizer) startBefore(l *Loop, v *types.Var) (int64, bool) {
	if s, ok := l.Stmt.(*ast.ForStmt); ok && r.initAssigns(s.Init, v) {
		return r.startValue(s.Init, v) // for attempt := 1; ; attempt++
	}
	def, _ := match.LastDef(r.info, l.Func.Body, v, l.Stmt.Pos())
	if def == nil {
		return 0, false
	}
	return r.intConst(def)
}

// isFlag reports whether e reads a boolean variable or field, or an
// atomic.Bool: a closed or stopping flag; or calls a method or func
// value answering a bool that its owner or caller decides.
func (r *recognizer) isFlag(e ast.Expr) bool {
	if call, ok := e.(*ast.CallExpr); ok {
		if match.IsMethod(match.Callee(r.info, call), "sync/atomic", "Bool", "Load") {
			return true
		}
		// A method without arguments answering a bool: p.closed(),
		// s.isRunning() (go-redis, nats); or a func parameter or field
		// of that shape, a flag its owner answers: isLeader()
		// (seaweedfs's EnsureTopologyId).
		sig := match.Signature(r.info, call)
		if sig == nil || sig.Results().Len() != 1 {
			return false
		}
		if b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
			return false
		}
		if len(call.Args) != 0 {
			// A func parameter handed the error, whose answer leaves the
			// loop (if !shouldContinue(err) { return err }): a generic
			// helper whose caller decides when to give up; the caller
			// may well stop (seaweedfs's util.RetryUntil).
			v, ok := match.ObjectOf(r.info, ast.Unparen(call.Fun)).(*types.Var)
			return ok && v.Kind() == types.ParamVar
		}
		if fn := match.Callee(r.info, call); fn != nil {
			rs, ok := fn.Type().(*types.Signature)
			return ok && rs.Recv() != nil
		}
		// A package-level func variable is a hook anyone may set: no
		// owner's flag.
		v, ok := match.ObjectOf(r.info, ast.Unparen(call.Fun)).(*types.Var)
		return ok && v.Pkg() != nil && (v.IsField() || v.Parent() != v.Pkg().Scope())
	}
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		v, ok := match.ObjectOf(r.info, e).(*types.Var)
		if !ok {
			return false
		}
		b, ok := v.Type().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Bool
	}
	return false
}

// commRecv returns the receive of a select case (case <-ch:, case v :=
// <-ch:), or nil for a send or the default case.
func commRecv(cc *ast.CommClause) *ast.UnaryExpr {
	var recv ast.Expr
	switch s := cc.Comm.(type) {
	case *ast.ExprStmt:
		recv = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			recv = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(recv).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u
	}
	return nil
}

// isCtxError reports whether e is context.Canceled or
// context.DeadlineExceeded.
func (r *recognizer) isCtxError(e ast.Expr) bool {
	v, ok := match.ObjectOf(r.info, e).(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "context" &&
		(v.Name() == "Canceled" || v.Name() == "DeadlineExceeded")
}

// leavingComm records a select case that leads out of l: a receive from
// ctx.Done() observes the context; any other receive that is not a wait
// is a stop channel.
func (r *recognizer) leavingComm(l *Loop, cc *ast.CommClause, ri *rootInfo) {
	u := commRecv(cc)
	if u == nil {
		return
	}
	if ctx := r.doneOf(l, u.X); ctx != nil {
		l.Observations = append(l.Observations, &Observation{Kind: ObsDone, Node: u, Ctx: ctx})
		return
	}
	for _, w := range l.Waits {
		if w.Node == u {
			return
		}
	}
	kind := BoundStop
	if r.timerChan(u.X, ri) {
		kind = BoundDeadline // a timer whose case leaves: a deadline
	}
	l.Bounds = append(l.Bounds, &Bound{Kind: kind, Node: u})
}

// doneOf returns the context whose Done channel e is: ctx.Done(), or a
// variable the function assigned ctx.Done() once (ctxDone :=
// ctx.Done()), or nil.
func (r *recognizer) doneOf(l *Loop, e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if v, ok := match.ObjectOf(r.info, e).(*types.Var); ok && !v.IsField() {
		def, _ := match.LastDef(r.info, l.Func.Body, v, l.DefinedBefore(v, e.Pos()))
		if def == nil {
			return nil
		}
		e = ast.Unparen(def)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || !match.IsMethod(match.Callee(r.info, call), "context", "Context", "Done") {
		return nil
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

// timerChan reports whether e is the channel of a timer: time.After(d),
// a variable assigned one, or the C of a timer or ticker variable.
func (r *recognizer) timerChan(e ast.Expr, ri *rootInfo) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		_, _, ok := r.chanCall(call)
		return ok
	}
	if sel, ok := e.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		e = sel.X
	}
	obj := match.ObjectOf(r.info, e)
	return obj != nil && len(ri.timers[obj]) > 0
}

// ctxInScope reports whether the context expression e, observed in loop
// l, is a context in scope or derived from one.
func (r *recognizer) ctxInScope(l *Loop, e ast.Expr, ri *rootInfo) bool {
	if v, ok := match.ObjectOf(r.info, e).(*types.Var); ok && r.replacedIn(l.Func.Body, v, l.Stmt.Pos(), ri) {
		return false
	}
	return r.exprOrigin(e, ri) == originCaller
}

// replaced reports whether the context parameter v of a function
// enclosing fnCur is replaced, before pos, by a context rooted at
// context.Background or TODO, in a statement of its function's body
// that every path runs (not inside a branch): the caller's context is
// then out of scope (syncthing's relay client).
func (r *recognizer) replaced(fnCur inspector.Cursor, v *types.Var, pos token.Pos, ri *rootInfo) bool {
	for c := range fnCur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c.Node().Pos() <= v.Pos() && v.Pos() < c.Node().End() {
			return r.replacedIn(fnBody(c.Node()), v, pos, ri)
		}
	}
	return false
}

// replacedIn reports whether a top-level statement of body before pos
// assigns v a context rooted at Background or TODO, with no later
// top-level statement before pos assigning it anything else.
func (r *recognizer) replacedIn(body *ast.BlockStmt, v *types.Var, pos token.Pos, ri *rootInfo) bool {
	if body == nil {
		return false
	}
	// The top-level assignments of v, scanned once per body: each
	// loop of a function asks, and a function may hold thousands.
	key := replacedKey{body, v}
	changes, ok := r.replacedAt[key]
	if !ok {
		changes = []replacedChange{}
		for _, st := range body.List {
			nodes := []ast.Node{st}
			if ds, ok := st.(*ast.DeclStmt); ok {
				if gd, ok := ds.Decl.(*ast.GenDecl); ok {
					nodes = nodes[:0]
					for _, spec := range gd.Specs {
						nodes = append(nodes, spec)
					}
				}
			}
			for _, n := range nodes {
				match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
					if match.ObjectOf(r.info, lhs) == v {
						changes = append(changes, replacedChange{st.Pos(), rhs != nil && r.exprOrigin(rhs, ri) == originBackground})
					}
				})
			}
		}
		if r.replacedAt == nil {
			r.replacedAt = make(map[replacedKey][]replacedChange)
		}
		r.replacedAt[key] = changes
	}
	// The last assignment in a statement before pos decides.
	i, _ := slices.BinarySearchFunc(changes, pos, func(c replacedChange, p token.Pos) int { return cmp.Compare(c.stmt, p) })
	return i > 0 && changes[i-1].replaced
}

type replacedKey struct {
	body *ast.BlockStmt
	v    *types.Var
}

// A replacedChange is a top-level statement assigning a variable, and
// whether it leaves it a context rooted at Background or TODO.
type replacedChange struct {
	stmt     token.Pos
	replaced bool
}

// contexts lists the contexts in scope of l.
//
// A context field is in scope only when an attempt uses it
// (docs/model.md, Context in scope: "a context held in a struct field
// that the attempt uses"): a component's lifetime context the loop merely
// mentions (fs.GetConfig(item.c.ctx)) is not its caller's.
func (r *recognizer) contexts(l *Loop, fnCur inspector.Cursor, ri *rootInfo) {
	all := r.scopeContexts(fnCur, l.Stmt, ri)
	l.Contexts = all[:0]
	for _, c := range all {
		if c.Kind == CtxField && !slices.ContainsFunc(l.Attempts, func(a *Attempt) bool { return match.Mentions(r.info, a.Call, c.Var) }) &&
			!r.queried(l.Stmt, c.Var) {
			continue
		}
		l.Contexts = append(l.Contexts, c)
	}
}

// queried reports whether region calls Err or Done on the context field
// v (c.ctx.Err()): the loop treats it as its context.
func (r *recognizer) queried(region ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(region, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn := match.Callee(r.info, call)
		if match.IsMethod(fn, "context", "Context", "Err") || match.IsMethod(fn, "context", "Context", "Done") {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && match.ObjectOf(r.info, sel.X) == types.Object(v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// scopeContexts lists the contexts in scope of region, a loop or a
// library call in the function at fnCur: context and *http.Request
// parameters of the function and of the functions enclosing it, and the
// context fields and caller-derived locals the region uses.
func (r *recognizer) scopeContexts(fnCur inspector.Cursor, region ast.Node, ri *rootInfo) []*Context {
	var out []*Context
	seen := make(map[*types.Var]bool)
	add := func(k ContextKind, v *types.Var) {
		if !seen[v] {
			seen[v] = true
			out = append(out, &Context{Kind: k, Var: v})
		}
	}
	r.enclosingParams(fnCur, func(v *types.Var) {
		switch {
		case match.HasContext(v.Type()):
			if r.replaced(fnCur, v, region.Pos(), ri) {
				return // ctx, cancel := context.WithCancel(context.Background())
			}
			if r.backgroundParam(fnCur, v) {
				return // every caller hands it a context no one cancels
			}
			add(CtxParam, v)
		case match.IsHTTPRequest(v.Type()):
			add(CtxRequest, v)
		}
	})
	ast.Inspect(region, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if v, ok := match.ObjectOf(r.info, n).(*types.Var); ok && v.IsField() && match.HasContext(v.Type()) {
				add(CtxField, v)
			}
		case *ast.Ident:
			if v, ok := r.info.Uses[n].(*types.Var); ok && !v.IsField() && !ri.params[v] &&
				match.IsContext(v.Type()) && ri.origins[v] == originCaller &&
				v.Pos() < region.Pos() {
				add(CtxDerived, v)
			}
		}
		return true
	})
	return out
}

// endable reports whether the context e, handed to a retry library, can
// end although it derives from context.Background or TODO: it is made
// by context.WithTimeout or WithDeadline (or their Cause forms) or by
// signal.NotifyContext, or by context.WithCancel (or WithCancelCause)
// whose cancel function leaves the code that makes it: stored in a
// field, a map or another variable, handed to a call, returned, or
// called from another function (a goroutine waiting for a stop signal,
// a Close method reading the field). A cancel that is only deferred, or
// called in line, runs after the retry is over: that context never
// ends it. fnCur is the function holding the library call.
func (r *recognizer) endable(e ast.Expr, fnCur inspector.Cursor) bool {
	top := fnCur
	for p := range fnCur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		top = p
	}
	v, ok := match.ObjectOf(r.info, ast.Unparen(e)).(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	found := false
	for c := range top.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		var lhs []ast.Expr
		var rhs []ast.Expr
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			rhs = n.Values
		}
		if len(rhs) != 1 || len(lhs) == 0 || match.ObjectOf(r.info, lhs[0]) != types.Object(v) {
			continue
		}
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			continue
		}
		fn := match.Callee(r.info, call)
		switch {
		case match.IsFunc(fn, "context", "WithTimeout"), match.IsFunc(fn, "context", "WithDeadline"),
			match.IsFunc(fn, "context", "WithTimeoutCause"), match.IsFunc(fn, "context", "WithDeadlineCause"),
			match.IsFunc(fn, "os/signal", "NotifyContext"):
			found = true
		case match.IsFunc(fn, "context", "WithCancel"), match.IsFunc(fn, "context", "WithCancelCause"):
			if len(lhs) == 2 {
				if cancel, ok := match.ObjectOf(r.info, lhs[1]).(*types.Var); ok && r.cancelKept(cancel, c, top) {
					found = true
				}
			}
		}
		if found {
			break
		}
	}
	return found
}

// cancelKept reports whether the cancel function cancel, assigned at
// the statement at, is used anywhere in top but as the callee of a call
// in the function that assigns it.
func (r *recognizer) cancelKept(cancel *types.Var, at, top inspector.Cursor) bool {
	home, _ := enclosingFunc(at)
	for c := range top.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if r.info.Uses[id] != types.Object(cancel) {
			continue
		}
		call, ok := c.Parent().Node().(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != ast.Expr(id) {
			return true // stored, handed over or returned
		}
		if f, _ := enclosingFunc(c); f.Node() != home.Node() {
			return true // called from another function
		}
	}
	return false
}

// backgroundParam reports whether v, a context parameter of an
// unexported function declared at or around fnCur, gets from every call
// of that function in the package a context derived only from
// context.Background or TODO (context.WithValue of one included): a
// context that carries values and that no caller can cancel (juicefs's
// cachedStore.upload). A function also used as a value, or never called
// in the package, may be called with anything.
func (r *recognizer) backgroundParam(fnCur inspector.Cursor, v *types.Var) bool {
	var decl *ast.FuncDecl
	for c := range fnCur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c.Node().Pos() <= v.Pos() && v.Pos() < c.Node().End() {
			decl, _ = c.Node().(*ast.FuncDecl)
			break
		}
	}
	if decl == nil || decl.Name.IsExported() {
		return false
	}
	fn, ok := r.info.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	idx := -1
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == v {
			idx = i
		}
	}
	if idx < 0 || fn.Signature().Variadic() && idx == params.Len()-1 {
		return false
	}
	r.callSites()
	if r.escaped[fn] || len(r.calls[fn]) == 0 {
		return false
	}
	for _, c := range r.calls[fn] {
		call := c.Node().(*ast.CallExpr)
		if idx >= len(call.Args) || call.Ellipsis.IsValid() {
			return false
		}
		if r.exprOrigin(call.Args[idx], r.root(c)) != originBackground {
			return false
		}
		// Rooted at Background but cancellable all the same: a
		// signal.NotifyContext, a timeout, a cancel kept for later.
		if at, ok := enclosingFunc(c); !ok || r.endable(call.Args[idx], at) {
			return false
		}
	}
	return true
}

// callSites fills r.calls and r.escaped once: for each function or
// method of the package, the calls naming it, and whether it is also
// used otherwise (a method value, a callback, an interface it
// satisfies through a conversion is not seen and needs no use).
func (r *recognizer) callSites() {
	if r.calls != nil {
		return
	}
	r.calls = make(map[*types.Func][]inspector.Cursor)
	r.escaped = make(map[*types.Func]bool)
	in := r.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for c := range in.Root().Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		fn, ok := r.info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != r.pass.Pkg {
			continue
		}
		fn = fn.Origin()
		fun := c
		if sel, ok := c.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			fun = c.Parent()
		}
		if call, ok := fun.Parent().Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) == fun.Node() {
			r.calls[fn] = append(r.calls[fn], fun.Parent())
			continue
		}
		r.escaped[fn] = true
	}
}

// DefinedBefore returns the position before which the definition of v
// that a use at use reads is found: the loop's start for a variable
// declared outside the body, the use itself for one declared in it (if
// done := ctx.Done(); done != nil: its definition in this iteration).
func (l *Loop) DefinedBefore(v types.Object, use token.Pos) token.Pos {
	if l.Body.Pos() <= v.Pos() && v.Pos() < l.Body.End() {
		return use
	}
	return l.Stmt.Pos()
}

// OnStop reports whether pos lies in a part of l's body run only once
// the loop has been told to stop: the body of a select case receiving
// from an observed Done channel or from a stop channel (a BoundStop), or
// of an if statement whose condition holds an observation (ctx.Err()).
// A background task that leaves there hands its caller no failure.
func (l *Loop) OnStop(pos token.Pos) bool {
	obs := make(map[ast.Node]bool)
	for _, o := range l.Observations {
		if o.Kind == ObsDone || o.Kind == ObsErr {
			obs[o.Node] = true
		}
	}
	for _, b := range l.Bounds {
		if u, ok := b.Node.(*ast.UnaryExpr); ok && b.Kind == BoundStop && u.Op == token.ARROW {
			obs[u] = true
		}
	}
	if len(obs) == 0 {
		return false
	}
	holds := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			found = found || obs[m]
			return !found
		})
		return found
	}
	in := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		if in || n == nil || pos < n.Pos() || pos >= n.End() {
			return false // only the nodes holding pos
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			in = n.Comm != nil && holds(n.Comm)
		case *ast.IfStmt:
			in = n.Body.Pos() <= pos && pos < n.Body.End() && holds(n.Cond)
		}
		return !in
	})
	return in
}
