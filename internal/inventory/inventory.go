// Package inventory lists every retry the recogniser (analyzers/retryloop)
// finds, with findings or without: where it is, its policy as computed,
// what it retries, what its attempt writes, the retries nested in it,
// and the findings on it. It is retryvet -inventory's data model and
// rendering (text, JSON, markdown; docs/inventory.md).
//
// Nothing here recognises a retry: an entry is made from the
// recogniser's Result and from the Detail of the checks' results
// (amplification's Nesting, backoff's Schedules, idempotency's
// Attempts), by an analyzer that requires them.
package inventory

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/analyzers/amplification"
	"github.com/retryvet/retryvet/analyzers/backoff"
	"github.com/retryvet/retryvet/analyzers/idempotency"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/analyzers/unbounded"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Kinds of retry.
const (
	KindLoop    = "loop"    // a retry loop (R1)
	KindLibrary = "library" // a call of a retry library (R2)
	KindHelper  = "helper"  // a call of an inferred retry helper of the codebase's own
)

// Worst-case wait states.
const (
	WorstKnown     = "known"     // WorstWait holds the bound
	WorstUnbounded = "unbounded" // nothing ends the retry but success
	WorstUnknown   = "unknown"   // bounded, but the total cannot be computed
)

// What Retries.Errors says.
const (
	ErrorsClassified = "classified"
	ErrorsEvery      = "every"
	ErrorsPolicy     = "policy"
)

// A Pos is a position: the file as the driver names it (relative to
// the working directory when below it), line and column.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

