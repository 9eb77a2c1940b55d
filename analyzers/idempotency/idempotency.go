package idempotency

import (
	"cmp"
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "idempotency"

// Directive, in a function's doc comment, declares the function safe to
// repeat: it exports no fact and calls of it are not reported.
const Directive = "//retryvet:idempotent"

// MaxChain is the longest chain of calls a fact carries: a function
// whose callee's chain is already this long gets no fact.
const MaxChain = 4

// Config configures an instance of the check.
type Config struct {
	// Headers are the request headers that carry an idempotency key,
	// compared case-insensitively. The first names the header in
	// messages.
	Headers []string
	// Chains reports retried calls whose HTTP side effect is more than
	// one call away, or in another package (the facts' chains). Off by
	// default: POST is often a read in disguise (a DNS-over-HTTPS query,
	// a search, a token exchange), which the chain hides. SQL writes are
	// followed through chains always.
	Chains bool
	// Facts makes the check export and import facts, so that a call of
	// a function of another package that performs a side effect is
	// seen. Without them the check needs no dependency's syntax (a
	// cheaper load) and follows calls within the package only.
	Facts bool
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{Headers: []string{"Idempotency-Key", "X-Idempotency-Key"}, Facts: true}

// Analyzer is the check with the default configuration; its flags
// change that configuration.
var Analyzer = New(DefaultConfig)

// Result is what one run of the check returns: the //retryvet:ignore
// directives that silenced a finding.
type Result = suppress.Result

// An Effect is the fact that calling a function may perform a side
// effect that is not safe to repeat. It is exported for functions that
// perform one outside any retry, or call one that does.
type Effect struct {
	// Chain names the function and the functions it calls down to the
	// one that performs the effect (package.Func, package.Type.Method).
	Chain []string
	// Op says what the last function of the chain does, as a verb
	// phrase ("POSTs without an Idempotency-Key header").
	Op string
	// HTTP reports a request sent over HTTP, rather than an SQL write.
	HTTP bool
}

// AFact marks Effect as an analysis fact.
func (*Effect) AFact() {}

func (e *Effect) String() string {
	return fmt.Sprintf("effect(%s: %s)", strings.Join(e.Chain, " -> "), e.Op)
}

// A SideEffect is a call in a retry's attempt that writes, as the check
// sees it: unsafe to repeat (Safe empty), or made safe.
type SideEffect struct {
	Call *ast.CallExpr
	// What says what the call does ("POSTs without an Idempotency-Key
	// header", "calls store.Save, which runs an INSERT ...").
	What string
	// Safe says how it is made safe to repeat, or is empty: "idempotency
	// key", "upsert", "transaction inside the attempt", Directive.
	Safe string
}

// An Attempt is what the check found in one retry's attempt.
type Attempt struct {
	// Safe says why nothing in the attempt is reported, or is empty:
	// Directive (the function holding the retry is marked), "refused
	// requests only" (the loop retries only requests the server
	// refused).
	Safe    string
	Effects []*SideEffect
}

// Attempts is the check's account of a package's retries, the Detail of
// its result: for each retry (a loop's *ast.ForStmt or *ast.RangeStmt,
// a library call's *ast.CallExpr), what its attempt writes.
type Attempts struct {
	Of map[ast.Node]*Attempt
}

// Safe reasons.
const (
	SafeKey         = "idempotency key"
	SafeUpsert      = "upsert"
	SafeTransaction = "transaction inside the attempt"
	SafeRefused     = "refused requests only"
)

//go:embed doc.go
var docSource string

// New returns an idempotency analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	c.cfg.Headers = append([]string(nil), cfg.Headers...)
	a := &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/idempotency.md",
		Requires:         []*analysis.Analyzer{inspect.Analyzer, callgraph.Analyzer, retryloop.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	if cfg.Facts {
		a.FactTypes = []analysis.Fact{new(Effect), new(ClientPost)}
	}
	a.Flags.Var((*headerList)(&c.cfg.Headers), "headers",
		"comma-separated request headers that carry an idempotency key (case-insensitive)")
	a.Flags.BoolVar(&c.cfg.Chains, "chains", cfg.Chains,
		"also report retried calls whose POST or PATCH is more than one call away or in another package")
	return a
}

// headerList is a flag.Value for a comma-separated list.
type headerList []string

var _ flag.Value = (*headerList)(nil)

func (h *headerList) String() string { return strings.Join(*h, ",") }

func (h *headerList) Set(s string) error {
	*h = nil
	for _, name := range strings.Split(s, ",") {
		if name = strings.TrimSpace(name); name != "" {
			*h = append(*h, name)
		}
	}
	return nil
}

type checker struct {
	cfg Config
}

// run holds the state of one pass.
type run struct {
	pass      *analysis.Pass
	cfg       Config
	rep       *suppress.Reporter
	in        *inspector.Inspector
	graph     *callgraph.Graph
	regions   []region
	regionsOf map[*callgraph.Func][]region // by declaration
	spansOf   map[*callgraph.Func][]span   // their extents, merged (inRegion)
	marked    map[*types.Func]bool
	effects   map[*types.Func]*Effect
	headers   map[types.Object]headerState
	reported  map[ast.Node]bool
	// attempts is the Detail of the result; madeSafe is set by the
	// operation rules when a write is made safe (SafeKey, SafeUpsert,
	// SafeTransaction), for check to record.
	attempts *Attempts
	madeSafe string
	// resty are the requests sent through a retrying resty client.
	resty map[*ast.CallExpr]*retryloop.Send
	// std are the requests sent with a retryablehttp StandardClient.
	std map[*ast.CallExpr]bool
}

// A region is where a repeated operation is reported: the body of an
// R1 loop or of an R2 operation.
type region struct {
	node  ast.Node // *ast.BlockStmt of the loop, or the operation
	body  *ast.BlockStmt
	decl  *callgraph.Func // the declaration holding it
	where string          // "retry loop", "operation retried by backoff.Retry"
	at    ast.Node        // the loop or the library call, for Related
	// loop is the retry loop, or nil for an operation.
	loop *retryloop.Loop
	// library names the library or helper retrying an operation, or is
	// empty for a loop.
	library string
	// undelivered marks a loop that retries only requests that never
	// reached the server: nothing in it is reported (or exported).
	undelivered bool
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	r := &run{
		pass:     pass,
		cfg:      c.cfg,
		rep:      suppress.NewReporter(pass, Name),
		in:       pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		graph:    pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph),
		marked:   make(map[*types.Func]bool),
		headers:  make(map[types.Object]headerState),
		reported: make(map[ast.Node]bool),
		attempts: &Attempts{Of: make(map[ast.Node]*Attempt)},
	}
	res := retryloop.Of(pass)
	r.resty = make(map[*ast.CallExpr]*retryloop.Send)
	r.std = make(map[*ast.CallExpr]bool)
	for _, c := range res.Calls {
		switch {
		case c.InTest:
		case c.Send != nil:
			r.resty[c.Call] = c.Send
		case c.Library == retryloop.LibRetryableHTTP && c.Callee.Pkg().Path() == "net/http":
			r.std[c.Call] = true
		}
	}
	r.collectRegions(res)
	r.regionsOf = make(map[*callgraph.Func][]region)
	r.spansOf = make(map[*callgraph.Func][]span)
	for _, rg := range r.regions {
		r.regionsOf[rg.decl] = append(r.regionsOf[rg.decl], rg)
	}
	for _, f := range r.graph.Funcs {
		if hasDirective(f.Decl.Doc) {
			r.marked[f.Obj] = true
		}
	}

	r.effects = callgraph.Propagate(r.graph, r.own, r.via, r.imported)
	if r.cfg.Facts {
		for _, f := range r.graph.Funcs {
			if e := r.effects[f.Obj]; e != nil {
				pass.ExportObjectFact(f.Obj, e)
			}
		}
	}

	for _, rg := range r.regions {
		r.check(rg)
	}
	r.retryableHTTP()
	r.clientPosts(res)
	out := r.rep.Result()
	out.Detail = r.attempts
	return out, nil
}

// collectRegions lists the bodies of the package's retries.
func (r *run) collectRegions(res *retryloop.Result) {
	for _, l := range res.Loops() {
		if d := r.declOf(l.Stmt); d != nil {
			r.regions = append(r.regions, region{node: l.Body, body: d.Decl.Body, decl: d, where: "retry loop", at: l.Stmt, loop: l, undelivered: r.refusedOnly(l)})
		}
	}
	for _, c := range res.Calls {
		var node ast.Node
		switch op := c.Op.(type) {
		case *ast.FuncLit:
			node = op
		case *ast.FuncDecl:
			node = op
		default:
			continue
		}
		if d := r.declOf(node); d != nil {
			where := "operation retried by " + c.Name()
			r.regions = append(r.regions, region{node: node, body: d.Decl.Body, decl: d, where: where, at: c.Call, library: c.Name(), undelivered: r.refusalClassifier(c.RetryIf)})
		}
	}
}

// refusedOnly reports a loop that retries only requests the server
// refused, so that nothing was applied (docs/model.md, Retry on refusal
// is not A5): every attempt retries only errors the loop classifies,
// none of which is a timeout, a network or a context error ("not
// leader", a redirect, a conflict); or the loop tests for a refused
// connection (syscall.ECONNREFUSED, or an error text containing
// "connection refused"), a readiness probe (flyctl's mcp proxy
// waitForServer).
func (r *run) refusedOnly(l *retryloop.Loop) bool {
	refusals := true
	for _, a := range l.Attempts {
		refusals = refusals && a.Classified && len(a.Compared) > 0 && !slices.ContainsFunc(a.Compared, maybeDelivered)
	}
	if refusals {
		return true
	}
	found := false
	ast.Inspect(l.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := r.pass.TypesInfo.Uses[n].(*types.Var); ok && v.Name() == "ECONNREFUSED" && v.Pkg() != nil &&
				(v.Pkg().Path() == "syscall" || strings.HasPrefix(v.Pkg().Path(), "golang.org/x/sys/")) {
				found = true
			}
		case *ast.BasicLit:
			if s := constString(r.pass.TypesInfo, n); strings.Contains(strings.ToLower(s), "connection refused") {
				found = true
			}
		}
		return !found
	})
	return found
}

