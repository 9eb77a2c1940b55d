package match

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
)

// EvalInt evaluates an integer expression: constants, conversions,
// parentheses and + - * / % <<, with the other leaves (a counter, a
// response status, a call) given by leaf, which may be nil. Arithmetic
// wraps as int64 does.
func EvalInt(info *types.Info, e ast.Expr, leaf func(ast.Expr) (int64, bool)) (int64, bool) {
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return constant.Int64Val(constant.ToInt(tv.Value))
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if IsConversion(info, e) && len(e.Args) == 1 {
			return EvalInt(info, e.Args[0], leaf)
		}
	case *ast.BinaryExpr:
		x, okx := EvalInt(info, e.X, leaf)
		y, oky := EvalInt(info, e.Y, leaf)
		if !okx || !oky {
			return 0, false
		}
		switch e.Op {
		case token.ADD:
			return x + y, true
		case token.SUB:
			return x - y, true
		case token.MUL:
			return x * y, true
		case token.QUO:
			if y != 0 {
				return x / y, true
			}
		case token.REM:
			if y != 0 {
				return x % y, true
			}
		case token.SHL:
			if y >= 0 && y < 63 {
				return x << y, true
			}
		}
		return 0, false
	}
	if leaf != nil {
		return leaf(e)
	}
	return 0, false
}

// EvalFloat evaluates a numeric expression as a float64: constants,
// numeric conversions (to an integer type, truncating), parentheses,
// unary minus, + - * / % <<, and the builtins min and max, with the
// other leaves given by leaf, which may be nil. Division of integers
// truncates, as Go's does; nothing wraps.
func EvalFloat(info *types.Info, e ast.Expr, leaf func(ast.Expr) (float64, bool)) (float64, bool) {
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		switch tv.Value.Kind() {
		case constant.Int, constant.Float:
			f, _ := constant.Float64Val(constant.ToFloat(tv.Value))
			return f, true
		}
		return 0, false
	}
	integer := isInteger(info.TypeOf(e))
	switch e := e.(type) {
	case *ast.CallExpr:
		if IsConversion(info, e) && len(e.Args) == 1 {
			x, ok := EvalFloat(info, e.Args[0], leaf)
			if integer {
				x = math.Trunc(x)
			}
			return x, ok
		}
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) > 0 {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "min" || b.Name() == "max") {
				var out float64
				for i, arg := range e.Args {
					x, ok := EvalFloat(info, arg, leaf)
					if !ok {
						return 0, false
					}
					if i == 0 || b.Name() == "min" && x < out || b.Name() == "max" && x > out {
						out = x
					}
				}
				return out, true
			}
		}
	case *ast.UnaryExpr:
		if e.Op == token.SUB || e.Op == token.ADD {
			x, ok := EvalFloat(info, e.X, leaf)
			if e.Op == token.SUB {
				x = -x
			}
			return x, ok
		}
		return 0, false
	case *ast.BinaryExpr:
		x, okx := EvalFloat(info, e.X, leaf)
		y, oky := EvalFloat(info, e.Y, leaf)
		if !okx || !oky {
			return 0, false
		}
		switch e.Op {
		case token.ADD:
			return x + y, true
		case token.SUB:
			return x - y, true
		case token.MUL:
			return x * y, true
		case token.QUO:
			if y == 0 {
				return 0, false
			}
			if integer {
				return math.Trunc(x / y), true
			}
			return x / y, true
		case token.REM:
			if y == 0 || !integer {
				return 0, false
			}
			return math.Mod(x, y), true
		case token.SHL:
			if y >= 0 && y < 63 {
				return x * math.Exp2(y), true
			}
		}
		return 0, false
	}
	if leaf != nil {
		return leaf(e)
	}
	return 0, false
}

// isInteger reports whether t is an integer type.
func isInteger(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}
