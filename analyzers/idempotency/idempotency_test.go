package idempotency_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/analyzers/idempotency"
	"github.com/retryvet/retryvet/internal/fixtures"
)

func TestIdempotency(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), idempotency.Analyzer, "idempotency/...")
}

// TestChains checks -idempotency.chains: HTTP side effects through
// other packages and deeper calls are reported, with short messages.
func TestChains(t *testing.T) {
	a := idempotency.New(idempotency.Config{Headers: idempotency.DefaultConfig.Headers, Facts: true, Chains: true})
	for _, res := range analysistest.Run(t, fixtures.Dir(t), a, "idemchains") {
		for _, d := range res.Diagnostics {
			if len(d.Message) >= idempotency.MaxMessage {
				t.Errorf("%s: message of %d characters, want under %d: %s", res.Pass.Fset.Position(d.Pos), len(d.Message), idempotency.MaxMessage, d.Message)
			}
			if strings.Contains(d.Message, "calls down") && len(d.Related) == 0 {
				t.Errorf("%s: chain message without the chain as related information", res.Pass.Fset.Position(d.Pos))
			}
		}
	}

	b := idempotency.New(idempotency.DefaultConfig)
	if err := b.Flags.Set("chains", "true"); err != nil {
		t.Fatal(err)
	}
	if idempotency.DefaultConfig.Chains {
		t.Error("DefaultConfig.Chains is on; HTTP chains must be opt-in")
	}
}

// TestHeaders checks the headers setting on an instance of its own,
// and that the flag parses a comma-separated list.
func TestHeaders(t *testing.T) {
	a := idempotency.New(idempotency.Config{Headers: []string{"X-Request-Id"}})
	analysistest.Run(t, fixtures.Dir(t), a, "idemheaders")

	b := idempotency.New(idempotency.DefaultConfig)
	if err := b.Flags.Set("headers", " X-Request-Id, ,X-Other "); err != nil {
		t.Fatal(err)
	}
	if got := b.Flags.Lookup("headers").Value.String(); got != "X-Request-Id,X-Other" {
		t.Errorf("headers flag = %q, want X-Request-Id,X-Other", got)
	}
	if got := idempotency.DefaultConfig.Headers; len(got) != 2 || got[0] != "Idempotency-Key" {
		t.Errorf("DefaultConfig.Headers changed to %v", got)
	}
}
