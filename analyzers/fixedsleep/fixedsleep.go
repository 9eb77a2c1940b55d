package fixedsleep

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/match"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "fixedsleep"

// Config configures an instance of the check.
type Config struct {
	// MinAttempts is the smallest constant attempt bound checked: a
	// loop bounded by a constant of fewer attempts waits too few times
	// for the rhythm to matter. The model's default is 3.
	MinAttempts int64
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{MinAttempts: 3}

// Analyzer is the check with the default configuration; its flags
// change that configuration.
var Analyzer = New(DefaultConfig)

// Result is what one run of the check returns: the //retryvet:ignore
// directives that silenced a finding.
type Result = suppress.Result

//go:embed doc.go
var docSource string

// New returns a fixedsleep analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	a := &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/fixedsleep.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	a.Flags.Int64Var(&c.cfg.MinAttempts, "minattempts", cfg.MinAttempts,
		"smallest constant attempt bound to check (loops with fewer attempts are left alone)")
	return a
}

type checker struct {
	cfg Config
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	res := retryloop.Of(pass)
	litsOf := make(map[*ast.BlockStmt]map[types.Object]*ast.FuncLit)
	for _, l := range res.Loops() {
		if l.Func.InTest || !l.Waiting() {
			continue
		}
		if n := l.MaxAttempts(); n >= 0 && n < c.cfg.MinAttempts {
			continue
		}
		if l.LocalOnly || l.Startup || l.Quick() {
			continue // docs/model.md, Readiness waits and quick retries; Start-up waits
		}
		// One finding per loop, on its first fixed wait; the others
		// are related information.
		lits, ok := litsOf[l.Func.Body]
		if !ok {
			lits = localFuncs(pass.TypesInfo, l.Func.Body) // once per function, not per loop
			litsOf[l.Func.Body] = lits
		}
		iv := newInvariance(pass.TypesInfo, l.Stmt, lits)
		var fixed []*retryloop.Wait
		varies := false
		for _, w := range l.Waits {
			switch {
			case (w.Kind == retryloop.WaitTicker || w.Kind == retryloop.WaitTick) && l.MaxAttempts() < 0:
				// A ticker driving a loop with no attempt count paces
				// it at a fixed rate by design: a poll or a delivery
				// worker, not a backoff gone wrong.
				varies = true
			case w.Policy != nil && w.Policy.Kind == retryloop.PolicyConstant:
				fixed = append(fixed, w) // a backoff value that does not grow
			case w.Policy != nil:
				varies = true
			case w.Duration == nil:
			case iv.waitInvariant(w):
				fixed = append(fixed, w)
			default:
				varies = true
			}
		}
		if len(fixed) == 0 || varies {
			// A fixed pause beside a growing wait is a settling
			// delay: the rhythm between attempts is the growing one.
			continue
		}
		if d, ok := fixedValue(pass.TypesInfo, res, fixed[0]); ok && d >= Slow {
			continue // at most one attempt a minute: no load to spread
		}
		related := []analysis.RelatedInformation{{Pos: l.Stmt.Pos(), Message: "retry loop"}}
		for _, w := range fixed[1:] {
			related = append(related, analysis.RelatedInformation{Pos: w.Node.Pos(), Message: "also waits a fixed " + describe(pass.TypesInfo, w)})
		}
		rep.Report(analysis.Diagnostic{
			Pos:      fixed[0].Node.Pos(),
			End:      fixed[0].Node.End(),
			Category: Name + "/wait",
			Message:  waitMessage(pass.TypesInfo, res, l.Func.Body, fixed[0]),
			Related:  related,
		})
	}
	reported := make(map[ast.Expr]bool)
	for _, call := range res.Calls {
		if call.InTest || call.NeverSucceeds || call.AwaitsState || call.Startup || call.LocalOnly {
			continue // test code; a library used as a scheduler or a poll; a start-up wait
		}
		node, delay, ok := constantPolicy(pass.TypesInfo, res, call.Policy)
		if !ok || reported[node] {
			continue
		}
		if p := call.Policy; !p.Unlimited && p.MaxAttempts >= 0 && p.MaxAttempts < c.cfg.MinAttempts {
			continue
		}
		if p := call.Policy; !p.Unlimited && p.MaxAttempts > 0 && p.Delay != nil {
			if d, ok := res.Int(p.Delay); ok && time.Duration(p.MaxAttempts-1)*time.Duration(d) <= retryloop.Quick {
				continue // a quick retry: docs/model.md, Constants by another name
			}
		}
		reported[node] = true
		rep.Report(analysis.Diagnostic{
			Pos:      node.Pos(),
			End:      node.End(),
			Category: Name + "/policy",
			Message:  fmt.Sprintf("retry policy waits a fixed %s between attempts; use an exponential backoff with jitter", delay),
			Related:  []analysis.RelatedInformation{{Pos: call.Call.Pos(), Message: "retried here"}},
		})
	}
	return rep.Result(), nil
}

