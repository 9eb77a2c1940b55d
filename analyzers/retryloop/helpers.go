package retryloop

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/internal/match"
)

// A Helper is the fact that a function or method is a retry helper of
// the codebase's own (docs/model.md, R2): it retries the func value it
// is handed as parameter Op, as the attempt of a retry loop, or by
// handing it to a retry library or to another helper, directly, in a
// function literal that calls it, or through an adapter whose result is
// handed on (withRecover(op)).
type Helper struct {
	// Op is the index of the operation parameter.
	Op int
	// Ctx is the index of a context.Context parameter the helper hands
	// on to its retry, or -1.
	Ctx int
	// Bounded reports that the helper's own retry has a limit: an
	// attempt bound or deadline of its loop, or a limit of the library
	// policy it uses, or a bounded helper it calls.
	Bounded bool
	// If is the index of a func(error) bool parameter deciding which
	// failures are retried (handed to retry-go's RetryIf, to another
	// helper's If, or called in the helper's own loop), or -1.
	If int
	// K8s reports that the helper's retry is k8s's util/retry
	// (RetryOnConflict, OnError), directly or through another helper.
	K8s bool
}

// AFact marks Helper as an analysis fact.
func (*Helper) AFact() {}

func (h *Helper) String() string {
	s := fmt.Sprintf("helper(op=%d ctx=%d bounded=%t", h.Op, h.Ctx, h.Bounded)
	if h.If >= 0 {
		s += fmt.Sprintf(" if=%d", h.If)
	}
	if h.K8s {
		s += " k8s"
	}
	return s + ")"
}

// importsHelpers reports whether a dependency exports a Helper fact:
// a package that imports nothing a retry needs may still call one.
func importsHelpers(pass *analysis.Pass) bool {
	for _, f := range pass.AllObjectFacts() {
		if _, ok := f.Fact.(*Helper); ok {
			return true
		}
	}
	return false
}

// inferHelpers finds the package's retry helpers, exports their facts,
// and adds every call of a helper, of this package or another, to the
// result as an R2 call (LibHelper).
func (r *recognizer) inferHelpers(res *Result, in *inspector.Inspector) {
	g := r.pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	own := func(f *callgraph.Func) (*Helper, bool) {
		for i, p := range funcParams(r.info, f.Decl) {
			if h := r.ownHelper(res, f, p, i); h != nil {
				return h, true
			}
		}
		return nil, false
	}
	via := func(f *callgraph.Func, s callgraph.Site, callee *Helper) (*Helper, bool) {
		arg := argAt(s.Call, callee.Op)
		if arg == nil {
			return nil, false
		}
		for i, p := range funcParams(r.info, f.Decl) {
			if r.passesOn(arg, p, 0) {
				h := &Helper{Op: i, Ctx: r.ctxParam(f.Decl), Bounded: callee.Bounded, If: -1, K8s: callee.K8s}
				if callee.If >= 0 {
					h.If = paramIndex(r.info, f.Decl, argAt(s.Call, callee.If))
				}
				return h, true
			}
		}
		return nil, false
	}
	imported := func(fn *types.Func) (*Helper, bool) {
		if !r.cfg.Facts {
			return nil, false
		}
		h := new(Helper)
		if r.pass.ImportObjectFact(fn, h) {
			return h, true
		}
		return nil, false
	}
	helpers := callgraph.Propagate(g, own, via, imported)
	res.Helpers = helpers
	if r.cfg.Facts {
		for _, f := range g.Funcs {
			if h := helpers[f.Obj]; h != nil {
				r.pass.ExportObjectFact(f.Obj, h)
			}
		}
	}
	// A call of a known library is its R2 call already, even when the
	// library's function is a helper too (k8s's RetryOnConflict hands
	// its operation to OnError).
	known := make(map[*ast.CallExpr]bool, len(res.Calls))
	for _, c := range res.Calls {
		known[c.Call] = true
	}
	for _, f := range g.Funcs {
		for _, s := range f.Calls {
			if s.Callee == nil || known[s.Call] {
				continue
			}
			h := helpers[s.Callee]
			if h == nil && s.Callee.Pkg() != r.pass.Pkg {
				h, _ = imported(s.Callee)
			}
			if h == nil {
				continue
			}
			if lc := r.helperCall(in, s, h); lc != nil {
				res.Calls = append(res.Calls, lc)
				if lc.Op != nil {
					if res.Ops == nil {
						res.Ops = make(map[ast.Node][]*Call)
					}
					res.Ops[lc.Op] = append(res.Ops[lc.Op], lc)
				}
			}
		}
	}
}

