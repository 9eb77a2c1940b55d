package idempotency

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/http"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/sqltext"
)

const pathRetryableHTTP = "github.com/hashicorp/go-retryablehttp"

// An operation is a call that performs a side effect unsafe to repeat.
type operation struct {
	node     ast.Node
	category string
	message  string // the finding when the call is retried
	verb     string // what a function making the call does, for its fact
	related  []analysis.RelatedInformation
	// retried reports a request sent through retryablehttp, which
	// retries it itself: a finding wherever it is.
	retried bool
}

// operation returns the side effect call performs, or nil. f is the
// declaration holding the call and rg the retry it is checked in (nil
// when the call is looked at for f's fact).
func (r *run) operation(call *ast.CallExpr, f *callgraph.Func, rg *region) *operation {
	fn := match.Callee(r.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	if op := r.httpOperation(call, fn, f); op != nil {
		return op
	}
	return r.sqlOperation(call, fn, f, rg)
}

// header names the key header in messages.
func (r *run) header() string {
	if len(r.cfg.Headers) == 0 {
		return "idempotency key"
	}
	return r.cfg.Headers[0]
}

func (r *run) httpOperation(call *ast.CallExpr, fn *types.Func, f *callgraph.Func) *operation {
	is := func(path, typ string, names ...string) bool {
		for _, n := range names {
			if typ == "" && match.IsFunc(fn, path, n) || typ != "" && match.IsMethod(fn, path, typ, n) {
				return true
			}
		}
		return false
	}
	h := r.header()
	if s := r.resty[call]; s != nil {
		return r.restyOperation(call, s, h)
	}
	switch {
	case is("net/http", "", "Post", "PostForm") || is("net/http", "Client", "Post", "PostForm"):
		if r.testServer(arg(call, 0)) || r.mayBeRead(arg(call, 0), nil) {
			return nil
		}
		if r.std[call] {
			return &operation{
				node:     call,
				category: "idempotency/http",
				message:  fmt.Sprintf("retryablehttp's StandardClient retries this POST, which has no %s header, so it can take effect twice; send a request that sets one with Do", h),
				verb:     "POSTs without an " + h + " header",
				retried:  true,
			}
		}
		return &operation{
			node:     call,
			category: "idempotency/http",
			message:  fmt.Sprintf("retried %s sends a POST without an %s header and can take effect twice; send a request that sets one, the same on every attempt", match.FuncName(fn), h),
			verb:     "POSTs without an " + h + " header",
		}
	case is(pathRetryableHTTP, "", "Post", "PostForm") || is(pathRetryableHTTP, "Client", "Post", "PostForm"):
		return &operation{
			node:     call,
			category: "idempotency/http",
			message:  fmt.Sprintf("%s retries a POST that has no %s header, so it can take effect twice; send a request that sets one", match.FuncName(fn), h),
			verb:     "POSTs without an " + h + " header",
			retried:  true,
		}
	case is("net/http", "Client", "Do") || is(pathRetryableHTTP, "Client", "Do"):
		if len(call.Args) != 1 {
			return nil
		}
		method, def := r.request(call.Args[0], f.Decl.Body, call.Pos(), nil)
		if method == "" {
			return nil
		}
		op := &operation{
			node:     call,
			category: "idempotency/http",
			verb:     fmt.Sprintf("sends a %s without an %s header", method, h),
			related:  []analysis.RelatedInformation{{Pos: def.Pos(), End: def.End(), Message: "request built here"}},
		}
		if fn.Pkg().Path() == pathRetryableHTTP || r.std[call] {
			op.retried = true
			op.message = fmt.Sprintf("retryablehttp retries this %s, which has no %s header, so it can take effect twice; set one on the request", method, h)
		} else {
			op.message = fmt.Sprintf("retried %s request has no %s header and can take effect twice; set one, the same on every attempt", method, h)
		}
		return op
	}
	return nil
}

// request resolves the request e sent at pos to the call that built it.
// It returns the request's method when it is a constant POST or PATCH
// to a path that is seen not to be a read (mayBeRead) and no header that may carry
// a key is set on the request, or "". bind maps the parameters of a
// function looked into from a call site to the call's arguments.
func (r *run) request(e ast.Expr, body *ast.BlockStmt, pos token.Pos, bind map[types.Object]ast.Expr) (string, ast.Expr) {
	info := r.pass.TypesInfo
	var vars []types.Object
	for range 4 { // req2 := req.WithContext(ctx): a few steps at most
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			v, ok := match.ObjectOf(info, e).(*types.Var)
			if !ok || v.Parent() == nil { // a field or nothing: not followed
				return "", nil
			}
			vars = append(vars, v)
			def, _ := match.LastDef(info, body, v, pos)
			if call, ok = ast.Unparen(def).(*ast.CallExpr); !ok {
				return "", nil
			}
		}
		fn := match.Callee(info, call)
		if fn == nil || fn.Pkg() == nil {
			return "", nil
		}
		path := fn.Pkg().Path()
		if fn.Pkg() == r.pass.Pkg && bind == nil {
			// c.newRequest(ctx, http.MethodPost, path): the request is
			// built one level down, with the method its caller passes.
			m := r.builtRequest(fn, call)
			if m == "" {
				return "", nil
			}
			for _, v := range vars {
				if r.mayCarryKey(v, body) {
					r.madeSafe = SafeKey
					return "", nil
				}
			}
			return m, call
		}
		if path != "net/http" && path != pathRetryableHTTP {
			return "", nil
		}
		var method, target ast.Expr
		switch fn.Name() {
		case "NewRequest":
			method, target = arg(call, 0), arg(call, 1)
		case "NewRequestWithContext":
			method, target = arg(call, 1), arg(call, 2)
		case "WithContext", "Clone":
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return "", nil
			}
			e, pos = sel.X, call.Pos()
			continue
		case "FromRequest":
			e, pos = arg(call, 0), call.Pos()
			continue
		default:
			return "", nil
		}
		m := constString(info, bound(info, method, bind))
		if m != "POST" && m != "PATCH" || r.testServer(target) || r.mayBeRead(target, bind) {
			return "", nil
		}
		for _, v := range vars {
			if r.mayCarryKey(v, body) {
				r.madeSafe = SafeKey
				return "", nil
			}
		}
		return m, call
	}
	return "", nil
}

