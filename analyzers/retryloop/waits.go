package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/internal/match"
)

// isClock reports whether fn is a method of an injected clock
// (k8s.io/utils/clock, github.com/jonboulle/clockwork) or of one of
// their timers and tickers.
func isClock(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() == nil {
		return false
	}
	p := fn.Pkg().Path()
	return p == "k8s.io/utils/clock" || strings.HasPrefix(p, "k8s.io/utils/clock/") ||
		p == "github.com/jonboulle/clockwork"
}

// sleepCall returns the duration of a direct sleep (time.Sleep or a
// clock's Sleep) and its kind.
func (r *recognizer) sleepCall(call *ast.CallExpr) (WaitKind, ast.Expr, bool) {
	fn := match.Callee(r.info, call)
	if len(call.Args) != 1 || fn == nil {
		return 0, nil, false
	}
	switch {
	case match.IsFunc(fn, "time", "Sleep"):
		return WaitSleep, call.Args[0], true
	case isClock(fn) && fn.Name() == "Sleep":
		return WaitClock, call.Args[0], true
	}
	return 0, nil, false
}

// chanCall classifies a call that returns a channel that fires after a
// duration: time.After, time.Tick and a clock's After and Tick.
func (r *recognizer) chanCall(call *ast.CallExpr) (WaitKind, ast.Expr, bool) {
	fn := match.Callee(r.info, call)
	if len(call.Args) != 1 || fn == nil {
		return 0, nil, false
	}
	switch {
	case match.IsFunc(fn, "time", "After"):
		return WaitAfter, call.Args[0], true
	case match.IsFunc(fn, "time", "Tick"):
		return WaitTick, call.Args[0], true
	case isClock(fn) && (fn.Name() == "After" || fn.Name() == "Tick"):
		return WaitClock, call.Args[0], true
	}
	return 0, nil, false
}

// timerCall classifies a call that makes or rearms a timer or ticker
// and returns its duration.
func (r *recognizer) timerCall(call *ast.CallExpr) (ast.Expr, bool) {
	fn := match.Callee(r.info, call)
	if len(call.Args) != 1 || fn == nil {
		return nil, false
	}
	switch {
	case match.IsFunc(fn, "time", "NewTimer"), match.IsFunc(fn, "time", "NewTicker"),
		match.IsMethod(fn, "time", "Timer", "Reset"), match.IsMethod(fn, "time", "Ticker", "Reset"):
		return call.Args[0], true
	case isClock(fn):
		switch fn.Name() {
		case "NewTimer", "NewTicker", "Reset":
			return call.Args[0], true
		}
	}
	return nil, false
}

// betweenAttempts keeps the waits after which the next iteration can
// be reached: a receive that drains a stopped timer on the way out of
// the loop waits between nothing.
func (r *recognizer) betweenAttempts(fl *flow, l *Loop, waits []*Wait, loop inspector.Cursor) []*Wait {
	out := waits[:0]
	for _, w := range waits {
		c, ok := w.cur, w.cur.Node() == w.Node
		if !ok {
			c, ok = loop.FindNode(w.Node)
		}
		if !ok {
			continue
		}
		if w.Select != nil {
			// A timer in a select whose case leaves the loop is a
			// deadline, not a wait (docs/model.md, Bounds).
			if cc, ok := enclosingComm(c); ok && fl.leaves(l, fl.block(cc, cfg.KindSelectCaseBody)) {
				continue
			}
		}
		at, ok := fl.locate(c)
		if !ok || fl.reachesNext(l, at) {
			out = append(out, w)
		}
	}
	return out
}

// enclosingComm returns the select case whose communication holds c.
func enclosingComm(c inspector.Cursor) (*ast.CommClause, bool) {
	for p := range c.Enclosing((*ast.CommClause)(nil), (*ast.BlockStmt)(nil)) {
		cc, ok := p.Node().(*ast.CommClause)
		return cc, ok && cc.Comm != nil && c.Node().Pos() >= cc.Comm.Pos() && c.Node().End() <= cc.Comm.End()
	}
	return nil, false
}

// isWaitCall reports whether call waits: a direct sleep or a call of a
// same-package helper that waits.
func (r *recognizer) isWaitCall(call *ast.CallExpr) bool {
	if _, _, ok := r.sleepCall(call); ok {
		return true
	}
	_, ok := r.helperWait(call)
	return ok
}

