package match

import "testing"

func TestIsTestSupport(t *testing.T) {
	for path, want := range map[string]bool{
		"example.com/m/internal/testutil":      true,
		"example.com/m/hack/gen":               true,
		"example.com/m/scripts/release":        true,
		"example.com/m/pkg/dgraphtest":         true,
		"example.com/m/cmd/upgrade-tests":      true,
		"example.com/m/transcripts":            false,
		"example.com/m/testimony":              false,
		"example.com/m/internal/scriptsrunner": false,
	} {
		if got := IsTestSupport(path); got != want {
			t.Errorf("IsTestSupport(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestIsDevTooling(t *testing.T) {
	for _, c := range []struct {
		path, module string
		want         bool
	}{
		{"example.com/m/tools", "example.com/m", true},
		{"example.com/m/tools/gettool/autodownload", "example.com/m", true},
		{"example.com/m/pkg/tools", "example.com/m", false},
		{"example.com/m/toolsx", "example.com/m", false},
		{"example.com/m/tools", "", false},
		{"example.com/mtools/x", "example.com/m", false},
	} {
		if got := IsDevTooling(c.path, c.module); got != c.want {
			t.Errorf("IsDevTooling(%q, %q) = %v, want %v", c.path, c.module, got, c.want)
		}
	}
}