// refusalClassifier reports whether the classifier of an R2 call (a
// func(error) bool) answers true only for refusals (docs/model.md, Retry
// on refusal is not A5): each of its returns answers false, or tests a
// refusal itself, or answers true under an if that tests one. A refusal
// is a status that says the server did not take the request (409, 423,
// 425, 429, 503), or an error value or type other than a timeout, a
// network or a context error (maybeDelivered).
func (r *run) refusalClassifier(fn ast.Node) bool {
	return match.AnswersOnly(r.pass.TypesInfo, retryloop.FuncBody(fn), r.refusalTest)
}

// refusalStatuses are the HTTP statuses with which a server turns a
// request away without applying it.
var refusalStatuses = map[int64]bool{409: true, 423: true, 425: true, 429: true, 503: true}

// refusalTest reports whether cond holds only for a refusal
// (match.OnlyWhen): a status compared equal to a refusal status, or
// errors.Is with, or == to, an error that is not maybeDelivered.
func (r *run) refusalTest(cond ast.Expr) bool {
	info := r.pass.TypesInfo
	return match.OnlyWhen(cond, func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.BinaryExpr:
			if e.Op != token.EQL {
				return false
			}
			for _, pair := range [2][2]ast.Expr{{e.X, e.Y}, {e.Y, e.X}} {
				if tv, ok := info.Types[pair[1]]; ok && tv.Value != nil && tv.Value.Kind() == constant.Int {
					n, exact := constant.Int64Val(tv.Value)
					return exact && refusalStatuses[n]
				}
				if t := info.TypeOf(pair[0]); t != nil && match.IsError(t) && !match.IsNil(info, pair[1]) {
					obj := match.ObjectOf(info, pair[1])
					return obj != nil && !maybeDelivered(obj)
				}
			}
		case *ast.CallExpr:
			if match.IsErrorsIs(match.Callee(info, e)) && len(e.Args) == 2 {
				obj := match.ObjectOf(info, e.Args[1])
				return obj != nil && !maybeDelivered(obj)
			}
		}
		return false
	})
}