// bound returns the call-site argument bound to e when e names a
// parameter in bind, and e otherwise.
func bound(info *types.Info, e ast.Expr, bind map[types.Object]ast.Expr) ast.Expr {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if a, ok := bind[info.Uses[id]]; ok {
			return a
		}
	}
	return e
}

// builtRequest returns the method of the request that fn, a function of
// the package, builds and returns when called by call, as request
// resolves it with fn's parameters bound to call's arguments: "POST" for
// c.newRequest(ctx, http.MethodPost, "/orders") when newRequest hands its
// method to http.NewRequest and sets no key. It returns "" otherwise.
func (r *run) builtRequest(fn *types.Func, call *ast.CallExpr) string {
	if r.marked[fn] {
		return ""
	}
	f := r.graph.Func(fn)
	if f == nil || f.Decl.Body == nil {
		return ""
	}
	bind := bindArgs(r.pass.TypesInfo, f.Decl, call)
	method := ""
	ast.Inspect(f.Decl.Body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || method != "" {
			return false
		}
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			return true
		}
		for _, res := range ret.Results {
			if match.IsHTTPRequest(r.pass.TypesInfo.TypeOf(res)) && !match.IsNil(r.pass.TypesInfo, res) {
				method, _ = r.request(res, f.Decl.Body, ret.Pos(), bind)
			}
		}
		return false
	})
	return method
}

