package retryloop_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/retryloop"
)

// describe is a test-only analyzer that reports every recognised retry
// loop and its parts, so the fixtures can pin the recogniser down.
var describe = &analysis.Analyzer{
	Name:     "describe",
	Doc:      "reports each retry loop retryloop recognises, with its parts",
	Requires: []*analysis.Analyzer{retryloop.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[retryloop.Analyzer].(*retryloop.Result)
		for _, l := range res.Loops() {
			pass.Reportf(l.Stmt.Pos(), "%s", summary(l))
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
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, describe, "retryloop/...")
}
