package retryloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/internal/match"
)

// Import paths of the retry libraries (docs/model.md, R2).
const (
	pathBackoffV4     = "github.com/cenkalti/backoff/v4"
	pathBackoffV5     = "github.com/cenkalti/backoff/v5"
	pathRetryGo       = "github.com/avast/retry-go/v4"
	pathGoRetry       = "github.com/sethvargo/go-retry"
	pathK8sRetry      = "k8s.io/client-go/util/retry"
	pathK8sWait       = "k8s.io/apimachinery/pkg/util/wait"
	pathRetryableHTTP = "github.com/hashicorp/go-retryablehttp"
)

// Library names a retry library.
type Library uint8

const (
	LibBackoffV4     Library = iota + 1 // github.com/cenkalti/backoff/v4
	LibBackoffV5                        // github.com/cenkalti/backoff/v5
	LibRetryGo                          // github.com/avast/retry-go/v4
	LibGoRetry                          // github.com/sethvargo/go-retry
	LibK8sRetry                         // k8s.io/client-go/util/retry
	LibK8sWait                          // k8s.io/apimachinery/pkg/util/wait
	LibRetryableHTTP                    // github.com/hashicorp/go-retryablehttp
	LibEapache                          // github.com/eapache/go-resiliency/retrier
	LibFailsafe                         // github.com/failsafe-go/failsafe-go with a retrypolicy
	LibGRPCRetry                        // go-grpc-middleware's retrying client interceptor, v1 or v2
	LibResty                            // a request sent through a retrying resty client, v2 or v3
	LibHelper                           // a retry helper of the codebase's own, inferred (see Helper)
)

var libNames = [...]string{
	LibBackoffV4:     "backoff/v4",
	LibBackoffV5:     "backoff/v5",
	LibRetryGo:       "retry-go",
	LibGoRetry:       "go-retry",
	LibK8sRetry:      "k8s-retry",
	LibK8sWait:       "k8s-wait",
	LibRetryableHTTP: "retryablehttp",
	LibEapache:       "eapache-retrier",
	LibFailsafe:      "failsafe-go",
	LibGRPCRetry:     "grpc-retry",
	LibResty:         "resty",
	LibHelper:        "helper",
}

func (l Library) String() string {
	if int(l) < len(libNames) && libNames[l] != "" {
		return libNames[l]
	}
	return "library?"
}

// A Call is a call of a retry library (R2): the library is the loop and
// the operation handed to it is the attempt.
type Call struct {
	Call    *ast.CallExpr
	Library Library
	Callee  *types.Func

	// Op is the operation: a *ast.FuncLit, or the *ast.FuncDecl of a
	// same-package function or method the operation resolves to; nil
	// when it cannot be seen (and for retryablehttp, whose attempt is
	// the request).
	Op ast.Node
	// OpExpr is the operation argument as written.
	OpExpr ast.Expr

	// Ctx is the context handed to the library (the argument,
	// backoff.WithContext's, retry.Context's), or nil for none.
	Ctx ast.Expr
	// CtxOrigin says where Ctx comes from.
	CtxOrigin CtxOrigin
	// CtxEnds reports that a Ctx derived from context.Background or TODO
	// can end all the same: it has a timeout or a deadline, comes from
	// signal.NotifyContext, or its cancel function is kept or called
	// from elsewhere (docs/model.md, Bounds).
	CtxEnds bool

	// Policy is the backoff policy as far as it can be seen; never nil.
	Policy *Policy

	// Request is the request sent through a retryablehttp.Client's Do.
	Request ast.Expr
	// Send is the request a resty client retries, for LibResty.
	Send *Send
	// Rewinds reports that the library itself rewinds the request body
	// before each attempt and drains and closes the responses it
	// retries (retryablehttp), so neither is the caller's bug.
	Rewinds bool

	// Contexts are the contexts in scope at the call, as for loops.
	Contexts []*Context
	InTest   bool

	// Opaque reports options handed over as a slice (opts...): the
	// policy and context are unknown.
	Opaque bool
	// NeverSucceeds reports an operation none of whose returns can be a
	// success (each returns a sentinel or a constructed error): the
	// library is used as a scheduler, a poll, not a retry.
	NeverSucceeds bool
	// Helper is the inferred retry helper called, for LibHelper; its
	// Policy is unknown (the helper's own loop or call is checked where
	// it is written).
	Helper *Helper

	// RetryIf is the classifier deciding which failures are retried, as
	// far as it can be seen: the function handed to retry-go's RetryIf
	// option or to a helper's classifier parameter (Helper.If), as a
	// *ast.FuncLit or the *ast.FuncDecl of a same-package function; nil
	// when there is none or it cannot be seen.
	RetryIf ast.Node
	// RetryIfExpr is that classifier as written, the function of
	// another package included.
	RetryIfExpr ast.Expr

	// AwaitsState reports an operation that fails on purpose while a
	// state it reads has not settled: it returns a freshly made error
	// (errors.New, fmt.Errorf, possibly marked retryable) under a
	// condition that tests neither an error nor a response status, or
	// it makes no attempt at all (checksState). The library then awaits
	// convergence, a poll (docs/model.md).
	AwaitsState bool

	// Supervises reports an operation that, once its attempt is made,
	// holds until a context ends (a top-level <-ctx.Done() before its
	// final return nil): a long-running task, and the library restarting
	// it a supervisor (docs/model.md, Supervisors).
	Supervises bool

	// Startup reports that the function making the call serves after
	// it (docs/model.md, Start-up waits): a process waiting for what it
	// needs before it serves, such as a port to bind.
	Startup bool
	// WorkerStart reports a start-up wait before a worker loop only, as
	// Loop.WorkerStart: A4 still applies.
	WorkerStart bool

	// LocalOnly reports that the operation, as far as it can be seen,
	// reaches only this machine: it can fail, and every call through
	// which it can fail is a local operating-system call or another
	// local call, as a loop's attempts are (Loop.LocalOnly), such as a
	// wait for a file another process writes.
	LocalOnly bool
}

