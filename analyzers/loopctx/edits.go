package loopctx

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
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
	start := s.file.Offset(s.file.LineStart(s.file.Line(pos)))
	end := start
	for end < len(s.text) && (s.text[end] == ' ' || s.text[end] == '\t') {
		end++
	}
	return string(s.text[start:end])
}

// deleteLine deletes the line that holds n alone.
func (s *fileText) deleteLine(n ast.Node) analysis.TextEdit {
	line := s.file.Line(n.Pos())
	start := s.file.LineStart(line)
	end := token.Pos(s.file.Base() + s.file.Size())
	if line < s.file.LineCount() {
		end = s.file.LineStart(line + 1)
	}
	return analysis.TextEdit{Pos: start, End: end}
}