// delivered are the errors after which a request may have reached the
// server and been applied: timeouts, network and context errors.
var delivered = map[string]bool{
	"context.Canceled": true, "context.DeadlineExceeded": true,
	"os.ErrDeadlineExceeded": true, "io.EOF": true, "io.ErrUnexpectedEOF": true,
	"net.ErrClosed": true, "net.Error": true, "net.OpError": true, "net/url.Error": true,
	"net/http.ErrHandlerTimeout": true,
	"syscall.ETIMEDOUT":          true, "syscall.ECONNRESET": true, "syscall.EPIPE": true, "syscall.ECONNABORTED": true,
	"golang.org/x/sys/unix.ETIMEDOUT": true, "golang.org/x/sys/unix.ECONNRESET": true,
	"golang.org/x/sys/unix.EPIPE": true, "golang.org/x/sys/unix.ECONNABORTED": true,
}

// maybeDelivered reports whether a retried error may follow a request
// that was applied: one of delivered, or anything but a package-level
// error value or a named type (a local error variable says nothing).
func maybeDelivered(obj types.Object) bool {
	if obj.Pkg() == nil {
		return true
	}
	if _, ok := obj.(*types.TypeName); !ok && obj.Parent() != obj.Pkg().Scope() {
		return true
	}
	return delivered[obj.Pkg().Path()+"."+obj.Name()]
}

