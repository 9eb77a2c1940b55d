package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"net/http"
	"strings"
	"time"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/internal/match"
)

// The two major versions of resty. A Client (or, in v3, a Request) with
// a retry count above zero retries the requests it sends: v2 every
// request, v3 only those of an idempotent method unless
// SetRetryAllowNonIdempotent(true). Both wait a capped exponential
// time jittered in [w/2, w) between attempts, 100ms doubling up to 2s by
// default; v3's RetryConstantDelayStrategy waits a fixed time instead.
const (
	pathRestyV2 = "github.com/go-resty/resty/v2"
	pathRestyV3 = "resty.dev/v3"
)

// A Send is an HTTP request sent through a client that retries it
// itself (resty): what the checks need to know of the request.
type Send struct {
	// Method is the request's method in upper case, or "" when the
	// analysis cannot read it.
	Method string
	// URL is the URL argument as written, or nil.
	URL ast.Expr
	// Headers are the canonical names of the headers set on the request
	// or its client, as far as seen; HeadersUnknown reports one set
	// with a name or a map the analysis cannot read.
	Headers        []string
	HeadersUnknown bool
	// Conditions are the retry conditions added to the client or the
	// request (AddRetryCondition, AddRetryConditions), as written.
	Conditions []ast.Expr
	// RetriesFailures is a call that makes the client retry every
	// status from 400 up (v2's AddRetryAfterErrorCondition), or nil.
	RetriesFailures ast.Expr
}

func isResty(pkg *types.Package) bool {
	return pkg != nil && (pkg.Path() == pathRestyV2 || pkg.Path() == pathRestyV3)
}

// restySendMethods are the methods of a resty Request that send it,
// with the method they send ("" for Send and Execute, which take it
// from elsewhere).
var restySendMethods = map[string]string{
	"Get": http.MethodGet, "Head": http.MethodHead, "Post": http.MethodPost, "Put": http.MethodPut,
	"Patch": http.MethodPatch, "Delete": http.MethodDelete, "Options": http.MethodOptions,
	"Trace": http.MethodTrace, "Query": "QUERY", "Send": "", "Execute": "",
}

// isRestySend reports whether fn is a method of a resty Request that
// sends it.
func isRestySend(fn *types.Func) bool {
	_, ok := restySendMethods[fn.Name()]
	return ok && isResty(fn.Pkg()) && match.IsMethod(fn, fn.Pkg().Path(), "Request", fn.Name())
}

// restyConfig collects what a request and its client are configured
// with, the request's settings first: the first value seen of a
// setting is the one that applies, since the walk goes from the send
// back to the client's construction.
type restyConfig struct {
	v3         bool
	count      ast.Expr   // SetRetryCount's argument
	wait       ast.Expr   // SetRetryWaitTime's argument
	constant   ast.Expr   // v3: SetRetryDelayStrategy(RetryConstantDelayStrategy(d))
	strategy   bool       // v3: a delay strategy was set (constant or not)
	allowSet   bool       // v3: SetRetryAllowNonIdempotent was seen
	allow      bool       // and its argument is the constant true
	ctx        ast.Expr   // SetContext's argument
	method     ast.Expr   // v3: SetMethod's argument
	url        ast.Expr   // v3: SetURL's argument
	clientSeen bool       // the client's construction (New...) was seen
	param      *types.Var // the client is this parameter (ParamSend)
	// shared reports a client held in a field or a package variable,
	// which every request of its owner goes through: headers it sets
	// are the same for all of them, so they cannot carry a key that
	// must be new for each operation.
	shared bool
	send   Send
}

// restyCall fills lc for a resty send on a client configured to retry
// and reports whether it retries.
func (r *recognizer) restyCall(lc *Call, call *ast.CallExpr, fnCur inspector.Cursor) bool {
	fn := lc.Callee
	cfg := &restyConfig{v3: fn.Pkg().Path() == pathRestyV3}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	r.restyRequest(cfg, sel.X, fnCur, call.Pos(), 0)
	s := &cfg.send
	r.restyTarget(cfg, call, fn)
	if r.paramSend(cfg, call, fnCur) {
		return false // the caller's client decides (ParamSend)
	}
	n, ok := r.retryCount(cfg.count)
	if !ok || n <= 0 {
		return false // no retry, or a count the analysis cannot read
	}
	if cfg.v3 {
		switch s.Method {
		case "":
			return false // v3 retries only idempotent methods: unknown is not known to retry
		case http.MethodPost, http.MethodPatch, http.MethodConnect:
			if !cfg.allow {
				return false // sent once
			}
		}
	}
	lc.Library, lc.Send, lc.Rewinds, lc.Ctx = LibResty, s, true, cfg.ctx
	p := lc.Policy
	p.Limit, p.MaxAttempts = cfg.count, n+1
	switch {
	case cfg.constant != nil:
		p.Kind, p.Node, p.Delay = PolicyConstant, cfg.constant, argAt(cfg.constant.(*ast.CallExpr), 0)
	case cfg.strategy:
		// A strategy of the caller's own: its waits are not seen.
	default:
		p.Kind, p.Jitter, p.Delay, p.DefaultDelay = PolicyExponential, true, cfg.wait, 100*time.Millisecond
	}
	return true
}

