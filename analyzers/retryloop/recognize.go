package retryloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/internal/match"
)

// recognizer holds the per-package state of one run. Everything it
// caches is built lazily, for the functions that hold a candidate loop.
type recognizer struct {
	pass  *analysis.Pass
	info  *types.Info
	funcs map[ast.Node]*Func
	flows map[*Func]*flow
	roots map[ast.Node]*rootInfo    // per outermost function
	waitH map[*ast.FuncDecl][]*Wait // waits of same-package helpers

	cfg      Config
	outcomes map[outcomeKey]outcomeVal // explored calls, per loop
	points   map[*Attempt]point        // where each attempt's call is in its flow

	// bound binds the parameters of the policy constructor being looked
	// into to the caller's arguments; nil outside one.
	bound map[types.Object]binding
	// downs are the counters the loop bodies step down (left--).
	downs map[*types.Var]bool
	// consts knows the package's constants by another name.
	consts *consts
	// locals are the package's functions that reach only this machine,
	// computed on first use (localFuncs).
	locals map[*types.Func]bool
	// absent are the package's not-found error variables (absents).
	absent map[*types.Var]bool
	// sets are the package's assignments of constants to fields
	// (fieldSets).
	sets map[*types.Var][]fieldSet
	// calls are the calls of each function of the package, and escaped
	// the functions also used as values (callSites).
	calls   map[*types.Func][]inspector.Cursor
	escaped map[*types.Func]bool
	// paramSends are the requests sent through a resty client
	// parameter (ParamSend).
	paramSends []*ParamSend
	// std are the *http.Client variables and fields that hold a
	// retryablehttp client's StandardClient(), computed on first use
	// (standardClients).
	std map[types.Object]bool
	// serves caches, per function, where it serves last (lastServe);
	// serving holds the package's functions that serve (servers),
	// computed on first use.
	serves  map[ast.Node]serving
	serving map[*types.Func]bool
	// checks are the package's checks (checkFuncs), computed on first
	// use.
	checks map[*types.Func]bool
	// grown caches each loop's grown variables (grownVars).
	grown map[*Loop]map[types.Object]grownVar
	// replacedAt caches replacedIn's scan of a body for a variable.
	replacedAt map[replacedKey][]replacedChange
	// testCalls are the package's functions that call the module's
	// test support (callsTestSupport), computed on first use.
	testCalls map[*types.Func]bool
}

func newRecognizer(pass *analysis.Pass, cfg Config) *recognizer {
	return &recognizer{
		cfg:   cfg,
		pass:  pass,
		info:  pass.TypesInfo,
		funcs: make(map[ast.Node]*Func),
		flows: make(map[*Func]*flow),
		roots: make(map[ast.Node]*rootInfo),
		waitH: make(map[*ast.FuncDecl][]*Wait),

		outcomes: make(map[outcomeKey]outcomeVal),
		points:   make(map[*Attempt]point),
	}
}

// loop returns the retry loop at cur, or nil when it is not one.
func (r *recognizer) loop(cur inspector.Cursor) *Loop {
	stmt := cur.Node().(ast.Stmt)
	var body *ast.BlockStmt
	switch s := stmt.(type) {
	case *ast.ForStmt:
		body = s.Body
	case *ast.RangeStmt:
		// Only for range n counts attempts; a range over data tries each
		// item once.
		if !isInteger(r.info.TypeOf(s.X)) || r.neverRuns(s) {
			return nil
		}
		body = s.Body
	}
	if body == nil {
		return nil
	}
	fnCur, ok := enclosingFunc(cur)
	if !ok {
		return nil
	}
	cands := r.candidates(cur)
	if len(cands) == 0 || r.overData(cur, stmt) {
		return nil
	}
	fn := r.funcOf(fnCur)
	l := &Loop{Stmt: stmt, Body: body, Func: fn, cur: cur}
	fl := r.flow(fn)
	l.fl = fl
	for _, c := range cands {
		if a := r.attempt(fl, l, c, cands); a != nil {
			l.Attempts = append(l.Attempts, a)
		}
	}
	if len(l.Attempts) == 0 {
		return nil
	}
	l.LocalOnly = r.localOnly(l)
	l.Startup, l.WorkerStart = r.servesAfter(fnCur, stmt.End())
	l.Waits = r.betweenAttempts(fl, l, r.waits(cur, fnCur, false), cur)
	for _, w := range l.Waits {
		if w.Duration != nil && w.Kind != WaitHelper {
			w.Policy = r.waitPolicy(w.Duration, fnCur, w.Node.Pos())
		}
	}
	if r.waitsFirst(l, cur, fnCur) {
		return nil
	}
	stepped := r.counter(l)
	r.bounds(fl, l, cur, fnCur, stepped)
	l.MaxWait = r.maxWait(l)
	l.MinWait = r.minWait(l)
	r.longest(l)
	r.first(l)
	return l
}

// enclosingFunc returns the innermost function declaration or literal
// holding cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

func (r *recognizer) funcOf(c inspector.Cursor) *Func {
	n := c.Node()
	if f, ok := r.funcs[n]; ok {
		return f
	}
	f := &Func{Node: n, InTest: r.testCode(c)}
	switch n := n.(type) {
	case *ast.FuncDecl:
		f.Body = n.Body
	case *ast.FuncLit:
		f.Body = n.Body
	}
	r.funcs[n] = f
	return f
}

// testCode reports whether the function at c is test code: in a
// _test.go file, in a test-support package (match.IsTestSupport) or the
// module's developer tooling (match.IsDevTooling), in a
// file that imports testing or magefile's mage (build tooling, run on a
// developer's machine), or in a function taking a testing handle, or
// enclosed by one.
func (r *recognizer) testCode(c inspector.Cursor) bool {
	pos := c.Node().Pos()
	if isTestFile(r.pass.Fset, pos) || match.IsTestSupport(r.pass.Pkg.Path()) || r.pass.Module != nil && match.IsDevTooling(r.pass.Pkg.Path(), r.pass.Module.Path) {
		return true
	}
	for fc := range c.Enclosing((*ast.File)(nil)) {
		for _, imp := range fc.Node().(*ast.File).Imports {
			if imp.Path.Value == `"testing"` || strings.HasPrefix(imp.Path.Value, `"github.com/magefile/mage/`) {
				return true
			}
		}
	}
	test := false
	r.enclosingParams(c, func(v *types.Var) {
		test = test || match.IsTestingT(v.Type())
	})
	if !test {
		for fc := range c.Enclosing((*ast.FuncDecl)(nil)) {
			test = r.callsTestSupport(fc.Node().(*ast.FuncDecl))
		}
	}
	return test
}

// callsTestSupport reports whether decl calls a function of a
// test-support package of its own module (match.IsTestSupport),
// directly or through functions of its package: the module's
// production code does not, so decl is test support kept in a
// production file (netbird's NewTestStoreFromSQL, which starts a
// database container through the module's testutil package, two calls
// down). The standard library's httptest and the like are no sign:
// production code records a handler's answer with httptest.NewRecorder.
func (r *recognizer) callsTestSupport(decl *ast.FuncDecl) bool {
	if r.pass.Module == nil || r.pass.Module.Path == "" {
		return false
	}
	if r.testCalls == nil {
		prefix := r.pass.Module.Path + "/"
		own := func(f *callgraph.Func) (bool, bool) {
			for _, s := range f.Calls {
				if s.Callee == nil || s.Callee.Pkg() == nil {
					continue
				}
				if rest, ok := strings.CutPrefix(s.Callee.Pkg().Path(), prefix); ok && match.IsTestSupport(rest) {
					return true, true
				}
			}
			return false, false
		}
		via := func(*callgraph.Func, callgraph.Site, bool) (bool, bool) { return true, true }
		none := func(*types.Func) (bool, bool) { return false, false }
		r.testCalls = callgraph.Propagate(r.pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph), own, via, none)
	}
	fn, _ := r.info.Defs[decl.Name].(*types.Func)
	return fn != nil && r.testCalls[fn]
}

// enclosingParams calls f for each named parameter of the function at c
// and of the functions enclosing it.
func (r *recognizer) enclosingParams(c inspector.Cursor, f func(*types.Var)) {
	for fc := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch n := fc.Node().(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
		for _, field := range ft.Params.List {
			for _, name := range field.Names {
				if v, ok := r.info.Defs[name].(*types.Var); ok {
					f(v)
				}
			}
		}
		if r.detached(fc) {
			return
		}
	}
}

