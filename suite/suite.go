// Package suite lists retryvet's checks, for the drivers that run them
// all (cmd/retryvet, the tests that sweep real code).
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/amplification"
	"github.com/retryvet/retryvet/analyzers/backoff"
	"github.com/retryvet/retryvet/analyzers/ctxerr"
	"github.com/retryvet/retryvet/analyzers/fixedsleep"
	"github.com/retryvet/retryvet/analyzers/idempotency"
	"github.com/retryvet/retryvet/analyzers/loopctx"
	"github.com/retryvet/retryvet/analyzers/reqbody"
	"github.com/retryvet/retryvet/analyzers/retryable"
	"github.com/retryvet/retryvet/analyzers/retrybody"
	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/analyzers/unbounded"
)

// Analyzers returns the checks, in the README's order: the default
// instances with facts, or instances built without fact types (retry
// helpers, side effects, jitter helpers and retrying functions followed
// within each package only) when facts is false.
func Analyzers(facts bool) []*analysis.Analyzer {
	if facts {
		return []*analysis.Analyzer{
			fixedsleep.Analyzer,
			backoff.Analyzer,
			loopctx.Analyzer,
			ctxerr.Analyzer,
			idempotency.Analyzer,
			retryable.Analyzer,
			unbounded.Analyzer,
			retrybody.Analyzer,
			reqbody.Analyzer,
			amplification.Analyzer,
		}
	}
	icfg := idempotency.DefaultConfig
	icfg.Facts = false
	bcfg := backoff.DefaultConfig
	bcfg.Facts = false
	acfg := amplification.DefaultConfig
	acfg.Facts = false
	all := []*analysis.Analyzer{
		fixedsleep.Analyzer,
		backoff.New(bcfg),
		loopctx.Analyzer,
		ctxerr.Analyzer,
		idempotency.New(icfg),
		retryable.Analyzer,
		unbounded.Analyzer,
		retrybody.Analyzer,
		reqbody.Analyzer,
		amplification.New(acfg),
	}
	for i, a := range all {
		all[i] = retryloop.Localize(a)
	}
	return all
}