// funcParams returns the parameters of decl, func-typed or not, in
// order (a nil entry for an unnamed one).
func funcParams(info *types.Info, decl *ast.FuncDecl) []*types.Var {
	var ps []*types.Var
	for _, field := range decl.Type.Params.List {
		if len(field.Names) == 0 {
			ps = append(ps, nil)
		}
		for _, name := range field.Names {
			v, _ := info.Defs[name].(*types.Var)
			ps = append(ps, v)
		}
	}
	return ps
}

func argAt(call *ast.CallExpr, i int) ast.Expr {
	if i < 0 || i >= len(call.Args) || call.Ellipsis.IsValid() && i >= len(call.Args)-1 {
		return nil
	}
	return call.Args[i]
}

// ownHelper returns the Helper fact of f for its parameter p (index
// i), when f retries p itself: as the attempt of one of its retry loops,
// or by handing it to a retry library.
func (r *recognizer) ownHelper(res *Result, f *callgraph.Func, p *types.Var, i int) *Helper {
	if p == nil {
		return nil
	}
	if _, ok := p.Type().Underlying().(*types.Signature); !ok {
		return nil
	}
	in := func(n ast.Node) bool { return f.Decl.Pos() <= n.Pos() && n.End() <= f.Decl.End() }
	for _, fn := range res.Funcs {
		for _, l := range fn.Loops {
			if !in(l.Stmt) {
				continue
			}
			for _, a := range l.Attempts {
				if r.callsParam(a.Call, p) {
					return &Helper{Op: i, Ctx: r.ctxParam(f.Decl), Bounded: len(l.Bounds) > 0 || l.MaxAttempts() >= 0, If: r.loopClassifier(f.Decl, l)}
				}
			}
		}
	}
	for _, c := range res.Calls {
		if c.Library == LibHelper || !in(c.Call) || c.OpExpr == nil {
			continue
		}
		if r.passesOn(c.OpExpr, p, 0) {
			pol := c.Policy
			bounded := pol.MaxAttempts >= 0 && !pol.Unlimited || pol.Limit != nil || pol.MaxElapsed != nil && !pol.NoElapsedLimit ||
				pol.Kind == PolicyExponential && !pol.NoElapsedLimit && c.Library == LibBackoffV4
			return &Helper{Op: i, Ctx: r.ctxParam(f.Decl), Bounded: bounded, If: r.libraryClassifier(f.Decl, c), K8s: c.Library == LibK8sRetry}
		}
	}
	return nil
}

// callsParam reports whether call calls the func parameter p.
func (r *recognizer) callsParam(call *ast.CallExpr, p *types.Var) bool {
	return match.ObjectOf(r.info, call.Fun) == p
}

// passesOn reports whether the operation expression e carries the
// func parameter p: p itself, a function literal that calls p, or an
// adapter call handed p (or such a literal) whose result is a func.
func (r *recognizer) passesOn(e ast.Expr, p *types.Var, depth int) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return r.info.Uses[e] == p
	case *ast.FuncLit:
		found := false
		ast.Inspect(e.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && r.callsParam(call, p) {
				found = true
			}
			return !found
		})
		return found
	case *ast.CallExpr:
		if depth > 0 {
			return false
		}
		t := r.info.TypeOf(e)
		if t == nil {
			return false
		}
		if _, ok := t.Underlying().(*types.Signature); !ok {
			return false // not an adapter: its result is no func
		}
		for _, arg := range e.Args {
			if r.passesOn(arg, p, depth+1) {
				return true
			}
		}
	}
	return false
}

// ctxParam returns the index of the first context parameter of decl
// that its body uses, or -1.
func (r *recognizer) ctxParam(decl *ast.FuncDecl) int {
	for i, p := range funcParams(r.info, decl) {
		if p == nil || !match.IsContext(p.Type()) {
			continue
		}
		used := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && r.info.Uses[id] == p {
				used = true
			}
			return !used
		})
		if used {
			return i
		}
	}
	return -1
}