// Name names the function called, for messages: backoff.Retry,
// retry.Do, retryablehttp.Client.Do, a helper's package.Func,
// http.Client.Do through a retryablehttp StandardClient.
func (c *Call) Name() string {
	if c.Callee == nil {
		return "a retry library"
	}
	if c.Library == LibRetryableHTTP && c.Callee.Pkg().Path() == "net/http" {
		return match.FuncName(c.Callee) + " through a retryablehttp StandardClient"
	}
	return match.FuncName(c.Callee)
}

// CtxOrigin says where a context handed to a library comes from.
type CtxOrigin uint8

const (
	CtxNone       CtxOrigin = iota // no context handed over
	CtxCaller                      // a context in scope, or derived from one
	CtxBackground                  // derived only from context.Background or TODO
	CtxUnknown                     // from a call the analysis cannot see into
)

var ctxOriginNames = [...]string{CtxNone: "none", CtxCaller: "caller", CtxBackground: "background", CtxUnknown: "unknown"}

func (o CtxOrigin) String() string { return ctxOriginNames[o] }

// PolicyKind classifies a backoff policy.
type PolicyKind uint8

const (
	PolicyUnknown     PolicyKind = iota // not seen (a parameter, a custom BackOff)
	PolicyExponential                   // exponential growth (jittered by default in cenkalti, retry-go)
	PolicyConstant                      // the same delay every time
	PolicyZero                          // no delay at all
	PolicyStop                          // never retries
	PolicyFibonacci                     // go-retry's Fibonacci
	PolicyDefault                       // the library's default policy (retry-go, backoff/v5 without WithBackOff)
)

var policyNames = [...]string{
	PolicyUnknown:     "unknown",
	PolicyExponential: "exponential",
	PolicyConstant:    "constant",
	PolicyZero:        "zero",
	PolicyStop:        "stop",
	PolicyFibonacci:   "fibonacci",
	PolicyDefault:     "default",
}

func (k PolicyKind) String() string { return policyNames[k] }

// A Policy is what the analysis sees of a retry policy.
type Policy struct {
	Kind PolicyKind
	// Node is the expression that makes the base policy (the
	// constructor call, the composite literal, the DelayType option),
	// or nil.
	Node ast.Expr
	// Delay is the constant delay or initial interval, when given.
	Delay ast.Expr
	// DefaultDelay is the delay the library uses when Delay is nil, or
	// 0 when unknown (jpillora/backoff's Min of 100ms).
	DefaultDelay time.Duration

	// Limit is the expression limiting attempts (WithMaxRetries' max,
	// WithMaxTries', Attempts', wait.Backoff's Steps), or nil.
	Limit ast.Expr
	// MaxAttempts is the number of attempts the limit allows when it
	// is constant, 0 when the policy is explicitly unlimited, -1 when
	// unknown or absent.
	MaxAttempts int64
	// MaxElapsed is the maximum elapsed time when set (v4's
	// MaxElapsedTime field, v5's WithMaxElapsedTime, go-retry's
	// WithMaxDuration), or nil.
	MaxElapsed ast.Expr
	// NoElapsedLimit reports a maximum elapsed time that is explicitly
	// or implicitly zero: v4's MaxElapsedTime = 0 or a literal that
	// omits it, v5's WithMaxElapsedTime(0).
	NoElapsedLimit bool
	// Jitter reports whether the delays are randomised.
	Jitter bool
	// DelayType is retry-go's DelayType option argument, or nil.
	DelayType ast.Expr
	// Unlimited reports retry-go's Attempts(0) or UntilSucceeded().
	Unlimited bool
	// Codes are the status codes the policy is configured to retry
	// (go-grpc-middleware's WithCodes), or nil for the library's
	// default.
	Codes []ast.Expr

	// Growth is how an exponential policy's waits grow, for the
	// inventory's worst-case total (retryvet -inventory); no check
	// reads it. Nil when the policy is not one it models.
	Growth *Growth
}

// A Growth is an exponential policy's parameters, as the library
// computes its waits (read from the libraries' source): the interval
// starts at Initial, and after each wait is multiplied by Multiplier
// (truncated to the nanosecond) and capped at MaxInterval when it is
// not negative (cenkalti caps at a MaxInterval of zero too); a wait is
// the interval, randomised up to Randomization times it more
// (cenkalti's RandomizationFactor) or Percent percent more (go-retry's
// WithJitterPercent), plus up to Jitter (go-retry's WithJitter,
// retry-go's MaxJitter), then capped at MaxWait when it is positive
// (retry-go's MaxDelay, go-retry's WithCappedDuration around a
// jitter). Each is the expression written, or nil for the library's
// default, which the Default fields hold.
type Growth struct {
	Initial, Multiplier, MaxInterval, Randomization, Percent, Jitter, MaxWait ast.Expr

	DefaultInitial       time.Duration
	DefaultMultiplier    float64
	DefaultMaxInterval   time.Duration
	DefaultRandomization float64
	DefaultJitter        time.Duration
	DefaultMaxWait       time.Duration
	// DefaultElapsed is the library's maximum elapsed time when the
	// policy sets none (cenkalti/backoff/v4's NewExponentialBackOff:
	// 15 minutes), or 0. The waits of a run never pass it.
	DefaultElapsed time.Duration
	// CapStops reports k8s's wait.Backoff (backoff.go, delay): the
	// interval times the factor (a factor of 0 keeps it) passing a
	// positive MaxInterval (Cap) is set to it and ends the retry after
	// the wait.
	CapStops bool
}

// cenkalti/backoff/v4's defaults (exponential.go).
var backoffV4Defaults = Growth{
	DefaultInitial:       500 * time.Millisecond,
	DefaultMultiplier:    1.5,
	DefaultMaxInterval:   60 * time.Second,
	DefaultRandomization: 0.5,
	DefaultElapsed:       15 * time.Minute,
}

