package version_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/retryvet/retryvet/internal/version"
)

// released matches the heading of a released version in CHANGELOG.md,
// "## v1.2.3 (2026-12-01)"; "## Unreleased" does not match.
var released = regexp.MustCompile(`^## (v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)(?:\s|$)`)

// TestChangelog checks that Version is the newest version CHANGELOG.md
// records as released: the first such heading, below Unreleased.
func TestChangelog(t *testing.T) {
	src, err := os.ReadFile("../../CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(src)) {
		if m := released.FindStringSubmatch(strings.TrimRight(line, "\n")); m != nil {
			if m[1] != version.Version {
				t.Errorf("CHANGELOG.md's newest release is %s, version.Version is %s: release both together", m[1], version.Version)
			}
			return
		}
	}
	t.Errorf("CHANGELOG.md has no released version (a heading like %q); version.Version is %s", "## v0.1.0 (2026-12-01)", version.Version)
}
