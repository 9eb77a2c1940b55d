package amplification

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "amplification"

// Config configures an instance of the check.
type Config struct {
	// Facts makes the check export and import Retries facts, so that a
	// retry inside a function of another package is seen.
	Facts bool
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{Facts: true}

// Analyzer is the check with the default configuration.
var Analyzer = New(DefaultConfig)

// Result is what one run of the check returns: the //retryvet:ignore
// directives that silenced a finding.
type Result = suppress.Result

// Retries is the fact that calling a function runs a retry that waits
// between its attempts: a retry loop of its own, a retry library, or a
// function that does so, called outside any goroutine it starts.
type Retries struct {
	// Chain names the function and the functions it calls down to the
	// one that retries (package.Func, package.Type.Method).
	Chain []string
	// Attempts is the number of attempts of that retry when its bound
	// is a constant, else -1.
	Attempts int64
	// GiveUp names the package-level error variables (path.Name) that
	// the error the retry gives up with wraps, when it returns one after
	// its last attempt: an outer retry that stops on one of them does not
	// retry the inner one's failures.
	GiveUp []string `json:",omitempty"`
}

// AFact marks Retries as an analysis fact.
func (*Retries) AFact() {}

func (r *Retries) String() string {
	return fmt.Sprintf("retries(%s, %d attempts)", strings.Join(r.Chain, " -> "), r.Attempts)
}

// Permanent is the fact that a function marks the error it is handed as
// one its retry library must not retry: it returns backoff.Permanent or
// retry-go's Unrecoverable of it, itself or through another such
// function (func Unrecoverable(err error) error { return
// retry.Unrecoverable(err) }).
type Permanent struct{}

// AFact marks Permanent as an analysis fact.
func (*Permanent) AFact() {}

func (*Permanent) String() string { return "permanent" }

// Narrow is the fact that a classifier, a func(error) bool, answers true
// only for failures it recognises (errors.Is, errors.As, a comparison, a
// text or timeout test, another narrow classifier): an unknown failure
// gets false. A library retry handed it (retry-go's RetryIf, a helper's
// classifier parameter) retries only those, as a loop that classifies
// does, so the failure an inner retry gives up with is not retried. A
// retry helper has the fact too when it hands its retry a narrow
// classifier of its own choosing (RetryOnConflict(fn) calling
// RetryIf(fn, isConflict)): a call of it retries only those failures.
type Narrow struct{}

// AFact marks Narrow as an analysis fact.
func (*Narrow) AFact() {}

func (*Narrow) String() string { return "narrow" }

// A Nest is the retry an outer retry's attempt reaches, as the check
// computes it: what it calls, and the attempts of both layers.
type Nest struct {
	// Call is the call of the attempt that reaches the inner retry.
	Call *ast.CallExpr
	// Name names what it calls: a function, a library, "a nested retry
	// loop".
	Name string
	// Attempts are the inner retry's attempts when constant, else -1;
	// Outer the outer retry's.
	Attempts, Outer int64
	// Pos is the inner retry, when it is in this package.
	Pos token.Pos
	// Chain is the chain of calls down to it, when it goes through
	// other functions.
	Chain []string
}

// Calls returns the calls one operation can make through both layers
// (Outer times Attempts), or -1 when either count is not constant.
func (n *Nest) Calls() int64 {
	if n.Outer > 0 && n.Attempts > 0 {
		return n.Outer * n.Attempts
	}
	return -1
}

// Nesting is the check's account of a package's retries, the Detail of
// its result: for each outer retry it looked at (a loop's *ast.ForStmt
// or *ast.RangeStmt, a library call's *ast.CallExpr), the retry its
// attempt reaches, and the attempts of each retry library or helper
// call it looked at.
type Nesting struct {
	Nested   map[ast.Node]*Nest
	Attempts map[*ast.CallExpr]int64
}

// MaxChain is the longest chain of calls followed to a retry.
const MaxChain = 8

//go:embed doc.go
var docSource string

// New returns an amplification analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	a := &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/amplification.md",
		Requires:         []*analysis.Analyzer{inspect.Analyzer, callgraph.Analyzer, retryloop.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	if cfg.Facts {
		a.FactTypes = []analysis.Fact{new(Retries), new(Permanent), new(Narrow)}
	}
	return a
}

type checker struct {
	cfg Config
}

// run holds the state of one pass.
type run struct {
	pass    *analysis.Pass
	cfg     Config
	res     *retryloop.Result
	graph   *callgraph.Graph
	library map[*ast.CallExpr]*retryloop.Call // the library calls that retry with waits
	loops   []*retryloop.Loop                 // the retry loops that wait, in order
	// libCalls are the keys of library, in order.
	libCalls []*ast.CallExpr
	// polls are the calls of retry helpers whose operation makes them
	// no retry (pollHelper): the helper's Retries does not pass through.
	polls map[*ast.CallExpr]bool
	// goSpans are the outermost go statements, in order.
	goSpans []span
	// supervised are the outermost operations, written as function
	// literals, of library calls that supervise a long-running task
	// (Call.Supervises), in order: what retries in them is the task's,
	// and the function making the call does not retry through it.
	supervised []span
	// returned are the function literals a function hands back
	// without calling (returnedLits): an interceptor, a middleware, a
	// callback a constructor makes. They run later, around other calls,
	// not as part of the call that makes them.
	returned []*ast.FuncLit
	// conns and stubs are the variables and fields holding a gRPC
	// connection dialed with a retrying interceptor, and the client
	// stubs made from one, with the interceptor (grpcConns).
	conns, stubs map[types.Object]*retryloop.Call
	retries      map[*types.Func]*Retries
	// at is where a function of this package retries: its own retry,
	// or the one of the same-package function its chain goes through.
	at map[*types.Func]token.Pos
	// nesting is the Detail of the result.
	nesting *Nesting
	// permanent are the package's functions that mark an error as one
	// not to retry (Permanent).
	permanent map[*types.Func]bool
	// narrow are the package's narrow classifiers (Narrow).
	narrow map[*types.Func]bool
}

// An inner retry is what one call of an attempt reaches.
type inner struct {
	call     *ast.CallExpr // the call in the attempt
	name     string        // what it calls: a function, a library, "a nested retry loop"
	attempts int64
	pos      token.Pos // the inner retry, when it is in this package
	chain    []string  // the chain of calls, when it goes through other functions
	giveUp   []string  // what the inner retry's give-up error wraps (Retries.GiveUp)
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	r := &run{
		pass:    pass,
		cfg:     c.cfg,
		res:     retryloop.Of(pass),
		graph:   pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph),
		library: make(map[*ast.CallExpr]*retryloop.Call),
		at:      make(map[*types.Func]token.Pos),
		nesting: &Nesting{Nested: make(map[ast.Node]*Nest), Attempts: make(map[*ast.CallExpr]int64)},
	}
	rep := suppress.NewReporter(pass, Name)
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var gos []span
	for cur := range in.Root().Preorder((*ast.GoStmt)(nil)) {
		gos = append(gos, span{cur.Node().Pos(), cur.Node().End()})
	}
	r.goSpans = outermost(gos)
	r.returned = returnedLits(pass.TypesInfo, in)
	for _, l := range r.res.Loops() {
		if l.Waiting() && !l.Func.InTest && !l.LocalOnly && !l.Startup && !pacedByCallback(pass.TypesInfo, l) {
			r.loops = append(r.loops, l)
		}
	}
	slices.SortFunc(r.loops, func(a, b *retryloop.Loop) int { return cmp.Compare(a.Stmt.Pos(), b.Stmt.Pos()) })
	r.findPermanent()
	r.polls = make(map[*ast.CallExpr]bool)
	for _, call := range r.res.Calls {
		if call.Library != retryloop.LibHelper && waits(call) && !r.refusalsOnly(call) {
			r.library[call.Call] = call
			r.libCalls = append(r.libCalls, call.Call)
		}
		if call.Library == retryloop.LibHelper && pollHelper(call) {
			r.polls[call.Call] = true
		}
		if lit, ok := call.Op.(*ast.FuncLit); ok && call.Supervises {
			r.supervised = append(r.supervised, span{lit.Pos(), lit.End()})
		}
	}
	r.supervised = outermost(r.supervised)
	slices.SortFunc(r.libCalls, func(a, b *ast.CallExpr) int { return cmp.Compare(a.Pos(), b.Pos()) })
	r.grpcConns(in)
	r.findNarrow()
	r.retries = callgraph.Propagate(r.graph, r.own, r.via, r.imported)
	if r.cfg.Facts {
		for _, f := range r.graph.Funcs {
			if v := r.retries[f.Obj]; v != nil {
				pass.ExportObjectFact(f.Obj, v)
			}
		}
	}

	for _, l := range r.loops {
		if classified(l) {
			continue // it retries only the failures it recognises
		}
		for _, a := range l.Attempts {
			if !l.Repeats(a.Call) {
				continue
			}
			if in := r.reach(a.Call, l); in != nil {
				if in.pos == l.Stmt.Pos() || stopsOn(a, in.giveUp) {
					continue // itself, by recursion; or it stops when the inner retry gives up
				}
				r.note(l.Stmt, in, l.MaxAttempts())
				r.report(rep, in, "retry loop", l.MaxAttempts(), l.Stmt.Pos(), "retry loop")
				break
			}
		}
	}
	for _, call := range r.res.Calls {
		k8s := call.Library == retryloop.LibK8sRetry || call.Library == retryloop.LibHelper && call.Helper != nil && call.Helper.K8s
		if call.InTest || !waits(call) || k8s || r.narrowIf(call) {
			continue // test code; no wait; k8s's retries only conflicts or what its classifier picks (also through a helper), as a narrow classifier does
		}
		body := retryloop.FuncBody(call.Op)
		if body == nil {
			continue
		}
		attempts := outerAttempts(call)
		if call.Library == retryloop.LibHelper {
			attempts = -1
			if v := r.calleeRetries(call.Callee); v != nil {
				attempts = v.Attempts
			}
		}
		r.nesting.Attempts[call.Call] = attempts
		if in := r.reachIn(body, nil); in != nil {
			r.note(call.Call, in, attempts)
			r.report(rep, in, "operation retried by "+call.Name(), attempts, call.Call.Pos(), "retried here")
		}
	}
	res := rep.Result()
	res.Detail = r.nesting
	return res, nil
}

