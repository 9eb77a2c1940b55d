package retryable

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "retryable"

// Config configures an instance of the check. It has no settings yet.
type Config struct{}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{}

// Analyzer is the check with the default configuration.
var Analyzer = New(DefaultConfig)

// Result is what one run of the check returns: the //retryvet:ignore
// directives that silenced a finding.
type Result = suppress.Result

//go:embed doc.go
var docSource string

// New returns a retryable analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	return &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/retryable.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, callgraph.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
}

type checker struct {
	cfg Config
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	res := retryloop.Of(pass)
	graph := pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	declOf := func(fn *types.Func) *ast.FuncDecl {
		if f := graph.Func(fn); f != nil {
			return f.Decl
		}
		return nil
	}
	for _, l := range res.Loops() {
		if l.Func.InTest || !l.Waiting() || l.LocalOnly || l.Startup || l.Quick() {
			continue
		}
		related := []analysis.RelatedInformation{{Pos: l.Stmt.Pos(), Message: "retry loop"}}
		for _, a := range l.Attempts {
			if len(a.RetriedStatuses) > 0 && len(a.StatusChecks) > 0 {
				check := a.StatusChecks[0]
				rep.Report(analysis.Diagnostic{
					Pos:      check.Pos(),
					End:      check.End(),
					Category: Name + "/status",
					Message: fmt.Sprintf("retry loop retries HTTP %s responses, which fail the same way again; retry only 5xx (not 501 or 505), 408, 425 and 429",
						statusList(a.RetriedStatuses)),
					Related: related,
				})
			}
		}
		if a, non2xx := unclassified(pass, l, declOf); a != nil {
			msg := fmt.Sprintf("retry loop retries every error of %s, including those that will fail the same way again (%s); retry only transient errors, checked with errors.Is or errors.As",
				callName(a.Call), permanentExamples(pass.TypesInfo, a, declOf))
			if non2xx {
				msg = fmt.Sprintf("retry loop retries every error of %s, which turns every non-2xx response into an error, 4xx included; retry only 5xx, 408, 425, 429 and transient network errors",
					callName(a.Call))
			}
			rep.Report(analysis.Diagnostic{
				Pos:      a.Call.Pos(),
				End:      a.Call.End(),
				Category: Name + "/all",
				Message:  msg,
				Related:  related,
			})
		}
		if cond := l.RetriesCancel; cond != nil {
			rep.Report(analysis.Diagnostic{
				Pos:      cond.Pos(),
				End:      cond.End(),
				Category: Name + "/context",
				Message:  "retry loop recognises the caller's context error and retries anyway; return it, the caller has given up",
				Related:  related,
			})
		}
	}
	reported := make(map[ast.Node]bool)
	for _, call := range res.Calls {
		if call.InTest || call.Send == nil {
			continue
		}
		for _, f := range restyConditions(pass.TypesInfo, call.Send, declOf) {
			if reported[f.node] {
				continue
			}
			reported[f.node] = true
			rep.Report(analysis.Diagnostic{
				Pos:      f.node.Pos(),
				End:      f.node.End(),
				Category: Name + "/status",
				Message:  f.message,
				Related:  []analysis.RelatedInformation{{Pos: call.Call.Pos(), Message: "retried here"}},
			})
		}
	}
	for _, call := range res.Calls {
		if call.InTest || call.Library != retryloop.LibGRPCRetry {
			continue
		}
		if names := permanentCodes(pass.TypesInfo, call.Policy.Codes); len(names) > 0 {
			first := call.Policy.Codes[0]
			rep.Report(analysis.Diagnostic{
				Pos:      first.Pos(),
				End:      call.Policy.Codes[len(call.Policy.Codes)-1].End(),
				Category: Name + "/codes",
				Message: fmt.Sprintf("retry interceptor retries %s, which fail the same way again or may have been applied; retry only Unavailable, ResourceExhausted and Aborted",
					strings.Join(names, ", ")),
				Related: []analysis.RelatedInformation{{Pos: call.Call.Pos(), Message: "retry interceptor"}},
			})
		}
	}
	return rep.Result(), nil
}