// detached reports whether the function at c is a literal handed to
// time.AfterFunc: it runs once its delay is over, when the functions
// around it may have returned, so their parameters are not its
// caller's.
func (r *recognizer) detached(c inspector.Cursor) bool {
	call, ok := c.Parent().Node().(*ast.CallExpr)
	return ok && match.IsFunc(match.Callee(r.info, call), "time", "AfterFunc") && len(call.Args) == 2 && call.Args[1] == c.Node()
}

// isInteger reports whether t is an integer type, or a type parameter
// whose type set holds only integers (for range n with n of type N
// ~int).
func isInteger(t types.Type) bool {
	if t == nil {
		return false
	}
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return integerSet(tp.Constraint())
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// integerSet reports whether the constraint c admits only integer
// types. Its type set is the intersection of its elements, so one
// element made only of integers (~int, ~int | ~int64, an interface that
// is itself such a set) is enough.
func integerSet(c types.Type) bool {
	iface, ok := c.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for e := range iface.EmbeddedTypes() {
		switch e := e.(type) {
		case *types.Union:
			all := e.Len() > 0
			for t := range e.Terms() {
				all = all && isInteger(t.Type())
			}
			if all {
				return true
			}
		default:
			if _, ok := e.Underlying().(*types.Interface); ok {
				if integerSet(e) {
					return true
				}
			} else if isInteger(e) {
				return true
			}
		}
	}
	return false
}

// neverRuns reports whether the range statement s ranges over a
// constant integer of at most zero: its body never runs (for range -1).
// Only a constant of the language counts; a constant by another name
// may be set otherwise where the analysis cannot see.
func (r *recognizer) neverRuns(s *ast.RangeStmt) bool {
	tv, ok := r.info.Types[s.X]
	return ok && tv.Value != nil && constant.Sign(tv.Value) <= 0
}

// candidates returns the calls of the loop (body and condition) whose
// results include an error and that could be attempts: not inside a
// function literal (one called in place is itself the call), a go or
// defer statement, and not a wait, an error constructor or ctx.Err.
func (r *recognizer) candidates(loop inspector.Cursor) []inspector.Cursor {
	var out []inspector.Cursor
	// The init statement and the range expression run once: not per
	// attempt.
	var once ast.Node
	switch s := loop.Node().(type) {
	case *ast.ForStmt:
		once = s.Init
	case *ast.RangeStmt:
		once = s.X
	}
	types := []ast.Node{(*ast.CallExpr)(nil), (*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.DeferStmt)(nil)}
	loop.Inspect(types, func(c inspector.Cursor) bool {
		call, ok := c.Node().(*ast.CallExpr)
		if !ok {
			return false // function literals, go and defer run elsewhere or later
		}
		if once != nil && call.Pos() >= once.Pos() && call.End() <= once.End() {
			return false
		}
		sig := match.Signature(r.info, call)
		if sig != nil && match.ReturnsError(sig) && !r.notAttempt(call) {
			out = append(out, c)
		}
		return true
	})
	return out
}

// notAttempt reports whether call returns an error without being an
// operation: error constructors and wrappers, a context's Err, waits.
func (r *recognizer) notAttempt(call *ast.CallExpr) bool {
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch path := fn.Pkg().Path(); {
	case path == "errors", errorPackages[path] && fn.Signature().Recv() == nil:
		return true
	case path == "fmt":
		return fn.Name() == "Errorf"
	case path == "context":
		return fn.Name() == "Cause" || fn.Name() == "Err"
	case path == pathGoRetry:
		return fn.Name() == "RetryableError" // a mark on an error, not a call that fails
	}
	return r.isWaitCall(call)
}

// errorPackages are the error libraries whose functions build and wrap
// errors (errors.Wrapf of github.com/pkg/errors): like package errors,
// never an operation.
var errorPackages = map[string]bool{
	"github.com/pkg/errors":         true,
	"golang.org/x/xerrors":          true,
	"github.com/cockroachdb/errors": true,
	"github.com/go-errors/errors":   true,
	"github.com/juju/errors":        true,
	"emperror.dev/errors":           true,
}

// overData reports whether a counted loop walks data rather than
// attempts: its condition compares the counter with len(x), its counter
// indexes a slice or map directly (trying each item once: failover), or
// its post statement steps through something other than a number.
func (r *recognizer) overData(loop inspector.Cursor, stmt ast.Stmt) bool {
	var counter types.Object
	switch s := stmt.(type) {
	case *ast.ForStmt:
		if r.iterates(s) {
			return true
		}
		if s.Post != nil && !r.numericStep(s.Post) {
			return true
		}
		if s.Cond != nil && r.consumesLen(loop, s) {
			return true
		}
		if s.Post != nil {
			counter = stepVar(r.info, s.Post)
		}
	case *ast.RangeStmt:
		if mentionsLen(r.info, s.X) {
			return true
		}
		if id, ok := s.Key.(*ast.Ident); ok {
			counter = r.info.ObjectOf(id)
		}
	}
	if counter == nil {
		return false
	}
	indexed := false
	loop.Inspect([]ast.Node{(*ast.IndexExpr)(nil)}, func(c inspector.Cursor) bool {
		ix := c.Node().(*ast.IndexExpr)
		if id, ok := ast.Unparen(ix.Index).(*ast.Ident); ok && r.info.ObjectOf(id) == counter {
			if _, isSig := r.info.TypeOf(ix.X).(*types.Signature); !isSig { // not a generic instantiation
				indexed = true
			}
		}
		return !indexed
	})
	return indexed
}

// iterates reports whether the loop s takes its next item from an
// iterator first thing in each iteration and leaves when there is none:
// it starts with x := it.Next() (a method with no arguments, of a
// variable declared before the loop), then an if testing x that returns
// or breaks, and hands x to a call. That is failover over a set
// (dagger's session manager trying each session once), not a retry
// (docs/model.md, Failover).
func (r *recognizer) iterates(s *ast.ForStmt) bool {
	if len(s.Body.List) < 3 {
		return false
	}
	as, ok := s.Body.List[0].(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
		return false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if sl, ok := r.info.Selections[sel]; !ok || sl.Kind() != types.MethodVal {
		return false
	}
	// An iterator cannot fail: a method answering an error is an
	// attempt (err := db.Ping()).
	if sig := match.Signature(r.info, call); sig == nil || match.ReturnsError(sig) {
		return false
	}
	it, ok := match.ObjectOf(r.info, sel.X).(*types.Var)
	if !ok || it.Pos() >= s.Pos() || it.IsField() {
		return false
	}
	item := match.ObjectOf(r.info, as.Lhs[0])
	if item == nil {
		return false
	}
	ifs, ok := s.Body.List[1].(*ast.IfStmt)
	if !ok || ifs.Init != nil || len(ifs.Body.List) == 0 || !slices.ContainsFunc(as.Lhs, func(e ast.Expr) bool {
		obj := match.ObjectOf(r.info, e)
		return obj != nil && match.Mentions(r.info, ifs.Cond, obj)
	}) {
		return false
	}
	switch last := ifs.Body.List[len(ifs.Body.List)-1].(type) {
	case *ast.ReturnStmt:
	case *ast.BranchStmt:
		if last.Tok != token.BREAK || last.Label != nil {
			return false
		}
	default:
		return false
	}
	// The item is handed to a call after the test.
	handed := false
	for _, st := range s.Body.List[2:] {
		ast.Inspect(st, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				for _, arg := range c.Args {
					handed = handed || match.ObjectOf(r.info, arg) == item
				}
			}
			return !handed
		})
	}
	return handed
}

