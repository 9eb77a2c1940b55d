// Package plugin registers retryvet as a golangci-lint v2 module plugin
// named "retryvet". Build a custom golangci-lint with it (see the
// README's golangci-lint section) and enable it in .golangci.yml:
//
//	linters:
//	  enable:
//	    - retryvet
//	  settings:
//	    custom:
//	      retryvet:
//	        type: module
//	        settings:
//	          disable: [fixedsleep]
//	          loopctx-strict: true
//	          idempotency-headers: [Idempotency-Key, X-Request-Id]
//	          backoff-maxwait: 5m
//
// Settings are decoded strictly: an unknown key is an error that names
// it. Each BuildAnalyzers call makes fresh analyzers, so two plugin
// instances with different settings never share state.
package plugin

import (
	"fmt"
	"slices"
	"time"

	"github.com/golangci/plugin-module-register/register"
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
	"github.com/retryvet/retryvet/analyzers/unbounded"
)

// Name is the plugin's name in golangci-lint's configuration.
const Name = "retryvet"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings
// (linters.settings.custom.retryvet.settings).
type Settings struct {
	// Disable lists checks to turn off; Enable, when not empty, lists
	// the only checks to run.
	Disable []string `json:"disable"`
	Enable  []string `json:"enable"`

	FixedsleepMinAttempts *int64   `json:"fixedsleep-minattempts"`
	BackoffMaxWait        string   `json:"backoff-maxwait"`
	LoopctxStrict         bool     `json:"loopctx-strict"`
	CtxerrMinSleep        string   `json:"ctxerr-minsleep"`
	IdempotencyHeaders    []string `json:"idempotency-headers"`
}

// Checks are the names of the checks, in the order they run.
var Checks = []string{
	fixedsleep.Name, backoff.Name, loopctx.Name, ctxerr.Name, idempotency.Name,
	retryable.Name, unbounded.Name, retrybody.Name, reqbody.Name, amplification.Name,
}

type plugin struct {
	settings Settings
}

// New decodes the settings and returns the plugin.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("retryvet settings: %w", err)
	}
	for _, name := range append(slices.Clone(s.Disable), s.Enable...) {
		if !slices.Contains(Checks, name) {
			return nil, fmt.Errorf("retryvet settings: unknown check %q (checks: %v)", name, Checks)
		}
	}
	for key, d := range map[string]string{"backoff-maxwait": s.BackoffMaxWait, "ctxerr-minsleep": s.CtxerrMinSleep} {
		if d == "" {
			continue
		}
		if _, err := time.ParseDuration(d); err != nil {
			return nil, fmt.Errorf("retryvet settings: %s: %w", key, err)
		}
	}
	return &plugin{settings: s}, nil
}

// BuildAnalyzers returns fresh analyzers configured by the settings.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	s := p.settings
	fs := fixedsleep.DefaultConfig
	if s.FixedsleepMinAttempts != nil {
		fs.MinAttempts = *s.FixedsleepMinAttempts
	}
	bo := backoff.DefaultConfig
	if s.BackoffMaxWait != "" {
		bo.MaxWait, _ = time.ParseDuration(s.BackoffMaxWait) // checked in New
	}
	ce := ctxerr.DefaultConfig
	if s.CtxerrMinSleep != "" {
		ce.MinSleep, _ = time.ParseDuration(s.CtxerrMinSleep)
	}
	id := idempotency.DefaultConfig
	if len(s.IdempotencyHeaders) > 0 {
		id.Headers = s.IdempotencyHeaders
	}
	all := map[string]*analysis.Analyzer{
		fixedsleep.Name:    fixedsleep.New(fs),
		backoff.Name:       backoff.New(bo),
		loopctx.Name:       loopctx.New(loopctx.Config{Strict: s.LoopctxStrict}),
		ctxerr.Name:        ctxerr.New(ce),
		idempotency.Name:   idempotency.New(id),
		retryable.Name:     retryable.New(retryable.DefaultConfig),
		unbounded.Name:     unbounded.New(unbounded.DefaultConfig),
		retrybody.Name:     retrybody.New(retrybody.DefaultConfig),
		reqbody.Name:       reqbody.New(reqbody.DefaultConfig),
		amplification.Name: amplification.New(amplification.DefaultConfig),
	}
	var out []*analysis.Analyzer
	for _, name := range Checks {
		if slices.Contains(s.Disable, name) || len(s.Enable) > 0 && !slices.Contains(s.Enable, name) {
			continue
		}
		out = append(out, withoutRelated(all[name]))
	}
	return out, nil
}

// withoutRelated returns a copy of a that reports its findings without
// related information: golangci-lint turns each related position into
// an issue of its own, which a //nolint on the finding's line does not
// silence.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			report(d)
		}
		return a.Run(pass)
	}
	return &c
}

// GetLoadMode asks for type information: every check needs it.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
