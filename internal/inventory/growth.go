package inventory

import (
	"go/ast"
	"math"
	"time"

	"github.com/retryvet/retryvet/analyzers/retryloop"
)

// growthWorst computes the worst-case total of n waits of an
// exponential library policy g, each at the most its randomisation can
// give, or why it is not known; at is the call, whose function's
// locals the parameters may name.
func (p *pass) growthWorst(at ast.Node, g *retryloop.Growth, n int64) (time.Duration, string) {
	if n > maxRun {
		return -1, "more than 1000 attempts"
	}
	s := &sim{state: newState(), p: p, before: at.Pos()}
	if cur, ok := p.in.Root().FindNode(at); ok {
		for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			switch f := c.Node().(type) {
			case *ast.FuncDecl:
				s.body = f.Body
			case *ast.FuncLit:
				s.body = f.Body
			}
			break
		}
	}
	var err error
	num := func(e ast.Expr, def float64) float64 {
		if e == nil || err != nil {
			return def
		}
		v, e2 := s.eval(e)
		switch {
		case e2 != nil:
			err = e2
		case v.isBool || !v.isExact():
			err = unknownf("a policy parameter not constant: %s", exprText(e))
		}
		return v.hi
	}
	interval := num(g.Initial, float64(g.DefaultInitial))
	mult := num(g.Multiplier, g.DefaultMultiplier)
	maxInterval := num(g.MaxInterval, float64(g.DefaultMaxInterval))
	rf := num(g.Randomization, g.DefaultRandomization)
	if g.Percent != nil {
		rf = num(g.Percent, 0) / 100
	}
	jitter := num(g.Jitter, float64(g.DefaultJitter))
	maxWait := num(g.MaxWait, float64(g.DefaultMaxWait))
	if err != nil {
		return -1, err.Error()
	}
	total := 0.0
	for range n {
		// The most the randomisation gives (cenkalti: below
		// interval·(1+factor)+1, truncated), then the cap.
		w := interval * (1 + rf)
		if r := math.Round(w); math.Abs(w-r) < 1e-3 {
			w = r // 10ms × 1.1 is 11ms, not 11000000.000000002ns
		} else {
			w = math.Ceil(w)
		}
		w += jitter
		if maxWait > 0 {
			w = min(w, maxWait)
		}
		total += w
		if total > math.MaxInt64 {
			return -1, "the total overflows"
		}
		if g.CapStops {
			// k8s's delay: the interval times the factor, and a cap
			// passed ends the retry.
			if mult != 0 {
				interval = math.Trunc(interval * mult)
			}
			if maxInterval > 0 && interval > maxInterval {
				break
			}
			continue
		}
		// cenkalti's incrementCurrentInterval: at or past the cap over
		// the multiplier, the cap.
		if maxInterval >= 0 && interval >= maxInterval/mult {
			interval = maxInterval
		} else {
			interval = math.Trunc(interval * mult)
		}
	}
	return time.Duration(total), ""
}
