// Command floor is the cost floor that retryvet is measured against.
//
// It is a go/analysis driver, built with the same driver as cmd/retryvet
// (internal/driver), that holds a single analyzer, "floor". That analyzer
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
//
// With FLOOR_FACTS=1 in the environment it is the fact floor: the same
// analyzer declaring a dummy fact type, which makes the driver load
// every dependency from source (as retryvet's fact-using checks do)
// while exporting nothing.
package main

import (
	"go/ast"
	"os"
	"reflect"

	"github.com/retryvet/retryvet/internal/driver"
	"golang.org/x/tools/go/analysis"
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

// Fact is the dummy fact type of the fact floor.
type Fact struct{}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func main() {
	if os.Getenv("FLOOR_FACTS") == "1" {
		// The fact floor: an analyzer that declares a fact type makes
		// the driver load every dependency from source, as a
		// fact-using suite must.
		Analyzer.FactTypes = []analysis.Fact{new(Fact)}
	}
	driver.Main(Analyzer)
}