// note records in the nesting that outer, of attempts, reaches in.
func (r *run) note(outer ast.Node, in *inner, attempts int64) {
	r.nesting.Nested[outer] = &Nest{Call: in.call, Name: in.name, Attempts: in.attempts, Outer: attempts, Pos: in.pos, Chain: in.chain}
}

// pollHelper reports whether a call of a retry helper runs no retry for
// what its operation does: it makes no attempt and awaits outside state
// (weaviate's schema reader, retried until the in-memory schema holds a
// class), never succeeds, reaches only this machine, or holds until a
// context ends (a supervisor).
func pollHelper(c *retryloop.Call) bool {
	return c.AwaitsState || c.NeverSucceeds || c.LocalOnly || c.Supervises
}

// pacedByCallback reports whether every wait of loop l lasts what a
// function value handed the loop's failure answers, as in `delay, err
// := onError(err)` (k0s's watch retry, paced by an error callback that
// its callers choose). Whether the loop retries a failing server, and
// how often, is its callers' choice and out of sight: it is no retry
// layer the analysis can vouch for.
func pacedByCallback(info *types.Info, l *retryloop.Loop) bool {
	if len(l.Waits) == 0 {
		return false
	}
	for _, w := range l.Waits {
		id, ok := ast.Unparen(w.Duration).(*ast.Ident)
		if w.Helper != nil || !ok {
			return false
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || v.Pos() < l.Body.Pos() || v.Pos() >= l.Body.End() || !answeredByCallback(info, l.Body, v) {
			return false
		}
	}
	return true
}

// answeredByCallback reports whether every assignment of v in body (v
// is declared there) takes a result of a call of a function value, a
// parameter, variable or field, handed an error.
func answeredByCallback(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	ok, seen := true, false
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id, isID := lhs.(*ast.Ident); !isID || info.ObjectOf(id) != v {
					continue
				}
				seen = true
				if len(n.Rhs) != 1 {
					ok = false // x, delay = a, b: not a callback's answer
					break
				}
				call, isCall := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
				ok = isCall && callbackOnError(info, call)
			}
		case *ast.IncDecStmt:
			if id, isID := ast.Unparen(n.X).(*ast.Ident); isID && info.ObjectOf(id) == v {
				ok = false
			}
		case *ast.UnaryExpr:
			if id, isID := ast.Unparen(n.X).(*ast.Ident); n.Op == token.AND && isID && info.ObjectOf(id) == v {
				ok = false // its address escapes: assigned out of sight
			}
		}
		return true
	})
	return ok && seen
}

