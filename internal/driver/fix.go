package driver

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/retryvet/retryvet/internal/source"
)

// A sourceFile is a Go file of a package analysed, as the analysis read
// it. -fix writes only such files, and only while they are unchanged.
type sourceFile struct {
	size int
	hash [sha256.Size]byte
	// imports maps the path of each import of the file to the name it
	// declares in the file, from type information; an import missing
	// from it is never removed.
	imports map[string]string
}

func newSourceFile(src []byte) *sourceFile {
	return &sourceFile{size: len(src), hash: sha256.Sum256(src), imports: make(map[string]string)}
}

// An edit replaces bytes [start, end) of a file.
type edit struct {
	start, end int
	text       string
}

// A fixReport counts what -fix did.
type fixReport struct {
	applied, skipped int // fixes
	written          []string
}

// applyFixes applies the first suggested fix of each finding to the
// files of files, changing only the bytes the edits name (and the
// imports they leave unused). A fix is skipped whole, and said so on
// stderr, when it overlaps an edit already accepted for the same file
// and is not identical to it (a file analysed in p and in p [p.test]
// produces identical fixes twice, applied once), when it edits a file
// that is not one of files, or when its file changed since it was
// analysed. Files are written only once every one of them can be: each
// to a temporary file in its folder, then renamed over it. With diff,
// the changes are printed to stdout as unified diffs instead.
func applyFixes(fs []*finding, files map[string]*sourceFile, diff bool, stdout, stderr io.Writer) (fixReport, error) {
	var rep fixReport
	accepted := make(map[string][]edit)
	fixesOf := make(map[string]int) // fixes accepted per file
	var names []string
	for _, f := range fs {
		if len(f.fixes) == 0 {
			continue
		}
		fx := f.fixes[0]
		byFile := make(map[string][]edit)
		outside := ""
		for _, e := range fx.edits {
			if files[e.file] == nil {
				outside = e.file
			}
			byFile[e.file] = append(byFile[e.file], edit{e.start, e.end, e.text})
		}
		switch {
		case outside != "":
			_, _ = fmt.Fprintf(stderr, "%s: fix %q skipped: it edits %s, which is not a Go file of the packages analysed\n", f.posn, fx.message, outside)
			rep.skipped++
			continue
		case conflicts(accepted, byFile):
			_, _ = fmt.Fprintf(stderr, "%s: fix %q skipped: it conflicts with another fix\n", f.posn, fx.message)
			rep.skipped++
			continue
		}
		for file, es := range byFile {
			if _, ok := accepted[file]; !ok {
				names = append(names, file)
			}
			fixesOf[file]++
			for _, e := range es {
				if !slices.Contains(accepted[file], e) {
					accepted[file] = append(accepted[file], e)
				}
			}
		}
		rep.applied++
	}
	slices.Sort(names)

	type change struct {
		file     string
		old, new []byte
	}
	var changes []change
	for _, file := range names {
		old, err := readUnchanged(file, files[file])
		if err == nil {
			var src []byte
			if src, err = apply(old, accepted[file]); err == nil {
				src, err = removeUnusedImports(file, old, src, files[file].imports)
			}
			if err == nil {
				changes = append(changes, change{file, old, src})
				continue
			}
		}
		_, _ = fmt.Fprintf(stderr, "%s: %d %s not applied: %v\n", file, fixesOf[file], plural(fixesOf[file], "fix", "fixes"), err)
		rep.applied -= fixesOf[file]
		rep.skipped += fixesOf[file]
	}
	if diff {
		for _, c := range changes {
			_, _ = io.WriteString(stdout, unified(diffName(c.file), string(c.old), string(c.new)))
		}
		return rep, nil
	}
	// Write each file to a temporary file beside it, all of them before
	// renaming any: a full disk or an unwritable file leaves every file
	// as it was.
	temps := make([]string, len(changes))
	removeTemps := func() {
		for _, t := range temps {
			if t != "" {
				_ = os.Remove(t)
			}
		}
	}
	for i, c := range changes {
		if real, err := filepath.EvalSymlinks(c.file); err == nil {
			changes[i].file = real // rename over the file, not the link
		}
		t, err := stage(changes[i].file, c.new)
		if err != nil {
			removeTemps()
			rep.skipped += rep.applied
			rep.applied = 0
			return rep, fmt.Errorf("no file was changed: %v", err)
		}
		temps[i] = t
	}
	for i, c := range changes {
		if err := os.Rename(temps[i], c.file); err != nil {
			removeTemps()
			var left []string
			for _, d := range changes[i:] {
				left = append(left, d.file)
			}
			return rep, fmt.Errorf("%v; fixed %s, not %s", err, listOrNone(rep.written), strings.Join(left, ", "))
		}
		temps[i] = ""
		rep.written = append(rep.written, c.file)
	}
	return rep, nil
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

// errChanged says that a file is not the one analysed.
var errChanged = errors.New("the file changed since it was analysed; run retryvet again")

// readUnchanged reads file and checks it is what was analysed: same
// size, same hash. It reads regular files only.
func readUnchanged(file string, want *sourceFile) ([]byte, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if fi.Size() != int64(want.size) {
		return nil, errChanged
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if len(data) != want.size || sha256.Sum256(data) != want.hash {
		return nil, errChanged
	}
	return data, nil
}

// stage writes data to a new temporary file in file's folder, with
// file's permissions, and returns its name. It refuses a file that is
// read-only, even to a user who could write it.
func stage(file string, data []byte) (string, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return "", err
	}
	if fi.Mode().Perm()&0o222 == 0 {
		return "", fmt.Errorf("%s is read-only", file)
	}
	w, err := os.OpenFile(file, os.O_WRONLY, 0) // no O_TRUNC: a check only
	if err != nil {
		return "", err
	}
	_ = w.Close()
	t, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".retryvet-*")
	if err != nil {
		return "", err
	}
	_, err = t.Write(data)
	if err == nil {
		err = t.Sync()
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(t.Name(), fi.Mode().Perm())
	}
	if err != nil {
		_ = os.Remove(t.Name())
		return "", fmt.Errorf("writing %s: %v", file, err)
	}
	return t.Name(), nil
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

// apply applies es to src. In a file whose lines end in CRLF, the new
// text's line ends are written CRLF too.
func apply(src []byte, es []edit) ([]byte, error) {
	es = slices.Clone(es)
	slices.SortFunc(es, func(a, b edit) int { return a.start - b.start })
	crlf := bytes.Contains(src, []byte("\r\n"))
	var out bytes.Buffer
	last := 0
	for _, e := range es {
		if e.start < last || e.end > len(src) || e.start > e.end {
			return nil, fmt.Errorf("edit [%d,%d) out of order or range", e.start, e.end)
		}
		out.Write(src[last:e.start])
		text := e.text
		if crlf {
			text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
		}
		out.WriteString(text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// removeUnusedImports removes from the fixed file src the imports the
// fixes made unused: those whose name (from type information, in
// names) old refers to and src no longer does. It fails when src does
// not parse: a fix must not leave a file that does not.
func removeUnusedImports(filename string, old, src []byte, names map[string]string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("the fixed file does not parse: %v", err)
	}
	before := identifiers(token.NewFileSet(), filename, old)
	after := identifiers(fset, filename, src)
	tf := fset.File(f.FileStart)
	var es []edit
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		var gone []*ast.ImportSpec
		for _, s := range gd.Specs {
			spec := s.(*ast.ImportSpec)
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			name, ok := names[path]
			if spec.Name != nil {
				name, ok = spec.Name.Name, true
			}
			if ok && name != "_" && name != "." && before[name] && !after[name] {
				gone = append(gone, spec)
			}
		}
		if len(gone) == 0 {
			continue
		}
		if len(gone) == len(gd.Specs) {
			start, end := source.StatementSpan(src, tf.Offset(gd.Pos()), tf.Offset(gd.End()))
			es = append(es, edit{start, end, ""})
			continue
		}
		for _, spec := range gone {
			from, to := spec.Pos(), spec.End()
			if spec.Doc != nil {
				from = spec.Doc.Pos()
			}
			if spec.Comment != nil {
				to = spec.Comment.End()
			}
			start, end := source.StatementSpan(src, tf.Offset(from), tf.Offset(to))
			es = append(es, edit{start, end, ""})
		}
	}
	if len(es) == 0 {
		return src, nil
	}
	return apply(src, es)
}

// identifiers returns the names of the identifiers of src outside its
// import declarations: a superset of the names it refers to.
func identifiers(fset *token.FileSet, filename string, src []byte) map[string]bool {
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	names := make(map[string]bool)
	if f == nil {
		return names
	}
	for _, decl := range f.Decls {
		if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			continue
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				names[id.Name] = true
			}
			return true
		})
	}
	if err != nil {
		// An old file that does not parse: assume it refers to every
		// name it spells, so that no import counts as made unused.
		for _, w := range strings.FieldsFunc(string(src), func(r rune) bool { return !isIdentRune(r) }) {
			names[w] = true
		}
	}
	return names
}

func isIdentRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0x80
}

// unified renders a unified diff of two versions of a file, with three
// lines of context, from a longest common subsequence of their lines.
func unified(name, a, b string) string {
	if a == b {
		return ""
	}
	x, y := splitLines(a), splitLines(b)
	// Trim the common prefix and suffix: the table below is quadratic
	// in what remains.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	// lcs[i][j]: length of the LCS of mx[i:] and my[j:].
	lcs := make([][]int, len(mx)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(my)+1)
	}
	for i := len(mx) - 1; i >= 0; i-- {
		for j := len(my) - 1; j >= 0; j-- {
			if mx[i] == my[j] {
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
	for k := range pre {
		ls = append(ls, line{' ', x[k], k, k})
	}
	i, j := 0, 0
	for i < len(mx) || j < len(my) {
		switch {
		case i < len(mx) && j < len(my) && mx[i] == my[j]:
			ls = append(ls, line{' ', mx[i], pre + i, pre + j})
			i, j = i+1, j+1
		case j < len(my) && (i == len(mx) || lcs[i][j+1] >= lcs[i+1][j]):
			ls = append(ls, line{'+', my[j], pre + i, pre + j})
			j++
		default:
			ls = append(ls, line{'-', mx[i], pre + i, pre + j})
			i++
		}
	}
	for k := range suf {
		ls = append(ls, line{' ', x[len(x)-suf+k], len(x) - suf + k, len(y) - suf + k})
	}
	var out strings.Builder
	_, _ = fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
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
