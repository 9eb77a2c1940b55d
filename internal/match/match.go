// Package match holds the small typed predicates that every retryvet
// check shares: is this call time.Sleep, is this type context.Context, is
// this expression an *http.Response. Calls are known by their objects and
// packages by their import paths, never by the spelling of identifiers.
package match

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Callee returns the function or method that call statically invokes,
// or nil (a call of a func value, a conversion, a builtin).
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// IsFunc reports whether fn is the package-level function path.name.
func IsFunc(fn *types.Func, path, name string) bool {
	if fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != path {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() == nil
}

// errorsPackages are the packages whose Is and As (and AsType) are the
// standard library's (they forward to it, or follow the same chains).
var errorsPackages = map[string]bool{
	"errors": true, "github.com/pkg/errors": true, "golang.org/x/xerrors": true, "github.com/cockroachdb/errors": true,
	"github.com/AdguardTeam/golibs/errors": true,
}

// IsErrorsIs reports whether fn is errors.Is, or the same function of
// github.com/pkg/errors, golang.org/x/xerrors or
// github.com/cockroachdb/errors.
func IsErrorsIs(fn *types.Func) bool { return isErrorsFunc(fn, "Is") }

// IsErrorsAs is IsErrorsIs for As.
func IsErrorsAs(fn *types.Func) bool { return isErrorsFunc(fn, "As") }

// AsType returns, for a call of errors.AsType[E](x) (Go 1.26, or the
// same function of a package in errorsPackages), the type E and x.
func AsType(info *types.Info, call *ast.CallExpr) (types.Type, ast.Expr, bool) {
	fn := Callee(info, call)
	if !isErrorsFunc(fn, "AsType") || len(call.Args) != 1 {
		return nil, nil, false
	}
	res, ok := info.TypeOf(call).(*types.Tuple)
	if !ok || res.Len() != 2 {
		return nil, nil, false
	}
	return res.At(0).Type(), call.Args[0], true
}

func isErrorsFunc(fn *types.Func, name string) bool {
	return fn != nil && fn.Pkg() != nil && errorsPackages[fn.Pkg().Path()] && IsFunc(fn, fn.Pkg().Path(), name)
}

// IsNewError reports whether fn builds a new error from a message and
// nothing else: errors.New, fmt.Errorf, or the New, Errorf and Newf of
// github.com/pkg/errors, golang.org/x/xerrors and
// github.com/cockroachdb/errors.
func IsNewError(fn *types.Func) bool {
	if IsFunc(fn, "errors", "New") || IsFunc(fn, "fmt", "Errorf") {
		return true
	}
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() == "errors" || !errorsPackages[fn.Pkg().Path()] {
		return false
	}
	switch fn.Name() {
	case "New", "Errorf", "Newf":
		return IsFunc(fn, fn.Pkg().Path(), fn.Name())
	}
	return false
}

// IsMethod reports whether fn is the method name declared on the named
// type path.typeName (through a pointer or not; interface methods
// included).
func IsMethod(fn *types.Func, path, typeName, name string) bool {
	if fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != path {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	return IsNamed(sig.Recv().Type(), path, typeName)
}

// IsNamed reports whether t, or the type t points to, is the named type
// path.name (instantiated or not).
func IsNamed(t types.Type, path, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Origin().Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == path
}

// IsContextWith reports whether fn is one of context's constructors
// that return a cancel function: WithCancel, WithTimeout, WithDeadline
// and their Cause forms.
func IsContextWith(fn *types.Func) bool {
	for _, name := range []string{"WithTimeout", "WithDeadline", "WithCancel", "WithTimeoutCause", "WithDeadlineCause", "WithCancelCause"} {
		if IsFunc(fn, "context", name) {
			return true
		}
	}
	return false
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := types.Unalias(t).(*types.Pointer); ok {
		return false
	}
	return IsNamed(t, "context", "Context")
}

// HasContext reports whether t is context.Context or a type that gets
// its Done and Err methods from an embedded context.Context (a
// framework's context struct, such as caddy.Context).
func HasContext(t types.Type) bool {
	if IsContext(t) {
		return true
	}
	if t == nil {
		return false
	}
	for _, name := range []string{"Done", "Err"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		fn, ok := obj.(*types.Func)
		if !ok || !IsMethod(fn, "context", "Context", name) {
			return false
		}
	}
	return true
}

// IsTestingT reports whether t is a testing handle: *testing.T, *B, *F,
// testing.TB, or an interface with testing.TB's Helper and FailNow
// methods (a framework's own TB).
func IsTestingT(t types.Type) bool {
	if t == nil {
		return false
	}
	for _, name := range []string{"T", "B", "F", "TB"} {
		if IsNamed(t, "testing", name) {
			return true
		}
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	has := func(name string) bool {
		for i := range iface.NumMethods() {
			if m := iface.Method(i); m.Name() == name && m.Signature().Params().Len() == 0 {
				return true
			}
		}
		return false
	}
	return has("Helper") && has("FailNow")
}

// IsTestSupport reports whether the package path names test support
// (docs/model.md, Test support is test code): a segment test, tests,
// testutil, testutils, testhelper, testhelpers, testing, e2e or
// integration, or a segment ending in "test" or "tests" (dgraphtest,
// tstest, dendrite-upgrade-tests); and
// hack and scripts, where projects keep developers' and CI's scripts, and
// testsuite, a library's package for its users' tests. The
// standard library's own testing packages (testing, testing/fstest) are
// not exempt from their rules by this: they hold no retries.
func IsTestSupport(path string) bool {
	for seg := range strings.SplitSeq(path, "/") {
		switch seg {
		case "test", "tests", "testutil", "testutils", "testhelper", "testhelpers", "testing", "e2e", "integration":
			return true
		case "hack", "scripts":
			return true // the Kubernetes convention for developers' scripts; scripts run by CI
		case "testsuite":
			return true // a library's support for its users' tests (temporal's)
		}
		if strings.HasSuffix(seg, "test") || strings.HasSuffix(seg, "tests") {
			return true // dgraphtest, tstest; dendrite-upgrade-tests
		}
	}
	return false
}

// IsDevTooling reports whether the package at path, of the module at
// module (empty when unknown), is the module's own developer tooling:
// the module's top-level tools directory (tools/gettool, the programs
// its build downloads or runs). A tools package deeper in the tree
// (pkg/tools) may ship, and is not.
func IsDevTooling(path, module string) bool {
	if module == "" {
		return false
	}
	rest, ok := strings.CutPrefix(path, module+"/")
	return ok && (rest == "tools" || strings.HasPrefix(rest, "tools/"))
}

// IsLocalSystem reports whether fn works on local operating-system
// resources only (files, mounts, processes): packages os, os/exec,
// io/fs, path/filepath, syscall and golang.org/x/sys. Retrying such a
// call competes with no remote server. A command run by os/exec could
// reach one, but the failures retried around exec are local (a binary
// still being written, ETXTBSY, in cmd/go): precision wins.
func IsLocalSystem(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && IsLocalSystemPackage(fn.Pkg().Path())
}

// IsLocalSystemPackage reports whether path is one of the packages of
// IsLocalSystem.
func IsLocalSystemPackage(path string) bool {
	switch path {
	case "os", "os/exec", "io/fs", "path/filepath", "syscall", "golang.org/x/sys/unix", "golang.org/x/sys/windows":
		return true
	}
	return false
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return t != nil && types.Identical(t, errorType)
}

var errorType = types.Universe.Lookup("error").Type()

// IsHTTPResponse reports whether t is *net/http.Response.
func IsHTTPResponse(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(p.Elem(), "net/http", "Response")
}

// IsHTTPRequest reports whether t is *net/http.Request.
func IsHTTPRequest(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(p.Elem(), "net/http", "Request")
}

// ReturnsError reports whether the results of a call of type sig include
// an error.
func ReturnsError(sig *types.Signature) bool {
	res := sig.Results()
	for i := range res.Len() {
		if IsError(res.At(i).Type()) {
			return true
		}
	}
	return false
}

// Signature returns the signature of the function that call invokes, or
// nil for conversions and builtins.
func Signature(info *types.Info, call *ast.CallExpr) *types.Signature {
	tv, ok := info.Types[call.Fun]
	if !ok || tv.IsType() || tv.IsBuiltin() {
		return nil
	}
	sig, _ := tv.Type.Underlying().(*types.Signature)
	return sig
}

// IsConversion reports whether call is a type conversion.
func IsConversion(info *types.Info, call *ast.CallExpr) bool {
	tv, ok := info.Types[call.Fun]
	return ok && tv.IsType()
}

// Imports reports whether pkg imports, directly, any of paths.
func Imports(pkg *types.Package, paths ...string) bool {
	for _, imp := range pkg.Imports() {
		for _, p := range paths {
			if imp.Path() == p {
				return true
			}
		}
	}
	return false
}

// ObjectOf returns the object an identifier or selector expression
// denotes (a variable, a field), or nil.
func ObjectOf(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			return sel.Obj()
		}
		return info.ObjectOf(e.Sel)
	}
	return nil
}

// EachAssign calls f for each expression that statement or spec n
// assigns: lhs, its value (the call itself for a tuple lhs1, lhs2 =
// f(), with tuple true; nil for a var spec without values) and the
// token (token.VAR for a var spec, token.ADD_ASSIGN for +=, ...).
// Other nodes are ignored.
func EachAssign(n ast.Node, f func(lhs, rhs ast.Expr, tuple bool, tok token.Token)) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			switch {
			case len(n.Lhs) == len(n.Rhs):
				f(lhs, n.Rhs[i], false, n.Tok)
			case len(n.Rhs) == 1:
				f(lhs, n.Rhs[0], true, n.Tok)
			}
		}
	case *ast.ValueSpec:
		for i, id := range n.Names {
			switch {
			case len(n.Values) == len(n.Names):
				f(id, n.Values[i], false, token.VAR)
			case len(n.Values) == 1:
				f(id, n.Values[0], true, token.VAR)
			default:
				f(id, nil, false, token.VAR)
			}
		}
	}
}