// callbackOnError reports whether call calls a function value (not a
// declared function or method) with an error among its arguments.
func callbackOnError(info *types.Info, call *ast.CallExpr) bool {
	if _, ok := typeutil.Callee(info, call).(*types.Var); !ok {
		return false
	}
	return slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return match.IsError(info.TypeOf(a)) })
}

// waits reports whether a library call retries with waits between its
// attempts, as a retry and not a poll or a scheduler.
func waits(c *retryloop.Call) bool {
	if c.InTest || c.NeverSucceeds || c.AwaitsState || c.Supervises || c.Startup || c.LocalOnly || c.Library == retryloop.LibGRPCRetry {
		return false // a poll, a supervisor, a start-up wait; a gRPC interceptor retries the calls on its connection, not where it is made
	}
	switch c.Policy.Kind {
	case retryloop.PolicyZero, retryloop.PolicyStop:
		return false // retries at once, or never
	}
	return c.Policy.Unlimited || c.Policy.MaxAttempts < 0 || c.Policy.MaxAttempts > 1
}

// outerAttempts returns the attempts a library call's policy allows,
// or -1.
func outerAttempts(c *retryloop.Call) int64 {
	if p := c.Policy; !p.Unlimited && p.MaxAttempts > 0 {
		return p.MaxAttempts
	}
	return -1
}