// declOf returns the declaration that holds n, or nil.
func (r *run) declOf(n ast.Node) *callgraph.Func {
	return r.graph.Enclosing(n)
}

// inRegion reports whether pos lies in a retry of the declaration f
// (where a side effect is reported, not exported). A declaration that is
// itself an operation is not a region for this purpose: other callers
// call it once.
func (r *run) inRegion(f *callgraph.Func, pos token.Pos) bool {
	spans, ok := r.spansOf[f]
	if !ok {
		// The regions as disjoint spans in order, once per declaration.
		for _, rg := range r.regionsOf[f] {
			if rg.node != ast.Node(f.Decl) {
				spans = append(spans, span{rg.node.Pos(), rg.node.End()})
			}
		}
		slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.pos, b.pos) })
		merged := spans[:0]
		for _, s := range spans {
			if k := len(merged); k > 0 && s.pos < merged[k-1].end {
				merged[k-1].end = max(merged[k-1].end, s.end)
				continue
			}
			merged = append(merged, s)
		}
		spans = merged
		r.spansOf[f] = spans
	}
	i, found := slices.BinarySearchFunc(spans, pos, func(s span, p token.Pos) int { return cmp.Compare(s.pos, p) })
	if !found {
		i--
	}
	return i >= 0 && pos < spans[i].end
}

// A span is the extent [pos, end) of a region.
type span struct{ pos, end token.Pos }

func hasDirective(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if c.Text == Directive || strings.HasPrefix(c.Text, Directive+" ") {
			return true
		}
	}
	return false
}

