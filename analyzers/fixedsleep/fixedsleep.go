package fixedsleep

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
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

// Result is what one run of the check returns.
type Result struct {
	// Used lists the //retryvet:ignore directives that silenced a
	// finding.
	Used []*suppress.Directive
}

//go:embed doc.go
var docSource string

// New returns a fixedsleep analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	a := &analysis.Analyzer{
		Name:       Name,
		Doc:        analysisdoc.Doc(docSource, Name),
		URL:        "https://pkg.go.dev/github.com/retryvet/retryvet/analyzers/fixedsleep",
		Requires:   []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer},
		Run:        c.run,
		ResultType: reflect.TypeFor[*Result](),
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
	res := pass.ResultOf[retryloop.Analyzer].(*retryloop.Result)
	for _, l := range res.Loops() {
		if l.Func.InTest || !l.Waiting() {
			continue
		}
		if n := l.MaxAttempts(); n >= 0 && n < c.cfg.MinAttempts {
			continue
		}
		iv := newInvariance(pass.TypesInfo, l.Stmt)
		for _, w := range l.Waits {
			if w.Duration == nil || !iv.waitInvariant(w) {
				continue
			}
			rep.Report(analysis.Diagnostic{
				Pos:      w.Node.Pos(),
				End:      w.Node.End(),
				Category: Name + "/wait",
				Message:  fmt.Sprintf("retry loop waits a fixed %s between attempts; use exponential backoff with jitter", describe(pass.TypesInfo, w)),
				Related:  []analysis.RelatedInformation{{Pos: l.Stmt.Pos(), Message: "retry loop"}},
			})
		}
	}
	return &Result{Used: rep.Used()}, nil
}

// describe renders a wait's duration: the constant when it is one, else
// the expression (for a helper, the argument it was handed).
func describe(info *types.Info, w *retryloop.Wait) string {
	d := w.Duration
	if id, ok := ast.Unparen(d).(*ast.Ident); ok && w.Args != nil {
		if v, ok := info.Uses[id].(*types.Var); ok {
			if arg, ok := w.Args[v]; ok {
				d = arg
			}
		}
	}
	if tv, ok := info.Types[d]; ok && tv.Value != nil {
		if ns, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
			return time.Duration(ns).String()
		}
	}
	return types.ExprString(d)
}
