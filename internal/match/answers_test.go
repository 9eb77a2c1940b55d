package match_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/retryvet/retryvet/internal/match"
)

func TestAnswersOnly(t *testing.T) {
	const src = `package p

var x, y bool

func direct(err error) bool { return x || y }

func guarded(err error) bool {
	if x {
		return true
	}
	return false
}

func fallback(err error) bool {
	if x {
		return false
	}
	return true
}

func elseTrue(err error) bool {
	if x {
		return false
	} else {
		return true
	}
}

func nested(err error) bool {
	f := func() bool { return true }
	_ = f
	return y
}

func never(err error) bool { return false }

func other(err error) bool { return !x }
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Uses: make(map[*ast.Ident]types.Object), Defs: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	// The test accepts x, y and their disjunction: not a negation.
	var test func(e ast.Expr) bool
	test = func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			return e.Name == "x" || e.Name == "y"
		case *ast.BinaryExpr:
			return e.Op == token.LOR && test(e.X) && test(e.Y)
		}
		return false
	}
	want := map[string]bool{
		"direct":   true,
		"guarded":  true,
		"fallback": false, // true for whatever x does not name
		"elseTrue": false, // true in an else, not under a test
		"nested":   true,  // a literal's return is not the classifier's
		"never":    false, // never answers true
		"other":    false,
	}
	for _, d := range file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if got := match.AnswersOnly(info, fd.Body, test); got != want[fd.Name.Name] {
			t.Errorf("AnswersOnly(%s) = %t, want %t", fd.Name.Name, got, want[fd.Name.Name])
		}
	}
}