// LastDef returns the last single-value assignment to v in body before
// pos (for a tuple assignment, the call), and the fields assigned on v
// (v.F = x) between it and pos. It returns nil when body is nil or
// nothing before pos assigns v.
func LastDef(info *types.Info, body *ast.BlockStmt, v types.Object, pos token.Pos) (ast.Expr, map[string]ast.Expr) {
	var def ast.Expr
	fields := make(map[string]ast.Expr)
	if body == nil {
		return nil, nil
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.Pos() >= pos {
			return false
		}
		if n.End() > pos {
			return true // an assignment holding pos: only what precedes it counts
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
				// req, err := NewRequestWithContext(...): the call.
				for _, lhs := range n.Lhs {
					if ObjectOf(info, lhs) == v {
						def = n.Rhs[0]
						clear(fields)
					}
				}
			}
			for i, lhs := range n.Lhs {
				if len(n.Lhs) != len(n.Rhs) {
					break
				}
				if ObjectOf(info, lhs) == v {
					def = n.Rhs[i]
					clear(fields)
				} else if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && ObjectOf(info, sel.X) == v {
					fields[sel.Sel.Name] = n.Rhs[i]
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if info.Defs[id] == v && len(n.Values) == len(n.Names) {
					def = n.Values[i]
					clear(fields)
				}
			}
		}
		return true
	})
	return def, fields
}

