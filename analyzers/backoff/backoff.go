package backoff

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/analysisdoc"
	"github.com/retryvet/retryvet/internal/suppress"
)

// Name is the check's name, as used in flags and directives.
const Name = "backoff"

// Config configures an instance of the check.
type Config struct {
	// MaxWait is the longest wait a capless backoff may reach within a
	// constant attempt bound before it is reported.
	MaxWait time.Duration
	// Facts makes the check export and import Random facts, so that a
	// jitter helper of another package is seen.
	Facts bool
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{MaxWait: 10 * time.Minute, Facts: true}

// Random is the fact that a function's result derives from a random
// source (math/rand, math/rand/v2, crypto/rand), directly or through
// the functions it returns the results of: a jitter helper.
type Random struct{}

// AFact marks Random as an analysis fact.
func (*Random) AFact() {}

func (*Random) String() string { return "random" }

// Analyzer is the check with the default configuration; its flags
// change that configuration.
var Analyzer = New(DefaultConfig)

// Result is what one run of the check returns: the //retryvet:ignore
// directives that silenced a finding.
type Result = suppress.Result

//go:embed doc.go
var docSource string

// New returns a backoff analyzer with its own copy of cfg.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	a := &analysis.Analyzer{
		Name:             Name,
		Doc:              analysisdoc.Doc(docSource, Name),
		URL:              "https://github.com/retryvet/retryvet/blob/main/docs/checks/backoff.md",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, callgraph.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	if cfg.Facts {
		a.FactTypes = []analysis.Fact{new(Random)}
	}
	a.Flags.DurationVar(&c.cfg.MaxWait, "maxwait", cfg.MaxWait,
		"longest wait an uncapped exponential backoff may reach within a constant attempt bound")
	return a
}

type checker struct {
	cfg Config
}

// A Shape is what the check derives of one wait of a retry loop: how
// it grows, whether it is capped and jittered, and its first values.
type Shape struct {
	Exponential, Jitter, Capped bool
	// First are the first waits (exponent 0, 1, 2) of an exponential
	// wait, when its parts are constants; nil otherwise.
	First []time.Duration
}

// Schedules is the check's account of a package's retries, the Detail
// of its result: the shape of each wait it derives (every wait of a
// retry loop with a duration, not read as a backoff value's policy).
type Schedules struct {
	Waits map[*retryloop.Wait]*Shape
}

// loop notes the shape of every wait of l with a duration, not read as
// a backoff value's policy: for the loops the check does not look at.
func (s *Schedules) loop(d *derivation, l *retryloop.Loop) {
	for _, w := range l.Waits {
		if w.Duration != nil && w.Policy == nil {
			s.Waits[w] = d.shape(l, w, d.wait(l, w))
		}
	}
}

// shape returns the Shape of wait w of l, whose growth as the check
// derives it is g: derived again, following jitter helpers, when g
// stopped at one.
func (d *derivation) shape(l *retryloop.Loop, w *retryloop.Wait, g *growth) *Shape {
	if g.jitter && !g.exponential {
		g = d.derive(l, w, true)
	}
	return shape(g)
}

