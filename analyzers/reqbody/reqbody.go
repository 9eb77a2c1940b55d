package reqbody

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

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
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
}

type checker struct {
	cfg Config
}

const message = "request body is consumed by the first attempt, so a retry sends it empty; build the request in the attempt, or reset req.Body from req.GetBody() before each send"

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	res := retryloop.Of(pass)
	r := &run{pass: pass}
	reported := make(map[ast.Node]bool)
	check := func(region ast.Node, fnBody *ast.BlockStmt, related analysis.RelatedInformation, by string) {
		for _, send := range r.resends(region, fnBody) {
			if reported[send] {
				continue
			}
			reported[send] = true
			rep.Report(analysis.Diagnostic{
				Pos:      send.Pos(),
				End:      send.End(),
				Category: Name + "/body",
				Message:  message + by,
				Related:  []analysis.RelatedInformation{related},
			})
		}
	}
	for _, l := range res.Loops() {
		check(l.Body, l.Func.Body, analysis.RelatedInformation{Pos: l.Stmt.Pos(), Message: "retry loop"}, "")
	}
	for _, call := range res.Calls {
		if call.Library == retryloop.LibRetryableHTTP {
			continue // it rewinds the body itself
		}
		by := " (retried by " + call.Name() + ")"
		switch op := call.Op.(type) {
		case *ast.FuncLit:
			check(op.Body, op.Body, analysis.RelatedInformation{Pos: call.Call.Pos(), Message: "retried here"}, by)
		case *ast.FuncDecl:
			check(op.Body, op.Body, analysis.RelatedInformation{Pos: call.Call.Pos(), Message: "retried here"}, by)
		}
	}
	return rep.Result(), nil
}

// resends returns the calls of (*http.Client).Do in region that send a
// request made outside region (before the loop, or a parameter) whose
// body may be non-nil, when region does nothing to rewind it: no use
// of req.GetBody, no assignment to req.Body, no Seek, no check of
// req.Body against nil.
func (c *run) resends(region ast.Node, fnBody *ast.BlockStmt) []*ast.CallExpr {
	info := c.pass.TypesInfo
	var out []*ast.CallExpr
	ast.Inspect(region, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !match.IsMethod(match.Callee(info, call), "net/http", "Client", "Do") {
			return true
		}
		req, ok := match.ObjectOf(info, call.Args[0]).(*types.Var)
		if !ok || req.IsField() || inside(region, req.Pos()) {
			return true // a field, or a request made per attempt
		}
		if !c.mayHaveBody(fnBody, req, call.Pos()) || rewinds(info, region, fnBody, req) {
			return true
		}
		out = append(out, call)
		return true
	})
	return out
}

func inside(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

// mayHaveBody reports whether the request req may carry a body when it
// is sent at pos: a parameter (the caller's body), or a request built by
// http.NewRequest[WithContext] with a body other than nil or
// http.NoBody.
func (c *run) mayHaveBody(fnBody *ast.BlockStmt, req *types.Var, pos token.Pos) bool {
	info := c.pass.TypesInfo
	def, _ := match.LastDef(info, fnBody, req, pos)
	if def == nil {
		// A parameter: the caller's body, unless every call in the
		// package hands in a request without one (cmd/go's
		// updateGitCredentialHelper gets a HEAD built with a nil body).
		return !inside(fnBody, req.Pos()) && c.callersMayPassBody(req)
	}
	return bodyOf(info, def)
}

// bodyOf reports whether the request built by def may have a body.
func bodyOf(info *types.Info, def ast.Expr) bool {
	call, ok := ast.Unparen(def).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := match.Callee(info, call)
	var body ast.Expr
	switch {
	case match.IsFunc(fn, "net/http", "NewRequest") && len(call.Args) == 3:
		body = call.Args[2]
	case match.IsFunc(fn, "net/http", "NewRequestWithContext") && len(call.Args) == 4:
		body = call.Args[3]
	default:
		return false // built elsewhere: unknown
	}
	if tv, ok := info.Types[body]; ok && tv.IsNil() {
		return false
	}
	if v, ok := match.ObjectOf(info, body).(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "NoBody" {
		return false
	}
	return true
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
	// caller's request is known to have none, or it is dealt with.
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

// run holds the state of one pass.
type run struct {
	pass *analysis.Pass
}

// callersMayPassBody reports whether a call in the package of the
// function declaring the parameter param hands in a request that may
// have a body, or the function is called from elsewhere (exported,
// or used as a value).
func (c *run) callersMayPassBody(param *types.Var) bool {
	info := c.pass.TypesInfo
	var fn *types.Func
	index := -1
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Type.Params == nil || !inside(fd.Type, param.Pos()) {
				continue
			}
			fn, _ = info.Defs[fd.Name].(*types.Func)
			i := 0
			for _, field := range fd.Type.Params.List {
				for _, name := range field.Names {
					if info.Defs[name] == param {
						index = i
					}
					i++
				}
			}
		}
	}
	if fn == nil || index < 0 || fn.Exported() {
		return true
	}
	may, calls := false, 0
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || info.Uses[id] != fn {
				return !may
			}
			calls++
			call := enclosingCall(f, id)
			if call == nil || index >= len(call.Args) {
				may = true // used as a value
				return false
			}
			arg, ok := match.ObjectOf(info, call.Args[index]).(*types.Var)
			if !ok {
				may = true
				return false
			}
			body := enclosingBody(f, call)
			def, _ := match.LastDef(info, body, arg, call.Pos())
			if def == nil || bodyOf(info, def) {
				may = true
			}
			return !may
		})
	}
	return may || calls == 0
}

// enclosingCall returns the call whose function is id, or nil.
func enclosingCall(f *ast.File, id *ast.Ident) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(f, func(n ast.Node) bool {
		if found != nil || n == nil || !inside(n, id.Pos()) {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && ast.Unparen(call.Fun) == ast.Expr(id) {
			found = call
		}
		return true
	})
	return found
}

// enclosingBody returns the body of the innermost function holding n.
func enclosingBody(f *ast.File, n ast.Node) *ast.BlockStmt {
	var body *ast.BlockStmt
	ast.Inspect(f, func(m ast.Node) bool {
		if m == nil || !inside(m, n.Pos()) {
			return false
		}
		switch m := m.(type) {
		case *ast.FuncDecl:
			body = m.Body
		case *ast.FuncLit:
			body = m.Body
		}
		return true
	})
	return body
}