// classified reports a loop every attempt of which retries only the
// errors it recognises (a conflict, "not leader", a sentinel): the
// failure an inner retry gives up with is not among them, so the layers
// do not multiply.
func classified(l *retryloop.Loop) bool {
	for _, a := range l.Attempts {
		if !a.Classified {
			return false
		}
	}
	return true
}

// report reports the inner retry in, reached from an outer retry
// described by what (with its attempts, or -1) at outer.
func (r *run) report(rep *suppress.Reporter, in *inner, what string, attempts int64, outer token.Pos, outerMsg string) {
	if attempts > 0 {
		what += fmt.Sprintf(" (%d attempts)", attempts)
	}
	verb := "calls " + in.name
	if in.name == nestedLoop {
		verb = "runs " + in.name
	}
	var msg string
	if attempts > 0 && in.attempts > 0 {
		msg = fmt.Sprintf("%s %s, which tries %d times itself: up to %d calls per operation; retry at one layer",
			what, verb, in.attempts, attempts*in.attempts)
	} else {
		msg = fmt.Sprintf("%s %s, which retries again inside each attempt, multiplying the load on a failing backend; retry at one layer", what, verb)
	}
	related := []analysis.RelatedInformation{{Pos: outer, Message: outerMsg}}
	switch {
	case in.pos.IsValid():
		related = append(related, analysis.RelatedInformation{Pos: in.pos, Message: "retries again here"})
	case len(in.chain) > 1:
		related = append(related, analysis.RelatedInformation{Pos: in.call.Pos(), Message: "retries through " + strings.Join(in.chain, " -> ")})
	}
	rep.Report(analysis.Diagnostic{
		Pos:      in.call.Pos(),
		End:      in.call.End(),
		Category: Name,
		Message:  msg,
		Related:  related,
	})
}

const nestedLoop = "a nested retry loop"

// reach returns the retry that the attempt call of loop l reaches, or
// nil.
func (r *run) reach(call *ast.CallExpr, l *retryloop.Loop) *inner {
	// A loop nested in l's body that retries the same call.
	for _, l2 := range r.loopsIn(l.Body.Pos(), l.Body.End()) {
		if l2 == l || l2.Stmt.End() > l.Body.End() {
			continue
		}
		for _, a := range l2.Attempts {
			if a.Call == call {
				return &inner{call: call, name: nestedLoop, attempts: l2.MaxAttempts(), pos: l2.Stmt.Pos(), giveUp: r.giveUp(l2)}
			}
		}
	}
	return r.reachCall(call)
}

// reachCall returns the retry that one call reaches: a retry library
// called directly, a request sent through a retrying client, or a
// function that retries (of this package or, by its fact, another).
func (r *run) reachCall(call *ast.CallExpr) *inner {
	if r.inGo(call) || r.polls[call] {
		return nil
	}
	if lc := r.library[call]; lc != nil {
		return &inner{call: call, name: lc.Name(), attempts: outerAttempts(lc), pos: call.Pos()}
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return r.reachIn(lit.Body, call)
	}
	fn := match.Callee(r.pass.TypesInfo, call)
	if c := r.grpcCall(call, fn); c != nil {
		return &inner{call: call, name: match.FuncName(fn) + " on a gRPC connection whose interceptor retries", attempts: c.Policy.MaxAttempts, pos: c.Call.Pos()}
	}
	if v := r.calleeRetries(fn); v != nil {
		return &inner{call: call, name: match.FuncName(fn), attempts: v.Attempts, pos: r.at[fn.Origin()], chain: v.Chain, giveUp: v.GiveUp}
	}
	return nil
}

// reachIn returns the first retry a call in body reaches, or nil. The
// report is on the call itself, or on via when body is that of a
// function literal called in place.
func (r *run) reachIn(body *ast.BlockStmt, via *ast.CallExpr) *inner {
	var found *inner
	ast.Inspect(body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			for _, l := range r.loops {
				if l.Stmt == n {
					found = &inner{call: via, name: nestedLoop, attempts: l.MaxAttempts(), pos: l.Stmt.Pos(), giveUp: r.giveUp(l)}
					if via == nil {
						found.call = l.Attempts[0].Call
					}
					return false
				}
			}
		case *ast.CallExpr:
			if in := r.reachCall(n); in != nil {
				if via == nil && r.madePermanent(body, n) {
					return false // the inner retry's failure stops the outer one
				}
				if via != nil {
					in.call = via
				}
				found = in
				return false
			}
		}
		return true
	})
	return found
}

// calleeRetries returns the Retries of fn, a function of this package
// or, by its fact, of another.
func (r *run) calleeRetries(fn *types.Func) *Retries {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == r.pass.Pkg {
		return r.retries[fn]
	}
	v, _ := r.imported(fn)
	return v
}