// libraryCall returns the R2 call at c, or nil.
func (r *recognizer) libraryCall(c inspector.Cursor) *Call {
	call := c.Node().(*ast.CallExpr)
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	lc := &Call{Call: call, Callee: fn, Policy: &Policy{MaxAttempts: -1}}
	args := call.Args
	arg := func(i int) ast.Expr {
		if i < len(args) {
			return args[i]
		}
		return nil
	}
	isFunc := func(path string, names ...string) bool {
		for _, n := range names {
			if match.IsFunc(fn, path, n) {
				return true
			}
		}
		return false
	}
	fnCur, ok := enclosingFunc(c)
	if !ok {
		return nil
	}
	switch {
	case isFunc(pathBackoffV4, "Retry", "RetryNotify", "RetryWithData", "RetryNotifyWithData",
		"RetryNotifyWithTimer", "RetryNotifyWithTimerAndData"):
		lc.Library, lc.OpExpr = LibBackoffV4, arg(0)
		r.policy(lc, arg(1), fnCur, call.Pos())
	case isFunc(pathBackoffV5, "Retry"):
		lc.Library, lc.Ctx, lc.OpExpr = LibBackoffV5, arg(0), arg(1)
		if opts, ok := r.options(call, 2, fnCur, pathBackoffV5); ok {
			lc.Policy.Kind = PolicyDefault
			lc.Policy.Jitter = true
			for _, o := range opts {
				r.option(lc, o, fnCur, call.Pos())
			}
		}
	case isFunc(pathRetryGo, "Do", "DoWithData"):
		lc.Library, lc.OpExpr = LibRetryGo, arg(0)
		opts, ok := r.options(call, 1, fnCur, pathRetryGo)
		if !ok {
			// Options built where the analysis cannot see them:
			// nothing is known, not even the context.
			lc.Opaque = true
			break
		}
		lc.Policy.Kind = PolicyDefault
		lc.Policy.Jitter = true
		lc.Policy.MaxAttempts = 10 // retry-go's default
		// retry-go's defaults (retry.go, newDefaultRetryConfig):
		// BackOffDelay (delay << (n-1)) plus RandomDelay (up to
		// MaxJitter), no MaxDelay.
		lc.Policy.Growth = &Growth{DefaultInitial: 100 * time.Millisecond, DefaultMultiplier: 2, DefaultMaxInterval: -1, DefaultJitter: 100 * time.Millisecond}
		for _, o := range opts {
			r.option(lc, o, fnCur, call.Pos())
		}
		switch p := lc.Policy; {
		case p.DelayType == nil:
		case p.Kind == PolicyExponential: // BackOffDelay alone: no jitter
			p.Growth.Jitter, p.Growth.DefaultJitter = nil, 0
		default:
			p.Growth = nil
		}
	case isFunc(pathGoRetry, "Do", "DoValue"):
		lc.Library, lc.Ctx, lc.OpExpr = LibGoRetry, arg(0), arg(2)
		r.policy(lc, arg(1), fnCur, call.Pos())
	case isFunc(pathGoRetry, "Constant", "Exponential", "Fibonacci"):
		lc.Library, lc.Ctx, lc.OpExpr = LibGoRetry, arg(0), arg(2)
		lc.Policy.Kind = map[string]PolicyKind{"Constant": PolicyConstant, "Exponential": PolicyExponential, "Fibonacci": PolicyFibonacci}[fn.Name()]
		lc.Policy.Node, lc.Policy.Delay = call, arg(1)
		if fn.Name() == "Exponential" {
			r.goRetryGrowth(lc.Policy).Initial = arg(1)
		}
	case isFunc(pathK8sRetry, "RetryOnConflict"):
		lc.Library, lc.OpExpr = LibK8sRetry, arg(1)
		r.policy(lc, arg(0), fnCur, call.Pos())
	case isFunc(pathK8sRetry, "OnError"):
		lc.Library, lc.OpExpr = LibK8sRetry, arg(2)
		r.policy(lc, arg(0), fnCur, call.Pos())
	case isFunc(pathK8sWait, "ExponentialBackoff"):
		lc.Library, lc.OpExpr = LibK8sWait, arg(1)
		r.policy(lc, arg(0), fnCur, call.Pos())
	case isFunc(pathK8sWait, "ExponentialBackoffWithContext"):
		lc.Library, lc.Ctx, lc.OpExpr = LibK8sWait, arg(0), arg(2)
		r.policy(lc, arg(1), fnCur, call.Pos())
	case match.IsMethod(fn, pathEapache, "Retrier", "Run"), match.IsMethod(fn, pathEapache, "Retrier", "RunCtx"),
		match.IsMethod(fn, pathEapache, "Retrier", "RunFn"):
		r.eapacheCall(lc, call, fnCur)
	case isGRPCRetry(fn.Pkg()) && fn.Name() == "UnaryClientInterceptor":
		if !r.grpcInterceptor(lc, call) {
			return nil // retries nothing
		}
	case isFailsafeRun(fn):
		if !r.failsafeCall(lc, call, fnCur) {
			return nil // an executor without a retry policy
		}
	case isRestySend(fn):
		if !r.restyCall(lc, call, fnCur) {
			return nil // a client that does not retry, or not this request
		}
	case r.sendsThroughStandardClient(call, fn):
		// The transport of StandardClient() retries each request.
		lc.Library, lc.Rewinds = LibRetryableHTTP, true
		if fn.Name() == "Do" {
			lc.Request = arg(0)
			lc.Ctx = r.requestContext(arg(0), fnCur, call.Pos())
		}
	case fn.Pkg().Path() == pathRetryableHTTP && isRetryableClientSend(fn):
		lc.Library, lc.Rewinds = LibRetryableHTTP, true
		if fn.Name() == "Do" {
			lc.Request = arg(0)
			lc.Ctx = r.requestContext(arg(0), fnCur, call.Pos())
		}
	default:
		return nil
	}
	lc.InTest = r.testCode(fnCur)
	lc.Op = r.resolveFunc(lc.OpExpr, fnCur)
	lc.NeverSucceeds = r.neverSucceeds(lc.Op)
	lc.AwaitsState = r.awaitsState(lc.Op) || r.checksState(lc.Op)
	lc.Supervises = r.holdsUntilDone(lc.Op)
	lc.Startup, lc.WorkerStart = r.servesAfter(fnCur, call.End())
	lc.LocalOnly = r.localOp(lc.Op)
	ri := r.root(fnCur)
	if lc.Opaque {
		lc.CtxOrigin = CtxUnknown
	}
	if lc.Ctx != nil {
		switch r.exprOrigin(lc.Ctx, ri) {
		case originCaller:
			lc.CtxOrigin = CtxCaller
		case originBackground:
			lc.CtxOrigin = CtxBackground
			lc.CtxEnds = r.endable(lc.Ctx, fnCur)
		default:
			lc.CtxOrigin = CtxUnknown
		}
	}
	lc.Contexts = r.scopeContexts(fnCur, call, ri)
	return lc
}