// restyTarget sets the method and URL of cfg's request, sent by call
// to fn.
func (r *recognizer) restyTarget(cfg *restyConfig, call *ast.CallExpr, fn *types.Func) {
	s := &cfg.send
	switch m := restySendMethods[fn.Name()]; fn.Name() {
	case "Execute":
		s.Method, s.URL = r.restyMethod(argAt(call, 0)), argAt(call, 1)
	case "Send":
		s.Method, s.URL = r.restyMethod(cfg.method), cfg.url
	default:
		s.Method, s.URL = m, argAt(call, 0)
	}
}

// restyMethod returns the upper-case constant method e, or "".
func (r *recognizer) restyMethod(e ast.Expr) string {
	if e == nil {
		return ""
	}
	if s, ok := match.StringConst(r.info, e); ok {
		return strings.ToUpper(s)
	}
	return ""
}

// restyRequest reads the settings of the request x: the Request
// methods chained on it, back to the client's R() or NewRequest(), or
// the variable holding it and the setters called on that variable in
// the function.
func (r *recognizer) restyRequest(cfg *restyConfig, x ast.Expr, fnCur inspector.Cursor, pos token.Pos, depth int) {
	if depth > 16 {
		return
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		fn := match.Callee(r.info, x)
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if fn == nil || !isResty(fn.Pkg()) || !ok {
			return
		}
		path := fn.Pkg().Path()
		switch {
		case match.IsMethod(fn, path, "Client", "R"), match.IsMethod(fn, path, "Client", "NewRequest"):
			r.restyClient(cfg, sel.X, fnCur, pos, depth+1)
		case match.IsMethod(fn, path, "Request", fn.Name()):
			r.restySetter(cfg, x, fn)
			r.restyRequest(cfg, sel.X, fnCur, pos, depth+1)
		}
	case *ast.Ident:
		v, ok := r.info.Uses[x].(*types.Var)
		if !ok || v.Pkg() != r.pass.Pkg || v.IsField() || v.Parent() == v.Pkg().Scope() {
			return // a request shared through a field: not followed
		}
		r.restyModifiers(cfg, v, fnBody(fnCur.Node()))
		if def, _ := r.lastDef(v, fnCur, pos); def != nil {
			r.restyRequest(cfg, def, fnCur, def.Pos(), depth+1)
		}
	}
}

// restyClient reads the settings of the client x: the Client methods
// chained on it, back to its construction, or the variable or field
// holding it (its one value) and the setters called on it (in the
// function, for a local; anywhere in the package, for a field or a
// package variable).
func (r *recognizer) restyClient(cfg *restyConfig, x ast.Expr, fnCur inspector.Cursor, pos token.Pos, depth int) {
	if depth > 16 {
		return
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		fn := match.Callee(r.info, x)
		if fn == nil || !isResty(fn.Pkg()) {
			return
		}
		path := fn.Pkg().Path()
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() == nil && strings.HasPrefix(fn.Name(), "New") {
			cfg.clientSeen = true
			return
		}
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if ok && match.IsMethod(fn, path, "Client", fn.Name()) {
			r.restySetter(cfg, x, fn)
			r.restyClient(cfg, sel.X, fnCur, pos, depth+1)
		}
	case *ast.Ident, *ast.SelectorExpr:
		v, ok := match.ObjectOf(r.info, x).(*types.Var)
		if !ok || v.Pkg() != r.pass.Pkg {
			return
		}
		if v.Kind() == types.ParamVar && cfg.param == nil {
			cfg.param = v
		}
		var scope ast.Node // a field or package variable: the whole package
		if v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField() {
			scope = fnBody(fnCur.Node())
		} else {
			cfg.shared = true
		}
		r.restyModifiers(cfg, v, scope)
		if def, defCur, ok := r.valueOf(x, fnCur, pos); ok {
			r.restyClient(cfg, def, defCur, def.Pos(), depth+1)
		}
	}
}

