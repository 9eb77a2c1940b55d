package driver

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/internal/suppress"
)

// collect returns the findings of the root actions, once each: a file
// analysed in p and in p [p.test] reports the same finding twice.
func collect(g *checker.Graph, pkgs []*packages.Package) []*finding {
	seen := make(map[string]bool)
	var out []*finding
	for _, act := range g.Roots {
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := &finding{
				check:    act.Analyzer.Name,
				category: d.Category,
				posn:     fset.Position(d.Pos),
				source:   sourcePosition(act.Package, d.Pos),
				end:      fset.Position(d.End),
				pkg:      act.Package.ID,
				message:  d.Message,
			}
			if !d.End.IsValid() {
				f.end = f.posn
			}
			key := fmt.Sprintf("%s|%s|%s|%s", f.posn, f.end, f.check, f.message)
			if seen[key] {
				continue
			}
			seen[key] = true
			for _, r := range d.Related {
				f.related = append(f.related, related{posn: fset.Position(r.Pos), end: fset.Position(cmp.Or(r.End, r.Pos)), message: r.Message})
			}
			for _, sf := range d.SuggestedFixes {
				fx := fix{message: sf.Message}
				for _, e := range sf.TextEdits {
					// The file the bytes are in, not one a //line
					// directive names.
					start, end := fset.PositionFor(e.Pos, false), fset.PositionFor(e.End, false)
					if !e.End.IsValid() {
						end = start
					}
					fx.edits = append(fx.edits, fileEdit{file: start.Filename, start: start.Offset, end: end.Offset, text: string(e.NewText)})
				}
				f.fixes = append(f.fixes, fx)
			}
			out = append(out, f)
		}
	}
	sortFindings(out)
	return out
}

// sourcePosition is pos in the file that holds its bytes, ignoring
// //line directives, which may name any file; or, where a directive
// names one of the package's own Go files (cgo's translation of a file
// that imports "C" names the user's file), pos in that file.
func sourcePosition(p *packages.Package, pos token.Pos) token.Position {
	if adjusted := p.Fset.Position(pos); slices.Contains(p.GoFiles, adjusted.Filename) {
		return adjusted
	}
	return p.Fset.PositionFor(pos, false)
}

func sortFindings(fs []*finding) {
	slices.SortStableFunc(fs, func(a, b *finding) int {
		return cmp.Or(
			cmp.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Line, b.posn.Line),
			cmp.Compare(a.posn.Column, b.posn.Column),
			cmp.Compare(a.check, b.check),
			cmp.Compare(a.message, b.message),
		)
	})
}

// writeText prints file:line:col: message (check), with the related
// positions indented below, and with context >= 0 the source lines. A
// file below the working directory wd is named relative to it, as
// staticcheck and golangci-lint name files.
func writeText(w io.Writer, fs []*finding, context int, wd string) {
	for _, f := range fs {
		_, _ = fmt.Fprintf(w, "%s: %s (%s)\n", shortPosn(f.posn, wd), f.message, f.check)
		if context >= 0 {
			printContext(w, f.source, context)
		}
		for _, r := range f.related {
			_, _ = fmt.Fprintf(w, "\t%s: %s\n", shortPosn(r.posn, wd), r.message)
		}
	}
}

// shortPosn is p with its file named relative to wd when it lies below
// wd.
func shortPosn(p token.Position, wd string) token.Position {
	p.Filename = shortPath(p.Filename, wd)
	return p
}

