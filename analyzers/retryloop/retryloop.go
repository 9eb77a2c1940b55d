package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"reflect"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/internal/match"
)

// Analyzer recognises the retry loops and retry calls of a package,
// and infers the package's retry helpers, exporting them as facts
// (Helper) for the packages that call them. It reports nothing; its
// result is a *Result.
var Analyzer = New(Config{Facts: true})

// Local is Analyzer without facts: helpers are inferred and followed
// within the package only, and the driver need not load dependencies
// from source. Checks built with Localize require it instead.
var Local = New(Config{Facts: false})

// Config configures a recogniser.
type Config struct {
	// Facts exports and imports Helper facts.
	Facts bool
}

// New returns a recogniser configured by cfg. Checks require Analyzer
// or Local, and read the result with Of.
func New(cfg Config) *analysis.Analyzer {
	name, doc := "retryloop", "recognises retry loops, retry calls and retry helpers (R1 and R2 of the retry model, docs/model.md) for the retryvet checks; reports nothing"
	if !cfg.Facts {
		name, doc = "retryloop_local", doc+"; without facts"
	}
	a := &analysis.Analyzer{
		Name:             name,
		Doc:              doc,
		URL:              "https://pkg.go.dev/github.com/retryvet/retryvet/analyzers/retryloop",
		Requires:         []*analysis.Analyzer{inspect.Analyzer, callgraph.Analyzer},
		Run:              func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	if cfg.Facts {
		a.FactTypes = []analysis.Fact{new(Helper), new(StaysLocal), new(Absent)}
	}
	return a
}

// Of returns the result of the recogniser a check requires (Analyzer or
// Local).
func Of(pass *analysis.Pass) *Result {
	if r, ok := pass.ResultOf[Analyzer]; ok {
		return r.(*Result)
	}
	return pass.ResultOf[Local].(*Result)
}

// Localize returns a copy of the check a that requires Local instead of
// Analyzer: with no other fact-using requirement, the check then needs
// no facts. a's own fact types, if any, are the caller's business.
func Localize(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Requires = make([]*analysis.Analyzer, len(a.Requires))
	for i, r := range a.Requires {
		if r == Analyzer {
			r = Local
		}
		c.Requires[i] = r
	}
	return &c
}

// Result lists the retry loops of one package, grouped by the function
// that holds them. It is shared by every check and must not be modified.
//
// The Result is unstable: later steps add inferred retry helpers and may
// change its shape.
type Result struct {
	// Funcs holds each function (declaration or literal) with at least
	// one retry loop, in source order of their first loop.
	Funcs []*Func

	// Calls are the calls of retry libraries (R2), in source order.
	Calls []*Call

	// Ops maps each operation handed to a library (a *ast.FuncLit or
	// *ast.FuncDecl) to the calls it is handed to.
	Ops map[ast.Node][]*Call

	// Helpers are the package's own retry helpers, as exported in
	// their facts.
	Helpers map[*types.Func]*Helper

	// ParamSends are the requests the package sends through a resty
	// client it is handed as a parameter, in source order.
	ParamSends []*ParamSend

	consts *consts     // constants by another name, for Int
	rec    *recognizer // for RestyClient; nil when nothing was recognised
}

// Loops returns every retry loop of the package in source order.
func (r *Result) Loops() []*Loop {
	var loops []*Loop
	for _, f := range r.Funcs {
		loops = append(loops, f.Loops...)
	}
	return loops
}

// A Func is a function declaration or literal holding retry loops.
type Func struct {
	Node ast.Node // *ast.FuncDecl or *ast.FuncLit
	Body *ast.BlockStmt
	// InTest reports test code: a _test.go file, a file that imports
	// testing, or a function taking a testing handle (*testing.T,
	// testing.TB, or a framework's interface with Helper and FailNow),
	// or enclosed by one.
	InTest bool
	Loops  []*Loop
}

// A Loop is a retry loop (R1): a for statement whose body makes an
// attempt that, on failure, can reach the next iteration and, on
// success, always leaves the loop.
type Loop struct {
	Stmt ast.Stmt       // *ast.ForStmt or *ast.RangeStmt
	Body *ast.BlockStmt // Stmt's body
	Func *Func

	// Attempts are the calls of the body that make the loop a retry;
	// there is at least one.
	Attempts []*Attempt

	// Waits are what happens between attempts, in source order; empty
	// for an immediate retry. Waits inside nested loops are not listed.
	Waits []*Wait

	// Counter is the attempt counter, or nil.
	Counter *Counter

	// Bounds lists what ends the loop other than success: counter
	// limits, deadlines, stop channels and closed flags.
	Bounds []*Bound

	// Contexts are the contexts in scope (docs/model.md, Context in
	// scope): context parameters of the function and of the functions
	// enclosing it, *http.Request parameters, context fields the loop
	// uses, and locals derived from any of these that the loop uses.
	Contexts []*Context

	// Observations are the places where the loop observes a context
	// (docs/model.md, Observing the context), whichever it is.
	Observations []*Observation

	// Observed reports whether an observation is of a context in scope
	// (or of one derived from it).
	Observed bool

	// RetriesCancel is the condition of an if statement that recognises
	// the caller's context error and continues the loop (errors.Is(err,
	// context.Canceled), ctx.Err() != nil), or nil. Such a loop knows it
	// was cancelled and retries anyway: retryable owns that bug.
	RetriesCancel ast.Expr

	// Timed is a condition that leaves the loop by how long the attempt
	// took (time.Since(t0) < time.Second, t0 taken in the body), or
	// nil: the loop tells fast failures from slow ones (docs/model.md,
	// Classification). It is no deadline.
	Timed ast.Node

	// MaxWait is an upper bound of the time the whole run can spend
	// waiting (a constant attempt bound times constant waits, or a
	// constant timeout), or -1 when none can be seen.
	MaxWait time.Duration
	// MinWait is the shortest first wait, jitter taken as zero, or -1
	// when it cannot be seen.
	MinWait time.Duration

	fl  *flow            // the function's flow, for Repeats
	cur inspector.Cursor // the loop, to find nodes in it

	// LocalOnly reports that every attempt reaches only this machine,
	// directly or through a same-package function one level down: a
	// local operating-system call (os, io/fs, path/filepath, syscall,
	// golang.org/x/sys: removing a busy directory, taking a lock file),
	// or a dial or HTTP request to a unix socket or a loopback address
	// (a local daemon starting up). No shared server is hammered.
	LocalOnly bool
	// Startup reports a start-up wait: the loop's function, after the
	// loop, starts serving (a listener, an HTTP or gRPC server's Serve,
	// a worker loop that runs until it is stopped), or it is a helper
	// whose every caller does.
	// A process waiting for a dependency before it serves runs the loop
	// once in its life, and its supervisor owns the give-up
	// (docs/model.md, Start-up waits).
	Startup bool
	// WorkerStart reports a start-up wait before a worker loop only (no
	// listener serves after it): its context may end at any time (a
	// reload stops the worker), so the wait must still observe it (A4).
	WorkerStart bool
}

// Repeats reports whether the loop can go round again after n, a node
// of its body: a call made only on the way out after a success (add the
// nodes of a cluster once the proxy answers) is not repeated. It
// answers true when it cannot tell.
func (l *Loop) Repeats(n ast.Node) bool {
	if l.fl == nil {
		return true
	}
	c, ok := l.cur.FindNode(n)
	if !ok {
		return true
	}
	at, ok := l.fl.locate(c)
	if !ok {
		return true
	}
	return l.fl.explore(l, at, &assumption{}).next
}

// Waiting reports whether the loop waits between attempts.
func (l *Loop) Waiting() bool { return len(l.Waits) > 0 }

// MaxAttempts returns the number of attempts a constant bound allows, or
// -1 when the loop has no constant attempt bound. The count follows the
// counter's start (a constant before the loop or in its init), whether
// it is stepped before the check, and whether the check comes after the
// attempt; a start it cannot see is taken as zero.
func (l *Loop) MaxAttempts() int64 {
	if l.Counter == nil || l.Counter.Max < 0 {
		return -1
	}
	return l.Counter.Max
}

// An Attempt is a call of the loop body whose error decides the loop.
type Attempt struct {
	Call *ast.CallExpr
	// Err is the variable that receives the call's error, or nil when
	// the call itself is tested (if op() != nil).
	Err types.Object
	// Resp is the variable that receives an *http.Response result, or
	// nil.
	Resp types.Object

	// Success lists how a successful attempt leaves the loop.
	Success []*Exit
	// Retry lists how a failed attempt reaches the next iteration.
	Retry []*Exit
	// Failure lists how a failed attempt leaves the loop (a
	// non-retryable error returned, the last attempt).
	Failure []*Exit

	// StatusChecks are the comparisons of the response's StatusCode in
	// the loop body (a *ast.BinaryExpr, or the tag of a switch), for an
	// attempt with a response.
	StatusChecks []ast.Expr
	// RetriedStatuses are the statuses that should not be retried (a
	// 400 and a 404, and any 4xx other than 408, 425 and 429, or 501 or
	// 505, that a check names) for which a response with a nil error
	// reaches the next iteration.
	RetriedStatuses []int64

	// TakesContext reports that the call is handed a context of the
	// caller: once it is cancelled, the attempt fails at once.
	TakesContext bool

	// Classified reports that a failure with an error the loop does not
	// recognise (none of the program's sentinels or types) leaves the
	// loop: only the errors it compares are retried.
	Classified bool
	// Compared are the error variables and the error types (their type
	// names) the loop compares the attempt's error with: errors.Is,
	// errors.As and ==.
	Compared []types.Object
	// LeavesOn are the package-level error variables among Compared
	// a failure with which leaves the loop on every path: the errors it
	// treats as final (ErrNotFound, an inner retry's give-up error).
	LeavesOn []*types.Var

	// Unclosed lists how paths on which the attempt (an http.Client's
	// Do, Get, Head, Post or PostForm, or the package's functions)
	// returned a response with a failing status reach the next
	// iteration without closing its body: a connection leaks per retry.
	Unclosed []*Exit
}

// ExitKind says how control leaves an iteration.
type ExitKind uint8

const (
	ExitReturn   ExitKind = iota + 1 // a return statement
	ExitBreak                        // break, or a labelled break or continue of an outer loop
	ExitGoto                         // goto a label outside the loop
	ExitCond                         // the loop condition became false
	ExitNoReturn                     // a call that does not return (panic, os.Exit, log.Fatal)
	ExitContinue                     // continue: the next iteration
	ExitEnd                          // falling off the end of the body: the next iteration
)

var exitNames = [...]string{
	ExitReturn:   "return",
	ExitBreak:    "break",
	ExitGoto:     "goto",
	ExitCond:     "cond",
	ExitNoReturn: "noreturn",
	ExitContinue: "continue",
	ExitEnd:      "end",
}

func (k ExitKind) String() string {
	if int(k) < len(exitNames) && exitNames[k] != "" {
		return exitNames[k]
	}
	return "exit?"
}

// An Exit is a place where control leaves one iteration.
type Exit struct {
	Kind ExitKind
	// Node is the statement that transfers control (a *ast.ReturnStmt,
	// *ast.BranchStmt or the *ast.ExprStmt of a call that does not
	// return), the loop condition for ExitCond, or the loop body for
	// ExitEnd (its closing brace is the position). Node may be nil for
	// a branch the recogniser could not attribute.
	Node ast.Node
}

// Pos returns the position of the exit.
func (e *Exit) Pos() token.Pos {
	switch n := e.Node.(type) {
	case nil:
		return token.NoPos
	case *ast.BlockStmt:
		return n.Rbrace
	default:
		return n.Pos()
	}
}

// WaitKind says how a loop waits.
type WaitKind uint8

const (
	WaitSleep  WaitKind = iota + 1 // time.Sleep(d)
	WaitAfter                      // <-time.After(d)
	WaitTimer                      // a receive from a time.Timer made by NewTimer(d) or Reset(d)
	WaitTicker                     // a receive from a time.Ticker
	WaitTick                       // a receive from time.Tick(d)
	WaitClock                      // an injected clock's Sleep, After, Tick, timer or ticker
	WaitHelper                     // a call of a same-package function that waits
)

var waitNames = [...]string{
	WaitSleep:  "sleep",
	WaitAfter:  "after",
	WaitTimer:  "timer",
	WaitTicker: "ticker",
	WaitTick:   "tick",
	WaitClock:  "clock",
	WaitHelper: "helper",
}

func (k WaitKind) String() string {
	if int(k) < len(waitNames) && waitNames[k] != "" {
		return waitNames[k]
	}
	return "wait?"
}

// A Wait is one way the loop waits between attempts.
type Wait struct {
	Kind WaitKind
	// Node is the construct to change: the call (time.Sleep, a clock's
	// Sleep, a helper call) or the receive expression (<-time.After(d),
	// <-t.C).
	Node ast.Expr
	// Duration is the waited duration, or nil when it cannot be seen
	// (a timer made elsewhere). For a helper wait it is written in the
	// helper's terms: see Args.
	Duration ast.Expr
	// Select is the select statement the receive is a case of, or nil.
	Select *ast.SelectStmt

	// Helper is the declaration of the same-package function that
	// waits, for WaitHelper; Inner is its wait.
	Helper *ast.FuncDecl
	Inner  *Wait
	// Args binds the helper's parameters to the argument expressions
	// of the call in the loop.
	Args map[*types.Var]ast.Expr
	// Ctx is the context argument handed to a waiting helper, or nil.
	Ctx ast.Expr

	// Policy is the policy a backoff value computes the duration
	// from, or nil: a jpillora/backoff Backoff's Duration() or
	// ForAttempt(n), followed to the literal that made it.
	Policy *Policy

	// Longest is the longest this wait can last (the counter at its
	// largest value, random terms just below their bounds), or -1 when
	// it cannot be seen.
	Longest time.Duration
	// First are the waits before the first retries (at most
	// FirstWaits), the counter at its first values and random terms
	// (jitter) taken as zero; nil when they cannot be seen. It is what
	// the inventory (retryvet -inventory) shows of the schedule.
	First []time.Duration

	cur inspector.Cursor // Node's, when the recogniser found it in the loop
}

// A Counter is an attempt counter.
type Counter struct {
	Var *types.Var // nil for for range n
	// Bound is the limit the counter is compared against, or nil.
	Bound ast.Expr
	// Max is the number of attempts when Bound and the start are
	// constant, else -1.
	Max int64
	// Start is the counter's first value, and Down reports a counter
	// stepped down (a countdown), when Max is known.
	Start int64
	Down  bool
	// Factor is the constant by which the post statement multiplies a
	// growing counter (for d := time.Second; d < time.Minute; d *= 2),
	// or 0 for a counter stepped by one.
	Factor int64
}

// At returns the counter's value on iteration k (from 0), when Max is
// known.
func (c *Counter) At(k int64) int64 {
	switch {
	case c.Factor > 1:
		v := c.Start
		for range k {
			if v > math.MaxInt64/c.Factor {
				return math.MaxInt64
			}
			v *= c.Factor
		}
		return v
	case c.Down:
		return c.Start - k
	}
	return c.Start + k
}

// Iter returns the iteration (from 0) on which the counter has the
// value v, when Max is known and the counter steps by one.
func (c *Counter) Iter(v int64) (int64, bool) {
	switch {
	case c.Max < 0 || c.Factor > 1:
		return 0, false
	case c.Down:
		return c.Start - v, v <= c.Start
	}
	return v - c.Start, v >= c.Start
}

// BoundKind says what bounds a loop.
type BoundKind uint8

const (
	BoundCount    BoundKind = iota + 1 // an attempt counter compared against a limit
	BoundDeadline                      // a deadline compared against the clock
	BoundStop                          // a stop or done channel received in a select that leaves the loop
	BoundFlag                          // a flag checked to leave the loop
	BoundPolicy                        // a backoff policy's Stop, which leaves the loop
)

var boundNames = [...]string{
	BoundCount:    "count",
	BoundDeadline: "deadline",
	BoundStop:     "stop",
	BoundFlag:     "flag",
	BoundPolicy:   "policy",
}

func (k BoundKind) String() string {
	if int(k) < len(boundNames) && boundNames[k] != "" {
		return boundNames[k]
	}
	return "bound?"
}

// A Bound is something that ends the loop other than success. Bounds
// by observed contexts are Observations instead.
type Bound struct {
	Kind BoundKind
	Node ast.Node // the condition or the receive
}

// ContextKind says how a context came into scope.
type ContextKind uint8

const (
	CtxParam   ContextKind = iota + 1 // a context.Context parameter
	CtxRequest                        // r.Context() of an *http.Request parameter r
	CtxField                          // a context held in a struct field the loop uses
	CtxDerived                        // a local derived from one of the above
)

var ctxNames = [...]string{
	CtxParam:   "param",
	CtxRequest: "request",
	CtxField:   "field",
	CtxDerived: "derived",
}

func (k ContextKind) String() string {
	if int(k) < len(ctxNames) && ctxNames[k] != "" {
		return ctxNames[k]
	}
	return "ctx?"
}

// A Context is a context in scope of a loop.
type Context struct {
	Kind ContextKind
	// Var is the parameter, the *http.Request parameter, the field, or
	// the local variable.
	Var *types.Var
}

// ObservationKind says how a loop observes a context.
type ObservationKind uint8

const (
	ObsErr     ObservationKind = iota + 1 // ctx.Err() deciding a branch that leaves the loop, or the loop condition
	ObsDone                               // a select case on ctx.Done() that leaves the loop
	ObsErrorIs                            // errors.Is(err, context.Canceled or DeadlineExceeded) leaving the loop
	ObsHelper                             // a waiting helper handed the context, whose error leaves the loop
	// ObsClassified: the attempt is handed the context, and the loop
	// retries only errors it classifies (errors.As a type of its own,
	// errors.Is a sentinel), so a context error leaves the loop.
	ObsClassified
	// ObsGuard: a call handed the context opens every pass, and any
	// failure of it leaves the loop (tx, err := db.Begin(ctx); if err
	// != nil { return err }): a cancellation ends the loop at the next
	// pass, after the wait.
	ObsGuard
)

var obsNames = [...]string{
	ObsErr:        "err",
	ObsDone:       "done",
	ObsErrorIs:    "errors.is",
	ObsHelper:     "helper",
	ObsClassified: "classified",
	ObsGuard:      "guard",
}

func (k ObservationKind) String() string {
	if int(k) < len(obsNames) && obsNames[k] != "" {
		return obsNames[k]
	}
	return "obs?"
}

// An Observation is a place where the loop observes a context.
type Observation struct {
	Kind ObservationKind
	Node ast.Node // the Err call, the Done receive, the errors.Is call, the helper call, the attempt
	// Ctx is the context expression observed; nil for ObsErrorIs.
	Ctx ast.Expr
	// InScope reports whether Ctx is a context in scope or derived from
	// one (always true for ObsErrorIs, which sees the caller's
	// cancellation through the attempt's error).
	InScope bool
	// CanEnd reports whether the observed context can end: anything but
	// a bare context.Background() or TODO() (or a variable only ever
	// holding one), which bounds nothing.
	CanEnd bool
	// Deadline reports an observed context the function made with a
	// timeout or a deadline (context.WithTimeout, WithDeadline): the
	// loop ends by itself when it passes.
	Deadline bool
}

// libraryImports are the retry libraries (R2).
var libraryImports = []string{
	pathBackoffV4,
	pathBackoffV5,
	pathRetryGo,
	pathGoRetry,
	pathK8sRetry,
	pathK8sWait,
	pathRetryableHTTP,
	pathEapache,
	pathFailsafe,
	pathGRPCRetryV1,
	pathGRPCRetryV2,
	pathRestyV2,
	pathRestyV3,
}

// relevantImports are the packages without which a package cannot hold
// a retry any check reports on.
var relevantImports = append([]string{
	"time",
	"context",
	"net/http",
	"database/sql",
	"k8s.io/utils/clock",
	"github.com/jonboulle/clockwork",
	pathJpillora,
}, libraryImports...)

func run(pass *analysis.Pass, cfg Config) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	res := &Result{consts: newConsts(pass.TypesInfo, pass.Pkg, in, pass.Fset)}
	if !match.Imports(pass.Pkg, relevantImports...) && (!cfg.Facts || !importsHelpers(pass)) {
		if cfg.Facts {
			r := newRecognizer(pass, cfg) // facts for importers
			r.localFuncs()
			r.absents()
		}
		return res, nil
	}
	r := newRecognizer(pass, cfg)
	r.consts = res.consts
	r.localFuncs() // their facts, for importers
	r.absents()
	for cur := range in.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		if l := r.loop(cur); l != nil {
			if len(l.Func.Loops) == 0 {
				res.Funcs = append(res.Funcs, l.Func)
			}
			l.Func.Loops = append(l.Func.Loops, l)
		}
	}
	if match.Imports(pass.Pkg, libraryImports...) {
		for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
			if lc := r.libraryCall(cur); lc != nil {
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
	r.inferHelpers(res, in)
	res.ParamSends = r.paramSends
	if match.Imports(pass.Pkg, pathRestyV2, pathRestyV3) {
		res.rec = r // a resty client may be handed to a ParamSend's function
	}
	return res, nil
}

// isTestFile reports whether pos lies in a _test.go file.
func isTestFile(fset *token.FileSet, pos token.Pos) bool {
	f := fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