// own returns the Retries a declaration has by its own body: a retry
// loop that waits, or a library retry, outside any goroutine it starts
// and any function literal it returns.
func (r *run) own(f *callgraph.Func) (*Retries, bool) {
	in := func(n ast.Node) bool {
		return f.Decl.Pos() <= n.Pos() && n.End() <= f.Decl.End() && !r.later(n) && !within(r.supervised, n)
	}
	best := token.NoPos
	attempts := int64(-1)
	var giveUp []string
	for _, l := range r.loopsIn(f.Decl.Pos(), f.Decl.End()) {
		if in(l.Stmt) {
			best, attempts, giveUp = l.Stmt.Pos(), l.MaxAttempts(), r.giveUp(l)
			break // the first in the function
		}
	}
	i, _ := slices.BinarySearchFunc(r.libCalls, f.Decl.Pos(), func(c *ast.CallExpr, p token.Pos) int { return cmp.Compare(c.Pos(), p) })
	for _, call := range r.libCalls[i:] {
		if call.Pos() >= f.Decl.End() || best.IsValid() && call.Pos() >= best {
			break
		}
		if in(call) {
			best, attempts, giveUp = call.Pos(), outerAttempts(r.library[call]), nil
			break
		}
	}
	if !best.IsValid() {
		return nil, false
	}
	r.at[f.Obj] = best
	return &Retries{Chain: []string{match.FuncName(f.Obj)}, Attempts: attempts, GiveUp: giveUp}, true
}

// via returns the Retries f gets by calling a function that retries.
func (r *run) via(f *callgraph.Func, s callgraph.Site, callee *Retries) (*Retries, bool) {
	if len(callee.Chain) >= MaxChain || r.later(s.Call) || within(r.supervised, s.Call) || r.polls[s.Call] || strings.HasSuffix(r.pass.Fset.File(f.Decl.Pos()).Name(), "_test.go") {
		return nil, false
	}
	if p, ok := r.at[s.Callee]; ok {
		r.at[f.Obj] = p
	}
	return &Retries{Chain: append([]string{match.FuncName(f.Obj)}, callee.Chain...), Attempts: callee.Attempts, GiveUp: callee.GiveUp}, true
}

func (r *run) imported(fn *types.Func) (*Retries, bool) {
	if !r.cfg.Facts {
		return nil, false
	}
	v := new(Retries)
	if r.pass.ImportObjectFact(fn, v) {
		return v, true
	}
	return nil, false
}

// outermost returns the spans of spans that no other contains, in
// order of position. The files of a package are walked in their order
// in the package, which need not be the order of their positions: a
// loader parses them in parallel, and each file's positions start where
// the file set stood when its parse began.
func outermost(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(b.end, a.end))
	})
	out := spans[:0]
	for _, s := range spans {
		if k := len(out); k > 0 && s.end <= out[k-1].end {
			continue // nested in the last one kept
		}
		out = append(out, s)
	}
	return out
}

// inGo reports whether n lies in a go statement: a goroutine started
// there is no part of the call.
func (r *run) inGo(n ast.Node) bool {
	return within(r.goSpans, n)
}

// within reports whether n lies in one of spans, outermost spans in
// order of position.
func within(spans []span, n ast.Node) bool {
	// The last span starting at or before n.
	i, found := slices.BinarySearchFunc(spans, n.Pos(), func(s span, p token.Pos) int { return cmp.Compare(s.pos, p) })
	if !found {
		i--
	}
	return i >= 0 && n.End() <= spans[i].end
}

// returnedLits returns the function literals that a function hands
// back without calling: returned as a result (return func() {...}), or
// held in a local variable whose every use is in a return statement's
// results or in another such literal (each := func() {...}; return
// each, with the helpers each calls made the same way).
func returnedLits(info *types.Info, in *inspector.Inspector) []*ast.FuncLit {
	var out []*ast.FuncLit
	held := make(map[*types.Var]*ast.FuncLit) // variables assigned a literal once
	count := make(map[*types.Var]int)
	for cur := range in.Root().Preorder((*ast.ReturnStmt)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		if ret, ok := cur.Node().(*ast.ReturnStmt); ok {
			for _, e := range ret.Results {
				if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok {
					out = append(out, lit)
				}
			}
			continue
		}
		match.EachAssign(cur.Node(), func(lhs, rhs ast.Expr, tuple bool, _ token.Token) {
			v, ok := match.ObjectOf(info, lhs).(*types.Var)
			if !ok || v.IsField() || v.Parent() == nil || v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				return
			}
			count[v]++
			if lit, ok := ast.Unparen(rhs).(*ast.FuncLit); ok && !tuple {
				held[v] = lit
			}
		})
	}
	// Each use of a held variable: in a return's results (directly), or
	// elsewhere (a call, an argument), with the literals it lies in.
	type use struct {
		returned bool
		pos      token.Pos
	}
	uses := make(map[*types.Var][]use)
	for cur := range in.Root().Preorder((*ast.Ident)(nil)) {
		v, ok := info.Uses[cur.Node().(*ast.Ident)].(*types.Var)
		if !ok || held[v] == nil {
			continue
		}
		_, ret := cur.Parent().Node().(*ast.ReturnStmt)
		uses[v] = append(uses[v], use{ret, cur.Node().Pos()})
	}
	later := make(map[*ast.FuncLit]bool)
	for _, lit := range out {
		later[lit] = true
	}
	inLater := func(pos token.Pos) bool {
		for lit := range later {
			if lit.Pos() <= pos && pos < lit.End() {
				return true
			}
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for v, lit := range held {
			if later[lit] || count[v] != 1 || len(uses[v]) == 0 {
				continue
			}
			ok := true
			for _, u := range uses[v] {
				if !u.returned && !inLater(u.pos) {
					ok = false
					break
				}
			}
			if ok {
				later[lit] = true
				out = append(out, lit)
				changed = true
			}
		}
	}
	return out
}