// shape returns the Shape of g.
func shape(g *growth) *Shape {
	s := &Shape{Exponential: g.exponential, Jitter: g.jitter, Capped: g.capped}
	if g.value != nil {
		for k := range int64(retryloop.FirstWaits) {
			v, ok := g.value(k)
			if !ok || v < 0 {
				s.First = nil
				break
			}
			s.First = append(s.First, time.Duration(v))
		}
	}
	return s
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	res := retryloop.Of(pass)
	d := newDerivation(pass)
	d.random = c.randomFuncs(pass)
	sched := &Schedules{Waits: make(map[*retryloop.Wait]*Shape)}
	for _, l := range res.Loops() {
		if l.Func.InTest || !l.Waiting() || l.LocalOnly || l.Startup || l.Quick() {
			sched.loop(d, l)
			continue
		}
		n := l.MaxAttempts()
		if n >= 0 && n <= 2 {
			sched.loop(d, l)
			continue // one retry has nothing to back off
		}
		related := []analysis.RelatedInformation{{Pos: l.Stmt.Pos(), Message: "retry loop"}}
		jitterDone, capDone := false, false
		for _, w := range l.Waits {
			if w.Duration == nil {
				continue
			}
			if p := w.Policy; p != nil {
				// A backoff value: it grows and caps itself (a
				// jpillora Backoff stops at Max, 10s by default); only
				// its jitter is the code's choice.
				if p.Kind == retryloop.PolicyExponential && !p.Jitter && !jitterDone {
					jitterDone = true
					related := related
					if p.Node != nil {
						related = append(related[:1:1], analysis.RelatedInformation{Pos: p.Node.Pos(), Message: "backoff.Backoff made here, without Jitter"})
					}
					rep.Report(analysis.Diagnostic{
						Pos:      w.Node.Pos(),
						End:      w.Node.End(),
						Category: Name + "/jitter",
						Message:  "retry loop backs off exponentially without jitter, so clients that failed together retry together; set Jitter: true on its backoff.Backoff",
						Related:  related,
					})
				}
				continue
			}
			g := d.wait(l, w)
			sched.Waits[w] = d.shape(l, w, g)
			if !g.exponential {
				continue
			}
			if !g.jitter && !jitterDone {
				jitterDone = true
				rep.Report(analysis.Diagnostic{
					Pos:      w.Node.Pos(),
					End:      w.Node.End(),
					Category: Name + "/jitter",
					Message:  "retry loop backs off exponentially without jitter, so clients that failed together retry together; add a random jitter (say ±25%) to each wait",
					Related:  related,
				})
			}
			if g.capped || capDone {
				continue
			}
			if msg, ok := c.capMessage(l, g, n); ok {
				capDone = true
				rep.Report(analysis.Diagnostic{
					Pos:      w.Node.Pos(),
					End:      w.Node.End(),
					Category: Name + "/cap",
					Message:  msg,
					Related:  related,
				})
			}
		}
	}
	reported := make(map[ast.Expr]bool)
	for _, call := range res.Calls {
		p := call.Policy
		if call.InTest || call.NeverSucceeds || call.AwaitsState || call.Startup || call.LocalOnly || p.Kind != retryloop.PolicyExponential || p.Jitter || p.Node == nil || reported[p.Node] {
			continue // test code; a scheduler or a poll; not an unjittered exponential policy seen
		}
		if !p.Unlimited && p.MaxAttempts >= 0 && p.MaxAttempts <= 2 {
			continue // one retry has nothing to back off
		}
		if quickPolicy(res, p) {
			continue
		}
		reported[p.Node] = true
		rep.Report(analysis.Diagnostic{
			Pos:      p.Node.Pos(),
			End:      p.Node.End(),
			Category: Name + "/policy",
			Message:  "retry policy backs off exponentially without jitter, so clients that failed together retry together; " + jitterFix(call),
			Related:  []analysis.RelatedInformation{{Pos: call.Call.Pos(), Message: "retried here"}},
		})
	}
	out := rep.Result()
	out.Detail = sched
	return out, nil
}

// quickPolicy reports a doubling policy whose constant attempts and
// first delay wait at most retryloop.Quick in all.
func quickPolicy(res *retryloop.Result, p *retryloop.Policy) bool {
	if p.Unlimited || p.MaxAttempts <= 0 || p.Delay == nil || p.MaxAttempts > 32 {
		return false
	}
	d, ok := res.Int(p.Delay)
	if !ok {
		return false
	}
	total := time.Duration(d) * time.Duration(int64(1)<<(p.MaxAttempts-1)-1)
	return total >= 0 && total <= retryloop.Quick
}

// jitterFix says how to jitter a library's exponential policy.
func jitterFix(c *retryloop.Call) string {
	switch c.Library {
	case retryloop.LibEapache:
		return "call SetJitter on the Retrier (say 0.25)"
	case retryloop.LibGRPCRetry:
		return "use retry.BackoffExponentialWithJitter"
	case retryloop.LibFailsafe:
		return "add WithJitterFactor (say 0.25) to the retry policy"
	case retryloop.LibGoRetry:
		return "wrap the backoff in retry.WithJitterPercent"
	case retryloop.LibRetryGo:
		return "combine the delay with retry.RandomDelay and a retry.MaxJitter"
	case retryloop.LibK8sWait, retryloop.LibK8sRetry:
		return "set the Backoff's Jitter (say 0.1)"
	case retryloop.LibBackoffV4, retryloop.LibBackoffV5:
		return "set a RandomizationFactor (say 0.5)"
	}
	return "add a random jitter to each wait"
}

