package ctxerr

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/source"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "ctxerr"

// Config configures an instance of the check.
type Config struct {
	// MinSleep is the shortest constant time.Sleep reported in a loop
	// that observes its context: a shorter one delays cancellation by
	// one sleep at most.
	MinSleep time.Duration
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{MinSleep: time.Second}

// Analyzer is the check with the default configuration; its flags
// change that configuration.
var Analyzer = New(DefaultConfig)

// Result is what one run of the check returns: the //retryvet:ignore
// directives that silenced a finding.
type Result = suppress.Result

//go:embed doc.go
var docSource string

// New returns a ctxerr analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	a := &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/ctxerr.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, callgraph.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	a.Flags.DurationVar(&c.cfg.MinSleep, "minsleep", cfg.MinSleep,
		"shortest constant time.Sleep reported in a retry loop that observes its context")
	return a
}

type checker struct {
	cfg Config
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	fx := &fixer{pass: pass, files: source.New(pass), funcs: make(map[ast.Node]*funcNames)}
	res := retryloop.Of(pass)
	g := pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	for _, l := range res.Loops() {
		if l.Func.InTest || !l.Waiting() || len(l.Contexts) == 0 {
			continue
		}
		ctx := ctxExpr(pass.TypesInfo, l.Contexts, l.Stmt)
		if l.LocalOnly || l.Startup && !l.WorkerStart || l.MaxWait >= 0 && l.MaxWait <= c.cfg.MinSleep {
			continue // local, a process starting up, or quick: it delays the caller less than one long sleep
		}
		if l.MaxWait >= 0 && l.MaxWait <= Brief && takeContext(l) {
			continue // after a cancellation each attempt fails at once; observed or not, the loop ends within its waits
		}
		if !l.Observed && l.RetriesCancel != nil {
			continue // it recognises the cancellation and retries: retryable's finding
		}
		if !l.Observed {
			w := l.Waits[0]
			rep.Report(analysis.Diagnostic{
				Pos:            w.Node.Pos(),
				End:            w.Node.End(),
				Category:       Name + "/unobserved",
				Message:        fmt.Sprintf("retry loop never observes %s, so it keeps retrying after the caller gave up; check %s and wait in a select on %s", ctx, method(ctx, "Err"), method(ctx, "Done")),
				Related:        []analysis.RelatedInformation{{Pos: l.Stmt.Pos(), Message: "retry loop"}},
				SuggestedFixes: fx.selectFix(l, w, ctx),
			})
			continue
		}
		for _, w := range l.Waits {
			if w.Kind != retryloop.WaitSleep || !c.long(pass.TypesInfo, w) || underNilDone(pass.TypesInfo, l, w) {
				continue
			}
			rep.Report(analysis.Diagnostic{
				Pos:            w.Node.Pos(),
				End:            w.Node.End(),
				Category:       Name + "/sleep",
				Message:        fmt.Sprintf("time.Sleep in a retry loop cannot be interrupted when %s is cancelled; wait in a select on %s and a timer", ctx, method(ctx, "Done")),
				SuggestedFixes: fx.selectFix(l, w, ctx),
			})
		}
	}
	for _, call := range res.Calls {
		if call.InTest || call.Startup && !call.WorkerStart || call.LocalOnly || len(call.Contexts) == 0 || stopsOnCancel(pass.TypesInfo, g, call) || res.QuickPolicy(call.Policy) {
			continue // test code; a start-up wait; no context; one observed by the operation; waits of under a second in all
		}
		if msg := handoff(call, ctxExpr(pass.TypesInfo, call.Contexts, call.Call)); msg != "" {
			rep.Report(analysis.Diagnostic{Pos: call.Call.Pos(), End: call.Call.End(), Category: Name + "/handoff", Message: msg})
		}
	}
	return rep.Result(), nil
}

// Brief is the longest total wait of a constant-bounded loop whose
// every attempt takes the caller's context that unobserved is not
// reported for: once the context is cancelled each remaining attempt
// fails at once, and the loop ends within its waits.
const Brief = 4 * time.Second