// consumesLen reports whether the loop condition of s walks data by its
// length: it compares the post statement's counter with a len, or takes
// the len of a variable that the loop reassigns (buf = buf[n:]). A len of
// data the loop leaves alone (for len(body) > 0 && ctx.Err() == nil) is
// a guard, not a walk.
func (r *recognizer) consumesLen(loop inspector.Cursor, s *ast.ForStmt) bool {
	counter := stepVar(r.info, s.Post)
	var lens []types.Object
	walks := false
	ast.Inspect(s.Cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if counter != nil && (match.ObjectOf(r.info, n.X) == counter && mentionsLen(r.info, n.Y) ||
				match.ObjectOf(r.info, n.Y) == counter && mentionsLen(r.info, n.X)) {
				walks = true
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
				if b, ok := r.info.Uses[id].(*types.Builtin); ok && b.Name() == "len" {
					if obj := rootObject(r.info, n.Args[0]); obj != nil {
						lens = append(lens, obj)
					} else {
						walks = true // len of a call: the analysis cannot tell
					}
				}
			}
		}
		return !walks
	})
	if walks || len(lens) == 0 {
		return walks
	}
	loop.Inspect([]ast.Node{(*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.CallExpr)(nil)}, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if slices.Contains(lens, rootObject(r.info, lhs)) {
					walks = true
				}
			}
		case *ast.CallExpr:
			// delete(m, k), or a method that may shrink it: q.Pop().
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) > 0 {
				if b, ok := r.info.Uses[id].(*types.Builtin); ok && b.Name() == "delete" && slices.Contains(lens, rootObject(r.info, n.Args[0])) {
					walks = true
				}
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && slices.Contains(lens, rootObject(r.info, sel.X)) {
				walks = true
			}
		}
		return !walks
	})
	return walks
}

// rootObject returns the variable at the root of x, x.f, x[i] or *x, or
// nil.
func rootObject(info *types.Info, e ast.Expr) types.Object {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return info.ObjectOf(x)
		case *ast.SelectorExpr:
			if _, ok := info.Selections[x]; !ok {
				return info.ObjectOf(x.Sel) // a qualified identifier
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// mentionsLen reports whether e calls the builtin len.
func mentionsLen(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "len" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// numericStep reports whether a for statement's post statement steps a
// number (i++, i--, i += c, d *= 2, d = d * 2) or makes the next attempt
// (err = op()), rather than stepping through data (n = n.next).
func (r *recognizer) numericStep(post ast.Stmt) bool {
	switch s := post.(type) {
	case *ast.IncDecStmt:
		return true
	case *ast.AssignStmt:
		for _, lhs := range s.Lhs {
			t := r.info.TypeOf(lhs)
			if t == nil {
				return false
			}
			if match.IsError(t) {
				continue
			}
			b, ok := t.Underlying().(*types.Basic)
			if !ok || b.Info()&types.IsNumeric == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// stepVar returns the variable a post statement steps, or nil. Of a
// parallel assignment (i, d = i+1, d*2) it is the one stepped by a
// constant (i): the others grow with it.
func stepVar(info *types.Info, post ast.Stmt) types.Object {
	switch s := post.(type) {
	case nil:
		return nil
	case *ast.IncDecStmt:
		return match.ObjectOf(info, s.X)
	case *ast.AssignStmt:
		if len(s.Lhs) == 1 {
			return match.ObjectOf(info, s.Lhs[0])
		}
		if s.Tok != token.ASSIGN || len(s.Rhs) != len(s.Lhs) {
			return nil
		}
		for i, lhs := range s.Lhs {
			if _, ok := unitStep(info, lhs, s.Rhs[i]); ok {
				return match.ObjectOf(info, lhs)
			}
		}
	}
	return nil
}

// unitStep reports whether rhs is lhs plus or minus 1 (i+1, 1+i, i-1),
// and whether it steps down.
func unitStep(info *types.Info, lhs, rhs ast.Expr) (down, ok bool) {
	be, isBin := ast.Unparen(rhs).(*ast.BinaryExpr)
	v := match.ObjectOf(info, lhs)
	if !isBin || v == nil || be.Op != token.ADD && be.Op != token.SUB {
		return false, false
	}
	one := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		return ok && tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Compare(tv.Value, token.EQL, constant.MakeInt64(1))
	}
	switch {
	case match.ObjectOf(info, be.X) == v && one(be.Y):
		return be.Op == token.SUB, true
	case be.Op == token.ADD && match.ObjectOf(info, be.Y) == v && one(be.X):
		return false, true
	}
	return false, false
}

// stepsDown reports whether post steps v down (i--, i -= 1, i = i-1, or
// i-1 in a parallel assignment).
func stepsDown(info *types.Info, post ast.Stmt, v types.Object) bool {
	switch s := post.(type) {
	case *ast.IncDecStmt:
		return s.Tok == token.DEC
	case *ast.AssignStmt:
		if s.Tok == token.SUB_ASSIGN {
			return true
		}
		if s.Tok == token.ASSIGN && len(s.Lhs) == len(s.Rhs) {
			for i, lhs := range s.Lhs {
				if match.ObjectOf(info, lhs) == v {
					down, _ := unitStep(info, lhs, s.Rhs[i])
					return down
				}
			}
		}
	}
	return false
}

// growthFactor returns the constant factor by which post multiplies v
// (d *= 2, d <<= 1, d = d*2), or 0.
func growthFactor(info *types.Info, post ast.Stmt, v types.Object) int64 {
	s, ok := post.(*ast.AssignStmt)
	if !ok || len(s.Lhs) != 1 || len(s.Rhs) != 1 || match.ObjectOf(info, s.Lhs[0]) != v {
		return 0
	}
	op, y := s.Tok, s.Rhs[0]
	if s.Tok == token.ASSIGN {
		be, ok := ast.Unparen(s.Rhs[0]).(*ast.BinaryExpr)
		if !ok || match.ObjectOf(info, be.X) != v {
			return 0
		}
		op, y = be.Op, be.Y
	}
	tv, ok := info.Types[y]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0
	}
	k, exact := constant.Int64Val(tv.Value)
	switch {
	case !exact:
		return 0
	case (op == token.MUL || op == token.MUL_ASSIGN) && k > 1:
		return k
	case (op == token.SHL || op == token.SHL_ASSIGN) && k >= 1 && k < 8:
		return 1 << k
	}
	return 0
}

// attempt decides whether the call at c is an attempt of l: its error
// (and response status, if the loop checks one) lets a failure reach
// the next iteration while every success leaves the loop.
func (r *recognizer) attempt(fl *flow, l *Loop, c inspector.Cursor, cands []inspector.Cursor) *Attempt {
	call := c.Node().(*ast.CallExpr)
	if r.isCheck(call) || r.walksData(l, call) || r.longRunning(call) || r.servesHandler(call) || r.neverFails(call) {
		return nil
	}
	a, success, failure := r.outcome(fl, l, c)
	if a == nil || success.next || len(success.exits) == 0 || !failure.next {
		return nil // a success can loop (a poll), or a failure never retries
	}
	if r.failsOnSuccess(success.exits) {
		return nil // a loop expecting failures (a test provoking errors)
	}
	r.classify(fl, l, c, a)
	if r.awaitsExistence(fl, l, c, a) {
		return nil // a poll for a row or a file to appear
	}
	if r.readsStream(fl, l, call, cands) {
		return nil
	}
	a.Success = success.exits
	a.Retry = failure.nexts
	a.Failure = failure.exits
	if r.endsStream(fl, l, c, a) || r.runsUntilCancelled(fl, l, c, a) {
		return nil
	}
	return a
}

// runsUntilCancelled reports an attempt handed a context whose
// context.Canceled result leaves the loop by the very exits a success
// takes (if err != nil && err != context.Canceled { restart } else {
// break }): its normal end is its cancellation, a long-running task the
// loop restarts after a failure, as a supervisor does (docs/model.md,
// Supervisors; loki's instance manager, whose task is an interface
// method the analysis cannot look into).
func (r *recognizer) runsUntilCancelled(fl *flow, l *Loop, c inspector.Cursor, a *Attempt) bool {
	canceled := slices.ContainsFunc(a.Compared, func(o types.Object) bool {
		return o.Pkg() != nil && o.Pkg().Path() == "context" && o.Name() == "Canceled"
	})
	if !canceled || !slices.ContainsFunc(a.Call.Args, func(arg ast.Expr) bool { return match.IsContext(r.info.TypeOf(arg)) }) {
		return false
	}
	at, ok := fl.locate(c)
	if !ok {
		return false
	}
	p := fl.explore(l, at, &assumption{attempt: a, known: true, errIs: "context.Canceled"})
	if p.next || len(p.exits) == 0 {
		return false
	}
	for _, e := range p.exits {
		if !slices.ContainsFunc(a.Success, func(s *Exit) bool { return s.Node == e.Node }) {
			return false
		}
	}
	return true
}

// endsStream reports whether the loop goes on after the attempt
// returns io.EOF: the end of one part of a stream, after which it reads
// the next (minio's metacache reader). io.EOF is not a failure, so a
// success path loops: a stream reader, not a retry.
func (r *recognizer) endsStream(fl *flow, l *Loop, c inspector.Cursor, a *Attempt) bool {
	eof := slices.ContainsFunc(a.Compared, func(o types.Object) bool {
		return o.Pkg() != nil && o.Pkg().Path() == "io" && o.Name() == "EOF"
	})
	if !eof {
		return false
	}
	at, ok := fl.locate(c)
	return ok && fl.explore(l, at, &assumption{attempt: a, known: true, errIs: "io.EOF"}).next
}

// neverFails reports whether call is of a same-package function every
// return of which gives its error result a literal nil: it cannot fail,
// so a loop around it retries nothing.
func (r *recognizer) neverFails(call *ast.CallExpr) bool {
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() != r.pass.Pkg {
		return false
	}
	decl := r.decl(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 || !match.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	returns, nils := 0, 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) == sig.Results().Len() && match.IsNil(r.info, n.Results[len(n.Results)-1]) {
				nils++
			}
		}
		return true
	})
	return returns > 0 && nils == returns
}

// classify fills a.Classified, a.Compared and a.LeavesOn: whether a
// failure with an error the loop does not recognise leaves the loop, the
// errors the loop compares the attempt's error with, and the sentinels
// among them that leave it.
func (r *recognizer) classify(fl *flow, l *Loop, c inspector.Cursor, a *Attempt) {
	if a.Err == nil {
		return
	}
	if at, ok := fl.locate(c); ok {
		a.Classified = !fl.explore(l, at, &assumption{attempt: a, known: true, errIs: "-"}).next
	}
	var region []ast.Node
	if s, ok := l.Stmt.(*ast.ForStmt); ok && s.Cond != nil {
		region = append(region, s.Cond)
	}
	region = append(region, l.Body)
	as := &assumption{attempt: a}
	add := func(obj types.Object) {
		if obj != nil && !slices.Contains(a.Compared, obj) {
			a.Compared = append(a.Compared, obj)
		}
	}
	for _, n := range region {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if t, x, ok := match.AsType(r.info, n); ok && as.isErr(r.info, x) {
					if p, ok := t.(*types.Pointer); ok {
						t = p.Elem()
					}
					if nt, ok := types.Unalias(t).(*types.Named); ok {
						add(nt.Obj())
					}
					break
				}
				fn := match.Callee(r.info, n)
				if len(n.Args) != 2 || !as.isErr(r.info, n.Args[0]) {
					break
				}
				switch {
				case match.IsErrorsIs(fn):
					add(match.ObjectOf(r.info, n.Args[1]))
				case match.IsErrorsAs(fn):
					if p, ok := r.info.TypeOf(n.Args[1]).(*types.Pointer); ok {
						t := p.Elem()
						if q, ok := t.(*types.Pointer); ok {
							t = q.Elem()
						}
						if nt, ok := types.Unalias(t).(*types.Named); ok {
							add(nt.Obj())
						}
					}
				}
			case *ast.BinaryExpr:
				if n.Op != token.EQL && n.Op != token.NEQ {
					break
				}
				switch {
				case as.isErr(r.info, n.X) && !match.IsNil(r.info, n.Y):
					add(match.ObjectOf(r.info, n.Y))
				case as.isErr(r.info, n.Y) && !match.IsNil(r.info, n.X):
					add(match.ObjectOf(r.info, n.X))
				}
			}
			return true
		})
	}
	at, ok := fl.locate(c)
	if !ok {
		return
	}
	for _, obj := range a.Compared {
		v, ok := obj.(*types.Var)
		if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() || !match.IsError(v.Type()) {
			continue
		}
		if !fl.explore(l, at, &assumption{attempt: a, known: true, errIs: v.Pkg().Path() + "." + v.Name()}).next {
			a.LeavesOn = append(a.LeavesOn, v)
		}
	}
}