// capMessage decides whether an uncapped exponential wait is a finding
// for a loop of n attempts (-1: no constant bound), and says why.
func (c *checker) capMessage(l *retryloop.Loop, g *growth, n int64) (string, bool) {
	const fix = "clamp it with min(wait, maxWait)"
	k, over, overflow := g.exceeds(int64(c.cfg.MaxWait))
	if n < 0 && l.Counter != nil && l.Counter.Bound != nil {
		// A limit the analysis cannot evaluate: say so, never that
		// there is none.
		return fmt.Sprintf("retry loop's exponential wait has no cap and its attempt limit %s is not a constant, so the wait can grow without bound; %s",
			types.ExprString(l.Counter.Bound), fix), true
	}
	switch {
	case k < 0 && n < 0:
		return "retry loop's exponential wait has no cap and the loop no attempt limit, so the wait grows without bound; " + fix, true
	case k < 0:
		return "", false // values unknown, or never past the limit
	case n >= 0 && k > n-2:
		return "", false // the last wait stays under the limit
	case overflow:
		return "retry loop's exponential wait has no cap: it grows until it overflows time.Duration; " + fix, true
	}
	// The message names the wait, not the attempt after which it comes:
	// the counter may be stepped before the wait or start at 1, which
	// the value at exponent k does not tell (cometbft's resubscribe
	// loop, attempts++ then a sleep of 10ms<<attempts).
	return fmt.Sprintf("retry loop's exponential wait has no cap: it grows to %s, more than %s; %s",
		time.Duration(over), c.cfg.MaxWait, fix), true
}

// randomFuncs computes the package's jitter helpers, exports their
// facts, and returns a predicate over any function, imported or not.
func (c *checker) randomFuncs(pass *analysis.Pass) func(*types.Func) bool {
	g := pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	imported := func(fn *types.Func) (bool, bool) {
		if !c.cfg.Facts {
			return false, false
		}
		return true, pass.ImportObjectFact(fn, new(Random))
	}
	own := func(f *callgraph.Func) (bool, bool) {
		for _, s := range f.Calls {
			if isRandom(s.Callee) && returned(pass.TypesInfo, f.Decl, s.Call) {
				return true, true
			}
		}
		return false, false
	}
	via := func(f *callgraph.Func, s callgraph.Site, _ bool) (bool, bool) {
		return true, returned(pass.TypesInfo, f.Decl, s.Call)
	}
	vals := callgraph.Propagate(g, own, via, imported)
	// The random packages are known by path (isRandom): no fact for
	// them.
	if c.cfg.Facts && !isRandomPackage(pass.Pkg.Path()) {
		for _, f := range g.Funcs {
			if vals[f.Obj] {
				pass.ExportObjectFact(f.Obj, new(Random))
			}
		}
	}
	return func(fn *types.Func) bool {
		if fn == nil {
			return false
		}
		if isRandom(fn) || vals[fn.Origin()] {
			return true
		}
		_, ok := imported(fn.Origin())
		return ok && fn.Pkg() != pass.Pkg
	}
}

// isRandom reports a function of a random package.
func isRandom(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && isRandomPackage(fn.Pkg().Path())
}

// isRandomPackage reports whether path is a package of random numbers.
func isRandomPackage(path string) bool {
	switch path {
	case "math/rand", "math/rand/v2", "crypto/rand":
		return true
	}
	return false
}

// returned reports whether the value of call reaches a result of a
// return statement of decl (not of a function literal in it): the call
// is part of a result, or assigns a variable a result reads (b, err :=
// rand.Int(rand.Reader, max); return b.Int64(), containerd's randutil).
func returned(info *types.Info, decl *ast.FuncDecl, call *ast.CallExpr) bool {
	var vars []types.Object
	var results []ast.Expr
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			results = append(results, n.Results...)
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && ast.Unparen(n.Rhs[0]) == call || len(n.Lhs) == len(n.Rhs) && slices.ContainsFunc(n.Rhs, func(e ast.Expr) bool { return ast.Unparen(e) == call }) {
				for _, lhs := range n.Lhs {
					if obj := info.ObjectOf(identOf(lhs)); obj != nil {
						vars = append(vars, obj)
					}
				}
			}
		}
		return true
	})
	for _, r := range results {
		if r.Pos() <= call.Pos() && call.End() <= r.End() {
			return true
		}
		found := false
		ast.Inspect(r, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && slices.Contains(vars, info.Uses[id]) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}
