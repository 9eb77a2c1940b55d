package unbounded

import (
	_ "embed"
	"go/ast"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "unbounded"

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

// New returns an unbounded analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	return &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/unbounded.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer},
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
	for _, l := range res.Loops() {
		if l.Func.InTest || !l.Waiting() || l.Startup || !unboundedLoop(l) {
			continue
		}
		rep.Report(analysis.Diagnostic{
			Pos:      l.Stmt.Pos(),
			End:      l.Body.Lbrace,
			Category: Name + "/loop",
			Message:  "retry loop has no attempt limit, deadline or stop signal, so it retries forever; bound it with a maximum number of attempts or a context",
		})
	}
	for _, call := range res.Calls {
		if call.InTest || call.Opaque || call.NeverSucceeds || call.AwaitsState || call.Startup {
			continue // test code; options unseen; a scheduler or a poll; a start-up wait
		}
		fix, ok := neverStops(call)
		if !ok {
			continue
		}
		// On what to change: the zero MaxElapsedTime, else the policy.
		var node ast.Node = call.Call
		switch p := call.Policy; {
		case call.Library == retryloop.LibRetryGo, call.Library == retryloop.LibEapache, call.Library == retryloop.LibFailsafe:
		case p.MaxElapsed != nil && p.NoElapsedLimit:
			node = p.MaxElapsed
		case p.Node != nil:
			node = p.Node
		}
		rep.Report(analysis.Diagnostic{
			Pos:      node.Pos(),
			End:      node.End(),
			Category: Name + "/policy",
			Message:  "retry policy never gives up and no context can stop it, so the operation is retried forever; " + fix,
			Related:  []analysis.RelatedInformation{{Pos: call.Call.Pos(), Message: "retried here"}},
		})
	}
	return rep.Result(), nil
}

// unboundedLoop reports whether a loop has no bound (docs/model.md,
// Bounds) and no context in scope, whose absence is ctxerr's finding.
// An observed context that can end counts as a bound: one made with a
// timeout or a deadline, from signal.NotifyContext, or cancelled
// elsewhere; a bare context.Background() bounds nothing.
func unboundedLoop(l *retryloop.Loop) bool {
	for _, o := range l.Observations {
		if o.CanEnd {
			return false
		}
	}
	return len(l.Bounds) == 0 && len(l.Contexts) == 0 && (l.Counter == nil || l.Counter.Bound == nil)
}

// NeverStops reports whether a library call's policy never gives up
// while no context can end it: the check's verdict, for the inventory.
func NeverStops(c *retryloop.Call) bool {
	_, ok := neverStops(c)
	return ok
}

// neverStops reports whether a library call's policy never gives up
// while no context can end it, and the fix to suggest.
func neverStops(c *retryloop.Call) (string, bool) {
	p := c.Policy
	// bg is a context derived from Background or TODO that nothing ends.
	bg := c.CtxOrigin == retryloop.CtxBackground && !c.CtxEnds
	noCtx := c.CtxOrigin == retryloop.CtxNone || bg
	switch c.Library {
	case retryloop.LibBackoffV4:
		// NewConstantBackOff, ZeroBackOff and an ExponentialBackOff with
		// MaxElapsedTime 0 never stop by themselves.
		return "wrap it in backoff.WithMaxRetries or use backoff.WithContext with the caller's context",
			p.NoElapsedLimit && p.Limit == nil && noCtx
	case retryloop.LibBackoffV5:
		// v5 stops after 15 minutes unless WithMaxElapsedTime(0).
		return "add backoff.WithMaxTries or pass the caller's context",
			p.MaxElapsed != nil && p.NoElapsedLimit && p.Limit == nil && bg
	case retryloop.LibGoRetry:
		switch p.Kind {
		case retryloop.PolicyConstant, retryloop.PolicyExponential, retryloop.PolicyFibonacci:
			return "wrap the backoff in retry.WithMaxRetries or retry.WithMaxDuration, or pass the caller's context",
				p.Limit == nil && p.MaxElapsed == nil && bg
		}
	case retryloop.LibRetryGo:
		return "give retry.Attempts a limit or pass retry.Context with the caller's context",
			p.Unlimited && noCtx
	case retryloop.LibFailsafe:
		// WithMaxRetries(-1) or WithMaxAttempts(-1) lifts the limit.
		return "give the retry policy a limit or WithMaxDuration, or run the executor WithContext with the caller's context",
			p.Unlimited && p.MaxElapsed == nil && noCtx
	case retryloop.LibEapache:
		// WithInfiniteRetry repeats the last backoff for ever.
		return "drop WithInfiniteRetry or use RunCtx with the caller's context",
			p.Unlimited && noCtx
	}
	return "", false
}
