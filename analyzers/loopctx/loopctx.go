package loopctx

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/source"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "loopctx"

// Config configures an instance of the check.
type Config struct {
	// Strict also reports any context created inside a retry loop:
	// create one before the loop and reuse it.
	Strict bool
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{}

// Analyzer is the check with the default configuration; its flags
// change that configuration.
var Analyzer = New(DefaultConfig)

// Result is what one run of the check returns: the //retryvet:ignore
// directives that silenced a finding.
type Result = suppress.Result

//go:embed doc.go
var docSource string

// New returns a loopctx analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	a := &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/loopctx.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	a.Flags.BoolVar(&c.cfg.Strict, "strict", cfg.Strict, "also report any context created inside a retry loop")
	return a
}

type checker struct {
	cfg Config
}

// run holds the state of one pass.
type run struct {
	pass     *analysis.Pass
	cfg      Config
	rep      *suppress.Reporter
	reported map[ast.Node]bool
	files    *source.Files
	bgVars   map[*ast.BlockStmt]map[types.Object]bool // backgroundVars per function body
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	r := &run{pass: pass, cfg: c.cfg, rep: suppress.NewReporter(pass, Name), reported: make(map[ast.Node]bool), files: source.New(pass), bgVars: make(map[*ast.BlockStmt]map[types.Object]bool)}
	res := retryloop.Of(pass)
	for _, l := range res.Loops() {
		r.contexts(l.Body, l.Body, l.Func.Body, l.Contexts, "a retry loop", true)
		r.defers(l)
	}
	for _, call := range res.Calls {
		where := "an operation retried by " + call.Name()
		switch op := call.Op.(type) {
		case *ast.FuncLit:
			r.contexts(op, op.Body, op.Body, call.Contexts, where, false)
		case *ast.FuncDecl:
			r.contexts(op, op.Body, op.Body, call.Contexts, where, false)
		}
	}
	return r.rep.Result(), nil
}

// contexts reports the contexts made in region (a loop body or an
// operation's body) from Background, directly or through a variable of
// fn that only ever holds Background or TODO, or assigned back to their
// parent. attempt is the loop's body or the operation: a variable it
// declares (an operation's parameter included) lives for one attempt,
// so a context assigned back to it nests nothing.
func (r *run) contexts(attempt ast.Node, region, fn *ast.BlockStmt, scope []*retryloop.Context, where string, loop bool) {
	info := r.pass.TypesInfo
	bg, ok := r.bgVars[fn]
	if !ok {
		bg = backgroundVars(info, fn) // once per function, not per loop
		r.bgVars[fn] = bg
	}
	// Function literals returned, to run after the retry, or deferred:
	// a cleanup that runs once the attempt failed, when the caller's
	// context may have ended, needs a context of its own.
	later := make(map[*ast.FuncLit]bool)
	ast.Inspect(region, func(n ast.Node) bool {
		var call *ast.CallExpr
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.ReturnStmt:
			for _, res := range n.Results {
				if lit, ok := ast.Unparen(res).(*ast.FuncLit); ok {
					later[lit] = true
				}
			}
		case *ast.DeferStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				later[lit] = true
			}
		case *ast.FuncLit:
			return !later[n]
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				call, _ = ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
				lhs = n.Lhs
			}
		case *ast.CallExpr:
			call = n
		}
		if call == nil || r.reported[call] || len(call.Args) == 0 {
			return true
		}
		fn := match.Callee(info, call)
		if !match.IsContextWith(fn) {
			return true
		}
		parent := call.Args[0]
		switch {
		case (isBackground(info, parent) || bg[match.ObjectOf(info, parent)]) && len(scope) > 0:
			r.report(call, "loopctx/background", fmt.Sprintf("context.%s from %s inside %s ignores the caller's cancellation; derive it from %s",
				fn.Name(), backgroundText(info, parent), where, ctxName(scope)))
		case len(lhs) > 0 && sameVar(info, lhs[0], parent) && !declaredIn(info, parent, attempt):
			r.report(call, "loopctx/reassign", fmt.Sprintf("context.%s assigned back to its parent %s inside %s nests a new context on every attempt; assign it to a per-attempt variable",
				fn.Name(), types.ExprString(parent), where))
		case r.cfg.Strict && loop:
			r.report(call, "loopctx/strict", fmt.Sprintf("context.%s inside %s makes a context on every attempt; make it once, before the loop",
				fn.Name(), where))
		}
		return true
	})
}