func statusList(sts []int64) string {
	parts := make([]string, len(sts))
	for i, s := range sts {
		parts[i] = fmt.Sprint(s)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func callName(call *ast.CallExpr) string {
	return types.ExprString(call.Fun) + "()"
}

// unclassified returns the first attempt of l whose error the loop
// retries without classifying it, or nil. Classifying is anything that
// looks at the error, or at a value derived from it (grpcErr :=
// status.Convert(err)), beyond err != nil: errors.Is or errors.As, a
// type switch or assertion, a comparison with a sentinel, a call taking
// the error that yields a bool (isRetryable(err), err.Timeout(),
// status.FromError(err)), a comparison of something computed from it
// (status.Code(err) == codes.Unavailable), a check of the response
// status, or a bool the attempt itself returns. An attempt that is a
// same-package function classifying inside (returning errors only for
// 5xx, say; caddy's httploader) classifies too, one level deep.
//
// Left alone: connection attempts, a dial of package net, a
// same-package function that dials, or any call returning a connection
// (a value with LocalAddr, RemoteAddr and SetDeadline, as net.Conn has:
// a dialer held in a variable); every dial error is a connection error,
// and reconnect loops retry them all by design; and the call
// of a func parameter, a generic retry helper's operation, whose
// errors are the caller's to classify.
//
// The second result reports an attempt that is a same-package function
// turning every non-2xx response into an error: its status check decides
// success, not what is worth retrying, so 4xx responses are retried.
func unclassified(pass *analysis.Pass, l *retryloop.Loop, declOf func(*types.Func) *ast.FuncDecl) (*retryloop.Attempt, bool) {
	info := pass.TypesInfo
	if l.Timed != nil {
		return nil, false // fast failures are told from timeouts
	}
	if l.Observed && l.MinWait >= Patient {
		return nil, false // a doomed request every so often costs little
	}
	if l.MaxWait >= 0 && l.MaxWait <= Short || limited(l) {
		return nil, false // a few wasted attempts, soon over
	}
	if !reportsFailure(info, l) {
		return nil, false // no caller to hand a permanent error to
	}
	for _, a := range l.Attempts {
		if len(a.StatusChecks) > 0 || returnsBool(info, a.Call) || funcParam(info, a.Call) || returnsConn(info, a.Call) || opensStream(info, a.Call) || connects(info, a.Call) || connectsVia(info, a.Call, declOf) {
			continue
		}
		non2xx := false
		// A function mapping every non-2xx status to an error is checked
		// before oneWay: that it fails in one way does not make it
		// classify, since 4xx responses fail that way too.
		if decl := declOf(match.Callee(info, a.Call)); dial(info, a.Call) || decl != nil && dials(info, decl.Body) {
			continue
		} else if decl != nil && classifiesAny(info, decl.Body) {
			if !successOnly(info, decl.Body) {
				continue
			}
			non2xx = true
		} else if decl != nil && oneWay(info, decl) {
			continue
		}
		// The loop condition classifies too: for errors.Is(err, ErrBusy).
		if a.Err == nil || !classifies(info, l.Stmt, derived(info, l.Body, a.Err)) {
			return a, non2xx
		}
	}
	return nil, false
}

// Short is the longest whole run (its waits added up) of a loop that is
// not asked to classify every error: retrying a permanent error a
// bounded few times wastes a few requests and seconds; the harm is a
// loop that retries it for minutes, or without end.
const Short = time.Minute

// limited reports whether the loop gives up by itself: an attempt
// limit (constant or not), a deadline, or a backoff policy's Stop. Retrying a permanent error then
// costs a bounded number of attempts; the harm "retries every error"
// names is a loop that retries it until someone cancels it, or forever.
func limited(l *retryloop.Loop) bool {
	if l.Counter != nil && l.Counter.Bound != nil {
		return true
	}
	for _, b := range l.Bounds {
		if b.Kind == retryloop.BoundCount || b.Kind == retryloop.BoundDeadline || b.Kind == retryloop.BoundPolicy {
			return true
		}
	}
	for _, o := range l.Observations {
		if o.Deadline {
			return true // a context made with a timeout for the wait
		}
	}
	return false
}

// Patient is the shortest wait between attempts at which a loop that
// observes its context is not asked to classify: retrying a permanent
// error then costs one request and a log line per wait.
const Patient = 10 * time.Second

// reportsFailure reports whether the loop can hand a failure to its
// caller: the function returns an error that is not always nil, or,
// with no error result, some attempt fails out of the loop. A background task that retries
// until it succeeds and has no error to return has nothing to classify
// for.
func reportsFailure(info *types.Info, l *retryloop.Loop) bool {
	var ft *ast.FuncType
	var body *ast.BlockStmt
	switch fn := l.Func.Node.(type) {
	case *ast.FuncDecl:
		ft, body = fn.Type, fn.Body
	case *ast.FuncLit:
		ft, body = fn.Type, fn.Body
	}
	if ft != nil && ft.Results != nil {
		for i, f := range resultTypes(ft) {
			if match.IsError(info.TypeOf(f)) {
				// An error result every return sets to nil hands the
				// caller no failure, whichever way the loop ends.
				return !onlyNil(info, body, i)
			}
		}
	}
	for _, a := range l.Attempts {
		for _, e := range a.Failure {
			if !l.OnStop(e.Pos()) {
				return true // leaving there hands the caller a failure
			}
		}
	}
	return false
}

// resultTypes lists the type of each result of ft, one per result.
func resultTypes(ft *ast.FuncType) []ast.Expr {
	var ts []ast.Expr
	for _, f := range ft.Results.List {
		n := max(len(f.Names), 1)
		for range n {
			ts = append(ts, f.Type)
		}
	}
	return ts
}

// onlyNil reports whether every return statement of body (function
// literals aside) gives nil as its i-th result: a function that returns
// an error only to fit a signature (a runner's func(ctx) error) and
// never fails (temporal's cache refresh loops). A bare return of named
// results, or a return of another call's results, is not followed.
func onlyNil(info *types.Info, body *ast.BlockStmt, i int) bool {
	if body == nil {
		return false
	}
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) <= i || !match.IsNil(info, n.Results[i]) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// oneWay reports whether decl can fail in only one way: every error it
// returns is the same package-level sentinel or a freshly made error
// that wraps nothing (errors.New, fmt.Errorf without %w). Its callers
// have nothing to classify.
func oneWay(info *types.Info, decl *ast.FuncDecl) bool {
	if decl.Body == nil || decl.Type.Results == nil {
		return false
	}
	var kind types.Object // the sentinel, or nil for made errors
	made, sentinels, other := false, 0, false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || other {
			_, lit := n.(*ast.FuncLit)
			return !lit && !other
		}
		if len(ret.Results) == 0 {
			other = true // named results: not followed
			return false
		}
		e := ast.Unparen(ret.Results[len(ret.Results)-1])
		if match.IsNil(info, e) {
			return false
		}
		if call, ok := e.(*ast.CallExpr); ok {
			fn := match.Callee(info, call)
			if match.IsFunc(fn, "errors", "New") || match.IsFunc(fn, "fmt", "Errorf") && !wraps(info, call) {
				made = true
				return false
			}
		}
		if v, ok := match.ObjectOf(info, e).(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			if kind == nil || kind == types.Object(v) {
				kind = v
				sentinels++
				return false
			}
		}
		other = true
		return false
	})
	return !other && (made != (sentinels > 0))
}

