package retrybody

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
const Name = "retrybody"

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

// New returns a retrybody analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	return &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/retrybody.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
}

type checker struct {
	cfg Config
}

const message = "response body is not closed before the next attempt, so every retry leaks a connection; close resp.Body (after draining it) before retrying"

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	res := retryloop.Of(pass)
	for _, l := range res.Loops() {
		for _, a := range l.Attempts {
			if len(a.Unclosed) == 0 {
				continue
			}
			// One finding per attempt, on the first path that skips the
			// close; the others are related.
			related := []analysis.RelatedInformation{{Pos: a.Call.Pos(), End: a.Call.End(), Message: "response from here"}}
			for _, e := range a.Unclosed[1:] {
				related = append(related, analysis.RelatedInformation{Pos: position(l, a, e), Message: "also reaches the next attempt unclosed"})
			}
			pos := position(l, a, a.Unclosed[0])
			rep.Report(analysis.Diagnostic{Pos: pos, Category: Name + "/loop", Message: message, Related: related})
		}
	}
	reported := make(map[ast.Node]bool)
	for _, call := range res.Calls {
		if call.Library == retryloop.LibRetryableHTTP || reported[call.Op] {
			continue
		}
		body := retryloop.FuncBody(call.Op)
		if body == nil {
			continue
		}
		reported[call.Op] = true
		for _, ret := range unclosedReturns(pass.TypesInfo, body) {
			rep.Report(analysis.Diagnostic{
				Pos:      ret.Pos(),
				End:      ret.End(),
				Category: Name + "/operation",
				Message:  "operation retried by " + call.Name() + " returns a failure without closing the response body, so every retry leaks a connection; close resp.Body before returning, or defer it in the operation",
				Related:  []analysis.RelatedInformation{{Pos: call.Call.Pos(), Message: "retried here"}},
			})
		}
	}
	return rep.Result(), nil
}

// position is where a path that skips the close is reported: its
// continue, else the first wait after the attempt, else the end of the
// loop body.
func position(l *retryloop.Loop, a *retryloop.Attempt, e *retryloop.Exit) token.Pos {
	if e.Kind == retryloop.ExitContinue {
		return e.Pos()
	}
	for _, w := range l.Waits {
		if w.Node.Pos() > a.Call.End() {
			return w.Node.Pos()
		}
	}
	return e.Pos()
}

// unclosedReturns returns, for an operation body that sends a request
// and never closes the response body (no Close, deferred or not, and
// the response handed to no function), the return statements of a
// failure under a check of the response status.
func unclosedReturns(info *types.Info, body *ast.BlockStmt) []*ast.ReturnStmt {
	var out []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 || len(n.Lhs) != 2 {
				break
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok || !match.IsHTTPSend(match.Callee(info, call)) && !sendsThroughValue(info, call) {
				break
			}
			resp := match.ObjectOf(info, n.Lhs[0])
			if resp == nil || handled(info, body, resp) {
				break
			}
			out = append(out, statusFailures(info, body, resp, n.End())...)
		}
		return true
	})
	return out
}

// handled reports whether body closes resp's body anywhere (deferred
// or not) or lets resp go: hands it or its body to a function that may
// close it (not io.ReadAll, fmt.Errorf and the like), stores or returns
// it.
func handled(info *types.Info, body *ast.BlockStmt, resp types.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if !match.NeverCloses(match.Callee(info, n)) {
				for _, arg := range n.Args {
					if match.Mentions(info, arg, resp) {
						found = true
					}
				}
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" && match.Mentions(info, sel.X, resp) {
				found = true
			}
		case *ast.ReturnStmt:
			// return resp, nil hands a success on; a failure path
			// still owns its response.
			if len(n.Results) > 1 && match.IsNil(info, n.Results[len(n.Results)-1]) {
				break
			}
			for _, r := range n.Results {
				found = found || match.ObjectOf(info, r) == resp
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				found = found || match.ObjectOf(info, r) == resp
			}
		}
		return !found
	})
	return found
}

// sendsThroughValue reports whether call calls a func value (a
// parameter or a variable) that answers (*http.Response, error): a
// request sent by the caller's function, whose response the operation
// then owns (cli's withRetry(f)).
func sendsThroughValue(info *types.Info, call *ast.CallExpr) bool {
	if match.Callee(info, call) != nil {
		return false
	}
	if _, ok := match.ObjectOf(info, call.Fun).(*types.Var); !ok {
		return false
	}
	sig, ok := info.TypeOf(call.Fun).Underlying().(*types.Signature)
	return ok && sig.Results().Len() == 2 && match.IsHTTPResponse(sig.Results().At(0).Type()) && match.IsError(sig.Results().At(1).Type())
}

// statusFailures returns the returns of a non-nil error after pos
// inside an if whose condition reads resp.StatusCode, and those that
// follow such an if whose body hands the success on (if
// resp.StatusCode < 500 { return resp, nil }; return nil, err).
func statusFailures(info *types.Info, body *ast.BlockStmt, resp types.Object, pos token.Pos) []*ast.ReturnStmt {
	var out []*ast.ReturnStmt
	failure := func(st ast.Stmt) (*ast.ReturnStmt, bool) {
		ret, ok := st.(*ast.ReturnStmt)
		return ret, ok && len(ret.Results) > 0 && !match.IsNil(info, ret.Results[len(ret.Results)-1])
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if list, ok := match.StmtList(n); ok {
			// if resp.StatusCode < 500 { return resp, nil } and a
			// failure returned right after it.
			for i := 0; i+1 < len(list); i++ {
				ifs, ok := list[i].(*ast.IfStmt)
				if !ok || ifs.Pos() < pos || ifs.Else != nil || len(ifs.Body.List) == 0 || !readsStatus(info, ifs.Cond, resp) {
					continue
				}
				if _, fails := failure(ifs.Body.List[len(ifs.Body.List)-1]); fails {
					continue
				}
				if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
					continue
				}
				if ret, fails := failure(list[i+1]); fails {
					out = append(out, ret)
				}
			}
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if n.Pos() < pos || !readsStatus(info, n.Cond, resp) {
				break
			}
			ast.Inspect(n.Body, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if len(m.Results) > 0 && !match.IsNil(info, m.Results[len(m.Results)-1]) {
						out = append(out, m)
					}
				}
				return true
			})
		}
		return true
	})
	return out
}

func readsStatus(info *types.Info, cond ast.Expr, resp types.Object) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "StatusCode" && match.ObjectOf(info, sel.X) == resp {
			found = true
		}
		return !found
	})
	return found
}