// takeContext reports whether every attempt of l is handed the
// caller's context.
func takeContext(l *retryloop.Loop) bool {
	for _, a := range l.Attempts {
		if !a.TakesContext {
			return false
		}
	}
	return len(l.Attempts) > 0
}

// underNilDone reports whether the sleep w runs only where a context's
// Done channel is nil (if done == nil { time.Sleep(d) }, the else branch
// of done != nil, or after an if done != nil whose body leaves the
// iteration on every path), the channel read directly or from a
// variable assigned one: that context can never be cancelled, so
// nothing interrupts the wait. So does a sleep where the context itself
// is nil (the else branch of o.ctx != nil).
func underNilDone(info *types.Info, l *retryloop.Loop, w *retryloop.Wait) bool {
	within := func(n ast.Node) bool {
		return n != nil && n.Pos() <= w.Node.Pos() && w.Node.End() <= n.End()
	}
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.IfStmt:
			if op, ok := nilTest(info, l, n); ok {
				nilBranch := ast.Node(n.Body)
				if op == token.NEQ {
					nilBranch = n.Else
				}
				found = within(nilBranch)
			}
		case *ast.BlockStmt:
			for i, st := range n.List {
				ifs, ok := st.(*ast.IfStmt)
				if !ok || ifs.Else != nil || i+1 == len(n.List) {
					continue
				}
				// if done != nil { ...; continue }; time.Sleep(d)
				rest := &ast.BlockStmt{Lbrace: n.List[i+1].Pos(), Rbrace: n.Rbrace}
				if op, ok := nilTest(info, l, ifs); ok && op == token.NEQ && within(rest) && leavesIteration(info, ifs.Body) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// nilTest reports whether s's condition compares a context's Done
// channel, or a context, with nil, and with which operator.
func nilTest(info *types.Info, l *retryloop.Loop, s *ast.IfStmt) (token.Token, bool) {
	be, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.EQL && be.Op != token.NEQ {
		return 0, false
	}
	ch := be.X
	if match.IsNil(info, be.X) {
		ch = be.Y
	} else if !match.IsNil(info, be.Y) {
		return 0, false
	}
	if match.IsContext(info.TypeOf(ch)) {
		// if o.ctx != nil { select ... } else { time.Sleep(d) }: no
		// context at all on that branch.
		return be.Op, true
	}
	if v, ok := match.ObjectOf(info, ch).(*types.Var); ok {
		ch, _ = match.LastDef(info, l.Func.Body, v, l.DefinedBefore(v, s.Cond.Pos()))
	}
	if call, ok := ast.Unparen(ch).(*ast.CallExpr); ok && match.IsMethod(match.Callee(info, call), "context", "Context", "Done") {
		return be.Op, true
	}
	return 0, false
}

// leavesIteration reports whether st never completes normally within
// the loop's iteration: it returns, continues, jumps out with a labeled
// break or goto, or panics, on every path.
func leavesIteration(info *types.Info, st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		// An unlabeled break leaves only the select or switch it is in.
		return st.Tok == token.CONTINUE || st.Tok == token.GOTO || st.Tok == token.BREAK && st.Label != nil
	case *ast.ExprStmt:
		call, ok := st.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		_, builtin := info.Uses[id].(*types.Builtin)
		return builtin && id.Name == "panic"
	case *ast.BlockStmt:
		return len(st.List) > 0 && leavesIteration(info, st.List[len(st.List)-1])
	case *ast.IfStmt:
		return st.Else != nil && leavesIteration(info, st.Body) && leavesIteration(info, st.Else)
	case *ast.SelectStmt:
		for _, c := range st.Body.List {
			cc := c.(*ast.CommClause)
			if len(cc.Body) == 0 || !leavesIteration(info, cc.Body[len(cc.Body)-1]) {
				return false
			}
		}
		return len(st.Body.List) > 0
	}
	return false
}

// long reports whether a sleep can last MinSleep or more: its longest
// when the recogniser can bound it, else a constant at least that long,
// or any duration that is not constant.
func (c *checker) long(info *types.Info, w *retryloop.Wait) bool {
	if w.Longest >= 0 {
		return w.Longest >= c.cfg.MinSleep // random terms and counters at their bounds
	}
	tv, ok := info.Types[w.Duration]
	if !ok || tv.Value == nil {
		return true
	}
	ns, exact := constant.Int64Val(constant.ToInt(tv.Value))
	return !exact || time.Duration(ns) >= c.cfg.MinSleep
}

// stopsOnCancel reports whether the operation of a library call stops
// the library once its context error comes out of an attempt: an if
// that tests errors.Is(err, context.Canceled) or DeadlineExceeded
// returns an error the library does not retry (any error, for k8s
// wait's condition; backoff.Permanent or retry-go's Unrecoverable of
// it). The operation observes the context the call is not handed
// (gatekeeper's event replay).
func stopsOnCancel(info *types.Info, g *callgraph.Graph, call *retryloop.Call) bool {
	body := retryloop.FuncBody(call.Op)
	if body == nil {
		return false
	}
	final := func(e ast.Expr) bool {
		if match.IsNil(info, e) {
			return false
		}
		if call.Library == retryloop.LibK8sWait {
			return true
		}
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := match.Callee(info, c)
		return match.IsFunc(fn, "github.com/cenkalti/backoff/v4", "Permanent") || match.IsFunc(fn, "github.com/cenkalti/backoff/v5", "Permanent") ||
			match.IsFunc(fn, "github.com/avast/retry-go/v4", "Unrecoverable")
	}
	if opensWithContext(info, g, call, body, final) {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || found {
			return false
		}
		ifs, ok := n.(*ast.IfStmt)
		if !ok || !testsCancel(info, ifs.Cond) || len(ifs.Body.List) == 0 {
			return true
		}
		if ret, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); ok && len(ret.Results) > 0 && final(ret.Results[len(ret.Results)-1]) {
			found = true
		}
		return !found
	})
	return found
}

