// Package analysisdoc extracts an analyzer's Doc string from the package
// comment of its doc.go, so that the documentation is written once.
package analysisdoc

import (
	"go/parser"
	"go/token"
	"strings"
)

// Doc returns the text of the "# Analyzer <name>" section of the package
// comment in src (a doc.go file), without the heading: its first line
// is the one-line summary "<name>: ...". If there is no such section it
// returns the whole package comment.
func Doc(src string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil || f.Doc == nil {
		panic("analysisdoc: doc.go has no package comment")
	}
	text := f.Doc.Text()
	_, section, ok := strings.Cut(text, "# Analyzer ")
	if !ok {
		return strings.TrimSpace(text)
	}
	// Drop the rest of the heading line.
	if _, rest, ok := strings.Cut(section, "\n"); ok {
		section = rest
	}
	if i := strings.Index(section, "\n# "); i >= 0 {
		section = section[:i]
	}
	return strings.TrimSpace(section)
}
