package retryloop_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/fixtures"
)

// describe is a test-only analyzer that reports every recognised retry
// loop and its parts, so the fixtures can pin the recogniser down.
var describe = &analysis.Analyzer{
	Name:     "describe",
	Doc:      "reports each retry loop retryloop recognises, with its parts",
	Requires: []*analysis.Analyzer{retryloop.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := retryloop.Of(pass)
		for _, l := range res.Loops() {
			pass.Reportf(l.Stmt.Pos(), "%s", summary(l))
		}
		for _, c := range res.Calls {
			if c.Op != nil && !slices.Contains(res.Ops[c.Op], c) {
				pass.Reportf(c.Call.Pos(), "operation not indexed")
			}
			pass.Reportf(c.Call.Pos(), "%s", callSummary(c))
		}
		for fn, h := range res.Helpers {
			pass.Reportf(fn.Pos(), "%s", h)
		}
		return nil, nil
	},
}

// summary renders a loop as
//
//	retry attempts=[f(ok:return retry:continue fail:return)] waits=[sleep(d)] max=3 bounds=[count] ctx=[ctx:param] obs=[err:in]
func summary(l *retryloop.Loop) string {
	var b strings.Builder
	b.WriteString("retry attempts=[")
	for i, a := range l.Attempts {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s(ok:%s retry:%s", types.ExprString(a.Call.Fun), exits(a.Success), exits(a.Retry))
		if len(a.Failure) > 0 {
			fmt.Fprintf(&b, " fail:%s", exits(a.Failure))
		}
		if len(a.RetriedStatuses) > 0 {
			fmt.Fprintf(&b, " retried:%v", a.RetriedStatuses)
		}
		b.WriteString(")")
	}
	b.WriteString("] waits=[")
	for i, w := range l.Waits {
		if i > 0 {
			b.WriteString(" ")
		}
		d := "?"
		if w.Duration != nil {
			d = types.ExprString(w.Duration)
		}
		fmt.Fprintf(&b, "%s(%s)", w.Kind, d)
		if w.Select != nil {
			b.WriteString("@select")
		}
	}
	b.WriteString("]")
	if c := l.Counter; c != nil {
		name := "_"
		if c.Var != nil {
			name = c.Var.Name()
		}
		fmt.Fprintf(&b, " counter=%s", name)
		if c.Bound != nil {
			fmt.Fprintf(&b, "<%s", types.ExprString(c.Bound))
		}
		if c.Max >= 0 {
			fmt.Fprintf(&b, " max=%d", c.Max)
		}
	}
	if len(l.Bounds) > 0 {
		var ks []string
		for _, bd := range l.Bounds {
			ks = append(ks, bd.Kind.String())
		}
		fmt.Fprintf(&b, " bounds=[%s]", strings.Join(ks, " "))
	}
	if len(l.Contexts) > 0 {
		var cs []string
		for _, c := range l.Contexts {
			cs = append(cs, c.Var.Name()+":"+c.Kind.String())
		}
		fmt.Fprintf(&b, " ctx=[%s]", strings.Join(cs, " "))
	}
	if len(l.Observations) > 0 {
		var os []string
		for _, o := range l.Observations {
			s := o.Kind.String()
			if o.InScope {
				s += ":in"
			}
			os = append(os, s)
		}
		fmt.Fprintf(&b, " obs=[%s]", strings.Join(os, " "))
	}
	if l.Observed {
		b.WriteString(" observed")
	}
	return b.String()
}

// callSummary renders a library call as
//
//	r2 backoff/v4 op=lit ctx=caller policy=exponential max=4 noelapsed jitter
func callSummary(c *retryloop.Call) string {
	var b strings.Builder
	fmt.Fprintf(&b, "r2 %s", c.Library)
	switch op := c.Op.(type) {
	case *ast.FuncLit:
		b.WriteString(" op=lit")
	case *ast.FuncDecl:
		b.WriteString(" op=" + op.Name.Name)
	default:
		b.WriteString(" op=-")
	}
	fmt.Fprintf(&b, " ctx=%s policy=%s", c.CtxOrigin, c.Policy.Kind)
	p := c.Policy
	if p.Delay != nil {
		fmt.Fprintf(&b, " delay=%s", types.ExprString(p.Delay))
	}
	if p.MaxAttempts >= 0 {
		fmt.Fprintf(&b, " max=%d", p.MaxAttempts)
	} else if p.Limit != nil {
		fmt.Fprintf(&b, " max=%s", types.ExprString(p.Limit))
	}
	if p.MaxElapsed != nil {
		fmt.Fprintf(&b, " elapsed=%s", types.ExprString(p.MaxElapsed))
	}
	if p.NoElapsedLimit {
		b.WriteString(" noelapsed")
	}
	if p.Unlimited {
		b.WriteString(" unlimited")
	}
	if p.Jitter {
		b.WriteString(" jitter")
	}
	if c.Request != nil {
		fmt.Fprintf(&b, " request=%s", types.ExprString(c.Request))
	}
	if c.Rewinds {
		b.WriteString(" rewinds")
	}
	if s := c.Send; s != nil {
		fmt.Fprintf(&b, " send=%s headers=[%s]", s.Method, strings.Join(s.Headers, " "))
		if s.HeadersUnknown {
			b.WriteString(" headers?")
		}
		if n := len(s.Conditions); n > 0 {
			fmt.Fprintf(&b, " conditions=%d", n)
		}
		if s.RetriesFailures != nil {
			b.WriteString(" failures")
		}
	}
	if len(c.Contexts) > 0 {
		var cs []string
		for _, x := range c.Contexts {
			cs = append(cs, x.Var.Name()+":"+x.Kind.String())
		}
		fmt.Fprintf(&b, " scope=[%s]", strings.Join(cs, " "))
	}
	return b.String()
}

func exits(es []*retryloop.Exit) string {
	var ks []string
	for _, e := range es {
		k := e.Kind.String()
		if br, ok := e.Node.(*ast.BranchStmt); ok && br.Label != nil {
			k += " " + br.Label.Name
		}
		ks = append(ks, k)
	}
	if len(ks) == 0 {
		return "-"
	}
	return strings.Join(ks, ",")
}

func TestRetryLoop(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), describe, "retryloop/...")
}