// requestContext returns the context a retryablehttp request carries:
// req.WithContext(ctx), or NewRequestWithContext(ctx, ...) assigned to
// the request variable earlier.
func (r *recognizer) requestContext(req ast.Expr, fnCur inspector.Cursor, pos token.Pos) ast.Expr {
	e := ast.Unparen(req)
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := r.info.Uses[id].(*types.Var); ok {
			if def, _ := r.lastDef(v, fnCur, pos); def != nil {
				e = ast.Unparen(def)
			}
		}
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pathRetryableHTTP && fn.Pkg().Path() != "net/http" {
		return nil
	}
	switch fn.Name() {
	case "WithContext", "NewRequestWithContext":
		return call.Args[0]
	}
	return nil
}

// isRetryableClientSend reports whether fn is a method of
// retryablehttp.Client that sends a request.
func isRetryableClientSend(fn *types.Func) bool {
	switch fn.Name() {
	case "Do", "Get", "Head", "Post", "PostForm":
		return match.IsMethod(fn, pathRetryableHTTP, "Client", fn.Name())
	}
	return false
}

// resolveFunc resolves an operation argument to a function literal or a
// same-package declaration: a literal, a local variable assigned one
// literal, a function or a method value.
func (r *recognizer) resolveFunc(e ast.Expr, fnCur inspector.Cursor) ast.Node {
	switch e := ast.Unparen(e).(type) {
	case nil:
		return nil
	case *ast.FuncLit:
		return e
	case *ast.Ident, *ast.SelectorExpr:
		switch obj := match.ObjectOf(r.info, e).(type) {
		case *types.Func:
			if obj.Pkg() == r.pass.Pkg {
				if d := r.decl(obj); d != nil {
					return d
				}
			}
		case *types.Var:
			if def, _ := r.lastDef(obj, fnCur, e.Pos()); def != nil {
				if lit, ok := ast.Unparen(def).(*ast.FuncLit); ok {
					return lit
				}
			}
		}
	}
	return nil
}

// neverSucceeds reports whether every return of the operation op (a
// literal or declaration whose last result is an error) returns a
// package-level error variable or a freshly constructed error.
func (r *recognizer) neverSucceeds(op ast.Node) bool {
	var body *ast.BlockStmt
	var ft *ast.FuncType
	switch op := op.(type) {
	case *ast.FuncLit:
		body, ft = op.Body, op.Type
	case *ast.FuncDecl:
		body, ft = op.Body, op.Type
	default:
		return false
	}
	if body == nil || ft.Results == nil || ft.Results.NumFields() == 0 {
		return false
	}
	returns, failing := 0, 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) > 0 && r.alwaysError(n.Results[len(n.Results)-1]) {
				failing++
			}
		}
		return true
	})
	return returns > 0 && failing == returns
}

// awaitsState reports whether the operation op returns a made error
// under a condition on state rather than on an error or a status.
func (r *recognizer) awaitsState(op ast.Node) bool {
	body := fnBody(op)
	if lit, ok := op.(*ast.FuncLit); ok {
		body = lit.Body
	}
	if body == nil {
		return false
	}
	found := false
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.FuncLit:
			stack = stack[:len(stack)-1]
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 || !r.madeError(n.Results[len(n.Results)-1]) {
				break
			}
		outer:
			for i := len(stack) - 2; i >= 0; i-- {
				switch s := stack[i].(type) {
				case *ast.IfStmt:
					found = !r.testsErrorOrStatus(s.Cond)
					break outer
				case *ast.CaseClause:
					// switch leader.State { case "stopping": return
					// fmt.Errorf(...) }: the case and the tag decide.
					if i > 1 {
						if sw, ok := stack[i-2].(*ast.SwitchStmt); ok {
							tested := sw.Tag != nil && r.testsErrorOrStatus(sw.Tag)
							for _, e := range s.List {
								tested = tested || r.testsErrorOrStatus(e)
							}
							found = !tested
						}
					}
					break outer
				}
			}
		}
		return !found
	})
	return found
}

// holdsUntilDone reports whether the operation op, a function literal
// or declaration, holds until a context ends: a statement of its body
// receives from a context's Done (<-engineCtx.Done(), once the engine it
// started runs), and the body ends by returning a nil error. Its nil
// result is a shutdown, not a success (netbird's client engine).
func (r *recognizer) holdsUntilDone(op ast.Node) bool {
	body := fnBody(op)
	if body == nil || len(body.List) == 0 {
		return false
	}
	ret, ok := body.List[len(body.List)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 || !match.IsNil(r.info, ret.Results[len(ret.Results)-1]) {
		return false
	}
	for _, st := range body.List {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			continue
		}
		u, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			continue
		}
		if c, ok := ast.Unparen(u.X).(*ast.CallExpr); ok && match.IsMethod(match.Callee(r.info, c), "context", "Context", "Done") {
			return true
		}
	}
	return false
}

// checksState reports whether the operation op makes no attempt
// (docs/model.md, A check is not an attempt): it fails only by returning
// an error it makes (errors.New, fmt.Errorf), a package-level error
// variable or the error of a same-package check it calls (isCheck), and
// no call in it can fail any other way. A library retrying it awaits outside
// state, such as a leader that in-memory Raft state does not know yet.
func (r *recognizer) checksState(op ast.Node) bool {
	body := fnBody(op)
	if body == nil {
		return false
	}
	builds, fails := false, false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) > 0 {
				last := n.Results[len(n.Results)-1]
				call, ok := ast.Unparen(last).(*ast.CallExpr)
				builds = builds || r.alwaysError(last) || r.madeLocal(body, last, n.Pos()) || ok && r.isCheck(call)
			}
		case *ast.CallExpr:
			sig := match.Signature(r.info, n)
			switch {
			case sig == nil || !match.ReturnsError(sig) || r.notAttempt(n):
			case r.isCheck(n):
				builds = true // it fails as the check does
			default:
				fails = true
			}
		}
		return !fails
	})
	return builds && !fails
}