// opensWithContext reports whether the operation's body opens, after
// checks that only return, with a call handed a context in scope, and
// stops the library on any failure of it (obj, err := c.Get(ctx, name);
// if err != nil { return false, err }, in a k8s wait condition): once
// the context ends, the next attempt fails and stops the library, as a
// loop opened by such a call ends (argo-events' resource-labels poll).
func opensWithContext(info *types.Info, g *callgraph.Graph, call *retryloop.Call, body *ast.BlockStmt, final func(ast.Expr) bool) bool {
	c, ret := match.OpeningCall(info, body.List)
	return c != nil && handsScopeContext(info, g, call.Contexts, c) && len(ret.Results) > 0 && final(ret.Results[len(ret.Results)-1])
}

// handsScopeContext reports whether one of c's arguments is a context
// in scope, named as it is declared (ctx, c.ctx), and the callee can
// fail by it: a function of another package or an interface method is
// taken to, and one of this package must hand its context parameter to
// a call that can fail (rbdStatus(ctx, ...) that only logs with ctx and
// runs a command without it does not end when ctx does).
func handsScopeContext(info *types.Info, g *callgraph.Graph, scope []*retryloop.Context, c *ast.CallExpr) bool {
	for i, a := range c.Args {
		obj := match.ObjectOf(info, ast.Unparen(a))
		if obj == nil {
			continue
		}
		for _, sc := range scope {
			if sc.Kind != retryloop.CtxRequest && obj == sc.Var {
				return failsBy(info, g, c, i)
			}
		}
	}
	return false
}

// failsBy reports whether the call c can fail through its argument i,
// a context: the callee is not a function of this package, or it hands
// that parameter to a call whose results include an error.
func failsBy(info *types.Info, g *callgraph.Graph, c *ast.CallExpr, i int) bool {
	f := g.Func(match.Callee(info, c))
	if f == nil {
		return true
	}
	params := f.Obj.Signature().Params()
	if i >= params.Len() || f.Obj.Signature().Variadic() && i >= params.Len()-1 {
		return false
	}
	p := params.At(i)
	for _, s := range f.Calls {
		sig := match.Signature(info, s.Call)
		if sig == nil || !match.ReturnsError(sig) {
			continue
		}
		for _, a := range s.Call.Args {
			if match.ObjectOf(info, ast.Unparen(a)) == p {
				return true
			}
		}
	}
	return false
}