// bindArgs maps the parameters of decl to the arguments of call, a call
// of it; with a variadic spread (f(xs...)) it binds nothing.
func bindArgs(info *types.Info, decl *ast.FuncDecl, call *ast.CallExpr) map[types.Object]ast.Expr {
	bind := make(map[types.Object]ast.Expr)
	if call.Ellipsis.IsValid() {
		return bind
	}
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if obj := info.Defs[name]; obj != nil && i < len(call.Args) {
				bind[obj] = call.Args[i]
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return bind
}

// boundEffect returns the effect of a call of a same-package function
// that sends a request whose method is one of its parameters, bound at
// this call to a constant POST or PATCH (httpReq(ctx, http.MethodPost,
// u)): one level down, as the model reads A5 over HTTP.
func (r *run) boundEffect(s callgraph.Site) *Effect {
	if s.Callee == nil || s.Callee.Pkg() != r.pass.Pkg || r.marked[s.Callee] {
		return nil
	}
	f := r.graph.Func(s.Callee)
	if f == nil || f.Decl.Body == nil {
		return nil
	}
	bind := bindArgs(r.pass.TypesInfo, f.Decl, s.Call)
	for _, inner := range f.Calls {
		if !match.IsMethod(inner.Callee, "net/http", "Client", "Do") || len(inner.Call.Args) != 1 {
			continue
		}
		if method, _ := r.request(inner.Call.Args[0], f.Decl.Body, inner.Call.Pos(), bind); method != "" {
			return &Effect{
				Chain: []string{match.FuncName(s.Callee)},
				Op:    fmt.Sprintf("sends a %s without an %s header", method, r.header()),
				HTTP:  true,
			}
		}
	}
	return nil
}

// readSegments are the last path segments of a POST that reads rather
// than writes (docs/model.md, A5 over HTTP is direct).
var readSegments = map[string]bool{
	"search": true, "query": true, "graphql": true, "token": true, "oauth": true,
	"login": true, "logout": true, "auth": true, "refresh": true, "renew": true,
	"keepalive": true, "lease": true, "health": true, "ping": true, "status": true,
	"lookup": true, "validate": true, "verify": true, "dns-query": true,
	// Beyond the model's list: computations with no state to repeat
	// (a KMS's sign, encrypt and decrypt), and a revocation, which
	// leaves the same state however often it is applied.
	"sign": true, "encrypt": true, "decrypt": true, "revoke": true,
}

// mayBeRead reports whether the POST to the URL e may be a read in
// disguise: its constant tail ends in a read-like path segment (a
// search, a query, a token exchange; Elasticsearch's _search too), or
// the analysis cannot see its last segment at all (a URL from a field,
// a parameter, a configuration). A rule that cannot be decided from
// what the analysis sees is not reported (docs/model.md).
func (r *run) mayBeRead(e ast.Expr, bind map[types.Object]ast.Expr) bool {
	tail, whole := r.constTail(bound(r.pass.TypesInfo, e, bind), bind, 0)
	if i := strings.IndexAny(tail, "?#"); i >= 0 {
		tail = tail[:i]
	}
	tail = strings.TrimRight(tail, "/")
	i := strings.LastIndexByte(tail, '/')
	if i < 0 && !whole || tail == "" {
		return true // the segment begins in the unknown head
	}
	if whole && i < 0 {
		return true // no path at all
	}
	seg := strings.ToLower(tail[i+1:])
	seg = strings.TrimPrefix(seg, "_")
	if j := strings.IndexByte(seg, '.'); j > 0 {
		seg = seg[:j] // token.json
	}
	return readSegments[seg]
}

// constTail returns the known constant tail of a string expression, and
// whether it is the whole string: a constant, the right of a
// concatenation, the text of a fmt.Sprintf format after its last verb.
func (r *run) constTail(e ast.Expr, bind map[types.Object]ast.Expr, depth int) (string, bool) {
	info := r.pass.TypesInfo
	if e == nil || depth > 4 {
		return "", false
	}
	e = ast.Unparen(e)
	if s := constString(info, e); s != "" {
		return s, true
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			y, whole := r.constTail(bound(info, e.Y, bind), bind, depth+1)
			if whole {
				x, xwhole := r.constTail(bound(info, e.X, bind), bind, depth+1)
				if xwhole {
					return x + y, true
				}
			}
			return y, false
		}
	case *ast.CallExpr:
		if match.IsFunc(match.Callee(info, e), "fmt", "Sprintf") && len(e.Args) > 0 {
			format := constString(info, e.Args[0])
			if i := strings.LastIndexByte(format, '%'); i >= 0 && i+1 < len(format) {
				return format[i+2:], false
			}
			return format, len(e.Args) == 1
		}
	}
	return "", false
}

// testServer reports whether the URL e is an httptest.Server's: the
// server belongs to the test, and a repeated request duplicates nothing
// anyone else sees (net/http's serve_test.go).
func (r *run) testServer(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "URL" {
		return false
	}
	t := r.pass.TypesInfo.TypeOf(sel.X)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return match.IsNamed(t, "net/http/httptest", "Server")
}

func arg(call *ast.CallExpr, i int) ast.Expr {
	if i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}

func constString(info *types.Info, e ast.Expr) string {
	s, _ := match.StringConst(info, e)
	return s
}

// headerState caches mayCarryKey.
type headerState uint8

const (
	headerUnknown headerState = iota
	headerNoKey
	headerMayKey
)