// later reports whether n runs after the call of its function returns,
// if ever: in a goroutine it starts, or in a function literal it returns
// (a retrying interceptor or middleware, run around other calls).
func (r *run) later(n ast.Node) bool {
	if r.inGo(n) {
		return true
	}
	for _, lit := range r.returned {
		if lit.Pos() <= n.Pos() && n.End() <= lit.End() {
			return true
		}
	}
	return false
}

// loopsIn returns the loops of r.loops that start in [pos, end).
func (r *run) loopsIn(pos, end token.Pos) []*retryloop.Loop {
	byPos := func(l *retryloop.Loop, p token.Pos) int { return cmp.Compare(l.Stmt.Pos(), p) }
	i, _ := slices.BinarySearchFunc(r.loops, pos, byPos)
	j, _ := slices.BinarySearchFunc(r.loops, end, byPos)
	return r.loops[i:j]
}

// A span is the extent of a node.
type span struct{ pos, end token.Pos }

// giveUp returns the package-level error variables (path.Name) that
// the return statement right after loop l mentions: the error it gives
// up with after its last attempt (return fmt.Errorf("%w: %w",
// errMaxRetries, err)).
func (r *run) giveUp(l *retryloop.Loop) []string {
	var after ast.Stmt
	ast.Inspect(l.Func.Body, func(n ast.Node) bool {
		if after != nil {
			return false
		}
		list, ok := match.StmtList(n)
		if !ok {
			return true
		}
		for i, st := range list {
			if lab, ok := st.(*ast.LabeledStmt); ok {
				st = lab.Stmt
			}
			if st == l.Stmt && i+1 < len(list) {
				after = list[i+1]
				return false
			}
		}
		return true
	})
	ret, ok := after.(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return nil
	}
	var names []string
	ast.Inspect(ret.Results[len(ret.Results)-1], func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
		if ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && match.IsError(v.Type()) {
			names = append(names, v.Pkg().Path()+"."+v.Name())
		}
		return true
	})
	return names
}

// stopsOn reports whether a failure of attempt a with an error wrapping
// one of giveUp (an inner retry's give-up error) leaves the loop.
func stopsOn(a *retryloop.Attempt, giveUp []string) bool {
	for _, v := range a.LeavesOn {
		if slices.Contains(giveUp, v.Pkg().Path()+"."+v.Name()) {
			return true
		}
	}
	return false
}

// permanentLibs are the functions of retry libraries that mark an error
// as final: the library stops retrying when the operation returns it.
var permanentLibs = map[string]string{
	"github.com/cenkalti/backoff/v4": "Permanent",
	"github.com/cenkalti/backoff/v5": "Permanent",
	"github.com/avast/retry-go/v4":   "Unrecoverable",
	"github.com/avast/retry-go":      "Unrecoverable",
}

// isPermanent reports whether fn marks the error it is handed as final:
// a retry library's own marker, or a function with the Permanent fact.
func (r *run) isPermanent(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if name, ok := permanentLibs[fn.Pkg().Path()]; ok && fn.Name() == name && fn.Signature().Recv() == nil {
		return true
	}
	if fn.Pkg() == r.pass.Pkg {
		return r.permanent[fn.Origin()]
	}
	return r.cfg.Facts && r.pass.ImportObjectFact(fn.Origin(), new(Permanent))
}

