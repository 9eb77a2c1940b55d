// Package source reads the text of a pass's files for building
// suggested fixes, each file once per pass: a package with thousands of
// fixable findings in one file would otherwise read it thousands of
// times.
package source

import (
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// Files caches the text of one pass's files. It is not safe for
// concurrent use; make one per pass.
type Files struct {
	pass *analysis.Pass
	text map[string][]byte
}

// New returns an empty cache for pass.
func New(pass *analysis.Pass) *Files {
	return &Files{pass: pass, text: make(map[string][]byte)}
}

// Text returns the file holding pos and its text.
func (fs *Files) Text(pos token.Pos) (*token.File, []byte, error) {
	f := fs.pass.Fset.File(pos)
	if f == nil {
		return nil, nil, errNoFile
	}
	if t, ok := fs.text[f.Name()]; ok {
		return f, t, nil
	}
	t, err := fs.pass.ReadFile(f.Name())
	if err != nil {
		return nil, nil, err
	}
	if len(t) != f.Size() {
		return nil, nil, errChanged // the offsets of f do not index t
	}
	fs.text[f.Name()] = t
	return f, t, nil
}

type noFile struct{}

func (noFile) Error() string { return "position in no file" }

var errNoFile error = noFile{}

type changed struct{}

func (changed) Error() string { return "file changed since it was parsed" }

var errChanged error = changed{}

// LineIndent returns the blanks (spaces and tabs) that begin the line of
// text holding pos, in the file as read (a //line directive does not
// move it).
func LineIndent(f *token.File, text []byte, pos token.Pos) string {
	line := f.PositionFor(pos, false).Line
	if line < 1 || line > f.LineCount() {
		return ""
	}
	start := f.Offset(f.LineStart(line))
	end := start
	for end < len(text) && (text[end] == ' ' || text[end] == '\t') {
		end++
	}
	if start > end {
		return ""
	}
	return string(text[start:end])
}

// StatementSpan widens [start, end) of src to delete a statement or
// declaration cleanly: with its whole line when nothing else is on it,
// else with the separator and blanks that follow it (or precede it,
// when it ends its line).
func StatementSpan(src []byte, start, end int) (int, int) {
	blank := func(b byte) bool { return b == ' ' || b == '\t' }
	ls := start
	for ls > 0 && blank(src[ls-1]) {
		ls--
	}
	le := end
	for le < len(src) && blank(src[le]) {
		le++
	}
	atStart := ls == 0 || src[ls-1] == '\n'
	atEnd := le == len(src) || src[le] == '\n' || src[le] == '\r'
	switch {
	case atStart && atEnd:
		if le < len(src) && src[le] == '\r' {
			le++
		}
		if le < len(src) && src[le] == '\n' {
			le++
		}
		return ls, le
	case le < len(src) && src[le] == ';':
		le++
		for le < len(src) && blank(src[le]) {
			le++
		}
		return start, le
	case atEnd && ls > 0 && src[ls-1] == ';':
		ls--
		for ls > 0 && blank(src[ls-1]) {
			ls--
		}
		return ls, end
	case atStart:
		return start, le // a comment follows: keep it
	}
	return start, end
}