// IsHTTPSend reports whether fn sends a request and returns a response
// whose body the caller must close: (*http.Client).Do, Get, Head, Post,
// PostForm, and the package-level Get, Head, Post and PostForm.
func IsHTTPSend(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net/http" {
		return false
	}
	switch fn.Name() {
	case "Do":
		return IsMethod(fn, "net/http", "Client", "Do")
	case "Get", "Head", "Post", "PostForm":
		return IsMethod(fn, "net/http", "Client", fn.Name()) || IsFunc(fn, "net/http", fn.Name())
	}
	return false
}

// nonClosers are the standard packages whose functions read or print a
// response or its body but never close it.
var nonClosers = map[string]bool{
	"io": true, "io/ioutil": true, "fmt": true, "log": true, "log/slog": true,
	"encoding/json": true, "encoding/xml": true, "bufio": true, "bytes": true,
	"strings": true, "errors": true, "net/http/httputil": true, "mime": true,
}

// NeverCloses reports whether fn belongs to a standard package that
// reads or prints a response or body handed to it but never closes it
// (io.ReadAll, io.Copy, fmt.Errorf, json.NewDecoder).
func NeverCloses(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && nonClosers[fn.Pkg().Path()]
}

// IsNil reports whether e is the untyped nil.
func IsNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// HasMethod reports whether t (or *t) has a method of that name.
func HasMethod(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// Mentions reports whether n refers to the object v (function literals
// included).
func Mentions(info *types.Info, n ast.Node, v types.Object) bool {
	if n == nil {
		return false // an absent expression (a wait whose duration is not seen)
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// FuncName names fn for messages and facts: pkg.Func, or pkg.Type.Method
// for a method of a named type (pointer receivers included).
func FuncName(fn *types.Func) string {
	name := fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// StringConst returns the value of e when it is a constant string.
func StringConst(info *types.Info, e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// StmtList returns the list of statements n holds directly: a block's,
// or a case or select clause's body; ok is false for any other node.
func StmtList(n ast.Node) (list []ast.Stmt, ok bool) {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List, true
	case *ast.CaseClause:
		return n.Body, true
	case *ast.CommClause:
		return n.Body, true
	}
	return nil, false
}

// AnswersOnly reports whether the function body of a classifier (a
// func(error) bool) answers true only when test holds: each of its
// returns answers constant false, or an expression test accepts, or
// constant true right in the body of an if whose condition test accepts;
// and at least one return can answer true. Function literals inside
// body are not its returns.
func AnswersOnly(info *types.Info, body *ast.BlockStmt, test func(ast.Expr) bool) bool {
	if body == nil {
		return false
	}
	boolConst := func(e ast.Expr) (value, ok bool) {
		tv, found := info.Types[e]
		if !found || tv.Value == nil || tv.Value.Kind() != constant.Bool {
			return false, false
		}
		return constant.BoolVal(tv.Value), true
	}
	answers, only := false, true
	EachReturn(body, func(ret *ast.ReturnStmt, guard *ast.IfStmt) bool {
		if len(ret.Results) != 1 {
			only = false
			return false
		}
		switch v, isConst := boolConst(ret.Results[0]); {
		case isConst && !v:
		case isConst:
			answers = true
			only = guard != nil && test(guard.Cond)
		case test(ret.Results[0]):
			answers = true
		default:
			only = false
		}
		return only
	})
	return answers && only
}

// EachReturn calls fn for each return statement of the function body
// (not those of function literals inside it), in source order, with
// the if statement whose body holds the return directly, or nil; it
// stops when fn returns false.
func EachReturn(body *ast.BlockStmt, fn func(ret *ast.ReturnStmt, guard *ast.IfStmt) bool) {
	more := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if _, lit := n.(*ast.FuncLit); lit || !more {
			return false
		}
		stack = append(stack, n)
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			return true
		}
		// stack ends with the if, its body, the return.
		var guard *ast.IfStmt
		if len(stack) >= 3 {
			if ifs, ok := stack[len(stack)-3].(*ast.IfStmt); ok && ifs.Body == stack[len(stack)-2] {
				guard = ifs
			}
		}
		more = fn(ret, guard)
		return true
	})
}

// OnlyWhen reports whether cond can hold only when leaf holds of a part
// of it: cond is a leaf, a disjunction of such conditions, or a
// conjunction with one.
func OnlyWhen(cond ast.Expr, leaf func(ast.Expr) bool) bool {
	if be, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok {
		switch be.Op {
		case token.LOR:
			return OnlyWhen(be.X, leaf) && OnlyWhen(be.Y, leaf)
		case token.LAND:
			return OnlyWhen(be.X, leaf) || OnlyWhen(be.Y, leaf)
		}
	}
	return leaf(ast.Unparen(cond))
}

// IsGRPCCode reports whether c is one of gRPC's status codes
// (codes.Unavailable, codes.NotFound, ...).
func IsGRPCCode(c *types.Const) bool {
	return c != nil && c.Pkg() != nil && c.Pkg().Path() == "google.golang.org/grpc/codes" && c.Parent() == c.Pkg().Scope()
}

// GRPCServerFailure reports whether the gRPC code c is one a failing
// server gives: a transient one, worth retrying (the server did not do
// the work: Unavailable, ResourceExhausted, Aborted; or the attempt ran
// out of time: DeadlineExceeded, for an interceptor that gives each
// attempt its own deadline), or one of gRPC's 500s, the server's own
// failure (Internal) or one it did not say (Unknown). The other codes
// say the server answered and refused (InvalidArgument, NotFound, ...)
// or the caller gave up (Canceled).
func GRPCServerFailure(c *types.Const) bool {
	switch c.Name() {
	case "Unavailable", "ResourceExhausted", "Aborted", "DeadlineExceeded", "Internal", "Unknown":
		return true
	}
	return false
}

// IsClassifier reports whether t is a func(error) bool: a classifier of
// failures, as handed to retry-go's RetryIf.
func IsClassifier(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 1 || !IsError(sig.Params().At(0).Type()) {
		return false
	}
	b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// OpeningCall returns the call that opens a body whose statements are
// list, and the return that leaves on its failure: after checks that
// only return (if attempts > max { return err }), the first statement
// assigns the call's results, an error last (tx, err := db.Begin(ctx),
// or err =), and the next is if err != nil { ...; return ... }. It
// returns nil, nil for any other shape.
func OpeningCall(info *types.Info, list []ast.Stmt) (*ast.CallExpr, *ast.ReturnStmt) {
	for len(list) > 0 {
		ifs, ok := list[0].(*ast.IfStmt)
		if !ok || ifs.Else != nil || len(ifs.Body.List) == 0 {
			break
		}
		if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
			break
		}
		list = list[1:]
	}
	if len(list) < 2 {
		return nil, nil
	}
	as, ok := list[0].(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
		return nil, nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	errVar := ObjectOf(info, as.Lhs[len(as.Lhs)-1])
	if errVar == nil || !IsError(errVar.Type()) {
		return nil, nil
	}
	ifs, ok := list[1].(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return nil, nil
	}
	be, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ || ObjectOf(info, be.X) != errVar || !IsNil(info, be.Y) {
		return nil, nil
	}
	ret, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt)
	if !ok {
		return nil, nil
	}
	return call, ret
}
