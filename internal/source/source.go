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
	fs.text[f.Name()] = t
	return f, t, nil
}

type noFile struct{}

func (noFile) Error() string { return "position in no file" }

var errNoFile error = noFile{}