// waits lists the waits of the loop at cur (or, for a helper, of the
// function body at cur), outside function literals and nested loops.
func (r *recognizer) waits(cur inspector.Cursor, fnCur inspector.Cursor, inHelper bool) []*Wait {
	var out []*Wait
	filter := []ast.Node{
		(*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil), (*ast.FuncLit)(nil),
		(*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.GoStmt)(nil), (*ast.DeferStmt)(nil),
	}
	root := cur.Node()
	cur.Inspect(filter, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			return n == root
		case *ast.CallExpr:
			if kind, d, ok := r.sleepCall(n); ok {
				out = append(out, &Wait{Kind: kind, Node: n, Duration: d, cur: c})
			} else if !inHelper {
				if w, ok := r.helperWait(n); ok {
					w.cur = c
					out = append(out, w)
				}
			}
		case *ast.UnaryExpr:
			if n.Op != token.ARROW {
				return true
			}
			if w := r.receiveWait(n, fnCur, cur); w != nil {
				w.cur = c
				w.Select = enclosingSelect(c)
				out = append(out, w)
				return false
			}
		}
		return true
	})
	return out
}

func enclosingSelect(c inspector.Cursor) *ast.SelectStmt {
	for p := c.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.CommClause:
			continue
		case *ast.SelectStmt:
			return n
		case *ast.ExprStmt, *ast.AssignStmt, *ast.BlockStmt:
			continue
		}
		return nil
	}
	return nil
}

// receiveWait classifies a receive <-ch as a wait, or returns nil.
func (r *recognizer) receiveWait(recv *ast.UnaryExpr, fnCur, loopCur inspector.Cursor) *Wait {
	switch ch := ast.Unparen(recv.X).(type) {
	case *ast.CallExpr:
		if kind, d, ok := r.chanCall(ch); ok {
			return &Wait{Kind: kind, Node: recv, Duration: d}
		}
		// t.C() and t.Chan() of an injected clock's timer or ticker.
		if fn := match.Callee(r.info, ch); isClock(fn) && (fn.Name() == "C" || fn.Name() == "Chan") {
			if sel, ok := ast.Unparen(ch.Fun).(*ast.SelectorExpr); ok {
				return &Wait{Kind: WaitClock, Node: recv, Duration: r.timerDuration(sel.X, fnCur, loopCur)}
			}
		}
	case *ast.SelectorExpr:
		// t.C of a *time.Timer or *time.Ticker.
		if ch.Sel.Name != "C" {
			return nil
		}
		obj, ok := match.ObjectOf(r.info, ch).(*types.Var)
		if !ok || !obj.IsField() || obj.Pkg() == nil || obj.Pkg().Path() != "time" {
			return nil
		}
		kind := WaitTimer
		if match.IsNamed(r.info.TypeOf(ch.X), "time", "Ticker") {
			kind = WaitTicker
		}
		return &Wait{Kind: kind, Node: recv, Duration: r.timerDuration(ch.X, fnCur, loopCur)}
	case *ast.Ident:
		// ch := time.After(d) or time.Tick(d), received later.
		obj := r.info.ObjectOf(ch)
		if obj == nil {
			return nil
		}
		for _, def := range r.root(fnCur).timers[obj] {
			if kind, d, ok := r.chanCall(def); ok {
				return &Wait{Kind: kind, Node: recv, Duration: d}
			}
		}
	}
	return nil
}

// timerDuration returns the duration a timer or ticker x was last armed
// with: a Reset inside the loop, else the call that made it, or nil.
func (r *recognizer) timerDuration(x ast.Expr, fnCur, loopCur inspector.Cursor) ast.Expr {
	obj := match.ObjectOf(r.info, x)
	if obj == nil {
		return nil
	}
	loop := loopCur.Node()
	var inLoop, before ast.Expr
	for _, call := range r.root(fnCur).timers[obj] {
		d, ok := r.timerCall(call)
		if !ok {
			continue
		}
		if call.Pos() >= loop.Pos() && call.End() <= loop.End() {
			inLoop = d
		} else if call.Pos() < loop.Pos() {
			before = d
		}
	}
	if inLoop != nil {
		return inLoop
	}
	return before
}

