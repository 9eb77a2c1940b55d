package driver

import "testing"

// TestVetComplaint checks that the go command's download lines, which a
// fresh module cache makes go vet print, are not taken for a failure of
// the vet engine, and that anything else is.
func TestVetComplaint(t *testing.T) {
	for _, tc := range []struct{ stderr, want string }{
		{"", ""},
		{"go: downloading github.com/cenkalti/backoff/v4 v4.3.0\n", ""},
		{"go: downloading a v1.0.0\ngo: downloading b v1.0.0\n", ""},
		{"go: downloading a v1.0.0\n# p\np/p.go:3:2: undefined: x\n", "# p\np/p.go:3:2: undefined: x\n"},
		{"go: finding module for package x\n", "go: finding module for package x\n"},
		{"retryvet: go: downloading\n", "retryvet: go: downloading\n"},
	} {
		if got := vetComplaint(tc.stderr); got != tc.want {
			t.Errorf("vetComplaint(%q) = %q, want %q", tc.stderr, got, tc.want)
		}
	}
}