// madeError reports whether e builds a new error from a message
// (errors.New, fmt.Errorf, pkg/errors' Errorf: match.IsNewError),
// possibly wrapped by go-retry's RetryableError.
func (r *recognizer) madeError(e ast.Expr) bool {
	call, ok := ast.Unparen(r.unmarked(e)).(*ast.CallExpr)
	return ok && match.IsNewError(match.Callee(r.info, call))
}

// unmarked returns the error that go-retry's RetryableError marks in
// e, or e.
func (r *recognizer) unmarked(e ast.Expr) ast.Expr {
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !match.IsFunc(match.Callee(r.info, call), pathGoRetry, "RetryableError") {
			return e
		}
		e = call.Args[0]
	}
}

// madeLocal reports whether e, possibly wrapped by go-retry's
// RetryableError, is a local variable of body whose last assignment
// before pos is a made error (err := errors.Errorf(...); log it; return
// retry.RetryableError(err): kuma's CNI installer).
func (r *recognizer) madeLocal(body *ast.BlockStmt, e ast.Expr, pos token.Pos) bool {
	id, ok := ast.Unparen(r.unmarked(e)).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	def, _ := match.LastDef(r.info, body, v, pos)
	return def != nil && r.madeError(def)
}

// testsErrorOrStatus reports whether cond reads an error value or an
// *http.Response's StatusCode.
func (r *recognizer) testsErrorOrStatus(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := r.info.Uses[n].(*types.Var); ok && match.IsError(v.Type()) {
				found = true
			}
		case *ast.SelectorExpr:
			if n.Sel.Name == "StatusCode" && match.IsHTTPResponse(r.info.TypeOf(n.X)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// alwaysError reports whether e is certainly a non-nil error: a
// package-level error variable or a made error (madeError).
func (r *recognizer) alwaysError(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		v, ok := match.ObjectOf(r.info, e).(*types.Var)
		return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && match.IsError(v.Type())
	case *ast.CallExpr:
		return r.madeError(e)
	}
	return false
}

// lastDef returns match.LastDef in the body of the function at fnCur.
func (r *recognizer) lastDef(v types.Object, fnCur inspector.Cursor, pos token.Pos) (ast.Expr, map[string]ast.Expr) {
	return match.LastDef(r.info, fnBody(fnCur.Node()), v, pos)
}

// policy reads the policy expression e (a BackOff, a go-retry Backoff, a
// wait.Backoff) into lc.Policy, following variables and wrappers.
func (r *recognizer) policy(lc *Call, e ast.Expr, fnCur inspector.Cursor, pos token.Pos) {
	r.policyDepth(lc, e, fnCur, pos, nil, 0)
}

func (r *recognizer) policyDepth(lc *Call, e ast.Expr, fnCur inspector.Cursor, pos token.Pos, fields map[string]ast.Expr, depth int) {
	p := lc.Policy
	if depth > 8 || e == nil {
		return
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.Ident:
		if b, ok := r.bound[r.info.Uses[e]]; ok {
			// A parameter of a policy constructor: the caller's argument.
			r.policyDepth(lc, b.arg, b.cur, b.arg.Pos(), fields, depth+1)
			return
		}
		if v, ok := r.info.Uses[e].(*types.Var); ok {
			def, fs := r.lastDef(v, fnCur, pos)
			if def == nil {
				return
			}
			for k, x := range fields {
				fs[k] = x
			}
			// b = retry.WithMaxDuration(d, b): the b inside is the one
			// before this assignment.
			r.policyDepth(lc, def, fnCur, def.Pos(), fs, depth+1)
		}
	case *ast.SelectorExpr:
		// retry.DefaultRetry and retry.DefaultBackoff: jittered, 5 and 4 steps.
		if v, ok := match.ObjectOf(r.info, e).(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == pathK8sRetry {
			switch v.Name() {
			case "DefaultRetry":
				p.Kind, p.Node, p.Jitter, p.MaxAttempts = PolicyConstant, e, true, 5
				// client-go's util/retry: Steps 5, Duration 10ms,
				// Factor 1.0, Jitter 0.1.
				p.Growth = &Growth{DefaultInitial: 10 * time.Millisecond, DefaultMultiplier: 1, DefaultRandomization: 0.1, CapStops: true}
			case "DefaultBackoff":
				p.Kind, p.Node, p.Jitter, p.MaxAttempts = PolicyExponential, e, true, 4
				// Steps 4, Duration 10ms, Factor 5.0, Jitter 0.1.
				p.Growth = &Growth{DefaultInitial: 10 * time.Millisecond, DefaultMultiplier: 5, DefaultRandomization: 0.1, CapStops: true}
			}
		}
	case *ast.CompositeLit:
		t := r.info.TypeOf(e)
		switch {
		case match.IsNamed(t, pathBackoffV4, "ZeroBackOff"), match.IsNamed(t, pathBackoffV5, "ZeroBackOff"):
			p.Kind, p.Node, p.NoElapsedLimit = PolicyZero, e, true
		case match.IsNamed(t, pathBackoffV4, "StopBackOff"), match.IsNamed(t, pathBackoffV5, "StopBackOff"):
			p.Kind, p.Node, p.MaxAttempts = PolicyStop, e, 1
		default:
			r.literalPolicy(lc, e, fields)
		}
	case *ast.CallExpr:
		fn := match.Callee(r.info, e)
		if fn == nil || fn.Pkg() == nil {
			return
		}
		arg := func(i int) ast.Expr {
			if i < len(e.Args) {
				return e.Args[i]
			}
			return nil
		}
		path, name := fn.Pkg().Path(), fn.Name()
		switch path {
		case pathBackoffV4, pathBackoffV5:
			switch name {
			case "NewExponentialBackOff":
				p.Kind, p.Node, p.Jitter = PolicyExponential, e, true
				if path == pathBackoffV4 {
					// Options of the constructor, then fields set later.
					all := make(map[string]ast.Expr)
					for _, o := range e.Args {
						if oc, ok := ast.Unparen(o).(*ast.CallExpr); ok && len(oc.Args) == 1 {
							fn := match.Callee(r.info, oc)
							for opt, field := range v4Options {
								if match.IsFunc(fn, pathBackoffV4, opt) {
									all[field] = oc.Args[0]
								}
							}
						}
					}
					for k, x := range fields {
						all[k] = x
					}
					r.v4Fields(p, all, false)
					g := backoffV4Defaults
					v4Growth(&g, all)
					p.Growth = &g
				}
			case "NewConstantBackOff":
				p.Kind, p.Node, p.Delay = PolicyConstant, e, arg(0)
				if path == pathBackoffV4 {
					p.NoElapsedLimit = true
				}
			case "WithMaxRetries":
				r.maxRetries(p, arg(1))
				r.policyDepth(lc, arg(0), fnCur, pos, nil, depth+1)
			case "WithContext":
				lc.Ctx = r.unbind(arg(1))
				r.policyDepth(lc, arg(0), fnCur, pos, nil, depth+1)
			}
		case pathGoRetry:
			switch name {
			case "NewConstant":
				p.Kind, p.Node, p.Delay = PolicyConstant, e, arg(0)
			case "NewExponential":
				p.Kind, p.Node, p.Delay = PolicyExponential, e, arg(0)
				r.goRetryGrowth(p).Initial = arg(0)
			case "NewFibonacci":
				p.Kind, p.Node, p.Delay = PolicyFibonacci, e, arg(0)
			case "WithMaxRetries":
				r.maxRetries(p, arg(0))
				r.policyDepth(lc, arg(1), fnCur, pos, nil, depth+1)
			case "WithMaxDuration":
				p.MaxElapsed = arg(0)
				r.policyDepth(lc, arg(1), fnCur, pos, nil, depth+1)
			case "WithJitter", "WithJitterPercent":
				p.Jitter = true
				// Wrappers are met outside in.
				if g := r.goRetryGrowth(p); name == "WithJitter" {
					g.Jitter = arg(0)
				} else {
					g.Percent = arg(0)
				}
				r.policyDepth(lc, arg(1), fnCur, pos, nil, depth+1)
			case "WithCappedDuration":
				// A cap inside a jitter caps the interval; outside,
				// the wait.
				if g := r.goRetryGrowth(p); g.Jitter != nil || g.Percent != nil {
					g.MaxInterval = arg(0)
				} else {
					g.MaxWait = arg(0)
				}
				r.policyDepth(lc, arg(1), fnCur, pos, nil, depth+1)
			}
		default:
			if fn.Pkg() == r.pass.Pkg && r.policyConstructor(lc, e, fn, fnCur, depth) {
				return
			}
			// A constructor whose body is not read (another package's, or
			// one with several returns) handed a context presumably binds
			// the policy to it: nbgrpc.Backoff(ctx) returning
			// backoff.WithContext(b, ctx). Precision first: no handoff
			// finding on it.
			if lc.Ctx == nil {
				for _, a := range e.Args {
					if match.HasContext(r.info.TypeOf(a)) {
						lc.Ctx = r.unbind(a)
						break
					}
				}
			}
		}
	}
}

// A binding is the caller's argument for a parameter of a policy
// constructor being looked into, with the caller's function.
type binding struct {
	arg ast.Expr
	cur inspector.Cursor
}

// policyConstructor reads the policy that a same-package function
// returns (backoff.Retry(op, c.policy(ctx)), docs/model.md: helpers are
// looked into one level): its single result expression, with its
// parameters bound to the call's arguments. It reports whether it read
// the constructor.
func (r *recognizer) policyConstructor(lc *Call, call *ast.CallExpr, fn *types.Func, fnCur inspector.Cursor, depth int) bool {
	decl := r.decl(fn)
	if decl == nil || decl.Body == nil || r.bound != nil {
		return false // not visible, or already inside a constructor: one level
	}
	var result ast.Expr
	returns := 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) == 1 {
				result = n.Results[0]
			}
		}
		return true
	})
	if returns != 1 || result == nil {
		return false
	}
	declCur, ok := r.inspector().Root().FindNode(decl)
	if !ok {
		return false
	}
	r.bound = make(map[types.Object]binding)
	defer func() { r.bound = nil }()
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if obj := r.info.Defs[name]; obj != nil && i < len(call.Args) && !call.Ellipsis.IsValid() {
				r.bound[obj] = binding{call.Args[i], fnCur}
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	r.policyDepth(lc, result, declCur, result.Pos(), nil, depth+1)
	return true
}

