package reqbody

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

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
const Name = "reqbody"

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

// New returns a reqbody analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	return &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/reqbody.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer, inspect.Analyzer, callgraph.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
}

type checker struct {
	cfg Config
}

const message = "request body cannot be rewound, so a retry sends it empty or fails; buffer the payload and build the request in each attempt"

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	if !match.Imports(pass.Pkg, "net/http") {
		// Every body the check can see is set through net/http: a
		// NewRequest, a Request literal or its Body field.
		return rep.Result(), nil
	}
	res := retryloop.Of(pass)
	r := &run{
		pass:  pass,
		in:    pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		graph: pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph),
	}
	reported := make(map[ast.Node]bool)
	check := func(region ast.Node, related analysis.RelatedInformation, by string) {
		for _, s := range r.resends(region) {
			if reported[s.call] {
				continue
			}
			reported[s.call] = true
			rep.Report(analysis.Diagnostic{
				Pos:      s.call.Pos(),
				End:      s.call.End(),
				Category: Name + "/body",
				Message:  message + by,
				Related: []analysis.RelatedInformation{
					related,
					{Pos: s.body.Pos(), End: s.body.End(), Message: "body set here, with no GetBody to rewind it"},
				},
			})
		}
	}
	for _, l := range res.Loops() {
		check(l.Body, analysis.RelatedInformation{Pos: l.Stmt.Pos(), Message: "retry loop"}, "")
	}
	for _, call := range res.Calls {
		if call.Library == retryloop.LibRetryableHTTP {
			continue // it rewinds the body itself
		}
		by := " (retried by " + call.Name() + ")"
		switch op := call.Op.(type) {
		case *ast.FuncLit:
			check(op.Body, analysis.RelatedInformation{Pos: call.Call.Pos(), Message: "retried here"}, by)
		case *ast.FuncDecl:
			check(op.Body, analysis.RelatedInformation{Pos: call.Call.Pos(), Message: "retried here"}, by)
		}
	}
	return rep.Result(), nil
}

// run holds the state of one pass.
type run struct {
	pass  *analysis.Pass
	in    *inspector.Inspector
	graph *callgraph.Graph
}

// A resend is a Do in a retry that sends a request whose body cannot
// be rewound.
type resend struct {
	call *ast.CallExpr // the Do
	body ast.Node      // where the body was set
}

// resends returns the calls of (*http.Client).Do in region that send a
// request built outside region, in the same function or an enclosing
// one, whose body cannot be rewound, when region does nothing to
// rewind it: no use of req.GetBody, no assignment to req.Body or req,
// no Seek, no check of req.Body against nil. A request handed in as a
// parameter is its caller's: it may carry a GetBody.
func (r *run) resends(region ast.Node) []resend {
	info := r.pass.TypesInfo
	var out []resend
	ast.Inspect(region, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !match.IsMethod(match.Callee(info, call), "net/http", "Client", "Do") {
			return true
		}
		arg := ast.Unparen(call.Args[0])
		if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
			arg = u.X // Do(&req) of a Request value
		}
		req, ok := match.ObjectOf(info, arg).(*types.Var)
		if !ok || req.IsField() || inside(region, req.Pos()) {
			return true // a field, or a request made per attempt
		}
		fnBody := r.declaredIn(req)
		if fnBody == nil {
			return true // a parameter or a package variable
		}
		body := r.unrewindable(fnBody, req, call.Pos())
		if body == nil || rewinds(info, region, fnBody, req) {
			return true
		}
		out = append(out, resend{call, body})
		return true
	})
	return out
}

func inside(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

// declaredIn returns the body of the function that declares the local
// variable v, or nil when v is a parameter, a result, a receiver or a
// package variable.
func (r *run) declaredIn(v *types.Var) *ast.BlockStmt {
	if !v.Pos().IsValid() || v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	cur, ok := r.in.Root().FindByPos(v.Pos(), v.Pos())
	if !ok {
		return nil
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var body *ast.BlockStmt
		switch fn := fc.Node().(type) {
		case *ast.FuncDecl:
			body = fn.Body
		case *ast.FuncLit:
			body = fn.Body
		}
		if body == nil || !inside(body, v.Pos()) {
			return nil // declared in the signature
		}
		return body
	}
	return nil
}

// unrewindable returns where the body of the request req, as built in
// fnBody and sent at pos, was set when net/http cannot rewind it: the
// reader handed to http.NewRequest[WithContext] when it is not a
// *bytes.Buffer, *bytes.Reader or *strings.Reader (for which NewRequest
// sets GetBody), a req.Body assigned without a GetBody, or the Body of
// a Request literal without one. It returns nil for a request with no
// body, one that can be rewound, or one built where the analysis cannot
// see (a helper, Clone, WithContext).
func (r *run) unrewindable(fnBody *ast.BlockStmt, req *types.Var, pos token.Pos) ast.Node {
	info := r.pass.TypesInfo
	def, fields := match.LastDef(info, fnBody, req, pos)
	if def == nil {
		return nil
	}
	var body ast.Expr // the body as built, nil for none
	getBody := false
	switch d := ast.Unparen(def).(type) {
	case *ast.CallExpr:
		fn := match.Callee(info, d)
		switch {
		case match.IsFunc(fn, "net/http", "NewRequest") && len(d.Args) == 3:
			body = d.Args[2]
		case match.IsFunc(fn, "net/http", "NewRequestWithContext") && len(d.Args) == 4:
			body = d.Args[3]
		default:
			return nil // built elsewhere: unknown
		}
		getBody = r.rewindable(body, 0)
	case *ast.UnaryExpr, *ast.CompositeLit:
		lit, ok := ast.Unparen(d).(*ast.CompositeLit)
		if u, isAddr := d.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
			lit, ok = ast.Unparen(u.X).(*ast.CompositeLit)
		}
		if !ok || !match.IsNamed(info.TypeOf(lit), "net/http", "Request") {
			return nil
		}
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				return nil // positional fields: not a literal anyone writes
			}
			switch key, _ := kv.Key.(*ast.Ident); {
			case key == nil:
			case key.Name == "Body":
				body = kv.Value
			case key.Name == "GetBody":
				getBody = !match.IsNil(info, kv.Value)
			}
		}
	default:
		return nil
	}
	// Fields set between the request's making and the send.
	if b, ok := fields["Body"]; ok {
		body, getBody = b, false // NewRequest's GetBody returns the old body
	}
	if g, ok := fields["GetBody"]; ok {
		getBody = !match.IsNil(info, g)
	}
	if body == nil || getBody || noBody(info, body) {
		return nil
	}
	return body
}