func (r *run) report(n ast.Node, category, msg string, fixes ...analysis.SuggestedFix) {
	r.reported[n] = true
	r.rep.Report(analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: category, Message: msg, SuggestedFixes: fixes})
}

// backgroundText names a Background parent: the call as written, or
// the variable holding it.
func backgroundText(info *types.Info, e ast.Expr) string {
	if isBackground(info, e) {
		return types.ExprString(e)
	}
	return types.ExprString(e) + " (context.Background)"
}

// isBackground reports whether e is context.Background() or
// context.TODO().
func isBackground(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := match.Callee(info, call)
	return match.IsFunc(fn, "context", "Background") || match.IsFunc(fn, "context", "TODO")
}

// backgroundVars returns the variables of fn every assignment of which
// is context.Background() or context.TODO().
func backgroundVars(info *types.Info, fn *ast.BlockStmt) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	other := make(map[types.Object]bool)
	note := func(lhs ast.Expr, rhs ast.Expr) {
		obj := match.ObjectOf(info, lhs)
		if obj == nil || !match.IsContext(obj.Type()) {
			return
		}
		if rhs != nil && isBackground(info, rhs) {
			vars[obj] = true
		} else {
			other[obj] = true
		}
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, _ token.Token) {
			if tuple {
				rhs = nil
			}
			note(lhs, rhs)
		})
		return true
	})
	for obj := range other {
		delete(vars, obj)
	}
	return vars
}

// sameVar reports whether a and b denote the same variable.
func sameVar(info *types.Info, a, b ast.Expr) bool {
	va, ok := match.ObjectOf(info, a).(*types.Var)
	return ok && va != nil && match.ObjectOf(info, b) == va
}

// ctxName names the context a finding tells the user to derive from.
func ctxName(scope []*retryloop.Context) string {
	for _, k := range []retryloop.ContextKind{retryloop.CtxParam, retryloop.CtxDerived, retryloop.CtxRequest, retryloop.CtxField} {
		for _, c := range scope {
			if c.Kind != k {
				continue
			}
			switch k {
			case retryloop.CtxRequest:
				return c.Var.Name() + ".Context()"
			case retryloop.CtxField:
				return "the " + c.Var.Name() + " field"
			}
			return c.Var.Name()
		}
	}
	return "the caller's context"
}

// defers reports defer cancel() in the body of loop l (not inside a
// function literal, which runs per call).
func (r *run) defers(l *retryloop.Loop) {
	info := r.pass.TypesInfo
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			cancel := cancelVar(info, n.Call)
			if cancel == nil || r.reported[n] {
				return true
			}
			if l.Func.InTest && selfExpiring(info, l.Func.Body, cancel, n.Pos()) {
				return true // a test's deadline-bound wait: the piled contexts expire by themselves
			}
			var fixes []analysis.SuggestedFix
			if fix, ok := r.deferFix(l, n, cancel); ok {
				fixes = append(fixes, fix)
			}
			r.report(n, "loopctx/defer", fmt.Sprintf("defer %s() inside a retry loop keeps every attempt's context until the function returns; call %s() when the attempt ends",
				cancel.Name(), cancel.Name()), fixes...)
		}
		return true
	})
}

