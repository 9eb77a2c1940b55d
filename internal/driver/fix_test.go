package driver

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retryvet/retryvet/internal/source"
)

// fixOf is a finding in file with one fix replacing old by new (the
// first occurrence) in src.
func fixOf(file, src, old, new string) *finding {
	i := strings.Index(src, old)
	if i < 0 {
		panic("no " + old)
	}
	f := &finding{check: "test", message: "m"}
	f.posn.Filename = file
	f.fixes = []fix{{message: "Fix it", edits: []fileEdit{{file: file, start: i, end: i + len(old), text: new}}}}
	return f
}

// TestFixChangedFile: a file that changed since it was analysed keeps
// its content, and its fixes are reported as not applied; the other
// files are fixed.
func TestFixChangedFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.go"), filepath.Join(dir, "b.go")
	src := "package p\n\nvar x = 1\n"
	files := map[string]*sourceFile{a: newSourceFile([]byte(src)), b: newSourceFile([]byte(src))}
	changed := "package p\n\nvar x = 2\n" // same size, another hash
	for name, data := range map[string]string{a: changed, b: src} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stderr bytes.Buffer
	rep, err := applyFixes([]*finding{fixOf(a, src, "1", "3"), fixOf(b, src, "1", "3")}, files, false, nil, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(a); string(got) != changed {
		t.Errorf("the changed file was written:\n%s", got)
	}
	if got, _ := os.ReadFile(b); !strings.Contains(string(got), "x = 3") {
		t.Errorf("the unchanged file was not fixed:\n%s", got)
	}
	if rep.applied != 1 || rep.skipped != 1 || !strings.Contains(stderr.String(), "a.go: 1 fix not applied: the file changed since it was analysed") {
		t.Errorf("applied %d, skipped %d, want 1 and 1, and a message; stderr:\n%s", rep.applied, rep.skipped, stderr.String())
	}
}

// TestFixOutsideFiles: a fix whose edit is in a file that is not one of
// the packages' is skipped.
func TestFixOutsideFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.go")
	src := "package p\n\nvar x = 1\n"
	if err := os.WriteFile(a, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	rep, err := applyFixes([]*finding{fixOf(a, src, "1", "3")}, map[string]*sourceFile{}, false, nil, &stderr)
	if err != nil || rep.applied != 0 || rep.skipped != 1 || !strings.Contains(stderr.String(), "not a Go file of the packages analysed") {
		t.Errorf("err %v, applied %d, skipped %d; stderr:\n%s", err, rep.applied, rep.skipped, stderr.String())
	}
	if got, _ := os.ReadFile(a); string(got) != src {
		t.Errorf("a file outside the packages was written")
	}
}

// TestRemoveUnusedImports: only an import the edits made unused goes,
// known by the name type information gives it.
func TestRemoveUnusedImports(t *testing.T) {
	old := `package p

import (
	"log"
	"example.com/go-kit"
	"gopkg.in/yaml.v3"
	alias "example.com/other"
	"example.com/unknown"
)

var _ = kit.X + yaml.Y + alias.Z

func f() {
	log.Print("x"); g()
	unknown.F()
}
`
	names := map[string]string{"log": "log", "example.com/go-kit": "kit", "gopkg.in/yaml.v3": "yaml", "example.com/other": "other"}
	fixed := strings.Replace(strings.Replace(old, `log.Print("x"); `, "", 1), "\tunknown.F()\n", "", 1)
	got, err := removeUnusedImports("p.go", []byte(old), []byte(fixed), names)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(fixed, "\t\"log\"\n", "", 1) // "example.com/unknown" has no name: kept
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if _, err := removeUnusedImports("p.go", []byte(old), []byte("package p\nfunc {"), names); err == nil {
		t.Errorf("a fixed file that does not parse was accepted")
	}
}

func TestStatementSpan(t *testing.T) {
	for _, tc := range []struct{ src, stmt, want string }{
		{"{\n\tdefer c()\n\tx()\n}", "defer c()", "{\n\tx()\n}"},
		{"{\n\tdefer c(); x() // keep\n}", "defer c()", "{\n\tx() // keep\n}"},
		{"{\n\ta := 1; defer c()\n}", "defer c()", "{\n\ta := 1\n}"},
		{"{\n\tdefer c() // note\n}", "defer c()", "{\n\t// note\n}"},
		{"{\r\n\tdefer c()\r\n\tx()\r\n}", "defer c()", "{\r\n\tx()\r\n}"},
	} {
		i := strings.Index(tc.src, tc.stmt)
		start, end := source.StatementSpan([]byte(tc.src), i, i+len(tc.stmt))
		if got := tc.src[:start] + tc.src[end:]; got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestUnifiedLarge: a one-line change to a long file diffs at once
// (the table is built for the changed middle only).
func TestUnifiedLarge(t *testing.T) {
	var b strings.Builder
	for range 200000 {
		b.WriteString("x\n")
	}
	a := b.String()
	d := unified("f.go", a, strings.Replace(a, "x\n", "y\n", 1))
	if !strings.Contains(d, "@@ -1,4 +1,4 @@\n") || !strings.Contains(d, "\n+y\n") || strings.Count(d, "\n") != 8 {
		t.Errorf("diff:\n%s", d)
	}
}