// testsCancel reports whether cond holds only when an error is the
// context's (match.OnlyWhen of errors.Is(err, context.Canceled) or
// DeadlineExceeded).
func testsCancel(info *types.Info, cond ast.Expr) bool {
	return match.OnlyWhen(cond, func(e ast.Expr) bool {
		c, ok := e.(*ast.CallExpr)
		if !ok || !match.IsErrorsIs(match.Callee(info, c)) || len(c.Args) != 2 {
			return false
		}
		v, ok := match.ObjectOf(info, c.Args[1]).(*types.Var)
		return ok && v.Pkg() != nil && v.Pkg().Path() == "context" && (v.Name() == "Canceled" || v.Name() == "DeadlineExceeded")
	})
}

// handoff returns the message for a library call that does not hand
// over the context in scope, or "".
func handoff(call *retryloop.Call, ctx string) string {
	if call.CtxOrigin == retryloop.CtxBackground {
		return fmt.Sprintf("%s.%s is handed a context derived from context.Background while %s is in scope, so it retries after the caller gave up; hand it %s",
			call.Callee.Pkg().Name(), call.Callee.Name(), ctx, ctx)
	}
	if call.Ctx != nil || call.Opaque {
		return ""
	}
	var fix string
	switch call.Library {
	case retryloop.LibBackoffV4:
		fix = fmt.Sprintf("wrap the policy with backoff.WithContext(b, %s)", ctx)
	case retryloop.LibRetryGo:
		fix = fmt.Sprintf("add the option retry.Context(%s)", ctx)
	case retryloop.LibK8sWait:
		fix = fmt.Sprintf("use wait.ExponentialBackoffWithContext(%s, ...)", ctx)
	case retryloop.LibEapache:
		fix = fmt.Sprintf("use RunCtx(%s, ...)", ctx)
	case retryloop.LibFailsafe:
		fix = fmt.Sprintf("chain WithContext(%s) on the executor", ctx)
		if sig, ok := call.Callee.Type().(*types.Signature); ok && sig.Recv() == nil {
			// failsafe.Run(fn, policies...), before v0.9: no executor to chain on.
			fix = fmt.Sprintf("run the policies on failsafe.NewExecutor(...).WithContext(%s) instead", ctx)
		}
	default:
		return "" // no context-free form, or one the model does not name
	}
	return fmt.Sprintf("%s.%s retries without %s, so it goes on after the caller gave up; %s",
		call.Callee.Pkg().Name(), call.Callee.Name(), ctx, fix)
}

// ctxExpr renders the context in scope a finding names: a parameter or
// a local by name, a request's r.Context(), a field as the region
// spells it (c.ctx).
func ctxExpr(info *types.Info, scope []*retryloop.Context, region ast.Node) string {
	for _, k := range []retryloop.ContextKind{retryloop.CtxParam, retryloop.CtxDerived, retryloop.CtxRequest, retryloop.CtxField} {
		for _, c := range scope {
			if c.Kind != k {
				continue
			}
			switch k {
			case retryloop.CtxRequest:
				return c.Var.Name() + ".Context()"
			case retryloop.CtxField:
				if sel := fieldUse(info, region, c.Var); sel != nil {
					return types.ExprString(sel)
				}
				continue
			}
			return c.Var.Name()
		}
	}
	return "the context"
}

// fieldUse returns a selector of field in region.
func fieldUse(info *types.Info, region ast.Node, field *types.Var) *ast.SelectorExpr {
	var found *ast.SelectorExpr
	ast.Inspect(region, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && found == nil && match.ObjectOf(info, sel) == field {
			found = sel
		}
		return found == nil
	})
	return found
}

// isSleepStmt reports whether w is the statement time.Sleep(d) or
// <-time.After(d), and returns the time package's name in the file.
func isSleepStmt(w *retryloop.Wait) (*ast.SelectorExpr, bool) {
	var call *ast.CallExpr
	switch w.Kind {
	case retryloop.WaitSleep:
		call, _ = w.Node.(*ast.CallExpr)
	case retryloop.WaitAfter:
		if u, ok := w.Node.(*ast.UnaryExpr); ok && w.Select == nil {
			call, _ = ast.Unparen(u.X).(*ast.CallExpr)
		}
	}
	if call == nil {
		return nil, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, false
	}
	if _, ok := sel.X.(*ast.Ident); !ok {
		return nil, false
	}
	return sel, true
}

