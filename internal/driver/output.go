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

	"golang.org/x/tools/go/analysis"
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
		p := act.Package
		for _, d := range act.Diagnostics {
			f := newFinding(p.Fset, func(pos token.Pos) token.Position { return sourcePosition(p, pos) }, act.Analyzer.Name, p.ID, d)
			if key := f.key(); !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	sortFindings(out)
	return out
}

// newFinding resolves diagnostic d of check on package pkg to files and
// offsets; source gives the position in the file as read (see
// finding.source). Both engines make their findings with it, the vet
// engine in the vet tool's process.
func newFinding(fset *token.FileSet, source func(token.Pos) token.Position, check, pkg string, d analysis.Diagnostic) *finding {
	f := &finding{
		check:    check,
		category: d.Category,
		posn:     fset.Position(d.Pos),
		source:   source(d.Pos),
		end:      fset.Position(d.End),
		pkg:      pkg,
		message:  d.Message,
	}
	if !d.End.IsValid() {
		f.end = f.posn
	}
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
	return f
}

// key identifies a finding across the packages that report it.
func (f *finding) key() string {
	return fmt.Sprintf("%s|%s|%s|%s", f.posn, f.end, f.check, f.message)
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

// A directiveSeen is one //retryvet:ignore directive of a package
// analysed, with the checks that ran on the package and found a report
// it silenced.
type directiveSeen struct {
	pkg    string // ID of the package
	posn   token.Position
	checks []string
	used   []string
}

// directiveFindings reports the directives of the root actions (see
// directiveReport); ran is the checks that ran.
func directiveFindings(g *checker.Graph, known map[string]bool, unused bool) []*finding {
	var seen []directiveSeen
	ran := make(map[string]bool)
	for _, act := range g.Roots {
		res, ok := act.Result.(*suppress.Result)
		if !ok {
			continue
		}
		ran[act.Analyzer.Name] = true
		fset := act.Package.Fset
		usedHere := make(map[token.Pos]bool)
		for _, d := range res.Used {
			usedHere[d.Pos] = true
		}
		for _, d := range res.All {
			ds := directiveSeen{pkg: act.Package.ID, posn: fset.Position(d.Pos), checks: d.Checks}
			if usedHere[d.Pos] {
				ds.used = []string{act.Analyzer.Name}
			}
			seen = append(seen, ds)
		}
	}
	return directiveReport(seen, known, ran, unused)
}

// directiveReport reports, always, the //retryvet:ignore directives
// that name no check (a bare directive, or one of commas) or a name that
// is not one of known, retryvet's checks: they silence nothing, and a
// misspelling would otherwise go unseen; and with unused, the
// directives that silenced nothing, in any package, for any of the
// checks they name that ran. A directive seen in several packages (a
// file analysed in p and in p [p.test]) is reported once, under the
// first package of seen that has it.
func directiveReport(seen []directiveSeen, known, ran map[string]bool, unused bool) []*finding {
	type key struct {
		posn  string
		check string
	}
	used := make(map[key]bool)
	all := make(map[string]directiveSeen)
	for _, ds := range seen {
		p := ds.posn.String()
		for _, c := range ds.used {
			used[key{p, c}] = true
		}
		if _, ok := all[p]; !ok {
			all[p] = ds
		}
	}
	var out []*finding
	for p, d := range all {
		posn := d.posn
		report := func(check, category, msg string) {
			out = append(out, &finding{pkg: d.pkg, check: check, category: category, posn: posn, end: posn, message: msg})
		}
		var unknown, named []string
		silenced := false
		for _, c := range d.checks {
			switch {
			case !known[c]:
				unknown = append(unknown, c)
			case ran[c]:
				named = append(named, c)
				silenced = silenced || used[key{p, c}]
			}
		}
		switch {
		case len(d.checks) == 0:
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
