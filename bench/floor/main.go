// Command floor is the cost floor that retryvet is measured against.
//
// It is a go/analysis driver, built with multichecker.Main exactly like
// cmd/retryvet, that holds a single analyzer, "floor". That analyzer
// requires inspect.Analyzer and makes one inspector.Preorder walk over
// every *ast.CallExpr, *ast.ForStmt and *ast.RangeStmt of each package,
// counting them. It reports nothing; the counts are returned as the
// pass's result so that the walk cannot be optimized away.
//
// Its cost is therefore what any inspect-based analyzer pays regardless
// of what it checks: loading packages, parsing, type-checking, building
// the inspector, and one filtered walk of the syntax. bench/cost.sh runs
// it and retryvet alternately over the same targets and reports
// retryvet's CPU and peak RSS as a multiple of this floor.
package main

import (
	"go/ast"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Counts is the result of the floor analyzer for one package.
type Counts struct {
	Calls  int
	Fors   int
	Ranges int
}

// Analyzer is the floor analyzer: one inspector walk, no diagnostics.
var Analyzer = &analysis.Analyzer{
	Name:       "floor",
	Doc:        "cost floor: one inspector walk over calls and loops, reports nothing",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	ResultType: reflect.TypeFor[*Counts](),
	Run:        run,
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	filter := []ast.Node{
		(*ast.CallExpr)(nil),
		(*ast.ForStmt)(nil),
		(*ast.RangeStmt)(nil),
	}
	var c Counts
	insp.Preorder(filter, func(n ast.Node) {
		switch n.(type) {
		case *ast.CallExpr:
			c.Calls++
		case *ast.ForStmt:
			c.Fors++
		case *ast.RangeStmt:
			c.Ranges++
		}
	})
	return &c, nil
}

func main() {
	multichecker.Main(Analyzer)
}