func (p Pos) compare(q Pos) int {
	return cmp.Or(cmp.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// An Entry is one retry.
type Entry struct {
	Pos  Pos    `json:"pos"`
	End  Pos    `json:"end"`
	Func string `json:"func"` // the enclosing function: pkg.Func, pkg.Type.Method, "(func literal)" appended inside one
	Kind string `json:"kind"` // KindLoop, KindLibrary, KindHelper
	// Library names the library (backoff/v4, retry-go, ...) or, for a
	// helper, the helper called; Call the function called.
	Library string `json:"library,omitempty"`
	Call    string `json:"call,omitempty"`
	// Op is the operation retried: the attempts' calls, or the operation
	// handed over, as written.
	Op   string `json:"op"`
	Test bool   `json:"test,omitempty"`

	// Attempts is the attempt bound when constant, else -1.
	Attempts int64 `json:"attempts"`
	// Bounds says what ends the retry other than success: count,
	// deadline, elapsed, context, stop, flag, helper.
	Bounds []string `json:"bounds"`
	// Schedule is the wait between attempts.
	Schedule Schedule `json:"schedule"`
	// Worst says whether WorstWait is known; WorstWait is the longest
	// the retry can spend waiting in all, in nanoseconds, or -1.
	Worst     string        `json:"worst"`
	WorstWait time.Duration `json:"worst_wait_ns"`
	// WorstWhy says why the worst-case total is unknown, when Worst is
	// WorstUnknown and the inventory can tell.
	WorstWhy string `json:"worst_why,omitempty"`

	Retries Retries `json:"retries"`
	// Safe says why nothing in the attempt is unsafe to repeat
	// (idempotency's verdict), or is empty.
	Safe    string    `json:"safe,omitempty"`
	Effects []*Effect `json:"effects"`
	Nested  []*Nested `json:"nested"`

	Findings []*Finding `json:"findings"`
}

// A Schedule is a retry's wait between attempts.
type Schedule struct {
	// Kind is none (no wait), constant, linear, exponential,
	// fibonacci, default (the library's), zero, or unknown.
	Kind string `json:"kind"`
	// First are the first waits, jitter taken as zero, in nanoseconds.
	First []time.Duration `json:"first_ns,omitempty"`
	// Longest is the longest single wait when known (a cap, or the
	// wait at the last attempt), in nanoseconds, or -1.
	Longest time.Duration `json:"longest_ns"`
	Capped  bool          `json:"capped,omitempty"`
	Jitter  bool          `json:"jitter,omitempty"`
}

// Retries is what a retry retries.
type Retries struct {
	// Errors says which errors are retried: ErrorsClassified (only
	// those the loop recognises, in every attempt), ErrorsEvery, or
	// ErrorsPolicy (a library or helper: its policy and the operation
	// decide).
	Errors string `json:"errors"`
	// Compared are the errors and error types the attempt's error is
	// compared with.
	Compared []string `json:"compared,omitempty"`
	// StatusChecks are the comparisons of the response status, as
	// written; BadStatuses the statuses that should not be retried but
	// are.
	StatusChecks []string `json:"status_checks,omitempty"`
	BadStatuses  []int64  `json:"bad_statuses,omitempty"`
	// Codes are the gRPC codes a policy is configured to retry.
	Codes []string `json:"codes,omitempty"`
	// Conditions are the retry conditions added to a resty client or
	// request, as written; "every status from 400" for one that retries
	// them all.
	Conditions []string `json:"conditions,omitempty"`
}

// An Effect is a write in the attempt.
type Effect struct {
	Pos  Pos    `json:"pos"`
	What string `json:"what"`
	// Safe says how it is made safe to repeat, or is empty (unsafe).
	Safe string `json:"safe,omitempty"`
}

// A Nested is a retry reached inside the attempt (amplification's
// computation).
type Nested struct {
	Pos      Pos      `json:"pos"`   // the call in the attempt
	Inner    *Pos     `json:"inner"` // the inner retry, when in the same package
	Name     string   `json:"name"`
	Chain    []string `json:"chain,omitempty"`
	Attempts int64    `json:"attempts"` // the inner retry's, or -1
	// Calls is the attempts of both layers multiplied, or -1.
	Calls int64 `json:"calls"`
}

// A Finding is a finding of a check on the retry.
type Finding struct {
	Check   string `json:"check"`
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
}

// Result is the analyzer's result for one package.
type Result struct {
	Entries []*Entry
}

// New returns the analyzer that makes a package's entries from the
// results of checks: the recogniser they require (Analyzer or Local),
// and the amplification, backoff and idempotency checks among them,
// when present. Pos and End are resolved with the package's file set;
// files are named as the file set does until Relative.
func New(checks []*analysis.Analyzer) *analysis.Analyzer {
	b := &builder{}
	var req []*analysis.Analyzer
	for _, a := range checks {
		switch a.Name {
		case amplification.Name:
			b.amp = a
		case backoff.Name:
			b.bo = a
		case idempotency.Name:
			b.idem = a
		default:
			continue
		}
		req = append(req, a)
	}
	for _, a := range checks {
		for _, r := range a.Requires {
			if r.Name == retryloop.Analyzer.Name || r.Name == retryloop.Local.Name {
				b.rl = r
			}
		}
	}
	if b.rl == nil {
		b.rl = retryloop.Local
	}
	req = append(req, b.rl, inspect.Analyzer)
	return &analysis.Analyzer{
		Name:             "inventory",
		Doc:              "lists every retry the recogniser finds, for retryvet -inventory; reports nothing",
		Requires:         req,
		Run:              b.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
}

type builder struct {
	rl, amp, bo, idem *analysis.Analyzer
}

// pass holds one package's inputs.
type pass struct {
	*analysis.Pass
	in    *inspector.Inspector
	res   *retryloop.Result
	nest  *amplification.Nesting
	sched *backoff.Schedules
	idem  *idempotency.Attempts
	decls map[*types.Func]*ast.FuncDecl // the package's functions, for funcDecl
	// escapes holds, per function body, the variables the worst-case
	// run cannot follow (worst.go).
	escapes map[*ast.BlockStmt]map[types.Object]string
}

func detail[T any](p *analysis.Pass, a *analysis.Analyzer) T {
	var zero T
	if a == nil {
		return zero
	}
	r, ok := p.ResultOf[a].(*suppress.Result)
	if !ok || r == nil {
		return zero
	}
	d, _ := r.Detail.(T)
	return d
}

func (b *builder) run(ap *analysis.Pass) (any, error) {
	p := &pass{
		Pass:  ap,
		in:    ap.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		res:   ap.ResultOf[b.rl].(*retryloop.Result),
		nest:  detail[*amplification.Nesting](ap, b.amp),
		sched: detail[*backoff.Schedules](ap, b.bo),
		idem:  detail[*idempotency.Attempts](ap, b.idem),
	}
	out := &Result{}
	for _, l := range p.res.Loops() {
		out.Entries = append(out.Entries, p.loop(l))
	}
	for _, c := range p.res.Calls {
		out.Entries = append(out.Entries, p.call(c))
	}
	return out, nil
}

func (p *pass) pos(pos token.Pos) Pos {
	q := p.Fset.Position(pos)
	return Pos{File: q.Filename, Line: q.Line, Col: q.Column}
}

func (p *pass) text(e ast.Expr) string {
	return abbreviate(types.ExprString(e), 60)
}

// exprText is e as written, abbreviated, or "" for nil.
func exprText(e ast.Expr) string {
	if e == nil {
		return ""
	}
	return abbreviate(types.ExprString(e), 60)
}

func abbreviate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}

// entry fills what loops and calls share.
func (p *pass) entry(e *Entry, at ast.Node) {
	e.Pos, e.End = p.pos(at.Pos()), p.pos(at.End())
	e.Func = p.enclosing(at)
	e.Bounds = []string{}
	e.Effects = []*Effect{}
	e.Nested = []*Nested{}
	e.Findings = []*Finding{}
	if p.idem != nil {
		if a := p.idem.Of[at]; a != nil {
			e.Safe = a.Safe
			for _, se := range a.Effects {
				e.Effects = append(e.Effects, &Effect{Pos: p.pos(se.Call.Pos()), What: se.What, Safe: se.Safe})
			}
		}
	}
	if p.nest != nil {
		if n := p.nest.Nested[at]; n != nil {
			nd := &Nested{Pos: p.pos(n.Call.Pos()), Name: n.Name, Chain: n.Chain, Attempts: n.Attempts, Calls: n.Calls()}
			if n.Pos.IsValid() {
				q := p.pos(n.Pos)
				nd.Inner = &q
			}
			e.Nested = append(e.Nested, nd)
		}
	}
}

// enclosing names the function holding n: the declaration's name,
// with " (func literal)" when a literal inside it holds n.
func (p *pass) enclosing(n ast.Node) string {
	name, lit := p.Pkg.Name(), false
	if cur, ok := p.in.Root().FindNode(n); ok {
		for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			switch f := c.Node().(type) {
			case *ast.FuncLit:
				lit = true
				continue
			case *ast.FuncDecl:
				if fn, ok := p.TypesInfo.Defs[f.Name].(*types.Func); ok {
					name = match.FuncName(fn)
				}
			}
			break
		}
	}
	if lit {
		name += " (func literal)"
	}
	return name
}

func (p *pass) loop(l *retryloop.Loop) *Entry {
	e := &Entry{Kind: KindLoop, Test: l.Func.InTest, Attempts: l.MaxAttempts()}
	p.entry(e, l.Stmt)
	var ops []string
	for _, a := range l.Attempts {
		if s := types.ExprString(a.Call.Fun); !slices.Contains(ops, s) {
			ops = append(ops, s)
		}
	}
	e.Op = abbreviate(strings.Join(ops, ", "), 60)

	// Bounds, as the recogniser saw them.
	if l.Counter != nil && l.Counter.Bound != nil || e.Attempts >= 0 {
		e.Bounds = append(e.Bounds, "count")
	}
	for _, b := range l.Bounds {
		e.Bounds = appendNew(e.Bounds, b.Kind.String())
	}
	for _, o := range l.Observations {
		if o.CanEnd {
			if o.Deadline {
				e.Bounds = appendNew(e.Bounds, "deadline")
			}
			e.Bounds = appendNew(e.Bounds, "context")
		}
	}

	// Schedule.
	e.Schedule = p.loopSchedule(l)

	// Worst case: unbounded when nothing but success ends it (the
	// unbounded check's criterion, a context in scope that the loop
	// never observes counting as none); else the body run with the
	// counter at each value (worst.go), or the recogniser's MaxWait (a
	// constant timeout), the less when both are known and the loop has
	// a deadline (MaxWait's count of waits takes the counter's start for
	// its value at each wait, which a counter stepped in the body
	// before the wait passes).
	total, why := time.Duration(-1), ""
	if l.Waiting() && len(e.Bounds) > 0 {
		total, why = p.loopWorst(l)
	}
	switch {
	case len(e.Bounds) == 0:
		e.Worst, e.WorstWait = WorstUnbounded, -1
	case total >= 0:
		if l.MaxWait >= 0 && slices.Contains(e.Bounds, "deadline") {
			total = min(total, l.MaxWait)
		}
		e.Worst, e.WorstWait = WorstKnown, total
	case l.MaxWait >= 0:
		e.Worst, e.WorstWait = WorstKnown, l.MaxWait
	case !l.Waiting():
		e.Worst, e.WorstWait = WorstKnown, 0 // bounded, and never waits
	default:
		e.Worst, e.WorstWait, e.WorstWhy = WorstUnknown, -1, why
	}

	// What it retries.
	classified := true
	for _, a := range l.Attempts {
		classified = classified && a.Classified
		for _, c := range a.Compared {
			e.Retries.Compared = appendNew(e.Retries.Compared, objName(c))
		}
		for _, s := range a.StatusChecks {
			e.Retries.StatusChecks = appendNew(e.Retries.StatusChecks, abbreviate(types.ExprString(s), 40))
		}
		for _, s := range a.RetriedStatuses {
			if !slices.Contains(e.Retries.BadStatuses, s) {
				e.Retries.BadStatuses = append(e.Retries.BadStatuses, s)
			}
		}
	}
	slices.Sort(e.Retries.BadStatuses)
	e.Retries.Errors = ErrorsEvery
	if classified {
		e.Retries.Errors = ErrorsClassified
	}
	return e
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func objName(obj types.Object) string {
	if obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
		return obj.Pkg().Name() + "." + obj.Name()
	}
	return obj.Name()
}

// loopSchedule is a loop's schedule: from the recogniser's waits, and
// the backoff check's shape of each.
func (p *pass) loopSchedule(l *retryloop.Loop) Schedule {
	s := Schedule{Kind: "none", Longest: -1}
	if !l.Waiting() {
		return s
	}
	s.Kind = "unknown"
	w := l.Waits[0] // the first wait in source order sets the schedule
	longest := time.Duration(-1)
	for _, w := range l.Waits {
		if w.Longest < 0 {
			longest = -1
			break
		}
		longest = max(longest, w.Longest)
	}
	s.Longest = longest
	if pol := w.Policy; pol != nil {
		s.Kind = pol.Kind.String()
		s.Jitter = pol.Jitter
		s.Capped = true // a backoff value stops at its Max
		return s
	}
	var shape *backoff.Shape
	if p.sched != nil {
		shape = p.sched.Waits[w]
	}
	s.First = w.First
	if shape != nil {
		s.Jitter, s.Capped = shape.Jitter, shape.Capped
		if shape.Exponential {
			s.Kind = "exponential"
			if shape.First != nil {
				s.First = shape.First
				if n := l.MaxAttempts(); n >= 0 && int64(len(s.First)) > n {
					s.First = s.First[:n] // no more waits than attempts
				}
			}
			return s
		}
	}
	switch f := s.First; {
	case len(f) >= 2 && f[1] == f[0] && (len(f) < 3 || f[2] == f[1]):
		s.Kind = "constant"
	case len(f) >= 3 && f[1] > f[0] && f[2]-f[1] == f[1]-f[0]:
		s.Kind = "linear"
	case len(f) == 1:
		s.Kind = "constant"
	case len(f) == 0 && l.MinWait >= 0 && l.MinWait == longest && (shape == nil || !shape.Jitter):
		s.Kind = "constant"
	}
	return s
}

func (p *pass) call(c *retryloop.Call) *Entry {
	e := &Entry{Kind: KindLibrary, Library: c.Library.String(), Call: c.Name(), Test: c.InTest, Attempts: -1}
	if c.Library == retryloop.LibHelper {
		e.Kind, e.Library = KindHelper, c.Name()
	}
	p.entry(e, c.Call)
	switch {
	case c.Request != nil:
		e.Op = "request " + p.text(c.Request)
	case c.Send != nil:
		e.Op = strings.TrimSpace(c.Send.Method + " " + exprText(c.Send.URL))
	case c.OpExpr == nil:
		e.Op = c.Name()
	default:
		if lit, ok := ast.Unparen(c.OpExpr).(*ast.FuncLit); ok {
			e.Op = "func literal" + p.litCalls(lit)
		} else {
			e.Op = p.text(c.OpExpr)
		}
	}
	pol := c.Policy
	if !pol.Unlimited && pol.MaxAttempts > 0 {
		e.Attempts = pol.MaxAttempts
	}
	if p.nest != nil && e.Attempts < 0 {
		if n, ok := p.nest.Attempts[c.Call]; ok && n > 0 {
			e.Attempts = n // a helper's, by its Retries fact
		}
	}
	if e.Attempts > 0 || pol.Limit != nil && !pol.Unlimited {
		e.Bounds = append(e.Bounds, "count")
	}
	var elapsed time.Duration = -1
	switch g := pol.Growth; {
	case pol.MaxElapsed != nil && !pol.NoElapsedLimit:
		e.Bounds = append(e.Bounds, "elapsed")
		if d, ok := p.res.Int(pol.MaxElapsed); ok && d > 0 {
			elapsed = time.Duration(d)
		}
	case pol.MaxElapsed == nil && !pol.NoElapsedLimit && g != nil && g.DefaultElapsed > 0:
		// The library's own maximum elapsed time.
		e.Bounds = append(e.Bounds, "elapsed")
		elapsed = g.DefaultElapsed
	}
	if c.CtxOrigin == retryloop.CtxCaller || c.CtxOrigin == retryloop.CtxUnknown {
		e.Bounds = append(e.Bounds, "context")
	}
	if c.Helper != nil && c.Helper.Bounded {
		e.Bounds = appendNew(e.Bounds, "helper")
	}

	// Schedule: what the policy shows.
	s := Schedule{Kind: pol.Kind.String(), Longest: -1, Jitter: pol.Jitter}
	var delay time.Duration = -1
	if pol.Delay != nil {
		if d, ok := p.res.Int(pol.Delay); ok && d >= 0 {
			delay = time.Duration(d)
		}
	} else if pol.DefaultDelay > 0 {
		delay = pol.DefaultDelay
	}
	switch pol.Kind {
	case retryloop.PolicyConstant:
		if delay >= 0 {
			s.First, s.Longest = []time.Duration{delay}, delay
		}
	case retryloop.PolicyZero, retryloop.PolicyStop:
		s.First, s.Longest = []time.Duration{0}, 0
	case retryloop.PolicyExponential, retryloop.PolicyFibonacci:
		if delay >= 0 {
			s.First = []time.Duration{delay}
		}
	}
	if c.Library == retryloop.LibHelper {
		s.Kind = "helper's own"
	}
	e.Schedule = s

	// Worst case.
	unlimited := c.Library != retryloop.LibHelper && unbounded.NeverStops(c)
	switch {
	case unlimited:
		e.Worst, e.WorstWait = WorstUnbounded, -1
	case s.Longest == 0 && c.Library != retryloop.LibHelper:
		e.Worst, e.WorstWait = WorstKnown, 0 // a zero policy never waits
	case s.Longest >= 0 && e.Attempts > 0 && !pol.Jitter && c.Library != retryloop.LibHelper:
		// A constant or zero wait between e.Attempts attempts.
		total := time.Duration(e.Attempts-1) * s.Longest
		if elapsed >= 0 {
			total = min(total, elapsed)
		}
		e.Worst, e.WorstWait = WorstKnown, total
	case pol.Growth != nil && e.Attempts > 0 && c.Library != retryloop.LibHelper:
		// An exponential policy's e.Attempts-1 waits, as the library
		// grows them (growth.go).
		total, why := p.growthWorst(c.Call, pol.Growth, e.Attempts-1)
		switch {
		case total >= 0 && elapsed >= 0:
			e.Worst, e.WorstWait = WorstKnown, min(total, elapsed)
		case total >= 0:
			e.Worst, e.WorstWait = WorstKnown, total
		case elapsed >= 0:
			e.Worst, e.WorstWait = WorstKnown, elapsed
		default:
			e.Worst, e.WorstWait, e.WorstWhy = WorstUnknown, -1, why
		}
	case elapsed >= 0:
		e.Worst, e.WorstWait = WorstKnown, elapsed
	default:
		e.Worst, e.WorstWait = WorstUnknown, -1
		switch {
		case c.Library == retryloop.LibHelper:
			e.WorstWhy = "a retry helper's own waits"
		case e.Attempts <= 0:
			e.WorstWhy = "no constant attempt bound"
		case pol.Kind == retryloop.PolicyUnknown:
			e.WorstWhy = "a policy not seen"
		default:
			e.WorstWhy = "a " + s.Kind + " policy whose waits the inventory does not model"
		}
	}
	e.Retries.Errors = ErrorsPolicy
	if c.Send != nil {
		for _, cond := range c.Send.Conditions {
			e.Retries.Conditions = append(e.Retries.Conditions, p.text(cond))
		}
		if c.Send.RetriesFailures != nil {
			e.Retries.Conditions = append(e.Retries.Conditions, "every status from 400")
		}
	}
	for _, code := range pol.Codes {
		e.Retries.Codes = append(e.Retries.Codes, p.text(code))
	}
	return e
}

// litCalls names the first calls of an operation literal, as written.
func (p *pass) litCalls(lit *ast.FuncLit) string {
	var names []string
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && len(names) < 2 {
			if tv, ok := p.TypesInfo.Types[call.Fun]; ok && !tv.IsType() && !tv.IsBuiltin() && returnsError(p.TypesInfo.TypeOf(call)) {
				names = appendNew(names, types.ExprString(call.Fun))
			}
		}
		return true
	})
	if len(names) == 0 {
		return ""
	}
	return ": " + abbreviate(strings.Join(names, ", "), 48)
}

func returnsError(t types.Type) bool {
	isErr := func(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }
	if tup, ok := t.(*types.Tuple); ok {
		return tup.Len() > 0 && isErr(tup.At(tup.Len()-1).Type())
	}
	return t != nil && isErr(t)
}