// notFound are the errors that say a thing does not exist yet, or has
// not come yet: io.ErrNoProgress, a read that brought nothing new (a
// log tail answering it after a request that worked). io.EOF is not
// one: an HTTP client returns it for a connection the server closed.
var notFound = []string{
	"database/sql.ErrNoRows",
	"github.com/jackc/pgx/v5.ErrNoRows",
	"github.com/jackc/pgx/v4.ErrNoRows",
	"os.ErrNotExist",
	"io/fs.ErrNotExist",
	"io.ErrNoProgress",
}

// An Absent is the fact that a package-level error variable says a
// thing does not exist (yet): its text, errors.New("receipt not found"),
// says so. A loop retrying only it awaits existence.
type Absent struct{}

// AFact marks Absent as an analysis fact.
func (*Absent) AFact() {}

func (*Absent) String() string { return "absent" }

// absentPhrases are what a not-found error's text says.
var absentPhrases = []string{"not found", "does not exist", "doesn't exist", "not exist", "no such"}

// isAbsent reports whether v is a not-found error: one of notFound, or
// a sentinel whose text says so (this package's, or another's with the
// Absent fact).
func (r *recognizer) isAbsent(v *types.Var) bool {
	if slices.Contains(notFound, v.Pkg().Path()+"."+v.Name()) {
		return true
	}
	if v.Pkg() == r.pass.Pkg {
		return r.absents()[v]
	}
	return r.cfg.Facts && r.pass.ImportObjectFact(v, new(Absent))
}

// absents finds, once, the package-level error variables of the package
// made by errors.New or fmt.Errorf with a not-found text, and exports
// their facts.
func (r *recognizer) absents() map[*types.Var]bool {
	if r.absent != nil {
		return r.absent
	}
	r.absent = make(map[*types.Var]bool)
	for _, f := range r.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue
				}
				for i, name := range vs.Names {
					v, ok := r.info.Defs[name].(*types.Var)
					if !ok || !match.IsError(v.Type()) || !r.saysAbsent(vs.Values[i]) {
						continue
					}
					r.absent[v] = true
					if r.cfg.Facts {
						r.pass.ExportObjectFact(v, new(Absent))
					}
				}
			}
		}
	}
	return r.absent
}

