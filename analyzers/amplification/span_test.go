package amplification

import (
	"go/token"
	"slices"
	"testing"
)

// TestOutermost checks that go statements collected file by file, in an
// order that is not that of their positions (evcc's charger package,
// loaded in parallel), still make sorted, disjoint spans: inGo's binary
// search missed a go statement otherwise, and a retry started in a
// goroutine counted as part of its caller's attempt.
func TestOutermost(t *testing.T) {
	// The second file's statements come first in the walk, though
	// its positions are higher; 120-130 is nested in 100-140.
	walk := []span{{500, 560}, {600, 610}, {100, 140}, {120, 130}, {300, 320}}
	got := outermost(walk)
	want := []span{{100, 140}, {300, 320}, {500, 560}, {600, 610}}
	if !slices.Equal(got, want) {
		t.Errorf("outermost = %v, want %v", got, want)
	}
	r := &run{goSpans: got}
	for _, tc := range []struct {
		pos, end int
		in       bool
	}{
		{125, 128, true}, {305, 310, true}, {605, 608, true}, {150, 160, false}, {90, 95, false},
	} {
		n := node{tc.pos, tc.end}
		if r.inGo(n) != tc.in {
			t.Errorf("inGo(%d-%d) = %v, want %v", tc.pos, tc.end, !tc.in, tc.in)
		}
	}
}

// node is an ast.Node of its extent only.
type node struct{ pos, end int }

func (n node) Pos() token.Pos { return token.Pos(n.pos) }
func (n node) End() token.Pos { return token.Pos(n.end) }