// method renders a call of a context's method for a message: ctx.Err(),
// or "its Err()" when the context has no name the loop spells.
func method(ctx, name string) string {
	if ctx == "the context" {
		return "its " + name + "()"
	}
	return ctx + "." + name + "()"
}

// A fixer builds the fixes of one pass. The names a fix declares are
// unique across the pass: two waits of one function, fixed in one run,
// get two timers.
type fixer struct {
	pass  *analysis.Pass
	files *source.Files
	funcs map[ast.Node]*funcNames
}

// funcNames is what the fixes need to know of one function, computed
// once for all its waits.
type funcNames struct {
	declared map[string]bool               // names declared in the function or given to a fix
	cancels  map[*types.Scope][]*cancelVar // by the scope that declares them
}

// A cancelVar is a cancel function a context.With* call declares in
// the function.
type cancelVar struct {
	v      *types.Var
	cause  bool // a CancelCauseFunc
	escape bool // used other than by calling it
}

// selectFix replaces a statement wait with a select on ctx.Done() and a
// timer stopped on the cancel path, when the edit compiles: the wait is
// a time.Sleep(d) or <-time.After(d) statement, the context is a
// variable or r.Context(), and the function's last result is an error
// with simple zero values before it. The cancel path calls the cancel
// function of each context the function made that is in scope, so that
// no path skips it (go vet's lostcancel), whether or not loopctx's fix
// of a deferred cancel is applied too.
func (fx *fixer) selectFix(l *retryloop.Loop, w *retryloop.Wait, ctx string) []analysis.SuggestedFix {
	pass := fx.pass
	sel, ok := isSleepStmt(w)
	if !ok || ctx == "the context" {
		return nil
	}
	stmt := statementOf(l.Body, w.Node)
	if stmt == nil {
		return nil
	}
	var ft *ast.FuncType
	switch fn := l.Func.Node.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft == nil {
		return nil
	}
	zeros, ok := zeroValues(pass.TypesInfo, ft)
	if !ok {
		return nil
	}
	fn := fx.names(l.Func.Node)
	// The scope at the wait, found from the loop body's: a search from
	// the package's visits every scope of the function before it.
	scope := pass.TypesInfo.Scopes[l.Body]
	if scope == nil {
		return nil
	}
	scope = scope.Innermost(stmt.Pos())
	var calls []string
	for s := scope; s != nil && s != pass.Pkg.Scope(); s = s.Parent() {
		for _, c := range fn.cancels[s] {
			if c.v.Pos() >= stmt.Pos() {
				continue // declared after the wait
			}
			if c.cause || c.escape {
				return nil // no call that is surely right
			}
			calls = append(calls, c.v.Name()+"()")
		}
	}
	slices.Reverse(calls) // outermost first
	name := freeName(fn.declared, scope, stmt.Pos())
	if name == "" {
		return nil
	}
	tf, text, err := fx.files.Text(stmt.Pos())
	if err != nil {
		return nil
	}
	start, end := tf.Offset(w.Duration.Pos()), tf.Offset(w.Duration.End())
	if start < 0 || start > end || end > len(text) {
		return nil
	}
	fn.declared[name] = true
	durText := string(text[start:end])
	indent := source.LineIndent(tf, text, stmt.Pos())
	pkg := sel.X.(*ast.Ident).Name
	ret := append(zeros, ctx+".Err()")
	var b strings.Builder
	fmt.Fprintf(&b, "%s := %s.NewTimer(%s)\n%sselect {\n%scase <-%s.Done():\n%s\t%s.Stop()\n", name, pkg, durText, indent, indent, ctx, indent, name)
	for _, c := range calls {
		fmt.Fprintf(&b, "%s\t%s\n", indent, c)
	}
	fmt.Fprintf(&b, "%s\treturn %s\n%scase <-%s.C:\n%s}", indent, join(ret), indent, name, indent)
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Wait in a select on %s.Done() and a timer", ctx),
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(b.String())}},
	}}
}

