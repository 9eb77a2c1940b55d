package inventory_test

import (
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
		"inventory.Counted":  {4, inventory.WorstKnown, 300 * time.Millisecond, "constant", []time.Duration{100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond}, []string{"count"}},
		"inventory.Linear":   {3, inventory.WorstKnown, 6 * time.Second, "linear", []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}, []string{"count"}},
		"inventory.Forever":  {-1, inventory.WorstUnbounded, -1, "constant", []time.Duration{time.Second, time.Second, time.Second}, []string{}},
		"inventory.Timeout":  {-1, inventory.WorstKnown, 5 * time.Second, "constant", []time.Duration{time.Second, time.Second, time.Second}, []string{"deadline", "context"}},
		"inventory.Retrying": {3, inventory.WorstKnown, 30 * time.Millisecond, "constant", []time.Duration{10 * time.Millisecond, 10 * time.Millisecond, 10 * time.Millisecond}, []string{"count"}},
		"inventory.Outer":    {5, inventory.WorstKnown, 100 * time.Millisecond, "constant", []time.Duration{20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond}, []string{"count"}},
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
	if e := byFunc["inventory.Outer"]; e != nil {
		if len(e.Nested) != 1 || e.Nested[0].Name != "inventory.Retrying" || e.Nested[0].Attempts != 3 || e.Nested[0].Calls != 15 {
			t.Errorf("Outer: nested %+v, want inventory.Retrying, 3 attempts, 15 calls", e.Nested)
		}
	}
	// Sorted by worst-case total wait: the unbounded loop first, then
	// the longest.
	var order []string
	for _, e := range rep.Retries {
		order = append(order, e.Func)
	}
	wantOrder := []string{"inventory.Forever", "inventory.Linear", "inventory.Timeout", "inventory.Counted", "inventory.Outer", "inventory.Retrying"}
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
