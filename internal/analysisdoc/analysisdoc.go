// Package analysisdoc extracts an analyzer's Doc string from the package
// comment of its doc.go, so that the documentation is written once.
package analysisdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Doc returns the "# Analyzer <name>" section of the package comment in
// src (the text of a doc.go file), without the heading and without the
// "<name>:" that starts its summary line. It panics if src has no such
// section: the documentation is part of the program.
func Doc(src, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil || f.Doc == nil {
		panic(fmt.Sprintf("analysisdoc: %s: doc.go has no package comment", name))
	}
	for section := range strings.SplitSeq(f.Doc.Text(), "\n# ") {
		body, ok := strings.CutPrefix(section, "Analyzer "+name+"\n")
		if !ok {
			continue
		}
		summary, ok := strings.CutPrefix(strings.TrimSpace(body), name+":")
		if !ok {
			panic(fmt.Sprintf("analysisdoc: the %q section does not start with %q", "Analyzer "+name, name+": summary"))
		}
		return strings.TrimSpace(summary)
	}
	panic(fmt.Sprintf("analysisdoc: doc.go has no %q section", "# Analyzer "+name))
}
