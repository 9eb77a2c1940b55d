package inventory_test

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retryvet/retryvet/internal/fixtures"
	"github.com/retryvet/retryvet/internal/inventory"
	"github.com/retryvet/retryvet/suite"
)

// TestEntries asserts the entries of the fixture's retries: bounds,
// waits, worst-case totals and nesting, computed from the recogniser's
// and the checks' results; and that a poll and a loop over data have
// none.
func TestEntries(t *testing.T) {
	results := analysistest.Run(t, fixtures.Dir(t), inventory.New(suite.Analyzers(true)), "inventory")
	var rs []*inventory.Result
	for _, r := range results {
		rs = append(rs, r.Result.(*inventory.Result))
	}
	rep := inventory.Merge(rs, nil, "")
	validate(t, rep)
	byFunc := make(map[string]*inventory.Entry)
	for _, e := range rep.Retries {
		byFunc[e.Func] = e
	}
	for _, name := range []string{"inventory.Poll", "inventory.Each"} {
		if byFunc[name] != nil {
			t.Errorf("%s: got an entry for a loop that is no retry", name)
		}
	}
	type want struct {
		attempts int64
		worst    string
		total    time.Duration
		kind     string
		first    []time.Duration
		bounds   []string
	}
	for name, w := range map[string]want{
		"inventory.Counted":   {4, inventory.WorstKnown, 300 * time.Millisecond, "constant", []time.Duration{100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond}, []string{"count"}},
		"inventory.Linear":    {3, inventory.WorstKnown, 6 * time.Second, "linear", []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}, []string{"count"}},
		"inventory.Forever":   {-1, inventory.WorstUnbounded, -1, "constant", []time.Duration{time.Second, time.Second, time.Second}, []string{}},
		"inventory.Timeout":   {-1, inventory.WorstKnown, 5 * time.Second, "constant", []time.Duration{time.Second, time.Second, time.Second}, []string{"deadline", "context"}},
		"inventory.Retrying":  {3, inventory.WorstKnown, 30 * time.Millisecond, "constant", []time.Duration{10 * time.Millisecond, 10 * time.Millisecond, 10 * time.Millisecond}, []string{"count"}},
		"inventory.Immediate": {3, inventory.WorstKnown, 0, "none", nil, []string{"count"}},
		"inventory.Outer":     {5, inventory.WorstKnown, 100 * time.Millisecond, "constant", []time.Duration{20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond}, []string{"count"}},
		// Worst cases the inventory runs the body for (worst.go).
		"inventory.Doubling": {2, inventory.WorstKnown, 300 * time.Millisecond, "exponential", []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}, []string{"count"}},
	} {
		e := byFunc[name]
		if e == nil {
			t.Errorf("%s: no entry", name)
			continue
		}
		if e.Kind != inventory.KindLoop || e.Attempts != w.attempts || e.Worst != w.worst || e.WorstWait != w.total {
			t.Errorf("%s: kind %s, %d attempts, worst %s %v; want loop, %d, %s %v", name, e.Kind, e.Attempts, e.Worst, e.WorstWait, w.attempts, w.worst, w.total)
		}
		if e.Schedule.Kind != w.kind || !equal(e.Schedule.First, w.first) {
			t.Errorf("%s: schedule %s %v, want %s %v", name, e.Schedule.Kind, e.Schedule.First, w.kind, w.first)
		}
		if !equal(e.Bounds, w.bounds) {
			t.Errorf("%s: bounds %q, want %q", name, e.Bounds, w.bounds)
		}
	}
	if e := byFunc["inventory.PolicyStop"]; e == nil || !equal(e.Bounds, []string{"policy"}) || e.Worst == inventory.WorstUnbounded {
		t.Errorf("PolicyStop: %+v, want bounds [policy], not unbounded", e)
	}
	if e := byFunc["inventory.Outer"]; e != nil {
		if len(e.Nested) != 1 || e.Nested[0].Name != "inventory.Retrying" || e.Nested[0].Attempts != 3 || e.Nested[0].Calls != 15 {
			t.Errorf("Outer: nested %+v, want inventory.Retrying, 3 attempts, 15 calls", e.Nested)
		}
	}
	if e := byFunc["inventory.Library"]; e == nil || e.Kind != inventory.KindLibrary || e.Library != "backoff/v4" || e.Attempts != 5 ||
		e.Worst != inventory.WorstKnown || e.WorstWait != 8*time.Second || e.Schedule.Kind != "constant" || e.Retries.Errors != inventory.ErrorsPolicy {
		t.Errorf("Library: %+v, want backoff/v4, 5 attempts, a constant 2s wait, 8s in all", e)
	}
	if e := byFunc["inventory.Resty"]; e == nil || e.Kind != inventory.KindLibrary || e.Library != "resty" || e.Attempts != 4 ||
		e.Op != `GET "https://api.example.com/items"` || len(e.Retries.Conditions) != 1 || e.Schedule.Kind != "exponential" || !e.Schedule.Jitter {
		t.Errorf("Resty: %+v, want resty, 4 attempts, GET of its URL, its condition, jittered exponential waits", e)
	}
	if e := byFunc["inventory.UsesHelper"]; e == nil || e.Kind != inventory.KindHelper || e.Library != "inventory.withRetry" || e.Attempts != 3 ||
		e.Op != "func literal: op" || e.Worst != inventory.WorstUnknown || !equal(e.Bounds, []string{"count", "context", "helper"}) {
		t.Errorf("UsesHelper: %+v, want a call of the helper inventory.withRetry, 3 attempts (its fact), the literal's op, bounded by its count, the context and the helper", e)
	}
	// Waits from same-package helpers, run on the counter's values: a
	// cap (1s, 2s, 4s, 5s), a jitter at its largest (2×200ms, 2×400ms).
	// A branch not evaluated, followed both ways (Branches); a counter
	// stepped in the body (Stepped).
	for name, total := range map[string]time.Duration{"inventory.HelperCapped": 12 * time.Second, "inventory.HelperJitter": 1200 * time.Millisecond,
		"inventory.Branches": 90 * time.Second, "inventory.Stepped": 3 * time.Second} {
		if e := byFunc[name]; e == nil || e.Worst != inventory.WorstKnown || e.WorstWait != total || e.WorstWhy != "" {
			t.Errorf("%s: %+v, want a worst case of %v", name, e, total)
		}
	}
	// The first waits of a capped helper's growth are its values at
	// attempts 0, 1, 2 (once 0s, 1ns, 2ns: the attempt number read as
	// the duration).
	if e := byFunc["inventory.HelperCapped"]; e == nil || !equal(e.Schedule.First, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}) {
		t.Errorf("HelperCapped: %+v, want first waits 1s, 2s, 4s", e)
	}
	// Library policies, with the libraries' defaults: the waits at
	// their largest, the maximum elapsed time bounding them.
	for name, w := range map[string]struct {
		total  time.Duration
		bounds []string
	}{
		"inventory.V4Default":      {6093750 * time.Microsecond, []string{"count", "elapsed"}},
		"inventory.V4Elapsed":      {15 * time.Minute, []string{"elapsed"}},
		"inventory.V4MaxElapsed":   {2 * time.Second, []string{"count", "elapsed"}},
		"inventory.V4Capped":       {15 * time.Second, []string{"count", "elapsed"}},
		"inventory.GoRetry":        {2500 * time.Millisecond, []string{"count", "context"}},
		"inventory.RetryGoDefault": {52 * time.Second, []string{"count"}},
		"inventory.RetryGoCapped":  {6200 * time.Millisecond, []string{"count"}},
		"inventory.K8sCapped":      {1050 * time.Millisecond, []string{"count"}},
		"inventory.K8sDefault":     {341 * time.Millisecond, []string{"count"}},
	} {
		if e := byFunc[name]; e == nil || e.Worst != inventory.WorstKnown || e.WorstWait != w.total || !equal(e.Bounds, w.bounds) {
			t.Errorf("%s: %+v, want a worst case of %v, bounded by %q", name, e, w.total, w.bounds)
		}
	}
	// Bounded, but the total cannot be known: why is said.
	for name, why := range map[string]string{
		"inventory.FromCaller":      "a wait depending on base, not a constant",
		"inventory.UntilDeadline":   "a wait from a call of another package (time.Until)",
		"inventory.RetryGoCombined": "a default policy whose waits the inventory does not model",
		"inventory.Pointer":         "a wait depending on delay, which is changed through a pointer",
	} {
		if e := byFunc[name]; e == nil || e.Worst != inventory.WorstUnknown || e.WorstWait != -1 || e.WorstWhy != why {
			t.Errorf("%s: %+v, want an unknown worst case, because %q", name, e, why)
		}
	}
	for name, safe := range map[string]string{"inventory.Insert": "", "inventory.Upsert": "upsert", "inventory.Marked": "//retryvet:idempotent"} {
		e := byFunc[name]
		if e == nil || len(e.Effects) != 1 || e.Effects[0].Safe != safe {
			t.Errorf("%s: effects %+v, want one write, safe %q", name, e, safe)
		}
	}
	// Sorted by worst-case total wait: the unbounded loop first, then
	// the longest.
	var order []string
	for _, e := range rep.Retries {
		order = append(order, e.Func)
	}
	wantOrder := []string{"inventory.Forever", "inventory.V4Elapsed", "inventory.Branches", "inventory.RetryGoDefault", "inventory.V4Capped", "inventory.HelperCapped",
		"inventory.Library", "inventory.RetryGoCapped", "inventory.V4Default", "inventory.Linear", "inventory.Timeout", "inventory.Insert", "inventory.Upsert",
		"inventory.Marked", "inventory.Stepped", "inventory.GoRetry", "inventory.V4MaxElapsed", "inventory.HelperJitter", "inventory.K8sCapped", "inventory.K8sDefault", "inventory.Counted", "inventory.Doubling",
		"inventory.withRetry", "inventory.Outer", "inventory.Retrying", "inventory.Immediate", "inventory.PolicyStop", "inventory.Resty", "inventory.RetryGoCombined", "inventory.UsesHelper",
		"inventory.FromCaller", "inventory.UntilDeadline", "inventory.Pointer"}
	if !equal(order, wantOrder) {
		t.Errorf("order %q, want %q", order, wantOrder)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMerge: a finding goes to the retry a related position names (an
// outer loop, for amplification's finding on a call inside it), else
// to the innermost retry that holds it; entries of a file analysed
// twice (p and p [p.test]) appear once; files are named relative to the
// working directory.
func TestMerge(t *testing.T) {
	pos := func(line, col int) inventory.Pos { return inventory.Pos{File: "/w/a.go", Line: line, Col: col} }
	outer := &inventory.Entry{Pos: pos(10, 2), End: pos(30, 3), Kind: inventory.KindLoop, Worst: inventory.WorstUnknown, WorstWait: -1, Attempts: 3}
	inner := &inventory.Entry{Pos: pos(15, 3), End: pos(20, 4), Kind: inventory.KindLoop, Worst: inventory.WorstKnown, WorstWait: time.Second, Attempts: 2}
	again := *inner // the same loop, from the test variant
	rep := inventory.Merge([]*inventory.Result{{Entries: []*inventory.Entry{outer, inner}}, {Entries: []*inventory.Entry{&again}}}, []inventory.Diagnostic{
		{Check: "amplification", Pos: pos(16, 10), Related: []inventory.Pos{pos(10, 2), pos(15, 3)}, Message: "nested"},
		{Check: "fixedsleep", Pos: pos(18, 5), Message: "fixed"},
		{Check: "unbounded", Pos: pos(40, 1), Message: "elsewhere"},
	}, "/w")
	goroot := &inventory.Entry{Pos: inventory.Pos{File: filepath.Join(build.Default.GOROOT, "src", "net", "x.go"), Line: 1, Col: 1}}
	inventory.Merge([]*inventory.Result{{Entries: []*inventory.Entry{goroot}}}, nil, "/w")
	if goroot.Pos.File != "$GOROOT/src/net/x.go" {
		t.Errorf("a file of the standard library named %q, want $GOROOT/src/net/x.go", goroot.Pos.File)
	}
	if len(rep.Retries) != 2 {
		t.Fatalf("%d entries, want 2", len(rep.Retries))
	}
	if f := outer.Findings; len(f) != 1 || f[0].Check != "amplification" {
		t.Errorf("outer findings %+v, want amplification's", f)
	}
	if f := inner.Findings; len(f) != 1 || f[0].Check != "fixedsleep" {
		t.Errorf("inner findings %+v, want fixedsleep's", f)
	}
	if outer.Pos.File != "a.go" || rep.Retries[0] != inner {
		t.Errorf("file %q, first %v; want a.go and the known worst case before the unknown one", outer.Pos.File, rep.Retries[0].Pos)
	}
}

// TestMarkdown: a row per retry, pipes escaped, an operation holding
// backticks in a longer code span, test code marked.
func TestMarkdown(t *testing.T) {
	e := &inventory.Entry{Pos: inventory.Pos{File: "a.go", Line: 3, Col: 2}, Func: "p.F", Kind: inventory.KindLoop, Op: "c.Get(`a|b`)", Test: true,
		Attempts: -1, Bounds: []string{}, Schedule: inventory.Schedule{Kind: "none", Longest: -1}, Worst: inventory.WorstUnbounded, WorstWait: -1,
		Retries: inventory.Retries{Errors: inventory.ErrorsEvery}}
	var b strings.Builder
	if err := inventory.WriteMarkdown(&b, &inventory.Report{Version: inventory.Version, Retries: []*inventory.Entry{e}}); err != nil {
		t.Fatal(err)
	}
	want := "| `a.go:3:2` | `p.F` | loop (test) | `` c.Get(`a\\|b`) `` | - | forever | no wait | **none** | every error | nothing unsafe to repeat seen | - | - |\n"
	if !strings.HasSuffix(b.String(), want) || !strings.HasPrefix(b.String(), "### retryvet inventory: 1 retry\n") {
		t.Errorf("markdown:\n%s\nwant the row\n%s", b.String(), want)
	}
}