// wraps reports whether a fmt.Errorf call wraps an error (%w).
func wraps(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) == 0 {
		return true
	}
	tv, ok := info.Types[call.Args[0]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return true
	}
	return strings.Contains(constant.StringVal(tv.Value), "%w")
}

// successOnly reports whether body reads a response status only to tell
// 2xx from the rest (resp.StatusCode/100 != 2, >= 300, != 200): every
// constant it compares a status with is a success boundary, and it
// classifies no error.
func successOnly(info *types.Info, body ast.Node) bool {
	reads, other := 0, false
	ast.Inspect(body, func(n ast.Node) bool {
		be, ok := n.(*ast.BinaryExpr)
		if !ok || other {
			return !other
		}
		switch be.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		default:
			return true
		}
		var status, limit ast.Expr
		switch {
		case readsStatus(info, be.X):
			status, limit = be.X, be.Y
		case readsStatus(info, be.Y):
			status, limit = be.Y, be.X
		default:
			return true
		}
		reads++
		tv, ok := info.Types[limit]
		if !ok || tv.Value == nil {
			other = true
			return false
		}
		v, _ := constant.Int64Val(constant.ToInt(tv.Value))
		if div, ok := ast.Unparen(status).(*ast.BinaryExpr); ok && div.Op == token.QUO {
			other = v != 2 // StatusCode/100 == 2
			return false
		}
		other = v < 200 || v > 300 && v != 399 && v != 400 // 200, 204, 299, 300 and >= 400 as "not 2xx"
		return false
	})
	if reads == 0 || other {
		return false
	}
	errs := make(map[types.Object]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && match.IsError(v.Type()) {
				errs[v] = true
			}
		}
		return true
	})
	return len(errs) == 0 || !classifies(info, body, errs)
}

