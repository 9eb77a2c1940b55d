package loopctx

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/internal/source"
)

// fileText is the text of one file, for building edits.
type fileText struct {
	file *token.File
	text []byte
}

func (r *run) source(pos token.Pos) (*fileText, error) {
	f, text, err := r.files.Text(pos)
	if err != nil {
		return nil, err
	}
	return &fileText{file: f, text: text}, nil
}

// indent returns the leading white space of the line holding pos.
func (s *fileText) indent(pos token.Pos) string {
	return source.LineIndent(s.file, s.text, pos)
}

// deleteStmt deletes the statement n: with its line when nothing else
// is on it, else with the semicolon and blanks that separate it from
// the statement after it (or before it, when it ends its line). A
// comment on its line stays.
func (s *fileText) deleteStmt(n ast.Stmt) analysis.TextEdit {
	start, end := source.StatementSpan(s.text, s.file.Offset(n.Pos()), s.file.Offset(n.End()))
	return analysis.TextEdit{Pos: s.file.Pos(start), End: s.file.Pos(end)}
}