// own returns the effect a declaration performs itself, outside its own
// retries.
func (r *run) own(f *callgraph.Func) (*Effect, bool) {
	if r.marked[f.Obj] {
		return nil, false
	}
	for _, s := range f.Calls {
		if r.inRegion(f, s.Call.Pos()) {
			continue
		}
		if op := r.operation(s.Call, f, nil); op != nil && !op.retried {
			return &Effect{Chain: []string{match.FuncName(f.Obj)}, Op: op.verb, HTTP: op.category == "idempotency/http"}, true
		}
	}
	return nil, false
}

// via returns the effect f gets by calling a function with one.
func (r *run) via(f *callgraph.Func, s callgraph.Site, callee *Effect) (*Effect, bool) {
	if r.marked[f.Obj] || len(callee.Chain) >= MaxChain || r.inRegion(f, s.Call.Pos()) {
		return nil, false
	}
	return &Effect{Chain: append([]string{match.FuncName(f.Obj)}, callee.Chain...), Op: callee.Op, HTTP: callee.HTTP}, true
}

func (r *run) imported(fn *types.Func) (*Effect, bool) {
	if !r.cfg.Facts || operationLayer(fn) {
		return nil, false
	}
	var e Effect
	if r.pass.ImportObjectFact(fn, &e) {
		return &e, true
	}
	return nil, false
}

// operationLayer reports a function of the packages whose operations
// the check knows directly (net/http, retryablehttp): their own facts
// (http.Client.Post builds a POST and sends it) would only repeat, or
// undo, what the operation rules decide.
func operationLayer(fn *types.Func) bool {
	p := fn.Pkg()
	return p != nil && (p.Path() == "net/http" || p.Path() == pathRetryableHTTP)
}

// calleeEffect returns the effect of the function a site calls.
func (r *run) calleeEffect(fn *types.Func) *Effect {
	if fn == nil {
		return nil
	}
	if fn.Pkg() == r.pass.Pkg {
		return r.effects[fn]
	}
	e, _ := r.imported(fn)
	return e
}

// check reports the side effects repeated in one region.
func (r *run) check(rg region) {
	at := r.attempts.Of[rg.at]
	if at == nil {
		at = new(Attempt)
		r.attempts.Of[rg.at] = at
	}
	switch {
	case r.marked[rg.decl.Obj]:
		at.Safe = Directive
		return
	case rg.undelivered:
		at.Safe = SafeRefused
		return
	}
	// Calls are in source order: start at the region's first, not at
	// the function's (per loop, that made a function of n loops cost n²).
	calls := rg.decl.Calls
	first := sort.Search(len(calls), func(i int) bool { return calls[i].Call.Pos() >= rg.node.Pos() })
	for _, s := range calls[first:] {
		if s.Call.Pos() >= rg.node.End() {
			break
		}
		if s.Call.End() > rg.node.End() || r.reported[s.Call] {
			continue
		}
		repeats := func() bool { return rg.loop == nil || rg.loop.Repeats(s.Call) }
		r.madeSafe = ""
		if op := r.operation(s.Call, rg.decl, &rg); op != nil {
			if !op.retried && repeats() { // a retryablehttp send is reported on its own
				r.reported[s.Call] = true
				at.Effects = append(at.Effects, &SideEffect{Call: s.Call, What: op.verb})
				r.report(op.node, op.category, op.message, op.related, rg)
			}
			continue
		}
		if r.madeSafe != "" && s.Callee != nil {
			at.Effects = append(at.Effects, &SideEffect{Call: s.Call, What: "writes through " + match.FuncName(s.Callee), Safe: r.madeSafe})
			continue
		}
		if s.Callee != nil && r.marked[s.Callee.Origin()] {
			at.Effects = append(at.Effects, &SideEffect{Call: s.Call, What: "calls " + match.FuncName(s.Callee), Safe: Directive})
			continue
		}
		e := r.calleeEffect(s.Callee)
		if e == nil {
			e = r.boundEffect(s)
		}
		if e == nil || !repeats() {
			continue
		}
		direct := s.Callee.Pkg() == r.pass.Pkg && len(e.Chain) == 1
		if e.HTTP && !direct && !r.cfg.Chains {
			continue // docs/model.md, A5 over HTTP is direct
		}
		r.reported[s.Call] = true
		at.Effects = append(at.Effects, &SideEffect{Call: s.Call, What: "calls " + match.FuncName(s.Callee) + ", which " + strings.TrimPrefix(e.Op, "which ")})
		r.report(s.Call, "idempotency/call", callMessage(s.Callee, e, s.Callee.Pkg() == r.pass.Pkg), chainRelated(s.Callee, e), rg)
	}
}