// readsStatus reports whether e reads an *http.Response's StatusCode
// (possibly divided: StatusCode/100).
func readsStatus(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if be, ok := e.(*ast.BinaryExpr); ok && be.Op == token.QUO {
		e = ast.Unparen(be.X)
	}
	sel, ok := e.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "StatusCode" && match.IsHTTPResponse(info.TypeOf(sel.X))
}

// permanentExamples names failures that fail again, in the words of the
// attempt: HTTP statuses for an HTTP request, generic ones otherwise.
func permanentExamples(info *types.Info, a *retryloop.Attempt, declOf func(*types.Func) *ast.FuncDecl) string {
	const http, other = "a 400 Bad Request, a 403 Forbidden", "invalid input, a missing resource, a denied permission"
	if a.Resp != nil {
		return http
	}
	fn := match.Callee(info, a.Call)
	if match.IsHTTPSend(fn) {
		return http
	}
	if decl := declOf(fn); decl != nil && decl.Body != nil {
		sends := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && match.IsHTTPSend(match.Callee(info, call)) {
				sends = true
			}
			return !sends
		})
		if sends {
			return http
		}
	}
	return other
}

// returnsConn reports whether call returns a network connection.
func returnsConn(info *types.Info, call *ast.CallExpr) bool {
	sig := match.Signature(info, call)
	if sig == nil {
		return false
	}
	for i := range sig.Results().Len() {
		t := sig.Results().At(i).Type()
		if match.HasMethod(t, "LocalAddr") && match.HasMethod(t, "RemoteAddr") && match.HasMethod(t, "SetDeadline") {
			return true
		}
	}
	return false
}

// opensStream reports whether call returns a gRPC client stream (its
// first result has CloseSend, SendMsg and RecvMsg, as every generated
// stream client has): opening a stream connects to a server, and a loop
// retrying it, directly or through a same-package function that dials
// and opens one, is a reconnect loop (dapr's placement client).
func opensStream(info *types.Info, call *ast.CallExpr) bool {
	sig := match.Signature(info, call)
	if sig == nil || sig.Results().Len() < 2 {
		return false
	}
	t := sig.Results().At(0).Type()
	return match.HasMethod(t, "CloseSend") && match.HasMethod(t, "SendMsg") && match.HasMethod(t, "RecvMsg")
}

// connectsVia reports a call of a same-package method that hands back
// what a constructor of a closable client made: its first result, on
// every return that gives one, is such a call or a variable last
// assigned one (func (c *consumer) newClient() (*kafka.Client, error)
// { return kafka.NewClient(c.addrs) }: centrifugo's consumer).
func connectsVia(info *types.Info, call *ast.CallExpr, declOf func(*types.Func) *ast.FuncDecl) bool {
	fn := match.Callee(info, call)
	if fn == nil || fn.Signature().Recv() == nil || fn.Signature().Results().Len() < 2 ||
		!match.HasMethod(fn.Signature().Results().At(0).Type(), "Close") {
		return false
	}
	decl := declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	made := func(e ast.Expr, pos token.Pos) bool {
		if v, ok := match.ObjectOf(info, e).(*types.Var); ok && !v.IsField() {
			e, _ = match.LastDef(info, decl.Body, v, pos)
		}
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && connects(info, c)
	}
	clients, all := 0, true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		if _, lit := n.(*ast.FuncLit); lit || !all {
			return false
		}
		if !ok || len(ret.Results) == 0 || len(ret.Results) > 1 && match.IsNil(info, ret.Results[0]) {
			return true // return nil, err: a failure
		}
		all = made(ret.Results[0], ret.Pos())
		clients++
		return true
	})
	return clients > 0 && all
}

// connects reports a call of a constructor of a closable client: a
// function (not a method) whose first result has a Close method, such
// as sql.Open or grpc.NewClient. Retrying it is a reconnect loop, whose
// errors are all worth another try; a method returning something
// closable (a query's rows) is not a connect.
func connects(info *types.Info, call *ast.CallExpr) bool {
	fn := match.Callee(info, call)
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() != nil || sig.Results().Len() < 2 {
		return false
	}
	return match.HasMethod(sig.Results().At(0).Type(), "Close")
}