// refusalsOnly reports whether the operation of library call c retries
// only failures a failing server does not give: each of its returns of
// a failure hands it back marked final (backoff.Permanent), or stands
// right in the body of an if whose condition holds only for gRPC codes
// of a refusal or a cancellation (codes.Canceled, codes.NotFound, ...;
// match.GRPCServerFailure); one return is marked, one retried. While its server
// is down such a retry makes one call per attempt of an outer retry,
// so the layers do not multiply (netbird's management login, which
// retries only a cancelled call).
func (r *run) refusalsOnly(c *retryloop.Call) bool {
	body := retryloop.FuncBody(c.Op)
	if body == nil {
		return false
	}
	info := r.pass.TypesInfo
	refusal := func(e ast.Expr) bool {
		be, ok := e.(*ast.BinaryExpr)
		if !ok || be.Op != token.EQL {
			return false
		}
		code, _ := match.ObjectOf(info, be.Y).(*types.Const)
		if code == nil {
			code, _ = match.ObjectOf(info, be.X).(*types.Const)
		}
		return code != nil && match.IsGRPCCode(code) && !match.GRPCServerFailure(code)
	}
	marked, retried, only := false, false, true
	match.EachReturn(body, func(ret *ast.ReturnStmt, guard *ast.IfStmt) bool {
		if len(ret.Results) == 0 {
			only = false // named results: what it returns is not seen
			return false
		}
		last := ast.Unparen(ret.Results[len(ret.Results)-1])
		if match.IsNil(info, last) {
			return true
		}
		if call, ok := last.(*ast.CallExpr); ok && r.isPermanent(match.Callee(info, call)) {
			marked = true
			return true
		}
		only = guard != nil && match.OnlyWhen(guard.Cond, refusal)
		retried = true
		return only
	})
	return marked && retried && only
}

// findPermanent fills r.permanent and exports the Permanent facts: the
// functions of the package taking an error and returning one, whose
// body is return m(err) with m a marker (to a fixpoint, for chains of
// such functions).
func (r *run) findPermanent() {
	r.permanent = make(map[*types.Func]bool)
	for changed := true; changed; {
		changed = false
		for _, f := range r.graph.Funcs {
			if r.permanent[f.Obj] || !r.marks(f) {
				continue
			}
			r.permanent[f.Obj] = true
			changed = true
		}
	}
	if r.cfg.Facts {
		for fn := range r.permanent {
			r.pass.ExportObjectFact(fn, new(Permanent))
		}
	}
}

// marks reports whether f is func(err error) error { return m(err) },
// with m a marker.
func (r *run) marks(f *callgraph.Func) bool {
	sig := f.Obj.Signature()
	if sig.Params().Len() != 1 || sig.Results().Len() != 1 || !match.IsError(sig.Params().At(0).Type()) ||
		!match.IsError(sig.Results().At(0).Type()) || len(f.Decl.Body.List) != 1 {
		return false
	}
	ret, ok := f.Decl.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || match.ObjectOf(r.pass.TypesInfo, call.Args[0]) != types.Object(sig.Params().At(0)) {
		return false
	}
	return r.isPermanent(match.Callee(r.pass.TypesInfo, call))
}

// madePermanent reports whether the error of call, in an operation's
// body, is only ever handed back marked final: return
// retry.Unrecoverable(call(...)), or err := call(...) (in an if's init
// or a statement) whose every use is a comparison with nil or the
// argument of a marker. An inner retry's failure then ends the outer
// retry: the layers do not multiply (goreleaser's release upload,
// which deletes an existing asset through a retrying call).
func (r *run) madePermanent(body *ast.BlockStmt, call *ast.CallExpr) bool {
	info := r.pass.TypesInfo
	var errVar types.Object
	wrapped := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if len(n.Args) == 1 && n.Args[0] == ast.Expr(call) && r.isPermanent(match.Callee(info, n)) {
				wrapped = true
			}
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && ast.Unparen(n.Rhs[0]) == ast.Expr(call) && len(n.Lhs) > 0 {
				last := n.Lhs[len(n.Lhs)-1]
				if t := info.TypeOf(last); t != nil && match.IsError(t) {
					errVar = match.ObjectOf(info, last)
				}
			}
		}
		return true
	})
	if wrapped {
		return true
	}
	if errVar == nil {
		return false
	}
	// Every use of errVar: compared with nil, or handed to a marker. An
	// assignment to it is no use (valid, err := check(a) after it).
	uses, marked := 0, 0
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, rhs := range n.Rhs {
				ast.Inspect(rhs, visit)
			}
			for _, lhs := range n.Lhs {
				if _, ok := ast.Unparen(lhs).(*ast.Ident); !ok {
					ast.Inspect(lhs, visit) // x.f[err] = ...
				}
			}
			return false
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (match.ObjectOf(info, n.X) == errVar && match.IsNil(info, n.Y) ||
				match.ObjectOf(info, n.Y) == errVar && match.IsNil(info, n.X)) {
				return false
			}
		case *ast.CallExpr:
			if len(n.Args) == 1 && match.ObjectOf(info, n.Args[0]) == errVar && r.isPermanent(match.Callee(info, n)) {
				marked++
				uses++
				return false
			}
		case *ast.Ident:
			if info.Uses[n] == errVar {
				uses++
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	return marked > 0 && uses == marked
}