// helperWait returns the wait of a call of a same-package function that
// waits (one level: a helper's own helpers are not followed).
func (r *recognizer) helperWait(call *ast.CallExpr) (*Wait, bool) {
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() != r.pass.Pkg {
		return nil, false
	}
	decl := r.decl(fn)
	if decl == nil || decl.Body == nil {
		return nil, false
	}
	inner, ok := r.waitH[decl]
	if !ok {
		r.waitH[decl] = nil // a recursive helper is not a wait
		in := r.inspector()
		if c, found := in.Root().FindNode(decl); found {
			inner = r.waits(c, c, true)
		}
		r.waitH[decl] = inner
	}
	if len(inner) == 0 {
		return nil, false
	}
	w := &Wait{Kind: WaitHelper, Node: call, Helper: decl, Inner: inner[0], Duration: inner[0].Duration}
	w.Args = make(map[*types.Var]ast.Expr)
	params := decl.Type.Params.List
	i := 0
	for _, field := range params {
		for _, name := range field.Names {
			if v, ok := r.info.Defs[name].(*types.Var); ok && i < len(call.Args) {
				w.Args[v] = call.Args[i]
				if match.IsContext(v.Type()) && w.Ctx == nil {
					w.Ctx = call.Args[i]
				}
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	if decl.Recv != nil && len(decl.Recv.List) == 1 && len(decl.Recv.List[0].Names) == 1 {
		if v, ok := r.info.Defs[decl.Recv.List[0].Names[0]].(*types.Var); ok {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				w.Args[v] = sel.X
			}
		}
	}
	return w, true
}

// decl returns the declaration of a function of this package.
func (r *recognizer) decl(fn *types.Func) *ast.FuncDecl {
	if f := r.pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph).Func(fn); f != nil {
		return f.Decl
	}
	return nil
}

// waitsFirst reports whether l is a wait-first poll: a wait executed
// unconditionally at the top of the body, before any attempt, with no
// attempt made before the loop either.
func (r *recognizer) waitsFirst(l *Loop, cur, fnCur inspector.Cursor) bool {
	if r.eventFirst(l) {
		return !r.attemptBefore(l, fnCur)
	}
	if len(l.Waits) == 0 {
		return false
	}
	top := func(n ast.Node) int {
		for i, s := range l.Body.List {
			if n.Pos() >= s.Pos() && n.End() <= s.End() {
				return i
			}
		}
		return -1
	}
	first := len(l.Body.List)
	for _, a := range l.Attempts {
		i := top(a.Call)
		if i < 0 {
			return false // an attempt in the loop condition runs first
		}
		first = min(first, i)
	}
	w := top(l.Waits[0].Node)
	if w < 0 || w > first {
		return false
	}
	if w == first && !r.caseBefore(l.Waits[0], l.Attempts[0].Call) {
		return false
	}
	switch l.Body.List[w].(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt, *ast.SelectStmt:
	default:
		return false // a conditional wait
	}
	return !r.attemptBefore(l, fnCur)
}

// eventFirst reports whether every attempt of l sits in the body of a
// receive case of a select with no default that starts the loop body:
// each attempt waits for an event (a notification, a job), as a worker
// does.
func (r *recognizer) eventFirst(l *Loop) bool {
	if len(l.Body.List) == 0 {
		return false
	}
	sel, ok := l.Body.List[0].(*ast.SelectStmt)
	if !ok {
		return false
	}
	for _, s := range sel.Body.List {
		if s.(*ast.CommClause).Comm == nil {
			return false // a default case: the select does not block
		}
	}
	for _, a := range l.Attempts {
		inCase := false
		for _, s := range sel.Body.List {
			cc := s.(*ast.CommClause)
			if _, send := cc.Comm.(*ast.SendStmt); send {
				continue
			}
			for _, b := range cc.Body {
				if a.Call.Pos() >= b.Pos() && a.Call.End() <= b.End() {
					inCase = true
				}
			}
		}
		if !inCase {
			return false
		}
	}
	return true
}

// caseBefore reports whether wait is the receive of a select case whose
// body holds the call: the select waits before the attempt.
func (r *recognizer) caseBefore(wait *Wait, call *ast.CallExpr) bool {
	if wait.Select == nil {
		return false
	}
	for _, s := range wait.Select.Body.List {
		cc := s.(*ast.CommClause)
		if cc.Comm == nil || wait.Node.Pos() < cc.Comm.Pos() || wait.Node.End() > cc.Comm.End() {
			continue
		}
		for _, b := range cc.Body {
			if call.Pos() >= b.Pos() && call.End() <= b.End() {
				return true
			}
		}
	}
	return false
}

// attemptBefore reports whether the function makes one of l's attempts
// before the loop: the attempt's error variable is assigned from a call,
// or the same function is called.
func (r *recognizer) attemptBefore(l *Loop, fnCur inspector.Cursor) bool {
	errs := make(map[types.Object]bool)
	callees := make(map[*types.Func]bool)
	for _, a := range l.Attempts {
		if a.Err != nil {
			errs[a.Err] = true
		}
		if fn := match.Callee(r.info, a.Call); fn != nil {
			callees[fn] = true
		}
	}
	found := false
	start := l.Stmt.Pos()
	ast.Inspect(fnBody(fnCur.Node()), func(n ast.Node) bool {
		if found || n == nil || n.Pos() >= start {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if errs[match.ObjectOf(r.info, lhs)] {
					found = true
				}
			}
		case *ast.CallExpr:
			if callees[match.Callee(r.info, n)] {
				found = true
			}
		}
		return !found
	})
	return found
}

// FuncBody returns the body of a *ast.FuncDecl or *ast.FuncLit (a
// Call's Op or RetryIf), or nil for any other node.
func FuncBody(n ast.Node) *ast.BlockStmt { return fnBody(n) }

func fnBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}