// funcParam reports a call of a func-typed parameter of the loop's
// function, or of a function enclosing it (a helper that retries its
// operation in a goroutine it starts): a retry helper's operation.
//
// A call of a func-typed struct field (a joinFunc, a dial hook) is as
// opaque: nothing in the loop's reach says which of its errors are
// permanent.
func funcParam(info *types.Info, call *ast.CallExpr) bool {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if v, ok := info.Uses[sel.Sel].(*types.Var); ok && v.IsField() {
			_, isFunc := v.Type().Underlying().(*types.Signature)
			return isFunc
		}
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.ParamVar {
		return false
	}
	_, isFunc := v.Type().Underlying().(*types.Signature)
	return isFunc
}

// derived returns err and the local variables assigned from values
// computed from it in body (grpcErr := errgrpc.ToNative(err)).
func derived(info *types.Info, body ast.Node, err types.Object) map[types.Object]bool {
	vars := map[types.Object]bool{err: true}
	for changed := true; changed; {
		changed = false
		ast.Inspect(body, func(n ast.Node) bool {
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
				obj := match.ObjectOf(info, lhs)
				if obj == nil || vars[obj] || rhs == nil || !mentionsAny(info, rhs, vars) {
					return
				}
				if !match.IsError(obj.Type()) {
					return // ok, found := ...: not an error value
				}
				vars[obj] = true
				changed = true
			})
			return true
		})
	}
	return vars
}

func mentionsAny(info *types.Info, n ast.Node, vars map[types.Object]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && vars[info.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// dials reports whether body calls a Dial function of package net.
func dials(info *types.Info, body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && dial(info, call) {
			found = true
		}
		return !found
	})
	return found
}

// classifiesAny reports whether body classifies an error or checks an
// HTTP status: the attempt function decides what it reports.
func classifiesAny(info *types.Info, body ast.Node) bool {
	errs := make(map[types.Object]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && match.IsError(v.Type()) {
				errs[v] = true
			}
		}
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "StatusCode" && match.IsHTTPResponse(info.TypeOf(sel.X)) {
			errs[nil] = true // marks a status read
		}
		return true
	})
	if errs[nil] {
		return true
	}
	delete(errs, nil)
	return len(errs) > 0 && classifies(info, body, errs)
}

func returnsBool(info *types.Info, call *ast.CallExpr) bool {
	sig := match.Signature(info, call)
	if sig == nil {
		return true // unknown: assume it classifies
	}
	return hasBool(sig.Results())
}

func hasBool(t *types.Tuple) bool {
	for i := range t.Len() {
		if b, ok := t.At(i).Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			return true
		}
	}
	return false
}

// dial reports a call of package net (net.Dial, a Dialer's DialContext).
func dial(info *types.Info, call *ast.CallExpr) bool {
	fn := match.Callee(info, call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "net" && strings.HasPrefix(fn.Name(), "Dial")
}

// classifies reports whether body looks at one of the error values
// errs beyond comparing it with nil.
func classifies(info *types.Info, body ast.Node, errs map[types.Object]bool) bool {
	mentions := func(n ast.Node) bool { return mentionsAny(info, n, errs) }
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if match.IsConversion(info, n) {
				break
			}
			if sig := match.Signature(info, n); (sig == nil || hasBool(sig.Results())) && mentions(n) {
				found = true // errors.Is(err, x), retryable(err), err.Timeout()
			}
		case *ast.TypeAssertExpr:
			found = mentions(n.X)
		case *ast.TypeSwitchStmt:
			found = mentions(n.Assign)
		case *ast.SwitchStmt:
			// switch code := status.Code(err); code { ... } too.
			_, tagIdent := ast.Unparen(n.Tag).(*ast.Ident)
			found = n.Tag != nil && (mentions(n.Tag) || tagIdent && n.Init != nil && mentions(n.Init))
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				break
			}
			nilX, nilY := match.IsNil(info, n.X), match.IsNil(info, n.Y)
			found = !nilX && !nilY && (mentions(n.X) || mentions(n.Y))
		}
		return !found
	})
	return found
}

// permanentCodes names the constant gRPC codes of a retried list that
// are neither transient nor the server's own failures
// (codes.InvalidArgument, codes.NotFound, ...). Internal and Unknown,
// gRPC's 500s, are left alone as `>= 500` is over HTTP (weaviate's
// replication client retries Internal, as the REST client it replaced
// retried 5xx).
func permanentCodes(info *types.Info, list []ast.Expr) []string {
	var names []string
	for _, e := range list {
		c, ok := match.ObjectOf(info, e).(*types.Const)
		if !ok || !match.IsGRPCCode(c) || match.GRPCServerFailure(c) {
			continue
		}
		names = append(names, "codes."+c.Name())
	}
	return names
}