// saysAbsent reports whether e is errors.New or fmt.Errorf of a
// constant text saying something does not exist.
func (r *recognizer) saysAbsent(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	fn := match.Callee(r.info, call)
	if !match.IsFunc(fn, "errors", "New") && !match.IsFunc(fn, "fmt", "Errorf") {
		return false
	}
	tv, ok := r.info.Types[call.Args[0]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	text := strings.ToLower(constant.StringVal(tv.Value))
	for _, p := range absentPhrases {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// awaitsExistence reports whether the loop retries the attempt at c
// only when it fails because something does not exist yet (a row, a
// file): it compares the error with a not-found sentinel, and a failure
// with any other error does not reach the next iteration. That is a
// poll for state to appear (docs/model.md, await-convergence; hatchet's
// trigger waits for the new workflow run's row).
func (r *recognizer) awaitsExistence(fl *flow, l *Loop, c inspector.Cursor, a *Attempt) bool {
	if a.Err == nil {
		return false
	}
	// The not-found error the loop compares the attempt's error with
	// (errors.Is, ==, !=).
	var tested string
	for _, obj := range a.Compared {
		if v, ok := obj.(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && r.isAbsent(v) {
			tested = v.Pkg().Path() + "." + v.Name()
			break
		}
	}
	if tested == "" {
		return false
	}
	at, ok := fl.locate(c)
	if !ok {
		return false
	}
	other := fl.explore(l, at, &assumption{attempt: a, known: true, errIs: "-"})
	missing := fl.explore(l, at, &assumption{attempt: a, known: true, errIs: tested})
	return missing.next && !other.next
}

// failsOnSuccess reports whether every success exit reports a failure:
// t.Fatal (a testing handle's method that does not return), log.Fatal
// or panic. The loop then expects the call to fail on every iteration,
// as a test provoking errors does; it is not retrying it.
func (r *recognizer) failsOnSuccess(exits []*Exit) bool {
	for _, e := range exits {
		if e.Kind != ExitNoReturn {
			return false
		}
		es, ok := e.Node.(*ast.ExprStmt)
		if !ok {
			return false
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := r.info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
				continue
			}
		}
		fn := match.Callee(r.info, call)
		if fn == nil {
			return false
		}
		sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		switch {
		case isSel && match.IsTestingT(r.info.TypeOf(sel.X)):
		case fn.Pkg() != nil && fn.Pkg().Path() == "log" && strings.HasPrefix(fn.Name(), "Fatal"):
		default:
			return false
		}
	}
	return true
}

// outcome explores the paths from the call at c when it succeeds and
// when it fails. It returns a nil Attempt when the call's error is
// dropped or the call cannot be placed.
func (r *recognizer) outcome(fl *flow, l *Loop, c inspector.Cursor) (*Attempt, *paths, *paths) {
	call := c.Node().(*ast.CallExpr)
	key := outcomeKey{l.Stmt, call}
	if o, ok := r.outcomes[key]; ok {
		return o.a, o.success, o.failure
	}
	a, success, failure := r.explore(fl, l, c)
	r.outcomes[key] = outcomeVal{a, success, failure}
	return a, success, failure
}

type outcomeKey struct {
	loop ast.Stmt
	call *ast.CallExpr
}

type outcomeVal struct {
	a                *Attempt
	success, failure *paths
}

// explore computes outcome's answer.
func (r *recognizer) explore(fl *flow, l *Loop, c inspector.Cursor) (*Attempt, *paths, *paths) {
	call := c.Node().(*ast.CallExpr)
	at, ok := fl.locate(c)
	if !ok {
		return nil, nil, nil
	}
	a := &Attempt{Call: call}
	sig := match.Signature(r.info, call)
	res := sig.Results()
	errIndex, respIndex := -1, -1
	for i := range res.Len() {
		switch t := res.At(i).Type(); {
		case match.IsError(t):
			errIndex = i
		case match.IsHTTPResponse(t):
			respIndex = i
		}
	}
	switch p := c.Parent().Node().(type) {
	case *ast.AssignStmt:
		a.Err, a.Resp = assigned(r.info, p.Lhs, p.Rhs, call, errIndex, respIndex)
	case *ast.ValueSpec:
		var lhs []ast.Expr
		for _, n := range p.Names {
			lhs = append(lhs, n)
		}
		a.Err, a.Resp = assigned(r.info, lhs, p.Values, call, errIndex, respIndex)
	default:
		if res.Len() != 1 {
			return nil, nil, nil // a multi-valued call used as an argument or returned
		}
		return r.explorePair(fl, l, at, a)
	}
	if a.Err == nil {
		return nil, nil, nil // the error is dropped
	}
	if r.usesVar(call.Args, a.Err) || r.onPreviousError(l, call, a.Err) {
		return nil, nil, nil // err = unwrap(err): a walk along an error chain
	}
	return r.explorePair(fl, l, at, a)
}

// onPreviousError reports whether call is a method of a value taken
// from the error it assigns: err = err.(causer).Cause(), or c.Cause()
// after c, ok := err.(causer) or errors.As(err, &c) in the loop body (a
// walk along an error chain, as err = unwrap(err) is).
func (r *recognizer) onPreviousError(l *Loop, call *ast.CallExpr, errVar types.Object) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	recv := ast.Unparen(sel.X)
	if ta, ok := recv.(*ast.TypeAssertExpr); ok {
		return match.ObjectOf(r.info, ta.X) == errVar
	}
	v, ok := match.ObjectOf(r.info, recv).(*types.Var)
	if !ok || v.IsField() || v.Pos() < l.Body.Pos() || v.Pos() >= l.Body.End() {
		return false // not the body's own value
	}
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && len(n.Lhs) >= 1 && match.ObjectOf(r.info, n.Lhs[0]) == v {
				if ta, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok && match.ObjectOf(r.info, ta.X) == errVar {
					found = true
				}
			}
		case *ast.CallExpr:
			if match.IsErrorsAs(match.Callee(r.info, n)) && len(n.Args) == 2 && match.ObjectOf(r.info, n.Args[0]) == errVar {
				if u, ok := ast.Unparen(n.Args[1]).(*ast.UnaryExpr); ok && u.Op == token.AND && match.ObjectOf(r.info, u.X) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// explorePair explores success and failure from the attempt a at at.
// A failure is a non-nil error or, for a response, a failing status.
func (r *recognizer) explorePair(fl *flow, l *Loop, at point, a *Attempt) (*Attempt, *paths, *paths) {
	r.points[a] = at
	success := fl.explore(l, at, &assumption{attempt: a, known: true, errNil: true, status: 200})
	if a.Resp != nil && success.next {
		// The loop's own success status: a 201 or a 202 that its check
		// accepts (docs/model.md, Success).
		for _, st := range r.successStatuses(fl, l, a) {
			if p := fl.explore(l, at, &assumption{attempt: a, known: true, errNil: true, status: st}); !p.next {
				success = p
				break
			}
		}
	}
	failure := fl.explore(l, at, &assumption{attempt: a, known: true})
	if a.Resp != nil {
		// A failing status: a 503, a 429 (a loop may retry only rate
		// limiting), a 401 (a loop may retry after refreshing a token).
		for _, st := range failingStatuses {
			byStatus := fl.explore(l, at, &assumption{attempt: a, known: true, errNil: true, status: st})
			for _, e := range append(byStatus.nexts, byStatus.exits...) {
				failure.add(e)
			}
		}
		if !success.next {
			r.probeStatuses(fl, l, at, a)
			if match.IsHTTPSend(match.Callee(r.info, a.Call)) {
				a.Unclosed = r.unclosed(fl, l, at, a)
			}
		}
	}
	return a, success, failure
}

// successStatuses returns the 2xx statuses other than 200 that the loop
// compares the attempt's response status with: in an == or != or as a
// case of a switch on the status.
func (r *recognizer) successStatuses(fl *flow, l *Loop, a *Attempt) []int64 {
	var out []int64
	note := func(e ast.Expr) {
		if v, ok := r.intConst(e); ok && v > 200 && v < 300 && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				return true
			}
			switch {
			case fl.usesStatus(n.X, a.Resp):
				note(n.Y)
			case fl.usesStatus(n.Y, a.Resp):
				note(n.X)
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && fl.usesStatus(n.Tag, a.Resp) {
				for _, c := range n.Body.List {
					for _, e := range c.(*ast.CaseClause).List {
						note(e)
					}
				}
			}
		}
		return true
	})
	return out
}

// probeStatuses fills a.StatusChecks and a.RetriedStatuses: the
// comparisons of the response status in the loop body, and which of the
// statuses that must not be retried (a 400 and a 404 always, and any
// other status the checks name explicitly among the 4xx other than 408,
// 425 and 429, and 501 and 505) reach the next iteration. A probe
// counts only when every condition on the response along the way is
// decided: a status handed to a helper (retryable(resp.StatusCode))
// could mean anything.
func (r *recognizer) probeStatuses(fl *flow, l *Loop, at point, a *Attempt) {
	probes := []int64{400, 404}
	explicit := func(e ast.Expr) {
		if v, ok := r.intConst(e); ok && (v >= 400 && v < 500 && v != 408 && v != 425 && v != 429 || v == 501 || v == 505) {
			if !slices.Contains(probes, v) {
				probes = append(probes, v)
			}
		}
	}
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BinaryExpr:
			switch n.Op {
			case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			default:
				return true
			}
			switch {
			case fl.usesStatus(n.X, a.Resp):
				explicit(n.Y)
			case fl.usesStatus(n.Y, a.Resp):
				explicit(n.X)
			default:
				return true
			}
			a.StatusChecks = append(a.StatusChecks, n)
		case *ast.SwitchStmt:
			if n.Tag != nil && fl.usesStatus(n.Tag, a.Resp) {
				a.StatusChecks = append(a.StatusChecks, n.Tag)
				for _, c := range n.Body.List {
					for _, e := range c.(*ast.CaseClause).List {
						explicit(e)
					}
				}
			}
		}
		return true
	})
	if len(a.StatusChecks) == 0 {
		return
	}
	for _, st := range probes {
		as := &assumption{attempt: a, known: true, errNil: true, status: st, probe: true}
		if p := fl.explore(l, at, as); p.next && !as.undecided {
			a.RetriedStatuses = append(a.RetriedStatuses, st)
		}
	}
}