// mayCarryKey reports whether the request variable v may carry a key
// header: one of the configured names is set on its Header, a header
// whose name or contents the analysis cannot see is (req.Header = h,
// Set(k, v) with a variable k), or v is handed to a function that may
// set headers.
func (r *run) mayCarryKey(v types.Object, body *ast.BlockStmt) bool {
	if s := r.headers[v]; s != headerUnknown {
		return s == headerMayKey
	}
	state := headerNoKey
	if bc, ok := r.in.Root().FindNode(body); ok {
		for c := range bc.Preorder((*ast.Ident)(nil)) {
			if r.pass.TypesInfo.Uses[c.Node().(*ast.Ident)] == v && r.useMayKey(c) {
				state = headerMayKey
				break
			}
		}
	}
	r.headers[v] = state
	return state == headerMayKey
}

// useMayKey classifies one use of a request variable.
func (r *run) useMayKey(c inspector.Cursor) bool {
	info := r.pass.TypesInfo
	switch c.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		// Through embedded fields (retryablehttp's Request) to Header.
		c = c.Parent()
		for {
			f, ok := match.ObjectOf(info, c.Node().(*ast.SelectorExpr)).(*types.Var)
			if !ok || !f.IsField() {
				return false
			}
			if f.Name() == "Header" && f.Pkg() != nil && f.Pkg().Path() == "net/http" {
				return r.headerMayKey(c)
			}
			if !f.Embedded() || c.ParentEdgeKind() != edge.SelectorExpr_X {
				return false
			}
			c = c.Parent()
		}
	case edge.CallExpr_Args:
		fn := match.Callee(info, c.Parent().Node().(*ast.CallExpr))
		switch {
		case match.IsMethod(fn, "net/http", "Client", "Do"),
			match.IsMethod(fn, pathRetryableHTTP, "Client", "Do"),
			match.IsFunc(fn, pathRetryableHTTP, "FromRequest"):
			return false
		}
		return true // a helper may set headers
	case edge.AssignStmt_Rhs, edge.CompositeLit_Elts, edge.KeyValueExpr_Value, edge.UnaryExpr_X:
		return true // an alias may set headers
	}
	return false
}

// headerMayKey classifies a use of req.Header at c.
func (r *run) headerMayKey(c inspector.Cursor) bool {
	info := r.pass.TypesInfo
	switch c.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		sel := c.Parent()
		if sel.ParentEdgeKind() != edge.CallExpr_Fun {
			return false
		}
		call := sel.Parent().Node().(*ast.CallExpr)
		fn := match.Callee(info, call)
		if match.IsMethod(fn, "net/http", "Header", "Set") || match.IsMethod(fn, "net/http", "Header", "Add") {
			return r.keyName(arg(call, 0))
		}
	case edge.IndexExpr_X:
		ix := c.Parent()
		if ix.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return r.keyName(ix.Node().(*ast.IndexExpr).Index)
		}
	case edge.AssignStmt_Lhs:
		as := c.Parent().Node().(*ast.AssignStmt)
		i := c.ParentEdgeIndex()
		if len(as.Lhs) != len(as.Rhs) {
			return true
		}
		lit, ok := ast.Unparen(as.Rhs[i]).(*ast.CompositeLit)
		if !ok {
			return true // a header map from elsewhere
		}
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok || r.keyName(kv.Key) {
				return true
			}
		}
	case edge.CallExpr_Args:
		return true // copied into by a helper
	}
	return false
}

// keyName reports whether a header name may be a key header: one of the
// configured names, or not a constant.
func (r *run) keyName(e ast.Expr) bool {
	tv, ok := r.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return true
	}
	name := constant.StringVal(tv.Value)
	for _, h := range r.cfg.Headers {
		if strings.EqualFold(h, name) {
			return true
		}
	}
	return false
}

// sqlMethods are the methods of database/sql, sqlx and pgx (and of the
// interfaces that mirror them, such as sqlc's DBTX) that send a query.
var sqlMethods = map[string]bool{
	"Exec": true, "ExecContext": true, "Query": true, "QueryContext": true,
	"QueryRow": true, "QueryRowContext": true,
	"MustExec": true, "MustExecContext": true, "NamedExec": true, "NamedExecContext": true,
	"NamedQuery": true, "NamedQueryContext": true, "Get": true, "GetContext": true,
	"Select": true, "SelectContext": true, "Queryx": true, "QueryxContext": true,
	"QueryRowx": true, "QueryRowxContext": true,
}

// prepareMethods make a prepared statement from a query.
var prepareMethods = map[string]bool{"Prepare": true, "PrepareContext": true, "Preparex": true, "PreparexContext": true}