// shortPath is name relative to wd when it lies below wd, and name
// otherwise.
func shortPath(name, wd string) string {
	if wd == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(wd, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return rel
}

// printContext prints the lines around p, a position in the file as
// read (not as a //line directive names it): a Go source file, never a
// device or a pipe.
func printContext(w io.Writer, p token.Position, n int) {
	if fi, err := os.Stat(p.Filename); err != nil || !fi.Mode().IsRegular() || !strings.HasSuffix(p.Filename, ".go") {
		return
	}
	data, err := os.ReadFile(p.Filename)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for l := max(1, p.Line-n); l <= min(len(lines), p.Line+n); l++ {
		_, _ = fmt.Fprintf(w, "%d\t%s\n", l, lines[l-1])
	}
}

// directiveFindings reports, always, the //retryvet:ignore directives
// that name no check (a bare directive, or one of commas) or a name that
// is not one of known, retryvet's checks: they silence nothing, and a
// misspelling would otherwise go unseen; and with unused, the
// directives that silenced nothing for any of the checks they name that
// ran.
func directiveFindings(g *checker.Graph, known map[string]bool, unused bool) []*finding {
	type key struct {
		posn  string
		check string
	}
	used := make(map[key]bool)
	ran := make(map[string]bool)
	all := make(map[string]*suppress.Directive)
	fsets := make(map[string]*token.FileSet)
	pkgOf := make(map[string]string)
	for _, act := range g.Roots {
		res, ok := act.Result.(*suppress.Result)
		if !ok {
			continue
		}
		ran[act.Analyzer.Name] = true
		fset := act.Package.Fset
		for _, d := range res.Used {
			used[key{fset.Position(d.Pos).String(), act.Analyzer.Name}] = true
		}
		for _, d := range res.All {
			p := fset.Position(d.Pos).String()
			if _, ok := all[p]; !ok {
				all[p], fsets[p], pkgOf[p] = d, fset, act.Package.ID
			}
		}
	}
	var out []*finding
	for p, d := range all {
		posn := fsets[p].Position(d.Pos)
		report := func(check, category, msg string) {
			out = append(out, &finding{pkg: pkgOf[p], check: check, category: category, posn: posn, end: posn, message: msg})
		}
		var unknown, named []string
		silenced := false
		for _, c := range d.Checks {
			switch {
			case !known[c]:
				unknown = append(unknown, c)
			case ran[c]:
				named = append(named, c)
				silenced = silenced || used[key{p, c}]
			}
		}
		switch {
		case len(d.Checks) == 0:
			report("retryvet", "directive/nocheck", "retryvet:ignore directive names no check, so it silences nothing; name the checks it silences: //retryvet:ignore <check>[,<check>] <reason>")
		case len(unknown) > 0:
			report("retryvet", "directive/unknown", fmt.Sprintf("retryvet:ignore directive names %s, which %s no retryvet check, so it silences nothing; the checks are %s",
				strings.Join(unknown, ","), plural(len(unknown), "is", "are"), strings.Join(slices.Sorted(maps.Keys(known)), ", ")))
		}
		if unused && len(named) > 0 && !silenced {
			report(named[0], "directive/unused", fmt.Sprintf("retryvet:ignore directive for %s silences nothing; remove it", strings.Join(named, ",")))
		}
	}
	return out
}

// printLoadErrors prints the errors of the packages that did not load,
// dependencies included, and returns the lines it printed, one per
// package with errors. As
// go vet does, it prints one error per package and counts the others
// (one syntax error would otherwise cascade into several lines): a
// syntax error first, then a type error, then any other. An error with
// no position is prefixed with the tool's name.
func printLoadErrors(w io.Writer, progname string, pkgs []*packages.Package) []string {
	wd, _ := os.Getwd()
	var lines []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) == 0 {
			return
		}
		first := p.Errors[0]
		for _, kind := range []packages.ErrorKind{packages.TypeError, packages.ParseError} {
			if i := slices.IndexFunc(p.Errors, func(e packages.Error) bool { return e.Kind == kind }); i >= 0 {
				first = p.Errors[i]
			}
		}
		msg := first.Msg
		if pos := first.Pos; pos != "" && pos != "-" {
			if file, rest, ok := strings.Cut(pos, ":"); ok {
				pos = shortPath(file, wd) + ":" + rest
			}
			msg = pos + ": " + msg
		} else {
			msg = progname + ": " + msg
		}
		if more := len(p.Errors) - 1; more > 0 {
			msg += fmt.Sprintf(" (and %d more %s)", more, plural(more, "error", "errors"))
		}
		_, _ = fmt.Fprintln(w, msg)
		lines = append(lines, msg)
	})
	return lines
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// diffName is how a diff names file: relative to the root of its
// module, with slashes, so that git apply (which strips the a/ and b/
// that unified adds) applies the diff from the module's root; a file in
// no module is named relative to the working directory when below it.
func diffName(file string) string {
	if root := above(filepath.Dir(file), "go.mod"); root != "" {
		if rel, err := filepath.Rel(root, file); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	wd, _ := os.Getwd()
	return filepath.ToSlash(shortPath(file, wd))
}