// readsStream reports whether call handles an item just read from a
// stream: an argument comes from another call of the loop, a method
// without arguments on a receiver from outside the loop (ln.Accept(),
// st.Recv()), whose failure leaves the loop while its success loops.
// Each iteration handles another item: a loop over data. Building a
// request in the loop (http.NewRequest, whose failure also leaves) is
// not reading a stream.
func (r *recognizer) readsStream(fl *flow, l *Loop, call *ast.CallExpr, cands []inspector.Cursor) bool {
	vars := make(map[types.Object]bool)
	for _, arg := range call.Args {
		ast.Inspect(arg, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := r.info.Uses[id].(*types.Var); ok && v.Pos() > l.Body.Lbrace && v.Pos() < l.Body.Rbrace {
					vars[v] = true
				}
			}
			return true
		})
	}
	if len(vars) == 0 {
		return false
	}
	for _, c := range cands {
		other := c.Node().(*ast.CallExpr)
		as, ok := c.Parent().Node().(*ast.AssignStmt)
		if other == call || !ok || !r.readsOuter(l, other) {
			continue
		}
		feeds := false
		for _, lhs := range as.Lhs {
			feeds = feeds || vars[match.ObjectOf(r.info, lhs)]
		}
		if !feeds {
			continue
		}
		if a, success, failure := r.outcome(fl, l, c); a != nil && success.next && !failure.next {
			return true
		}
	}
	return false
}

// readsOuter reports whether call is a method call without arguments
// on a variable declared before loop l.
func (r *recognizer) readsOuter(l *Loop, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) > 0 {
		return false
	}
	if s, ok := r.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return false
	}
	v, ok := match.ObjectOf(r.info, sel.X).(*types.Var)
	return ok && v.Pos() < l.Stmt.Pos()
}

// isCheck reports whether call is a check, not an operation: a call of
// one of the package's checks (checkFuncs). Retrying a check is waiting
// for outside state to converge. A function handed an *http.Response
// judges the response of the request just sent (a CheckResponse mapping
// its status to an error): it is that request's status check, part of
// the attempt, not a check of outside state.
func (r *recognizer) isCheck(call *ast.CallExpr) bool {
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() != r.pass.Pkg {
		return false
	}
	for _, arg := range call.Args {
		if match.IsHTTPResponse(r.info.TypeOf(arg)) {
			return false
		}
	}
	return r.checkFuncs()[fn.Origin()]
}

// checkFuncs computes, once, the package's checks: functions whose last
// result is an error and that can fail only with errors they build
// (errors.New, fmt.Errorf, errors.Join), package-level error variables
// (sentinels: their own verdict on the state they read) or the errors of
// other checks of the package they call, and that make no other call
// that can fail. It is the greatest fixpoint over the package's calls: a
// schema reader's method returning ErrClassNotFound, or what its class's
// own method returns, is a check; a function calling a func value, an
// interface method or another package's fallible function is not.
func (r *recognizer) checkFuncs() map[*types.Func]bool {
	if r.checks != nil {
		return r.checks
	}
	g := r.pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	r.checks = make(map[*types.Func]bool)
	deps := make(map[*types.Func][]*types.Func)
	for _, f := range g.Funcs {
		sig := f.Obj.Signature()
		if !match.ReturnsError(sig) {
			continue
		}
		fails, ok := false, true
		ast.Inspect(f.Decl.Body, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if len(n.Results) > 0 && r.alwaysError(n.Results[len(n.Results)-1]) {
					fails = true
				}
			case *ast.CallExpr:
				csig := match.Signature(r.info, n)
				if csig == nil || !match.ReturnsError(csig) {
					return true
				}
				callee := match.Callee(r.info, n)
				switch {
				case match.IsNewError(callee) || match.IsFunc(callee, "errors", "Join"):
					fails = true
				case callee != nil && callee.Pkg() == r.pass.Pkg && g.Func(callee) != nil:
					fails = true
					deps[f.Obj] = append(deps[f.Obj], callee.Origin())
				default:
					ok = false
				}
			}
			return ok
		})
		if ok && fails {
			r.checks[f.Obj] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for fn := range r.checks {
			for _, d := range deps[fn] {
				if !r.checks[d] {
					delete(r.checks, fn)
					changed = true
					break
				}
			}
		}
	}
	return r.checks
}

// servesHandler reports whether call, answering only an error, is handed
// a handler: a function with parameters and no results, which the
// callee calls for each thing it receives (listener.Accept(s.serveConn),
// a consumer's Consume(onMessage)). Such a call serves until it fails or
// is stopped; a loop restarting it is a supervisor, even when the
// callee, behind an interface, cannot be looked into (go-micro's rpc
// server). A registration that answers a handle (sub, err :=
// nc.Subscribe(subject, onMessage)) returns at once and stays an
// attempt.
func (r *recognizer) servesHandler(call *ast.CallExpr) bool {
	sig := match.Signature(r.info, call)
	if sig == nil || sig.Results().Len() != 1 || !match.ReturnsError(sig) {
		return false
	}
	for _, arg := range call.Args {
		if match.IsNil(r.info, arg) {
			continue
		}
		if h, ok := typeUnder(r.info.TypeOf(arg)).(*types.Signature); ok && h.Params().Len() > 0 && h.Results().Len() == 0 {
			return true
		}
	}
	return false
}

// longRunning reports whether call runs a same-package task that holds
// its own receive or serve loop (a for statement without a condition,
// or a range over a channel) and returns a nil error only when its
// context ends or its stop channel closes: a loop restarting it after a
// failure is a supervisor, not a retry (docs/model.md, Supervisor
// restarts are not retries). The task may run inside a function literal
// that the function hands on and whose result it returns (return
// withClient(addr, func(c Client) error { for { ... } })).
func (r *recognizer) longRunning(call *ast.CallExpr) bool {
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() != r.pass.Pkg {
		return false
	}
	decl := r.decl(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	body := decl.Body
	if lit := r.handedTask(body); lit != nil {
		body = lit.Body
	}
	forever := false
	var until *ast.ForStmt // for ctx.Err() == nil { ... }, left only when ctx ends
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.ForStmt:
			if until == nil && r.untilCancelled(st) {
				until = st
			}
			forever = forever || st.Cond == nil || until == st
		case *ast.RangeStmt:
			_, isChan := typeUnder(r.info.TypeOf(st.X)).(*types.Chan)
			forever = forever || isChan
		}
	}
	if !forever {
		return false
	}
	// Every return of a nil error is on cancellation: in a select case
	// receiving ctx.Done() or a stop channel, or under a condition that
	// reads ctx.Err().
	ok := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		stack = append(stack, n)
		ret, isRet := n.(*ast.ReturnStmt)
		if !isRet || len(ret.Results) == 0 || !match.IsNil(r.info, ret.Results[len(ret.Results)-1]) {
			return ok
		}
		afterUntil := until != nil && len(stack) == 2 && ret.Pos() > until.End()
		ok = afterUntil || r.onCancellation(stack, decl)
		return ok
	})
	return ok
}

// handedTask returns the function literal of a body that ends by
// returning the result of a call handed that literal (return
// withClient(addr, func(c Client) error { ... })), when no other return
// of the body gives a nil error; otherwise nil.
func (r *recognizer) handedTask(body *ast.BlockStmt) *ast.FuncLit {
	if len(body.List) == 0 {
		return nil
	}
	nilReturn := false
	ast.Inspect(body, func(n ast.Node) bool {
		if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) > 0 && match.IsNil(r.info, ret.Results[len(ret.Results)-1]) {
			nilReturn = true
		}
		_, lit := n.(*ast.FuncLit)
		return !lit && !nilReturn
	})
	if nilReturn {
		return nil
	}
	ret, ok := body.List[len(body.List)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	var lit *ast.FuncLit
	for _, a := range call.Args {
		if l, ok := ast.Unparen(a).(*ast.FuncLit); ok {
			if lit != nil {
				return nil
			}
			lit = l
		}
	}
	return lit
}