// constantPolicy reports whether p is one of the constant policies the
// model names (backoff.NewConstantBackOff, go-retry's NewConstant and
// Constant, retry-go's DelayType(FixedDelay)) and returns the node to
// change and its delay.
func constantPolicy(info *types.Info, res *retryloop.Result, p *retryloop.Policy) (ast.Expr, string, bool) {
	call, ok := p.Node.(*ast.CallExpr)
	if !ok || p.Kind != retryloop.PolicyConstant || p.Jitter {
		return nil, "", false
	}
	fn := match.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return nil, "", false
	}
	switch path, name := fn.Pkg().Path(), fn.Name(); {
	case (path == "github.com/cenkalti/backoff/v4" || path == "github.com/cenkalti/backoff/v5") && name == "NewConstantBackOff",
		path == "github.com/sethvargo/go-retry" && (name == "NewConstant" || name == "Constant"),
		path == "github.com/eapache/go-resiliency/retrier" && name == "ConstantBackoff",
		path == "github.com/failsafe-go/failsafe-go/retrypolicy" && name == "WithDelay",
		path == "github.com/failsafe-go/failsafe-go" && name == "WithDelay", // before v0.9, declared on failsafe.DelayablePolicyBuilder
		path == "resty.dev/v3" && name == "RetryConstantDelayStrategy",
		(path == "github.com/grpc-ecosystem/go-grpc-middleware/retry" || path == "github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry") && name == "BackoffLinear":
	case path == "github.com/avast/retry-go/v4" && name == "DelayType":
		if p.Delay == nil {
			return call, "100ms", true // retry-go's default delay
		}
	default:
		return nil, "", false
	}
	if p.Delay == nil {
		return call, "delay", true
	}
	if ns, ok := res.Int(p.Delay); ok {
		return call, time.Duration(ns).String(), true
	}
	return call, durationText(info, p.Delay), true
}

// Slow is the shortest fixed wait left alone: a client that retries at
// most once a minute adds no load worth spreading, and growing the wait
// only delays its recovery.
const Slow = time.Minute

// waitMessage words the finding on the fixed wait w: a constant is
// replaced by a backoff; a configured value (a field, a variable) is
// kept as the backoff's base (docs/model.md, Configured waits,
// message).
func waitMessage(info *types.Info, res *retryloop.Result, body *ast.BlockStmt, w *retryloop.Wait) string {
	if p := w.Policy; p != nil {
		d := "the same time"
		if v, ok := fixedValue(info, res, w); ok {
			d = "a fixed " + v.String()
		} else if p.Delay != nil {
			d = "a fixed " + types.ExprString(p.Delay)
		}
		return fmt.Sprintf("retry loop waits %s between attempts because its backoff.Backoff never grows; set a Factor above 1 (and Min below Max) with Jitter", d)
	}
	e := durationOf(info, w)
	if ns, ok := res.Int(e); ok {
		return fmt.Sprintf("retry loop waits a fixed %s between attempts; use exponential backoff with jitter", time.Duration(ns))
	}
	return fmt.Sprintf("retry loop waits a fixed %s between attempts; grow the configured %s exponentially with jitter, using it as the base",
		types.ExprString(e), settingName(info, body, e))
}

// fixedValue returns the constant duration of a fixed wait, when it is
// one: the wait's own, or the delay of the backoff value it waits on.
func fixedValue(info *types.Info, res *retryloop.Result, w *retryloop.Wait) (time.Duration, bool) {
	if p := w.Policy; p != nil {
		if p.Delay == nil {
			return p.DefaultDelay, p.DefaultDelay > 0
		}
		d, ok := res.Int(p.Delay)
		return time.Duration(d), ok
	}
	d, ok := res.Int(durationOf(info, w))
	return time.Duration(d), ok
}

// durationOf returns the duration expression of w in the loop's terms
// (for a helper, the argument it was handed).
func durationOf(info *types.Info, w *retryloop.Wait) ast.Expr {
	d := w.Duration
	if id, ok := ast.Unparen(d).(*ast.Ident); ok && w.Args != nil {
		if v, ok := info.Uses[id].(*types.Var); ok {
			if arg, ok := w.Args[v]; ok {
				d = arg
			}
		}
	}
	return d
}

// settingName names the setting a configured duration reads: the field
// (RetryInterval of cfg.RetryInterval), the variable, or the
// expression.
func settingName(info *types.Info, body *ast.BlockStmt, e ast.Expr) string {
	if def := definedFrom(info, body, e); def != nil {
		e = def // every := s.FlushEvery: the setting is FlushEvery
	}
	var name string
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if v, ok := info.Uses[n.Sel].(*types.Var); ok && name == "" {
				name = v.Name()
				return false
			}
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && name == "" {
				name = v.Name()
			}
		}
		return name == ""
	})
	if name == "" {
		return types.ExprString(e)
	}
	return name
}

// definedFrom returns the field or package variable that the local
// variable e is declared from in body (every := s.FlushEvery), or nil.
func definedFrom(info *types.Info, body *ast.BlockStmt, e ast.Expr) ast.Expr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || body == nil {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	var rhs ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if l, ok := lhs.(*ast.Ident); ok && info.Defs[l] == v {
						rhs = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, name := range n.Names {
					if info.Defs[name] == v {
						rhs = n.Values[i]
					}
				}
			}
		}
		return rhs == nil
	})
	switch x := match.ObjectOf(info, rhs).(type) {
	case *types.Var:
		if x.IsField() || x.Pkg() != nil && x.Parent() == x.Pkg().Scope() {
			return rhs
		}
	}
	return nil
}

// describe renders a wait's duration: the constant when it is one, else
// the expression (for a helper, the argument it was handed).
func describe(info *types.Info, w *retryloop.Wait) string {
	return durationText(info, durationOf(info, w))
}

// durationText renders a duration: the constant when it is one, else
// the expression.
func durationText(info *types.Info, d ast.Expr) string {
	if tv, ok := info.Types[d]; ok && tv.Value != nil {
		if ns, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
			return time.Duration(ns).String()
		}
	}
	return types.ExprString(d)
}