// findNarrow finds the package's narrow classifiers, which may call one
// another, and exports their facts.
func (r *run) findNarrow() {
	r.narrow = make(map[*types.Func]bool)
	for changed := true; changed; {
		changed = false
		for _, f := range r.graph.Funcs {
			if r.narrow[f.Obj] || !match.IsClassifier(f.Obj.Signature()) {
				continue
			}
			if match.AnswersOnly(r.pass.TypesInfo, f.Decl.Body, r.recognises) {
				r.narrow[f.Obj] = true
				changed = true
			}
		}
	}
	// A retry helper whose classifier is fixed inside it, and narrow,
	// retries only the failures it names (longhorn's
	// RetryOnConflictCause(fn) = RetryOnErrorCondition(fn,
	// apierrors.IsConflict)): the fact carries that to its callers.
	for changed := true; changed; {
		changed = false
		for _, c := range r.res.Calls {
			f := r.graph.Enclosing(c.Call)
			if f == nil || r.narrow[f.Obj] {
				continue
			}
			h := r.res.Helpers[f.Obj]
			if h == nil || !passesParam(r.pass.TypesInfo, c.OpExpr, f.Decl, h.Op) {
				continue
			}
			if r.narrowIf(c) {
				r.narrow[f.Obj] = true
				changed = true
			}
		}
	}
	if r.cfg.Facts {
		for fn := range r.narrow {
			r.pass.ExportObjectFact(fn, new(Narrow))
		}
	}
}

// passesParam reports whether op is parameter i of decl, or a function
// literal that calls it.
func passesParam(info *types.Info, op ast.Expr, decl *ast.FuncDecl, i int) bool {
	var p types.Object
	k := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if k == i {
				p = info.Defs[name]
			}
			k++
		}
		if len(field.Names) == 0 {
			k++
		}
	}
	if p == nil || op == nil {
		return false
	}
	switch op := ast.Unparen(op).(type) {
	case *ast.Ident:
		return info.Uses[op] == p
	case *ast.FuncLit:
		found := false
		ast.Inspect(op.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && match.ObjectOf(info, call.Fun) == p {
				found = true
			}
			return !found
		})
		return found
	}
	return false
}

// isNarrow reports whether fn is a narrow classifier, of this package
// or, by its fact, another.
func (r *run) isNarrow(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg() == r.pass.Pkg {
		return r.narrow[fn.Origin()]
	}
	return r.cfg.Facts && r.pass.ImportObjectFact(fn.Origin(), new(Narrow))
}

// narrowIf reports whether the library call c is handed a narrow
// classifier: a function literal, or a function of any package.
func (r *run) narrowIf(c *retryloop.Call) bool {
	if c.Library == retryloop.LibHelper && c.RetryIfExpr == nil {
		return r.isNarrow(c.Callee) // a helper whose own classifier is narrow
	}
	if lit, ok := c.RetryIf.(*ast.FuncLit); ok {
		return match.AnswersOnly(r.pass.TypesInfo, lit.Body, r.recognises)
	}
	fn, _ := match.ObjectOf(r.pass.TypesInfo, c.RetryIfExpr).(*types.Func)
	return r.isNarrow(fn)
}

// recognises reports whether cond holds only for failures it names
// (match.OnlyWhen): an errors.Is or errors.As, an equality with
// something other than nil, a constant text test (strings.Contains,
// HasPrefix, HasSuffix, EqualFold), net.Error's Timeout, or a narrow
// classifier.
func (r *run) recognises(cond ast.Expr) bool {
	info := r.pass.TypesInfo
	return match.OnlyWhen(cond, func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.BinaryExpr:
			return e.Op == token.EQL && !match.IsNil(info, e.X) && !match.IsNil(info, e.Y)
		case *ast.CallExpr:
			fn := match.Callee(info, e)
			switch {
			case match.IsErrorsIs(fn), match.IsErrorsAs(fn), match.IsMethod(fn, "net", "Error", "Timeout"):
				return true
			case match.IsFunc(fn, "strings", "Contains"), match.IsFunc(fn, "strings", "HasPrefix"),
				match.IsFunc(fn, "strings", "HasSuffix"), match.IsFunc(fn, "strings", "EqualFold"):
				if len(e.Args) != 2 {
					return false
				}
				tv, ok := info.Types[e.Args[1]]
				return ok && tv.Value != nil && tv.Value.Kind() == constant.String
			}
			return r.isNarrow(fn)
		}
		return false
	})
}