// MaxMessage is the length every message of a retried call stays
// under: a longer one wraps in editors and review tools, and the chain
// it would spell out is in the related information.
const MaxMessage = 200

// callMessage says that a retried call of callee can take effect twice.
// Only a callee of the package being analysed is offered the directive:
// a test (package x_test) or another package cannot mark it. An effect
// more than one call away keeps the message short and leaves the chain
// to chainRelated.
func callMessage(callee *types.Func, e *Effect, own bool) string {
	name := match.FuncName(callee)
	long, short := "make the operation idempotent", "make it idempotent"
	if own {
		long += fmt.Sprintf(" or mark %s %s if it is", callee.Name(), Directive)
		short += fmt.Sprintf(" or mark %s %s", callee.Name(), Directive)
	}
	var msgs []string
	if len(e.Chain) == 1 {
		for _, advice := range []string{long, short} {
			msgs = append(msgs, fmt.Sprintf("retried call to %s, which %s, can take effect twice; %s", name, e.Op, advice))
		}
	} else {
		msgs = append(msgs, fmt.Sprintf("retried call to %s can take effect twice: %d calls down it %s; %s", name, len(e.Chain), e.Op, short))
	}
	msgs = append(msgs, fmt.Sprintf("retried call to %s can take effect twice through the calls it makes; %s", name, short))
	if own {
		msgs = append(msgs, fmt.Sprintf("retried call to %s can take effect twice through the calls it makes; make it idempotent or mark it %s", name, Directive))
	}
	for _, msg := range msgs {
		if len(msg) < MaxMessage {
			return msg
		}
	}
	return msgs[len(msgs)-1]
}

// chainRelated points at callee with the chain of calls of e, when e is
// more than one call away.
func chainRelated(callee *types.Func, e *Effect) []analysis.RelatedInformation {
	if len(e.Chain) == 1 {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: callee.Pos(), Message: chainText(e)}}
}

// chainText describes the chain of calls of an effect.
func chainText(e *Effect) string {
	var b strings.Builder
	b.WriteString(e.Chain[0])
	for _, c := range e.Chain[1:] {
		fmt.Fprintf(&b, " calls %s, which", c)
	}
	fmt.Fprintf(&b, " %s", e.Op)
	return b.String()
}

func (r *run) report(n ast.Node, category, msg string, related []analysis.RelatedInformation, rg region) {
	if rg.library != "" {
		msg += " (retried by " + rg.library + ")"
	}
	related = append(related, analysis.RelatedInformation{Pos: rg.at.Pos(), End: rg.at.Pos(), Message: rg.where})
	r.rep.Report(analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: category, Message: msg, Related: related})
}

// retryableHTTP reports the side effects sent through retryablehttp,
// which retries every request itself, wherever they are.
func (r *run) retryableHTTP() {
	for _, f := range r.graph.Funcs {
		if r.marked[f.Obj] {
			continue
		}
		for _, s := range f.Calls {
			if op := r.operation(s.Call, f, nil); op != nil && op.retried && !r.reported[s.Call] {
				r.reported[s.Call] = true
				r.rep.Report(analysis.Diagnostic{Pos: op.node.Pos(), End: op.node.End(), Category: op.category, Message: op.message, Related: op.related})
			}
		}
	}
}
