package backoff

import (
	_ "embed"
	"fmt"
	"reflect"
	"time"

	"golang.org/x/tools/go/analysis"

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
}

// DefaultConfig is the configuration of Analyzer.
var DefaultConfig = Config{MaxWait: 10 * time.Minute}

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
		URL:              "https://pkg.go.dev/github.com/retryvet/retryvet/analyzers/backoff",
		Requires:         []*analysis.Analyzer{retryloop.Analyzer, suppress.Analyzer},
		Run:              c.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	a.Flags.DurationVar(&c.cfg.MaxWait, "maxwait", cfg.MaxWait,
		"longest wait an uncapped exponential backoff may reach within a constant attempt bound")
	return a
}

type checker struct {
	cfg Config
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	rep := suppress.NewReporter(pass, Name)
	res := pass.ResultOf[retryloop.Analyzer].(*retryloop.Result)
	d := newDerivation(pass)
	for _, l := range res.Loops() {
		if l.Func.InTest || !l.Waiting() || l.LocalOnly {
			continue
		}
		n := l.MaxAttempts()
		if n >= 0 && n <= 2 {
			continue // one retry has nothing to back off
		}
		related := []analysis.RelatedInformation{{Pos: l.Stmt.Pos(), Message: "retry loop"}}
		jitterDone, capDone := false, false
		for _, w := range l.Waits {
			if w.Duration == nil {
				continue
			}
			g := d.wait(l, w)
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
			if msg, ok := c.capMessage(g, n); ok {
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
	return rep.Result(), nil
}

// capMessage decides whether an uncapped exponential wait is a finding
// for a loop of n attempts (-1: no constant bound), and says why.
func (c *checker) capMessage(g *growth, n int64) (string, bool) {
	const fix = "clamp it with min(wait, maxWait)"
	k, over, overflow := g.exceeds(int64(c.cfg.MaxWait))
	switch {
	case k < 0 && n < 0:
		return "retry loop's exponential wait has no cap and the loop no attempt limit, so the wait grows without bound; " + fix, true
	case k < 0:
		return "", false // values unknown, or never past the limit
	case n >= 0 && k > n-2:
		return "", false // the last wait stays under the limit
	case overflow:
		return fmt.Sprintf("retry loop's exponential wait has no cap: after attempt %d it overflows time.Duration; %s", k+1, fix), true
	}
	return fmt.Sprintf("retry loop's exponential wait has no cap: after attempt %d it waits %s, more than %s; %s",
		k+1, time.Duration(over), c.cfg.MaxWait, fix), true
}