// untilCancelled reports whether the loop s runs until a context ends:
// its condition is ctx.Err() == nil, and no break leaves it.
func (r *recognizer) untilCancelled(s *ast.ForStmt) bool {
	be, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.EQL || !match.IsNil(r.info, be.Y) {
		return false
	}
	call, ok := ast.Unparen(be.X).(*ast.CallExpr)
	if !ok || !match.IsMethod(match.Callee(r.info, call), "context", "Context", "Err") {
		return false
	}
	return !breaksOut(s.Body)
}

// breaksOut reports whether a break in body leaves the loop whose body
// it is: an unlabelled break outside nested loops, switches and selects,
// or any labelled break (which may name the loop).
func breaksOut(body *ast.BlockStmt) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil || m == n {
				return !found
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, true)
				return false
			case *ast.BranchStmt:
				found = m.Tok == token.BREAK && (m.Label != nil || !nested)
			}
			return !found
		})
	}
	walk(body, false)
	return found
}

// onCancellation reports whether the innermost select case or if
// statement on the stack is about a context ending: a receive of
// ctx.Done() or of a stop channel that is a parameter of decl, or a
// condition calling ctx.Err().
func (r *recognizer) onCancellation(stack []ast.Node, decl *ast.FuncDecl) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.CommClause:
			if u := commRecv(n); u != nil {
				if call, ok := ast.Unparen(u.X).(*ast.CallExpr); ok && match.IsMethod(match.Callee(r.info, call), "context", "Context", "Done") {
					return true
				}
				if r.stopParam(u.X, decl) {
					return true
				}
			}
			return false
		case *ast.IfStmt:
			found := false
			ast.Inspect(n.Cond, func(m ast.Node) bool {
				if call, ok := m.(*ast.CallExpr); ok && match.IsMethod(match.Callee(r.info, call), "context", "Context", "Err") {
					found = true
				}
				return !found
			})
			if found {
				return true
			}
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}

