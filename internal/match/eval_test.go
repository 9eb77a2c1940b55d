package match_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/retryvet/retryvet/internal/match"
)

func TestEvalFloat(t *testing.T) {
	const src = `package p

import "time"

var n int

var (
	a = time.Duration(float64(time.Second) * 1.5)
	b = min(time.Duration(n*n)*10*time.Millisecond, 2*time.Second)
	c = 2 * time.Second << uint(n-1)
	d = time.Duration(n) / 2
	e = -max(n, 3)
	f = 7.0 / 2
	g = 7 / 2
	h = n % (n - n)
	i = "text"
)
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Uses: make(map[*ast.Ident]types.Object), Defs: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	values := make(map[string]ast.Expr)
	for _, spec := range file.Decls[2].(*ast.GenDecl).Specs {
		vs := spec.(*ast.ValueSpec)
		values[vs.Names[0].Name] = vs.Values[0]
	}
	// n is 3 wherever it is read.
	leaf := func(e ast.Expr) (float64, bool) {
		if id, ok := e.(*ast.Ident); ok && id.Name == "n" {
			return 3, true
		}
		return 0, false
	}
	for _, tc := range []struct {
		name string
		want float64
		ok   bool
	}{
		{"a", 1.5e9, true},
		{"b", 90e6, true},
		{"c", 8e9, true},
		{"d", 1, true}, // integer division truncates
		{"e", -3, true},
		{"f", 3.5, true},
		{"g", 3, true},
		{"h", 0, false}, // a remainder by zero
		{"i", 0, false},
	} {
		got, ok := match.EvalFloat(info, values[tc.name], leaf)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("%s: EvalFloat = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