// unbind returns the caller's argument for e when e is a parameter of
// the policy constructor being looked into, and e otherwise.
func (r *recognizer) unbind(e ast.Expr) ast.Expr {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if b, ok := r.bound[r.info.Uses[id]]; ok {
			return b.arg
		}
	}
	return e
}

// goRetryGrowth returns p's Growth, made for sethvargo/go-retry's
// exponential backoff (backoff_exponential.go: base << attempt, no cap)
// when p has none.
func (r *recognizer) goRetryGrowth(p *Policy) *Growth {
	if p.Growth == nil {
		p.Growth = &Growth{DefaultMultiplier: 2, DefaultMaxInterval: -1}
	}
	return p.Growth
}

// v4Options are the options of cenkalti/backoff/v4's
// NewExponentialBackOff, by the field each sets.
var v4Options = map[string]string{
	"WithInitialInterval":     "InitialInterval",
	"WithRandomizationFactor": "RandomizationFactor",
	"WithMultiplier":          "Multiplier",
	"WithMaxInterval":         "MaxInterval",
	"WithMaxElapsedTime":      "MaxElapsedTime",
}

// v4Growth sets g's parameters from the fields of a cenkalti/backoff/v4
// ExponentialBackOff.
func v4Growth(g *Growth, fields map[string]ast.Expr) {
	g.Initial, g.Multiplier = fields["InitialInterval"], fields["Multiplier"]
	g.MaxInterval, g.Randomization = fields["MaxInterval"], fields["RandomizationFactor"]
}

