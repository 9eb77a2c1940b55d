package retryloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/internal/match"
)

// A ParamSend is a request sent through a resty client that the
// sending function is handed as a parameter, with no retry count set on
// the request: whether it is retried is the caller's client's business
// (an SDK's one client, built and configured in one package and handed
// to a function per endpoint in others: Infisical's go-sdk).
type ParamSend struct {
	Call  *ast.CallExpr // the send
	Func  *types.Func   // the function holding it, Param's owner
	Param int           // the index of the client parameter
	// Send is what the request itself sets: method, URL, headers,
	// conditions. The client's headers are added by the caller.
	Send *Send
	// V3 reports resty v3, which retries a POST or PATCH only when
	// allowed; Allow reports that the request allows it.
	V3, Allow bool
}

// A ClientConfig is what a caller's resty client is seen to be
// configured with.
type ClientConfig struct {
	// Count is the retry count: a constant, or the constant a local is
	// set to before an override in an if (a default a user setting may
	// replace).
	Count int64
	// Headers and HeadersUnknown are the headers the client sets.
	Headers        []string
	HeadersUnknown bool
	// Allow reports v3's SetRetryAllowNonIdempotent(true) on the client.
	Allow bool
	// InTest reports that the call handing the client is test code.
	InTest bool
}

// paramSend records the send call of the function at fnCur as a
// ParamSend when cfg's client is a parameter of the declaration holding
// it and no retry count was seen, and reports whether it did.
func (r *recognizer) paramSend(cfg *restyConfig, call *ast.CallExpr, fnCur inspector.Cursor) bool {
	if cfg.count != nil || cfg.param == nil {
		return false
	}
	for c := range fnCur.Enclosing((*ast.FuncDecl)(nil)) {
		decl := c.Node().(*ast.FuncDecl)
		fn, ok := r.info.Defs[decl.Name].(*types.Func)
		if !ok {
			return false
		}
		params := fn.Signature().Params()
		for i := range params.Len() {
			if params.At(i) == cfg.param {
				send := cfg.send
				r.paramSends = append(r.paramSends, &ParamSend{Call: call, Func: fn, Param: i, Send: &send, V3: cfg.v3, Allow: cfg.allow})
				return true
			}
		}
	}
	return false
}

// RestyClient returns the configuration of the resty client handed to
// call as its argument i, when the client is seen to retry (a retry
// count above zero), or nil.
func (res *Result) RestyClient(call *ast.CallExpr, i int) *ClientConfig {
	r := res.rec
	arg := argAt(call, i)
	if r == nil || arg == nil {
		return nil
	}
	c, ok := r.inspector().Root().FindNode(call)
	if !ok {
		return nil
	}
	fnCur, ok := enclosingFunc(c)
	if !ok {
		return nil
	}
	cfg := &restyConfig{}
	r.restyClient(cfg, arg, fnCur, call.Pos(), 0)
	n, ok := r.retryCount(cfg.count)
	if !ok || n <= 0 {
		return nil
	}
	return &ClientConfig{Count: n, Headers: cfg.send.Headers, HeadersUnknown: cfg.send.HeadersUnknown, Allow: cfg.allow, InTest: r.testCode(fnCur)}
}

// retryCount returns the value of a retry count: a constant, or a local
// set to a constant where it is declared and assigned again only inside
// if statements (maxRetries := 3; if cfg.Retries != nil { maxRetries =
// ... }): the default, which a setting may override.
func (r *recognizer) retryCount(e ast.Expr) (int64, bool) {
	if e == nil {
		return 0, false
	}
	if n, ok := r.intConst(e); ok {
		return n, true
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := r.info.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.LocalVar || v.Parent() == nil {
		return 0, false
	}
	scope := v.Parent()
	var file *ast.File
	for _, f := range r.pass.Files {
		if f.FileStart <= v.Pos() && v.Pos() < f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return 0, false
	}
	var (
		def   ast.Expr
		other bool // an assignment outside an if statement
		depth int  // if statements enclosing the node
		stack []ast.Node
	)
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			if _, ok := stack[len(stack)-1].(*ast.IfStmt); ok {
				depth--
			}
			stack = stack[:len(stack)-1]
			return true
		}
		if n.End() < scope.Pos() || n.Pos() > scope.End() {
			return false
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.IfStmt:
			depth++
		case *ast.AssignStmt, *ast.ValueSpec:
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
				id := identOf(lhs)
				if id == nil || r.info.ObjectOf(id) != v {
					return
				}
				switch {
				case r.info.Defs[id] == v && !tuple && rhs != nil:
					def = rhs
				case depth == 0 || tok != token.ASSIGN:
					other = true // set unconditionally, or stepped
				}
			})
		case *ast.UnaryExpr:
			if n.Op == token.AND && r.info.ObjectOf(identOf(n.X)) == v {
				other = true // &maxRetries: set anywhere
			}
		case *ast.IncDecStmt:
			if r.info.ObjectOf(identOf(n.X)) == v {
				other = true
			}
		}
		return true
	})
	if def == nil || other {
		return 0, false
	}
	return r.intConst(def)
}
