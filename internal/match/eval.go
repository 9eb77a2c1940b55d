package match

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
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