// maxRetries records a WithMaxRetries limit: n retries are n+1
// attempts.
func (r *recognizer) maxRetries(p *Policy, n ast.Expr) {
	p.Limit = n
	if v, ok := r.intConst(n); ok {
		p.MaxAttempts = v + 1
	}
}

// literalPolicy reads a composite literal of cenkalti's
// ExponentialBackOff or of wait.Backoff, with fields assigned later.
func (r *recognizer) literalPolicy(lc *Call, lit *ast.CompositeLit, fields map[string]ast.Expr) {
	p := lc.Policy
	t := r.info.TypeOf(lit)
	all := make(map[string]ast.Expr)
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				all[id.Name] = kv.Value
			}
		}
	}
	for k, v := range fields {
		all[k] = v
	}
	switch {
	case match.IsNamed(t, pathBackoffV4, "ExponentialBackOff"), match.IsNamed(t, pathBackoffV5, "ExponentialBackOff"):
		p.Kind, p.Node = PolicyExponential, lit
		p.Delay = all["InitialInterval"]
		p.Jitter = r.nonZero(all["RandomizationFactor"])
		if match.IsNamed(t, pathBackoffV4, "ExponentialBackOff") {
			r.v4Fields(p, all, true)
			// A literal's fields left out are zero.
			g := Growth{}
			v4Growth(&g, all)
			p.Growth = &g
		}
	case match.IsNamed(t, pathK8sWait, "Backoff"):
		p.Kind, p.Node, p.Delay = PolicyExponential, lit, all["Duration"]
		// A Factor of at most 1, or none, keeps the duration; one the
		// analysis cannot read says nothing.
		if factor, set := all["Factor"]; !set {
			p.Kind = PolicyConstant
		} else if f, ok := r.floatConst(factor); !ok {
			p.Kind = PolicyUnknown
		} else if f <= 1 {
			p.Kind = PolicyConstant
		}
		p.Jitter = r.nonZero(all["Jitter"])
		// Fields left out are zero: no growth, no jitter, no cap.
		p.Growth = &Growth{Initial: all["Duration"], Multiplier: all["Factor"], Randomization: all["Jitter"], MaxInterval: all["Cap"], CapStops: true}
		if steps := all["Steps"]; steps != nil {
			p.Limit = steps
			if n, ok := r.intConst(steps); ok {
				p.MaxAttempts = n
			}
		}
	}
}

// v4Fields applies cenkalti v4's MaxElapsedTime: zero when assigned
// zero or, in a literal, omitted.
func (r *recognizer) v4Fields(p *Policy, fields map[string]ast.Expr, literal bool) {
	if f, ok := fields["MaxElapsedTime"]; ok {
		p.MaxElapsed = f
		p.NoElapsedLimit = r.isZero(f)
		return
	}
	p.NoElapsedLimit = literal
}

// option reads one option of backoff/v5's Retry or retry-go's Do.
func (r *recognizer) option(lc *Call, o ast.Expr, fnCur inspector.Cursor, pos token.Pos) {
	call, ok := ast.Unparen(o).(*ast.CallExpr)
	if !ok {
		return
	}
	fn := match.Callee(r.info, call)
	if fn == nil || fn.Pkg() == nil {
		return
	}
	p := lc.Policy
	var arg ast.Expr
	if len(call.Args) > 0 {
		arg = call.Args[0]
	}
	switch path, name := fn.Pkg().Path(), fn.Name(); {
	case path == pathBackoffV5 && name == "WithBackOff":
		// The policy handed over replaces the default, jitter included.
		p.Kind, p.Jitter = PolicyUnknown, false
		r.policyDepth(lc, arg, fnCur, pos, nil, 0)
	case path == pathBackoffV5 && name == "WithMaxTries":
		p.Limit = arg
		if n, ok := r.intConst(arg); ok {
			p.MaxAttempts = n
		}
	case path == pathBackoffV5 && name == "WithMaxElapsedTime":
		p.MaxElapsed = arg
		p.NoElapsedLimit = r.isZero(arg)
	case path == pathRetryGo && name == "Attempts":
		p.Limit = arg
		p.MaxAttempts = -1
		if n, ok := r.intConst(arg); ok {
			p.MaxAttempts = n
			p.Unlimited = n == 0
		}
	case path == pathRetryGo && name == "UntilSucceeded":
		p.Unlimited, p.MaxAttempts = true, 0
	case path == pathRetryGo && name == "Delay":
		p.Delay = arg
		if p.Growth != nil {
			p.Growth.Initial = arg
		}
	case path == pathRetryGo && name == "MaxDelay":
		if p.Growth != nil {
			p.Growth.MaxWait = arg
		}
	case path == pathRetryGo && name == "MaxJitter":
		if p.Growth != nil {
			p.Growth.Jitter = arg
		}
	case path == pathRetryGo && name == "Context":
		lc.Ctx = r.unbind(arg)
	case path == pathRetryGo && name == "RetryIf":
		lc.RetryIfExpr = arg
		lc.RetryIf = r.resolveFunc(arg, fnCur)
	case path == pathRetryGo && name == "DelayType":
		p.DelayType = arg
		if f := match.ObjectOf(r.info, arg); f != nil && f.Pkg() != nil && f.Pkg().Path() == pathRetryGo {
			switch f.Name() {
			case "FixedDelay":
				p.Kind, p.Node, p.Jitter = PolicyConstant, call, false
			case "BackOffDelay":
				p.Kind, p.Node, p.Jitter = PolicyExponential, call, false
			}
		}
	}
}

func (r *recognizer) isZero(e ast.Expr) bool {
	tv, ok := r.info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}

func (r *recognizer) nonZero(e ast.Expr) bool {
	tv, ok := r.info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) != 0
}

func (r *recognizer) floatConst(e ast.Expr) (float64, bool) {
	tv, ok := r.info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	f, _ := constant.Float64Val(constant.ToFloat(tv.Value))
	return f, true
}