func (r *run) sqlOperation(call *ast.CallExpr, fn *types.Func, f *callgraph.Func, rg *region) *operation {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !sqlMethods[fn.Name()] {
		return nil
	}
	info := r.pass.TypesInfo
	recv := sel.X
	var query string
	if match.IsNamed(info.TypeOf(recv), "database/sql", "Stmt") {
		// A prepared statement: the query is where it was prepared.
		v, ok := match.ObjectOf(info, recv).(*types.Var)
		if !ok {
			return nil
		}
		def, _ := match.LastDef(info, f.Decl.Body, v, call.Pos())
		prep, ok := ast.Unparen(def).(*ast.CallExpr)
		if !ok {
			return nil
		}
		pfn := match.Callee(info, prep)
		psel, ok := ast.Unparen(prep.Fun).(*ast.SelectorExpr)
		if pfn == nil || !ok || !prepareMethods[pfn.Name()] {
			return nil
		}
		query, recv = r.queryArg(prep, pfn), psel.X
	} else {
		query = r.queryArg(call, fn)
	}
	if query == "" {
		return nil
	}
	risk := sqltext.Check(query)
	if risk.Kind == sqltext.Safe {
		if sqltext.Upsert(query) {
			r.madeSafe = SafeUpsert
		}
		return nil
	}
	if r.ownTransaction(recv, rg) {
		if rg != nil {
			r.madeSafe = SafeTransaction
		}
		return nil
	}
	op := &operation{node: call, category: "idempotency/sql"}
	switch risk.Kind {
	case sqltext.Insert:
		op.message = "retried INSERT without ON CONFLICT can write the row twice; make it an upsert or begin the transaction inside the attempt"
		op.verb = "runs an INSERT without ON CONFLICT"
	case sqltext.Relative:
		op.message = fmt.Sprintf("retried UPDATE adds to %s on every attempt; compare %s or a version column in its WHERE clause", risk.Column, risk.Column)
		op.verb = fmt.Sprintf("runs an UPDATE that adds to %s with no guard in WHERE", risk.Column)
	}
	return op
}

// queryArg returns the constant query text of a call of a
// database/sql-shaped method: the first string parameter, preceded by
// nothing but a context and a destination (any).
func (r *run) queryArg(call *ast.CallExpr, fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	params := sig.Params()
	for i := 0; i < params.Len() && i < 3; i++ {
		if sig.Variadic() && i == params.Len()-1 {
			return ""
		}
		t := params.At(i).Type()
		if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.String {
			return constString(r.pass.TypesInfo, arg(call, i))
		}
		if it, ok := t.Underlying().(*types.Interface); !match.IsContext(t) && (!ok || !it.Empty()) {
			return ""
		}
	}
	return ""
}

// ownTransaction reports whether recv is a transaction (a value with
// Commit and Rollback methods) that a failed attempt rolls back: one
// begun inside the retry rg, or, when rg is nil (the call is looked at
// for a fact), any transaction: one begun by the function itself or
// handed in by a caller, whose retry decides.
func (r *run) ownTransaction(recv ast.Expr, rg *region) bool {
	t := r.pass.TypesInfo.TypeOf(recv)
	if t == nil || !match.HasMethod(t, "Commit") || !match.HasMethod(t, "Rollback") {
		return false
	}
	if rg == nil {
		return true
	}
	v, ok := match.ObjectOf(r.pass.TypesInfo, recv).(*types.Var)
	return ok && rg.node.Pos() <= v.Pos() && v.Pos() < rg.node.End()
}

// restyOperation returns the side effect of a request s that a resty
// client retries, call sending it: a POST or PATCH to a path that is
// not seen to be a read, with no header set that may carry a key.
func (r *run) restyOperation(call *ast.CallExpr, s *retryloop.Send, h string) *operation {
	if s.Method != http.MethodPost && s.Method != http.MethodPatch || s.HeadersUnknown || r.mayBeRead(s.URL, nil) {
		return nil
	}
	for _, set := range s.Headers {
		for _, key := range r.cfg.Headers {
			if strings.EqualFold(set, key) {
				return nil
			}
		}
	}
	return &operation{
		node:     call,
		category: "idempotency/http",
		message:  fmt.Sprintf("resty retries this %s, which has no %s header, so it can take effect twice; set one on the request or the client", s.Method, h),
		verb:     fmt.Sprintf("sends a %s without an %s header", s.Method, h),
		retried:  true,
	}
}