// helperCall makes the R2 call of a helper at site s.
func (r *recognizer) helperCall(in *inspector.Inspector, s callgraph.Site, h *Helper) *Call {
	opExpr := argAt(s.Call, h.Op)
	if opExpr == nil {
		return nil
	}
	cur, ok := in.Root().FindNode(s.Call)
	if !ok {
		return nil
	}
	fnCur, ok := enclosingFunc(cur)
	if !ok {
		return nil
	}
	lc := &Call{
		Call:    s.Call,
		Library: LibHelper,
		Callee:  s.Callee,
		OpExpr:  opExpr,
		Helper:  h,
		Policy:  &Policy{MaxAttempts: -1},
	}
	if h.Ctx >= 0 {
		lc.Ctx = argAt(s.Call, h.Ctx)
	}
	lc.InTest = r.testCode(fnCur)
	lc.Op = r.resolveFunc(opExpr, fnCur)
	if h.If >= 0 {
		lc.RetryIfExpr = argAt(s.Call, h.If)
		lc.RetryIf = r.resolveFunc(lc.RetryIfExpr, fnCur)
	}
	lc.NeverSucceeds = r.neverSucceeds(lc.Op)
	lc.AwaitsState = r.awaitsState(lc.Op) || r.checksState(lc.Op)
	lc.Supervises = r.holdsUntilDone(lc.Op)
	lc.Startup, lc.WorkerStart = r.servesAfter(fnCur, s.Call.End())
	lc.LocalOnly = r.localOp(lc.Op)
	ri := r.root(fnCur)
	if lc.Ctx != nil {
		switch r.exprOrigin(lc.Ctx, ri) {
		case originCaller:
			lc.CtxOrigin = CtxCaller
		case originBackground:
			lc.CtxOrigin = CtxBackground
		default:
			lc.CtxOrigin = CtxUnknown
		}
	}
	lc.Contexts = r.scopeContexts(fnCur, s.Call, ri)
	return lc
}

// paramIndex returns the index of the parameter of decl that e names,
// or -1.
func paramIndex(info *types.Info, decl *ast.FuncDecl, e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	for i, p := range funcParams(info, decl) {
		if p != nil && info.Uses[id] == p {
			return i
		}
	}
	return -1
}

// loopClassifier returns the index of a classifier parameter of decl
// that the helper's own loop l calls, or -1.
func (r *recognizer) loopClassifier(decl *ast.FuncDecl, l *Loop) int {
	for i, p := range funcParams(r.info, decl) {
		if p == nil || !match.IsClassifier(p.Type()) {
			continue
		}
		called := false
		ast.Inspect(l.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && r.callsParam(call, p) {
				called = true
			}
			return !called
		})
		if called {
			return i
		}
	}
	return -1
}

// libraryClassifier returns the index of a classifier parameter of decl
// that reaches the retry library call c as its RetryIf option, or -1:
// named in the option itself, or, when the options are built out of
// sight (retry.Do(op, opts(ctx, retryIf)...)), handed to RetryIf in
// decl or in a same-package function decl hands it to.
func (r *recognizer) libraryClassifier(decl *ast.FuncDecl, c *Call) int {
	if c.RetryIfExpr != nil {
		return paramIndex(r.info, decl, c.RetryIfExpr)
	}
	if !c.Opaque || c.Library != LibRetryGo {
		return -1
	}
	for i, p := range funcParams(r.info, decl) {
		if p != nil && match.IsClassifier(p.Type()) && r.reachesRetryIf(decl.Body, p, 0) {
			return i
		}
	}
	return -1
}

// reachesRetryIf reports whether body hands the parameter p to
// retry-go's RetryIf, itself or one same-package call down.
func (r *recognizer) reachesRetryIf(body *ast.BlockStmt, p *types.Var, depth int) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn := match.Callee(r.info, call)
		if match.IsFunc(fn, pathRetryGo, "RetryIf") {
			found = len(call.Args) == 1 && match.ObjectOf(r.info, call.Args[0]) == p
			return !found
		}
		if depth > 0 || fn == nil || fn.Pkg() != r.pass.Pkg {
			return true
		}
		d := r.decl(fn)
		if d == nil || d.Body == nil {
			return true
		}
		params := funcParams(r.info, d)
		for j, arg := range call.Args {
			if j < len(params) && params[j] != nil && match.ObjectOf(r.info, arg) == p && r.reachesRetryIf(d.Body, params[j], depth+1) {
				found = true
			}
		}
		return !found
	})
	return found
}