// selfExpiring reports whether the cancel function v comes with a
// context made by context.WithTimeout or WithDeadline: its timer
// releases it when it fires, so a deferred cancel piles up only small
// closures. Test code waiting for a server it started is left alone
// with it (moby's daemon readiness wait).
func selfExpiring(info *types.Info, body *ast.BlockStmt, v *types.Var, pos token.Pos) bool {
	def, _ := match.LastDef(info, body, v, pos)
	call, ok := ast.Unparen(def).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := match.Callee(info, call)
	return match.IsFunc(fn, "context", "WithTimeout") || match.IsFunc(fn, "context", "WithDeadline")
}

// cancelVar returns the cancel function a deferred call cancels: the
// called variable itself (defer cancel()) or one a deferred closure
// calls (defer func() { cancel() }()).
func cancelVar(info *types.Info, call *ast.CallExpr) *types.Var {
	if v := calledCancel(info, call); v != nil {
		return v
	}
	lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok {
		return nil
	}
	var found *types.Var
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && found == nil {
			found = calledCancel(info, c)
		}
		return found == nil
	})
	return found
}

// calledCancel returns the variable call calls when it is a
// context.CancelFunc or CancelCauseFunc.
func calledCancel(info *types.Info, call *ast.CallExpr) *types.Var {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if match.IsNamed(v.Type(), "context", "CancelFunc") || match.IsNamed(v.Type(), "context", "CancelCauseFunc") {
		return v
	}
	return nil
}

// deferFix replaces defer cancel() with cancel() before every exit of
// the iteration that follows it, when that is safe.
func (r *run) deferFix(l *retryloop.Loop, d *ast.DeferStmt, cancel *types.Var) (analysis.SuggestedFix, bool) {
	info := r.pass.TypesInfo
	if calledCancel(info, d.Call) == nil || len(d.Call.Args) > 0 {
		return analysis.SuggestedFix{}, false // a deferred closure, or CancelCauseFunc(err)
	}
	index := -1
	for i, s := range l.Body.List {
		if s == d {
			index = i
		}
	}
	if index < 0 {
		return analysis.SuggestedFix{}, false // nested: cancel may be out of scope at some exits
	}
	ctxVar := r.cancelledContext(l, cancel)
	if ctxVar == nil {
		return analysis.SuggestedFix{}, false
	}
	after := l.Body.List[index+1:]
	tainted := taint(info, ctxVar, after)
	exits, ok := r.exits(l, after, tainted)
	if !ok || r.leaves(l, tainted) {
		return analysis.SuggestedFix{}, false
	}
	src, err := r.source(d.Pos())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	call := cancel.Name() + "()"
	edits := []analysis.TextEdit{src.deleteStmt(d)}
	for _, e := range exits {
		edits = append(edits, analysis.TextEdit{Pos: e.Pos(), End: e.Pos(), NewText: []byte(call + "\n" + src.indent(e.Pos()))})
	}
	if len(after) == 0 || !terminates(after[len(after)-1]) {
		edits = append(edits, analysis.TextEdit{Pos: l.Body.Rbrace, End: l.Body.Rbrace, NewText: []byte("\t" + call + "\n" + src.indent(l.Body.Rbrace))})
	}
	return analysis.SuggestedFix{Message: fmt.Sprintf("Call %s at the end of each attempt instead of deferring it", call), TextEdits: edits}, true
}

// cancelledContext returns the context variable made together with
// cancel in the loop body (ctx, cancel := context.WithTimeout(...)).
func (r *run) cancelledContext(l *retryloop.Loop, cancel *types.Var) *types.Var {
	info := r.pass.TypesInfo
	var ctx *types.Var
	for _, s := range l.Body.List {
		as, ok := s.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 || match.ObjectOf(info, as.Lhs[1]) != cancel {
			continue
		}
		if call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok && match.IsContextWith(match.Callee(info, call)) {
			ctx, _ = match.ObjectOf(info, as.Lhs[0]).(*types.Var)
		}
	}
	return ctx
}

