// Package suppress implements the //retryvet:ignore directive shared by
// every retryvet check, on the analyzers' own reporting path so that it
// works the same under go vet -vettool, the standalone driver and
// golangci-lint.
//
// A directive has the form
//
//	//retryvet:ignore check[,check...] reason
//
// and silences the named checks on its own line and on the line below it.
// A directive without a reason still silences them, but is reported once,
// by the first check it names.
//
// Reports in generated files (ast.IsGenerated) are dropped here too.
package suppress

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts every directive.
const Prefix = "//retryvet:ignore"

// A Directive is one //retryvet:ignore comment.
type Directive struct {
	Pos    token.Pos
	Checks []string
	Reason string
}

// Names reports whether d names check.
func (d *Directive) Names(check string) bool {
	for _, c := range d.Checks {
		if c == check {
			return true
		}
	}
	return false
}

type lineKey struct {
	file *token.File
	line int
}

// Set holds the directives of one package and which of its files are
// generated. It is read-only once built: checks running in parallel
// share it.
type Set struct {
	All       []*Directive
	byLine    map[lineKey][]*Directive
	generated map[*token.File]bool
}

// Analyzer parses the directives of a package once for every check.
var Analyzer = &analysis.Analyzer{
	Name:             "retryvetignore",
	Doc:              "collects //retryvet:ignore directives and generated files for the retryvet checks",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Set](),
}

func run(pass *analysis.Pass) (any, error) {
	s := &Set{}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		if ast.IsGenerated(f) {
			if s.generated == nil {
				s.generated = make(map[*token.File]bool)
			}
			s.generated[tf] = true
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				d := parse(c)
				if d == nil {
					continue
				}
				if s.byLine == nil {
					s.byLine = make(map[lineKey][]*Directive)
				}
				line := tf.Line(c.Slash)
				s.All = append(s.All, d)
				for _, l := range []int{line, line + 1} {
					k := lineKey{tf, l}
					s.byLine[k] = append(s.byLine[k], d)
				}
			}
		}
	}
	return s, nil
}

// parse returns the directive in c, or nil.
func parse(c *ast.Comment) *Directive {
	rest, ok := strings.CutPrefix(c.Text, Prefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	fields := strings.Fields(rest)
	d := &Directive{Pos: c.Slash}
	if len(fields) == 0 {
		return d
	}
	for _, name := range strings.Split(fields[0], ",") {
		if name != "" {
			d.Checks = append(d.Checks, name)
		}
	}
	d.Reason = strings.Join(fields[1:], " ")
	return d
}

// A Reporter reports one check's diagnostics, dropping those that a
// directive silences or that fall in a generated file, and remembers the
// directives it used.
type Reporter struct {
	pass  *analysis.Pass
	check string
	set   *Set
	used  []*Directive
}

// NewReporter returns the reporter of check for pass, whose analyzer
// must require Analyzer. It reports, once, each directive of the package
// that has no reason and names check first.
func NewReporter(pass *analysis.Pass, check string) *Reporter {
	r := &Reporter{pass: pass, check: check, set: pass.ResultOf[Analyzer].(*Set)}
	for _, d := range r.set.All {
		switch {
		case len(d.Checks) == 0:
			// Nothing to attribute it to; the first check in the
			// suite's order would be arbitrary, so name none.
		case d.Checks[0] == check && d.Reason == "":
			r.reportDirective(d, "retryvet:ignore directive has no reason; say why the finding does not apply after the check names")
		}
	}
	return r
}

func (r *Reporter) reportDirective(d *Directive, msg string) {
	if r.generated(d.Pos) {
		return
	}
	r.pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: "directive", Message: msg})
}

func (r *Reporter) generated(pos token.Pos) bool {
	return r.set.generated[r.pass.Fset.File(pos)]
}

// Report reports d unless it is silenced or in a generated file.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.generated(d.Pos) {
		return
	}
	if tf := r.pass.Fset.File(d.Pos); tf != nil {
		for _, dir := range r.set.byLine[lineKey{tf, tf.Line(d.Pos)}] {
			if dir.Names(r.check) {
				r.used = append(r.used, dir)
				return
			}
		}
	}
	r.pass.Report(d)
}

// Used returns the directives that silenced at least one diagnostic, in
// the order they were used (possibly repeated).
func (r *Reporter) Used() []*Directive { return r.used }

// Result is what a check's run returns: the directives it used, and
// all the package's directives, for a report of the unused ones.
type Result struct {
	Used []*Directive
	All  []*Directive
}

// Result returns the check's result for this pass.
func (r *Reporter) Result() *Result { return &Result{Used: r.used, All: r.set.All} }
