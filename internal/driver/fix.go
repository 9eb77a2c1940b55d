package driver

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// An edit replaces bytes [start, end) of a file.
type edit struct {
	start, end int
	text       string
}

// applyFixes applies the first suggested fix of each finding. A fix
// whose edits overlap an edit already accepted for the same file is
// skipped whole (and said so); identical edits, which a file analysed
// in p and in p [p.test] produces twice, are applied once. Each changed
// file is then cleaned of imports the fixes left unused and formatted.
// With diff, the changes are printed as unified diffs instead.
func applyFixes(fs []*finding, diff bool, w io.Writer) error {
	accepted := make(map[string][]edit)
	var files []string
	for _, f := range fs {
		if len(f.fixes) == 0 {
			continue
		}
		byFile := make(map[string][]edit)
		for _, e := range f.fixes[0].edits {
			byFile[e.file] = append(byFile[e.file], edit{e.start, e.end, e.text})
		}
		if conflicts(accepted, byFile) {
			_, _ = fmt.Fprintf(os.Stderr, "%s: fix %q skipped: it conflicts with another fix\n", f.posn, f.fixes[0].message)
			continue
		}
		for file, es := range byFile {
			if _, ok := accepted[file]; !ok {
				files = append(files, file)
			}
			for _, e := range es {
				if !slices.Contains(accepted[file], e) {
					accepted[file] = append(accepted[file], e)
				}
			}
		}
	}
	slices.Sort(files)
	for _, file := range files {
		old, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		src, err := apply(old, accepted[file])
		if err != nil {
			return fmt.Errorf("%s: %v", file, err)
		}
		src, err = tidy(file, src)
		if err != nil {
			return fmt.Errorf("%s: fixed file does not parse: %v", file, err)
		}
		if diff {
			_, _ = io.WriteString(w, unified(file, string(old), string(src)))
			continue
		}
		if err := os.WriteFile(file, src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// conflicts reports whether an edit of a fix overlaps an accepted edit
// it is not identical to.
func conflicts(accepted, fix map[string][]edit) bool {
	for file, es := range fix {
		for _, e := range es {
			for _, a := range accepted[file] {
				if e == a {
					continue
				}
				if e.start < a.end && a.start < e.end || e.start == a.start && e.end == a.end {
					return true
				}
				if e.start == e.end && e.start == a.start && a.start == a.end {
					return true // two insertions at one place: order unknown
				}
			}
		}
	}
	return false
}

func apply(src []byte, es []edit) ([]byte, error) {
	es = slices.Clone(es)
	slices.SortFunc(es, func(a, b edit) int { return a.start - b.start })
	var out bytes.Buffer
	last := 0
	for _, e := range es {
		if e.start < last || e.end > len(src) || e.start > e.end {
			return nil, fmt.Errorf("edit [%d,%d) out of order or range", e.start, e.end)
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// tidy removes the imports a file no longer uses and formats it.
func tidy(filename string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	used := make(map[string]bool)
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, imp := range slices.Clone(f.Imports) {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		name := path.Base(p)
		if strings.HasPrefix(name, "v") && strings.Contains(p, "/") {
			if _, err := strconv.Atoi(name[1:]); err == nil {
				name = path.Base(path.Dir(p)) // .../backoff/v4 is backoff
			}
		}
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." || used[name] {
			continue
		}
		if imp.Name != nil {
			astutil.DeleteNamedImport(fset, f, imp.Name.Name, p)
		} else {
			astutil.DeleteImport(fset, f, p)
		}
	}
	var out bytes.Buffer
	if err := format.Node(&out, fset, f); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// unified renders a unified diff of two versions of a file, with three
// lines of context, from a longest common subsequence of their lines.
func unified(name, a, b string) string {
	if a == b {
		return ""
	}
	x, y := splitLines(a), splitLines(b)
	// lcs[i][j]: length of the LCS of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte // ' ', '-', '+'
		text string
		i, j int // line numbers (0-based) in x and y before this line
	}
	var ls []line
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			ls = append(ls, line{' ', x[i], i, j})
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			ls = append(ls, line{'+', y[j], i, j})
			j++
		default:
			ls = append(ls, line{'-', x[i], i, j})
			i++
		}
	}
	var out strings.Builder
	_, _ = fmt.Fprintf(&out, "--- %s (old)\n+++ %s (new)\n", name, name)
	const ctx = 3
	for k := 0; k < len(ls); {
		if ls[k].op == ' ' {
			k++
			continue
		}
		start := max(0, k-ctx)
		end := k
		for end < len(ls) {
			if ls[end].op != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ls) && ls[run].op == ' ' {
				run++
			}
			if run == len(ls) || run-end > 2*ctx {
				end = min(end+ctx, len(ls))
				break
			}
			end = run
		}
		var na, nb int
		for _, l := range ls[start:end] {
			if l.op != '+' {
				na++
			}
			if l.op != '-' {
				nb++
			}
		}
		_, _ = fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", ls[start].i+1, na, ls[start].j+1, nb)
		for _, l := range ls[start:end] {
			_, _ = fmt.Fprintf(&out, "%c%s\n", l.op, l.text)
		}
		k = end
	}
	return out.String()
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
