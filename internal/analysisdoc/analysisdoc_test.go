package analysisdoc

import "testing"

func TestDoc(t *testing.T) {
	src := `// Package x defines an Analyzer that does x.
//
// # Analyzer x
//
// x: report things
//
// More words.
//
// # Other
//
// Not part of it.
package x
`
	got := Doc(src, "x")
	want := "report things\n\nMore words."
	if got != want {
		t.Errorf("Doc = %q, want %q", got, want)
	}
}

func TestDocMissingSection(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Doc did not panic on a doc.go without the section")
		}
	}()
	Doc("// Package x does x.\npackage x\n", "x")
}