// restyModifiers applies the resty setters called on v in scope, or
// anywhere in the package when scope is nil.
func (r *recognizer) restyModifiers(cfg *restyConfig, v *types.Var, scope ast.Node) {
	visit := func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if fn := match.Callee(r.info, call); fn != nil && isResty(fn.Pkg()) && r.calledOn(call, v) {
			r.restySetter(cfg, call, fn)
		}
		return true
	}
	if scope != nil {
		ast.Inspect(scope, visit)
		return
	}
	for _, f := range r.pass.Files {
		ast.Inspect(f, visit)
	}
}

// restySetter records the setting made by call, a method fn of a resty
// Client or Request, unless a later one was seen.
func (r *recognizer) restySetter(cfg *restyConfig, call *ast.CallExpr, fn *types.Func) {
	arg := argAt(call, 0)
	s := &cfg.send
	switch fn.Name() {
	case "SetRetryCount":
		if cfg.count == nil {
			cfg.count = arg
		}
	case "SetRetryWaitTime":
		if cfg.wait == nil {
			cfg.wait = arg
		}
	case "SetRetryDelayStrategy":
		if !cfg.strategy {
			cfg.strategy = true
			if c, ok := ast.Unparen(arg).(*ast.CallExpr); ok && match.IsFunc(match.Callee(r.info, c), pathRestyV3, "RetryConstantDelayStrategy") {
				cfg.constant = c
			}
		}
	case "SetRetryAllowNonIdempotent", "SetAllowNonIdempotentRetry": // the latter: v3.0.0-beta.1 to beta.3
		if !cfg.allowSet {
			cfg.allowSet = true
			tv, ok := r.info.Types[arg]
			cfg.allow = ok && tv.Value != nil && tv.Value.String() == "true"
		}
	case "SetContext":
		if cfg.ctx == nil {
			cfg.ctx = arg
		}
	case "SetMethod":
		if cfg.method == nil {
			cfg.method = arg
		}
	case "SetURL":
		if cfg.url == nil {
			cfg.url = arg
		}
	case "SetHeader":
		if name, ok := match.StringConst(r.info, arg); ok {
			s.Headers = append(s.Headers, http.CanonicalHeaderKey(name))
		} else if !cfg.shared || !isClientMethod(fn) {
			s.HeadersUnknown = true
		}
	case "SetHeaders":
		if !cfg.shared || !isClientMethod(fn) {
			r.restyHeaderMap(s, arg)
		}
	case "AddRetryCondition", "AddRetryConditions":
		s.Conditions = append(s.Conditions, call.Args...)
	case "AddRetryAfterErrorCondition":
		if s.RetriesFailures == nil {
			s.RetriesFailures = call
		}
	}
}

// isClientMethod reports whether fn, a resty method, is a Client's.
func isClientMethod(fn *types.Func) bool {
	return match.IsMethod(fn, fn.Pkg().Path(), "Client", fn.Name())
}

// restyHeaderMap records the header names of a map literal handed to
// SetHeaders; any other map may set any header.
func (r *recognizer) restyHeaderMap(s *Send, e ast.Expr) {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		s.HeadersUnknown = true
		return
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			s.HeadersUnknown = true
			continue
		}
		if name, ok := match.StringConst(r.info, kv.Key); ok {
			s.Headers = append(s.Headers, http.CanonicalHeaderKey(name))
		} else {
			s.HeadersUnknown = true
		}
	}
}

// calledOn reports whether call is a resty method called on v, directly
// or at the end of a chain of resty methods (v.SetRetryCount(2).
// AddRetryCondition(f)).
func (r *recognizer) calledOn(call *ast.CallExpr, v *types.Var) bool {
	t, ok := types.Unalias(types.Unalias(v.Type()).Underlying()).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(t.Elem()).(*types.Named)
	if !ok {
		return false
	}
	for range 16 {
		if fn := match.Callee(r.info, call); fn == nil || !isResty(fn.Pkg()) ||
			!match.IsMethod(fn, fn.Pkg().Path(), named.Obj().Name(), fn.Name()) {
			return false // a method of another type: a request made from the client
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if match.ObjectOf(r.info, sel.X) == v {
			return true
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		call = inner
	}
	return false
}