// names returns what the fixes need to know of the function fn,
// walking it once.
func (fx *fixer) names(fn ast.Node) *funcNames {
	if n, ok := fx.funcs[fn]; ok {
		return n
	}
	info := fx.pass.TypesInfo
	n := &funcNames{declared: make(map[string]bool), cancels: make(map[*types.Scope][]*cancelVar)}
	byVar := make(map[*types.Var]*cancelVar)
	called := make(map[*ast.Ident]bool)
	var uses []*ast.Ident // of cancel functions
	ast.Inspect(fn, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.Ident:
			if info.Defs[node] != nil {
				n.declared[node.Name] = true
			}
			if byVar[asVar(info.Uses[node])] != nil {
				uses = append(uses, node)
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(node.Fun).(*ast.Ident); ok {
				called[id] = true
			}
		}
		match.EachAssign(node, func(lhs, rhs ast.Expr, tuple bool, _ token.Token) {
			call, ok := ast.Unparen(rhs).(*ast.CallExpr)
			if !ok || !tuple || !match.IsContextWith(match.Callee(info, call)) {
				return
			}
			id, ok := lhs.(*ast.Ident)
			if !ok {
				return
			}
			v, ok := info.Defs[id].(*types.Var)
			if !ok || v == nil || byVar[v] != nil {
				return
			}
			plain := match.IsNamed(v.Type(), "context", "CancelFunc")
			cause := match.IsNamed(v.Type(), "context", "CancelCauseFunc")
			if plain || cause {
				c := &cancelVar{v: v, cause: cause}
				byVar[v] = c
				n.cancels[v.Parent()] = append(n.cancels[v.Parent()], c)
			}
		})
		return true
	})
	for _, id := range uses {
		if !called[id] {
			byVar[asVar(info.Uses[id])].escape = true
		}
	}
	fx.funcs[fn] = n
	return n
}

func asVar(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	return v
}

func join(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

// statementOf returns the expression statement of body whose
// expression is x.
func statementOf(body *ast.BlockStmt, x ast.Expr) *ast.ExprStmt {
	var found *ast.ExprStmt
	ast.Inspect(body, func(n ast.Node) bool {
		if es, ok := n.(*ast.ExprStmt); ok && ast.Unparen(es.X) == x {
			found = es
		}
		return found == nil
	})
	return found
}

// zeroValues returns the zero values of every result but the last,
// which must be an error.
func zeroValues(info *types.Info, ft *ast.FuncType) ([]string, bool) {
	if ft.Results == nil {
		return nil, false
	}
	var types_ []types.Type
	for _, f := range ft.Results.List {
		t := info.TypeOf(f.Type)
		if t == nil {
			return nil, false
		}
		for range max(len(f.Names), 1) {
			types_ = append(types_, t)
		}
	}
	if len(types_) == 0 || !match.IsError(types_[len(types_)-1]) {
		return nil, false
	}
	var zeros []string
	for _, t := range types_[:len(types_)-1] {
		switch u := t.Underlying().(type) {
		case *types.Basic:
			switch {
			case u.Info()&types.IsBoolean != 0:
				zeros = append(zeros, "false")
			case u.Info()&types.IsString != 0:
				zeros = append(zeros, `""`)
			case u.Info()&types.IsNumeric != 0:
				zeros = append(zeros, "0")
			default:
				return nil, false
			}
		case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
			zeros = append(zeros, "nil")
		default:
			return nil, false
		}
	}
	return zeros, true
}

// freeName returns a name for the timer that no scope around pos (from
// scope, the innermost) and no declaration in the function (declared,
// which holds the names other fixes of the function took) uses, or "".
func freeName(declared map[string]bool, scope *types.Scope, pos token.Pos) string {
	names := []string{"timer", "waitTimer", "retryTimer"}
	for i := 2; i <= 20; i++ {
		names = append(names, "timer"+strconv.Itoa(i))
	}
	for _, name := range names {
		if declared[name] {
			continue
		}
		if scope != nil {
			if _, obj := scope.LookupParent(name, pos); obj != nil {
				continue
			}
		}
		return name
	}
	return ""
}