// stopParam reports whether e is a channel that carries no values
// (chan struct{}), a parameter of decl or a field of its receiver: a
// stop channel its caller, or another method, closes.
func (r *recognizer) stopParam(e ast.Expr, decl *ast.FuncDecl) bool {
	e = ast.Unparen(e)
	var t types.Type
	switch x := e.(type) {
	case *ast.Ident:
		v, ok := r.info.Uses[x].(*types.Var)
		if !ok || v.Kind() != types.ParamVar || v.Pos() < decl.Type.Pos() || v.Pos() >= decl.Type.End() {
			return false
		}
		t = v.Type()
	case *ast.SelectorExpr:
		// c.done, a field of the method's receiver: its owner's stop
		// channel, closed by another method (go-zero's discovery
		// cluster).
		recv, ok := ast.Unparen(x.X).(*ast.Ident)
		if !ok || decl.Recv == nil {
			return false
		}
		v, ok := r.info.Uses[recv].(*types.Var)
		if !ok || v.Kind() != types.RecvVar || v.Pos() < decl.Recv.Pos() || v.Pos() >= decl.Recv.End() {
			return false
		}
		f, ok := r.info.Uses[x.Sel].(*types.Var)
		if !ok || !f.IsField() {
			return false
		}
		t = f.Type()
	default:
		return false
	}
	ch, ok := typeUnder(t).(*types.Chan)
	if !ok || ch.Dir() == types.SendOnly {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// walksData reports whether an argument of call is a variable declared
// before loop l and assigned inside it (p = filepath.Dir(p)): each
// iteration tries something else, as a loop over data does. Contexts,
// requests and numbers are left out: a loop rewinds its request and
// counts its attempts.
func (r *recognizer) walksData(l *Loop, call *ast.CallExpr) bool {
	vars := make(map[types.Object]bool)
	for _, arg := range call.Args {
		ast.Inspect(arg, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := r.info.Uses[id].(*types.Var); ok && !v.IsField() && v.Pos() < l.Stmt.Pos() && v.Pos().IsValid() {
					t := v.Type()
					if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsNumeric != 0 ||
						match.HasContext(t) || match.IsHTTPRequest(t) {
						return true
					}
					vars[v] = true
				}
			}
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
	}
	if len(vars) == 0 {
		return false
	}
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok != token.DEFINE {
			if len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == call {
				return true // token, err = advance(token): the attempt's own state
			}
			for i, lhs := range as.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && vars[r.info.Uses[id]] && !r.fromOperation(l, as, i) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// fromOperation reports whether the i-th left-hand side of as, in loop
// l, gets a result of a fallible call (token, err = refresh(ctx), or t
// from t, err := refresh(ctx) in the body): the attempt's credentials or
// session replaced by an operation of its own, not the next item of a
// list (addr = addrs[i]).
func (r *recognizer) fromOperation(l *Loop, as *ast.AssignStmt, i int) bool {
	var rhs ast.Expr
	switch {
	case len(as.Rhs) == 1 && len(as.Lhs) > 1:
		rhs = as.Rhs[0]
	case i < len(as.Rhs):
		rhs = as.Rhs[i]
		if v, ok := match.ObjectOf(r.info, rhs).(*types.Var); ok && !v.IsField() && l.Body.Pos() <= v.Pos() && v.Pos() < l.Body.End() {
			rhs, _ = match.LastDef(r.info, l.Body, v, as.Pos())
		}
	}
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || r.notAttempt(call) {
		return false
	}
	sig := match.Signature(r.info, call)
	return sig != nil && sig.Results().Len() > 1 && match.ReturnsError(sig)
}

// usesVar reports whether any of exprs mentions v.
func (r *recognizer) usesVar(exprs []ast.Expr, v types.Object) bool {
	for _, e := range exprs {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && r.info.Uses[id] == v {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// assigned returns the variables that receive the error and response
// results of call in lhs = rhs.
func assigned(info *types.Info, lhs, rhs []ast.Expr, call *ast.CallExpr, errIndex, respIndex int) (errVar, respVar types.Object) {
	obj := func(i int) types.Object {
		if i < 0 || i >= len(lhs) {
			return nil
		}
		if id, ok := lhs[i].(*ast.Ident); ok && id.Name == "_" {
			return nil
		}
		return match.ObjectOf(info, lhs[i])
	}
	if len(rhs) == 1 && len(lhs) > 1 {
		return obj(errIndex), obj(respIndex)
	}
	for i, e := range rhs {
		if ast.Unparen(e) == call && errIndex == 0 {
			return obj(i), nil
		}
	}
	return nil, nil
}

// counter finds the attempt counter of l and its bound in the loop
// header, or else returns the integer variables the body steps, for
// bounds to pick the one compared with a limit.
func (r *recognizer) counter(l *Loop) (stepped []*types.Var) {
	switch s := l.Stmt.(type) {
	case *ast.RangeStmt:
		c := &Counter{Bound: s.X, Max: -1}
		if id, ok := s.Key.(*ast.Ident); ok {
			c.Var, _ = r.info.ObjectOf(id).(*types.Var)
		}
		if v, ok := r.intConst(s.X); ok {
			c.Max = v
		}
		l.Counter = c
		return nil
	case *ast.ForStmt:
		if v, ok := stepVar(r.info, s.Post).(*types.Var); ok && v != nil && isInteger(v.Type()) {
			if c := r.headCounter(l, s, v); c != nil {
				l.Counter = c
				return nil
			}
			// for i := 0; ; i++ with its limit checked in the body.
			l.Counter = &Counter{Var: v, Max: -1}
			return nil
		}
	}
	// Counters stepped in the body: bounds() keeps the one compared
	// where the loop can be left.
	ast.Inspect(l.Body, func(n ast.Node) bool {
		var x ast.Expr
		down := false
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IncDecStmt:
			x, down = n.X, n.Tok == token.DEC
		case *ast.AssignStmt:
			if (n.Tok == token.ADD_ASSIGN || n.Tok == token.SUB_ASSIGN) && len(n.Lhs) == 1 {
				x, down = n.Lhs[0], n.Tok == token.SUB_ASSIGN
			}
		}
		if v, ok := match.ObjectOf(r.info, x).(*types.Var); ok && isInteger(v.Type()) && !slices.Contains(stepped, v) {
			stepped = append(stepped, v)
			if down {
				if r.downs == nil {
					r.downs = make(map[*types.Var]bool)
				}
				r.downs[v] = true
			}
		}
		return true
	})
	return append(stepped, r.backoffCounters(l)...)
}

// backoffCounters returns the locals the body assigns from the attempt
// count of a jpillora Backoff that the body steps and never resets
// (attempt := int(b.Attempt()) + 1, with time.Sleep(b.Duration())
// later): Duration counts the attempts for the loop.
func (r *recognizer) backoffCounters(l *Loop) []*types.Var {
	type count struct {
		v *types.Var
		b types.Object
	}
	var (
		counts        []count
		steps, resets []types.Object // Backoffs whose Duration, Reset the body calls
	)
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			fn := match.Callee(r.info, n)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pathJpillora {
				break
			}
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if b := match.ObjectOf(r.info, sel.X); ok && b != nil {
				switch {
				case match.IsMethod(fn, pathJpillora, "Backoff", "Duration"):
					steps = append(steps, b)
				case match.IsMethod(fn, pathJpillora, "Backoff", "Reset"):
					resets = append(resets, b)
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != 1 || len(n.Rhs) != 1 || n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
				break
			}
			if b := r.attemptOf(n.Rhs[0]); b != nil {
				if v, ok := match.ObjectOf(r.info, n.Lhs[0]).(*types.Var); ok && isInteger(v.Type()) {
					counts = append(counts, count{v, b})
				}
			}
		}
		return true
	})
	var counters []*types.Var
	for _, c := range counts {
		if slices.Contains(steps, c.b) && !slices.Contains(resets, c.b) && !slices.Contains(counters, c.v) {
			counters = append(counters, c.v)
		}
	}
	return counters
}

// attemptOf returns the Backoff variable whose attempt count e is:
// b.Attempt(), converted to an integer, plus or minus a constant.
func (r *recognizer) attemptOf(e ast.Expr) types.Object {
	e = ast.Unparen(e)
	if be, ok := e.(*ast.BinaryExpr); ok && (be.Op == token.ADD || be.Op == token.SUB) {
		if _, ok := r.intConst(be.Y); !ok {
			return nil
		}
		e = ast.Unparen(be.X)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil
	}
	if tv, ok := r.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		call, ok = ast.Unparen(call.Args[0]).(*ast.CallExpr) // int(b.Attempt())
		if !ok {
			return nil
		}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !match.IsMethod(match.Callee(r.info, call), pathJpillora, "Backoff", "Attempt") {
		return nil
	}
	return match.ObjectOf(r.info, sel.X)
}

// headCounter recognises for i := k; i < n; i++ (and its variants,
// counting down included) and returns the counter.
func (r *recognizer) headCounter(l *Loop, s *ast.ForStmt, v *types.Var) *Counter {
	if s.Cond == nil {
		return nil
	}
	for _, conj := range conjuncts(s.Cond) {
		bound, op, ok := r.compare(conj, v)
		if !ok {
			continue
		}
		c := &Counter{Var: v, Bound: bound, Max: -1}
		start, okStart := r.startValue(s.Init, v)
		if !okStart && !r.initAssigns(s.Init, v) {
			// for err = op(); err != nil && n < 3; n++ with n := 0
			// before the loop.
			start, okStart = r.startBefore(l, v)
		}
		limit, okLimit := r.intConst(bound)
		if okStart && okLimit {
			// for d := time.Second; d < time.Minute; d *= 2: a
			// growing variable under a limit, counted by its steps.
			if f := growthFactor(r.info, s.Post, v); f > 0 {
				c.Max = stepsUnder(start, limit, op, f)
				c.Start, c.Factor = start, f
				return c
			}
			up := !stepsDown(r.info, s.Post, v)
			c.Max = attemptsBetween(start, limit, op, up)
			c.Start, c.Down = start, !up
		}
		return c
	}
	return nil
}

// initAssigns reports whether a for statement's init assigns v.
func (r *recognizer) initAssigns(init ast.Stmt, v types.Object) bool {
	as, ok := init.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range as.Lhs {
		if match.ObjectOf(r.info, lhs) == v {
			return true
		}
	}
	return false
}

// attemptsBetween counts the iterations of a unit-step counter from
// start while counter op limit holds, or -1.
func attemptsBetween(start, limit int64, op token.Token, up bool) int64 {
	var n int64
	switch {
	case up && op == token.LSS:
		n = limit - start
	case up && op == token.LEQ:
		n = limit - start + 1
	case !up && op == token.GTR:
		n = start - limit
	case !up && op == token.GEQ:
		n = start - limit + 1
	default:
		return -1
	}
	return max(n, 0)
}

// stepsUnder counts the iterations of a counter from start multiplied
// by f each time while counter op limit holds, or -1.
func stepsUnder(start, limit int64, op token.Token, f int64) int64 {
	if start <= 0 || op != token.LSS && op != token.LEQ {
		return -1
	}
	var n int64
	for v := start; v < limit || op == token.LEQ && v == limit; v *= f {
		n++
		if n > 64 || v > math.MaxInt64/f {
			return -1
		}
	}
	return n
}

// compare matches conj against "v op bound" (or "bound op' v") and
// returns the bound and the operator as if v were on the left.
func (r *recognizer) compare(conj ast.Expr, v types.Object) (ast.Expr, token.Token, bool) {
	be, ok := ast.Unparen(conj).(*ast.BinaryExpr)
	if !ok {
		return nil, 0, false
	}
	flip := map[token.Token]token.Token{token.LSS: token.GTR, token.GTR: token.LSS, token.LEQ: token.GEQ, token.GEQ: token.LEQ, token.EQL: token.EQL, token.NEQ: token.NEQ}
	if _, ok := flip[be.Op]; !ok {
		return nil, 0, false
	}
	if match.ObjectOf(r.info, be.X) == v {
		return be.Y, be.Op, true
	}
	if match.ObjectOf(r.info, be.Y) == v {
		return be.X, flip[be.Op], true
	}
	return nil, 0, false
}

// startValue returns the constant a for statement's init gives v.
func (r *recognizer) startValue(init ast.Stmt, v types.Object) (int64, bool) {
	as, ok := init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return 0, false
	}
	for i, lhs := range as.Lhs {
		if match.ObjectOf(r.info, lhs) == v {
			return r.intConst(as.Rhs[i])
		}
	}
	return 0, false
}

// intConst returns the value of e when it is a constant or a constant
// by another name (see consts), or the caller's argument for a
// parameter of a policy constructor being looked into.
func (r *recognizer) intConst(e ast.Expr) (int64, bool) {
	if e == nil {
		return 0, false
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if b, ok := r.bound[r.info.Uses[id]]; ok {
			return r.intConst(b.arg)
		}
	}
	tv, ok := r.info.Types[e]
	if !ok || tv.Value == nil {
		v, ok := r.consts.eval(e, 0)
		if !ok {
			return 0, false
		}
		return constant.Int64Val(constant.ToInt(v))
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// conjuncts splits a && b && c.
func conjuncts(e ast.Expr) []ast.Expr {
	if be, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && be.Op == token.LAND {
		return append(conjuncts(be.X), conjuncts(be.Y)...)
	}
	return []ast.Expr{e}
}

// disjuncts splits a || b || c.
func disjuncts(e ast.Expr) []ast.Expr {
	if be, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && be.Op == token.LOR {
		return append(disjuncts(be.X), disjuncts(be.Y)...)
	}
	return []ast.Expr{e}
}

// flow returns the control-flow view of fn, building its CFG on first
// use.
func (r *recognizer) flow(fn *Func) *flow {
	if fl, ok := r.flows[fn]; ok {
		return fl
	}
	fl := newFlow(r.info, fn.Body, cfg.New(fn.Body, r.mayReturn), r.decl, r.consts)
	r.flows[fn] = fl
	return fl
}

// mayReturn reports whether a call statement can return: not panic,
// os.Exit, log.Fatal*, log.Panic*, runtime.Goexit or testing's FailNow
// family.
func (r *recognizer) mayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := r.info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return false
		}
	}
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() == nil {
		return true
	}
	switch fn.Pkg().Path() {
	case "os":
		return !match.IsFunc(fn, "os", "Exit")
	case "runtime":
		return !match.IsFunc(fn, "runtime", "Goexit")
	case "log":
		switch fn.Name() {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return false
		}
	case "testing":
		switch fn.Name() {
		case "FailNow", "Fatal", "Fatalf", "Skip", "Skipf", "SkipNow":
			return false
		}
	}
	return true
}