// noBody reports whether e is nil or http.NoBody.
func noBody(info *types.Info, e ast.Expr) bool {
	if match.IsNil(info, e) {
		return true
	}
	v, ok := match.ObjectOf(info, e).(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "NoBody"
}

// maxDepth bounds how far rewindable follows a reader through local
// variables and same-package functions.
const maxDepth = 3

// rewindable reports whether http.NewRequest sets GetBody for the
// reader e: its dynamic type is *bytes.Buffer, *bytes.Reader or
// *strings.Reader as far as the analysis sees, or it is nil. A reader
// of any other type, an io.Reader parameter or field, or a reader
// returned by a function of another package, is not: NewRequest leaves
// GetBody nil for everything but those three types. Code that does not
// type-check is taken as rewindable.
func (r *run) rewindable(e ast.Expr, depth int) bool {
	info := r.pass.TypesInfo
	e = ast.Unparen(e)
	t := info.TypeOf(e)
	if t == nil || depth > maxDepth || noBody(info, e) {
		return true
	}
	if isRewindableType(t) {
		return true
	}
	if !types.IsInterface(t) {
		return false // *os.File, *io.PipeReader, *bufio.Reader, ...
	}
	// An interface: what it holds.
	switch e := e.(type) {
	case *ast.CallExpr:
		if match.IsConversion(info, e) && len(e.Args) == 1 {
			return r.rewindable(e.Args[0], depth+1) // io.Reader(bytes.NewReader(b))
		}
		return r.returnsRewindable(match.Callee(info, e), depth+1)
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		body := r.declaredIn(v)
		if body == nil {
			return false // an io.Reader parameter: anything
		}
		return r.assignsRewindable(body, v, depth+1)
	}
	return false
}

// isRewindableType reports whether t is one of the reader types for
// which http.NewRequest sets GetBody.
func isRewindableType(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	return match.IsNamed(p.Elem(), "bytes", "Buffer") || match.IsNamed(p.Elem(), "bytes", "Reader") ||
		match.IsNamed(p.Elem(), "strings", "Reader")
}

// assignsRewindable reports whether every value body assigns to the
// local interface variable v is rewindable (a declaration without a
// value leaves it nil).
func (r *run) assignsRewindable(body *ast.BlockStmt, v *types.Var, depth int) bool {
	info := r.pass.TypesInfo
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
			if match.ObjectOf(info, lhs) != v || rhs == nil {
				return
			}
			if tuple || tok != token.ASSIGN && tok != token.DEFINE && tok != token.VAR || !r.rewindable(rhs, depth) {
				ok = false // r, err := open(): a reader from a call
			}
		})
		return ok
	})
	return ok
}

// returnsRewindable reports whether fn is a function of this package
// every return of which hands back a rewindable reader.
func (r *run) returnsRewindable(fn *types.Func, depth int) bool {
	f := r.graph.Func(fn)
	if f == nil || f.Decl.Type.Results.NumFields() != 1 {
		return false // another package's, or a func value: unseen
	}
	ok, returns := true, 0
	ast.Inspect(f.Decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			ok = ok && len(n.Results) == 1 && r.rewindable(n.Results[0], depth)
		}
		return ok
	})
	return ok && returns > 0
}

// rewinds reports whether region rewinds req's body before each send,
// or the function checks that it has none.
func rewinds(info *types.Info, region ast.Node, fnBody *ast.BlockStmt, req *types.Var) bool {
	isBody := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Body" && match.ObjectOf(info, sel.X) == req
	}
	found := false
	ast.Inspect(region, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if n.Sel.Name == "GetBody" && match.ObjectOf(info, n.X) == req {
				found = true // req.GetBody()
			}
			if n.Sel.Name == "Seek" {
				found = true // a reader rewound
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				found = found || isBody(lhs) || match.ObjectOf(info, lhs) == req
			}
		}
		return !found
	})
	if found {
		return true
	}
	// A check of the body against nil anywhere in the function: the
	// request is known to have none, or it is dealt with.
	ast.Inspect(fnBody, func(n ast.Node) bool {
		if be, ok := n.(*ast.BinaryExpr); ok && (be.Op == token.EQL || be.Op == token.NEQ) {
			if isBody(be.X) && match.IsNil(info, be.Y) || isBody(be.Y) && match.IsNil(info, be.X) {
				found = true
			}
		}
		return !found
	})
	return found
}