// taint returns the variables that hold something made with ctx in
// stmts: ctx itself and whatever is assigned from an expression that
// mentions a tainted variable, in source order.
func taint(info *types.Info, ctx *types.Var, stmts []ast.Stmt) map[types.Object]bool {
	tainted := map[types.Object]bool{ctx: true}
	mentions := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && tainted[info.Uses[id]] {
				found = true
			}
			return !found
		})
		return found
	}
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			match.EachAssign(n, func(lhs, rhs ast.Expr, _ bool, _ token.Token) {
				if rhs != nil && mentions(rhs) {
					if obj := match.ObjectOf(info, lhs); obj != nil {
						tainted[obj] = true
					}
				}
			})
			return true
		})
	}
	return tainted
}

// holdsResource reports whether a value of type t can hold on to what a
// context bounds (a response, rows, a stream): anything but an error,
// a basic value or a slice of them.
func holdsResource(t types.Type) bool {
	if match.IsError(t) {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return false
	case *types.Slice:
		_, basic := u.Elem().Underlying().(*types.Basic)
		return !basic
	}
	return true
}

// leaves reports whether something made with the context leaves the
// iteration: a tainted variable declared outside the loop body (other
// than the context and its cancel function) that can hold a resource.
func (r *run) leaves(l *retryloop.Loop, tainted map[types.Object]bool) bool {
	for obj := range tainted {
		v, ok := obj.(*types.Var)
		if !ok || v == nil {
			continue
		}
		inside := v.Pos() > l.Body.Lbrace && v.Pos() < l.Body.Rbrace
		if !inside && holdsResource(v.Type()) && !match.HasContext(v.Type()) {
			return true
		}
	}
	return false
}

// exits returns the statements after which control leaves the
// iteration (returns, and branches out of the iteration), in stmts but
// not in function literals. It fails when an exit returns or is a goto
// (a label inside the loop could be jumped to) or when a return
// mentions something made with the context.
func (r *run) exits(l *retryloop.Loop, stmts []ast.Stmt, tainted map[types.Object]bool) ([]ast.Stmt, bool) {
	info := r.pass.TypesInfo
	inner := make(map[string]bool) // labels declared inside the loop body
	ast.Inspect(l.Body, func(n ast.Node) bool {
		if ls, isLabel := n.(*ast.LabeledStmt); isLabel {
			inner[ls.Label.Name] = true
		}
		return true
	})
	var out []ast.Stmt
	ok := true
	var walk func(n ast.Node, inBreakable, inLoop bool)
	walk = func(n ast.Node, inBreakable, inLoop bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if !ok || m == nil || m == n {
				return m == n
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				walk(m, true, true)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, true, inLoop)
				return false
			case *ast.ReturnStmt:
				for _, res := range m.Results {
					ast.Inspect(res, func(x ast.Node) bool {
						if id, isID := x.(*ast.Ident); isID && tainted[info.Uses[id]] {
							if v, isVar := info.Uses[id].(*types.Var); isVar && holdsResource(v.Type()) {
								ok = false
							}
						}
						return ok
					})
				}
				out = append(out, m)
			case *ast.BranchStmt:
				switch {
				case m.Tok == token.GOTO:
					ok = false
				case m.Label != nil:
					if !inner[m.Label.Name] {
						out = append(out, m) // to this loop or an outer one
					}
				case m.Tok == token.CONTINUE && !inLoop, m.Tok == token.BREAK && !inBreakable:
					out = append(out, m)
				}
			}
			return true
		})
	}
	for _, s := range stmts {
		walk(&ast.BlockStmt{List: []ast.Stmt{s}}, false, false)
	}
	return out, ok
}

// terminates reports whether s ends the iteration by itself.
func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok != token.FALLTHROUGH
	}
	return false
}

// declaredIn reports whether the variable e is declared inside region:
// a context made anew in each iteration (ctx := context.Background();
// ctx, cancel = context.WithTimeout(ctx, d), go-redis' tryDial) nests
// nothing across attempts.
func declaredIn(info *types.Info, e ast.Expr, region ast.Node) bool {
	obj := match.ObjectOf(info, e)
	return obj != nil && region.Pos() <= obj.Pos() && obj.Pos() < region.End()
}