// options returns the options handed to call from its argument first
// on: the arguments as written, or, for a slice passed with
// opts..., the elements it is seen to hold. A slice is followed when it
// is a composite literal, or a local of the function at fnCur assigned
// only by statements of the function's own body (not in a branch or a
// loop) before the call: a literal, a var declaration, and appends of
// options or literals. Every option must be a call of a function of the
// library at path: another function may set anything. ok is false when
// the options cannot be seen.
func (r *recognizer) options(call *ast.CallExpr, first int, fnCur inspector.Cursor, path string) ([]ast.Expr, bool) {
	if first > len(call.Args) {
		return nil, true
	}
	opts := call.Args[first:]
	if !call.Ellipsis.IsValid() {
		return opts, true
	}
	if len(opts) != 1 {
		return nil, false
	}
	list, ok := r.optionSlice(opts[0], fnCur, call.Pos())
	if !ok {
		return nil, false
	}
	for _, o := range list {
		c, ok := ast.Unparen(o).(*ast.CallExpr)
		if !ok {
			return nil, false
		}
		if fn := match.Callee(r.info, c); fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != path {
			return nil, false
		}
	}
	return list, true
}

// optionSlice returns the elements of the slice e at pos (see options).
func (r *recognizer) optionSlice(e ast.Expr, fnCur inspector.Cursor, pos token.Pos) ([]ast.Expr, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if _, ok := elt.(*ast.KeyValueExpr); ok {
				return nil, false
			}
		}
		return e.Elts, true
	case *ast.Ident:
	default:
		return nil, false
	}
	v, ok := r.info.Uses[e.(*ast.Ident)].(*types.Var)
	body := fnBody(fnCur.Node())
	if !ok || body == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || v.IsField() {
		return nil, false
	}
	// Every assignment of v must be a statement of the body itself.
	all, top := 0, 0
	assigns := func(n ast.Node) bool {
		found := false
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				found = found || match.ObjectOf(r.info, lhs) == v
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				found = found || r.info.Defs[id] == v
			}
		case *ast.UnaryExpr:
			found = n.Op == token.AND && match.ObjectOf(r.info, n.X) == v
		}
		return found
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if assigns(n) {
			all++
		}
		return true
	})
	var list []ast.Expr
	for _, st := range body.List {
		if st.Pos() >= pos {
			break
		}
		var rhs ast.Expr
		switch st := st.(type) {
		case *ast.AssignStmt:
			if !assigns(st) {
				continue
			}
			if len(st.Lhs) != 1 || len(st.Rhs) != 1 {
				return nil, false
			}
			rhs = st.Rhs[0]
		case *ast.DeclStmt:
			gd, ok := st.Decl.(*ast.GenDecl)
			if !ok || len(gd.Specs) != 1 || !assigns(gd.Specs[0]) {
				continue
			}
			vs := gd.Specs[0].(*ast.ValueSpec)
			if len(vs.Names) != 1 {
				return nil, false
			}
			top++
			list = nil
			if len(vs.Values) == 1 {
				elts, ok := r.optionSlice(vs.Values[0], fnCur, pos)
				if !ok {
					return nil, false
				}
				list = append(list, elts...)
			}
			continue
		default:
			continue
		}
		top++
		if c, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && isAppend(r.info, c) && len(c.Args) > 0 && match.ObjectOf(r.info, c.Args[0]) == v {
			rest := c.Args[1:]
			if c.Ellipsis.IsValid() {
				elts, ok := r.optionSlice(rest[len(rest)-1], fnCur, pos)
				if !ok || len(rest) != 1 {
					return nil, false
				}
				rest = elts
			}
			list = append(list, rest...)
			continue
		}
		elts, ok := r.optionSlice(rhs, fnCur, pos)
		if !ok {
			return nil, false
		}
		list = append(list[:0:0], elts...)
	}
	if top == 0 || top != all {
		return nil, false // assigned in a branch or a loop, or not at all before the call
	}
	return list, true
}

// isAppend reports a call of the builtin append.
func isAppend(info *types.Info, c *ast.CallExpr) bool {
	id, ok := ast.Unparen(c.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "append"
}

// sendsThroughStandardClient reports whether call, of fn, sends a
// request with an *http.Client made by a retryablehttp client's
// StandardClient(): called on it directly, or on a variable or field
// of the package whose every assignment is one.
func (r *recognizer) sendsThroughStandardClient(call *ast.CallExpr, fn *types.Func) bool {
	if !match.IsHTTPSend(fn) || fn.Type().(*types.Signature).Recv() == nil {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if r.isStandardClient(sel.X) {
		return true
	}
	if r.std == nil {
		r.std = r.standardClients()
	}
	obj := match.ObjectOf(r.info, sel.X)
	return obj != nil && r.std[obj]
}

// standardClients returns the *http.Client variables and fields of the
// package whose every assignment is a retryablehttp client's
// StandardClient().
func (r *recognizer) standardClients() map[types.Object]bool {
	std := make(map[types.Object]bool)
	other := make(map[types.Object]bool)
	note := func(lhs, rhs ast.Expr, tuple bool) {
		obj := match.ObjectOf(r.info, lhs)
		if obj == nil || !isHTTPClient(obj.Type()) {
			return
		}
		if rhs != nil && !tuple && r.isStandardClient(rhs) {
			std[obj] = true
		} else if rhs != nil {
			other[obj] = true
		}
	}
	for cur := range r.inspector().Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.KeyValueExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				if _, ok := r.info.Uses[id].(*types.Var); ok {
					note(id, n.Value, false)
				}
			}
		default:
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, _ token.Token) { note(lhs, rhs, tuple) })
		}
	}
	for obj := range other {
		delete(std, obj)
	}
	return std
}

func isHTTPClient(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return match.IsNamed(t, "net/http", "Client")
}

// isStandardClient reports whether e is a call of a retryablehttp
// Client's StandardClient.
func (r *recognizer) isStandardClient(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && match.IsMethod(match.Callee(r.info, call), pathRetryableHTTP, "Client", "StandardClient")
}

// localOp reports whether op, an operation handed to a retry library
// (a function literal or a declaration of the package), reaches only
// this machine (Call.LocalOnly), looking one level into the helpers of
// the package it calls.
func (r *recognizer) localOp(op ast.Node) bool {
	body := fnBody(op)
	return body != nil && r.localBody(body, nil, true)
}
