package amplification

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/match"
)

const pathGRPC = "google.golang.org/grpc"

// grpcConns finds the gRPC client connections of the package dialed
// with a retrying interceptor (go-grpc-middleware's, v1 or v2, that
// retries), and the client stubs made from them: the variables and
// fields that hold one, each with the interceptor's call. The
// interceptor is handed to the dial directly
// (grpc.NewClient(addr, grpc.WithUnaryInterceptor(retry.UnaryClientInterceptor(...)))),
// or through a slice of options built in a literal and spread into the
// dial (opts...). A variable or field that is also assigned anything
// else is left out.
func (r *run) grpcConns(in *inspector.Inspector) {
	info := r.pass.TypesInfo
	dials := make(map[*ast.CallExpr]*retryloop.Call) // dial calls, with their interceptor
	optSlices := make(map[types.Object]*retryloop.Call)
	for _, c := range r.res.Calls {
		if c.Library != retryloop.LibGRPCRetry || c.InTest || c.Opaque || c.Policy.MaxAttempts == 0 {
			continue
		}
		cur, ok := in.Root().FindNode(c.Call)
		if !ok {
			continue
		}
		for _, optCur := range r.interceptorOptions(cur) {
			switch n := optCur.Parent().Node().(type) {
			case *ast.CallExpr:
				if isDial(match.Callee(info, n)) {
					dials[n] = c
				}
			case *ast.CompositeLit:
				// opts := []grpc.DialOption{..., grpc.WithUnaryInterceptor(...)}
				litCur, _ := in.Root().FindNode(n)
				match.EachAssign(litCur.Parent().Node(), func(lhs, rhs ast.Expr, tuple bool, _ token.Token) {
					if rhs == n && !tuple {
						if obj := match.ObjectOf(info, lhs); obj != nil {
							optSlices[obj] = c
						}
					}
				})
			}
		}
	}
	if len(dials) == 0 && len(optSlices) == 0 {
		return
	}
	// Dials that spread a slice of options holding the interceptor.
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !call.Ellipsis.IsValid() || !isDial(match.Callee(info, call)) {
			continue
		}
		if c := optSlices[match.ObjectOf(info, call.Args[len(call.Args)-1])]; c != nil {
			dials[call] = c
		}
	}
	// The variables and fields holding a connection, then a stub made
	// from one: each assigned only such values.
	holders := func(value func(rhs ast.Expr, tuple bool) *retryloop.Call) map[types.Object]*retryloop.Call {
		got := make(map[types.Object]*retryloop.Call)
		other := make(map[types.Object]bool)
		note := func(lhs, rhs ast.Expr, tuple bool) {
			obj := match.ObjectOf(info, lhs)
			if obj == nil || rhs == nil {
				return
			}
			if c := value(rhs, tuple); c != nil {
				got[obj] = c
			} else {
				other[obj] = true
			}
		}
		for cur := range in.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.KeyValueExpr)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok {
					if _, ok := info.Uses[id].(*types.Var); ok {
						note(id, n.Value, false)
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
					// conn, err := grpc.NewClient(...): the first result.
					note(n.Lhs[0], n.Rhs[0], true)
					continue
				}
				match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, _ token.Token) { note(lhs, rhs, tuple) })
			default:
				match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, _ token.Token) { note(lhs, rhs, tuple) })
			}
		}
		for obj := range other {
			delete(got, obj)
		}
		return got
	}
	r.conns = holders(func(rhs ast.Expr, tuple bool) *retryloop.Call {
		if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok {
			return dials[call]
		}
		return nil
	})
	// conn held again: s.conn = conn.
	for obj, c := range holders(func(rhs ast.Expr, tuple bool) *retryloop.Call {
		if tuple {
			return nil
		}
		return r.conns[match.ObjectOf(info, rhs)]
	}) {
		if _, ok := r.conns[obj]; !ok {
			r.conns[obj] = c
		}
	}
	r.stubs = holders(func(rhs ast.Expr, tuple bool) *retryloop.Call {
		if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && !tuple {
			return r.stubOf(call)
		}
		return nil
	})
}

// stubOf returns the interceptor of the retrying connection that call,
// a constructor of a client stub (pb.NewOrdersClient(conn)), is handed,
// or nil.
func (r *run) stubOf(call *ast.CallExpr) *retryloop.Call {
	fn := match.Callee(r.pass.TypesInfo, call)
	if fn == nil || len(call.Args) != 1 || fn.Type().(*types.Signature).Recv() != nil {
		return nil
	}
	return r.conns[match.ObjectOf(r.pass.TypesInfo, call.Args[0])]
}

// grpcCall returns the retrying interceptor a unary call of fn goes
// through: a method of a client stub held in a variable or field of
// r.stubs, or made in place from a retrying connection, or a retrying
// connection's Invoke. A unary stub method returns a pointer to its
// response and an error; streams return an interface and are not
// retried by the interceptor.
func (r *run) grpcCall(call *ast.CallExpr, fn *types.Func) *retryloop.Call {
	if fn == nil || len(r.conns) == 0 {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if sig.Recv() == nil || !ok {
		return nil
	}
	info := r.pass.TypesInfo
	if match.IsMethod(fn, pathGRPC, "ClientConn", "Invoke") {
		return r.conns[match.ObjectOf(info, sel.X)]
	}
	res := sig.Results()
	if res.Len() != 2 || !match.IsError(res.At(1).Type()) {
		return nil
	}
	if _, ok := types.Unalias(res.At(0).Type()).(*types.Pointer); !ok {
		return nil
	}
	if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
		return r.stubOf(inner)
	}
	return r.stubs[match.ObjectOf(info, sel.X)]
}

// isDial reports whether fn makes a gRPC client connection.
func isDial(fn *types.Func) bool {
	return match.IsFunc(fn, pathGRPC, "NewClient") || match.IsFunc(fn, pathGRPC, "Dial") || match.IsFunc(fn, pathGRPC, "DialContext")
}

// interceptorOptions returns the dial options (WithUnaryInterceptor,
// WithChainUnaryInterceptor calls) that install the interceptor made at
// cur: the option it is an argument of, or, for an interceptor assigned
// to a local variable, the options of the function handed that
// variable, when every other assignment of it wraps it again
// (v = middleware.ChainUnaryClient(v, other)).
func (r *run) interceptorOptions(cur inspector.Cursor) []inspector.Cursor {
	info := r.pass.TypesInfo
	isOption := func(call *ast.CallExpr) bool {
		fn := match.Callee(info, call)
		return match.IsFunc(fn, pathGRPC, "WithUnaryInterceptor") || match.IsFunc(fn, pathGRPC, "WithChainUnaryInterceptor")
	}
	parent := cur.Parent()
	if opt, ok := parent.Node().(*ast.CallExpr); ok {
		if isOption(opt) {
			return []inspector.Cursor{parent}
		}
		return nil
	}
	var v *types.Var
	match.EachAssign(parent.Node(), func(lhs, rhs ast.Expr, tuple bool, _ token.Token) {
		if rhs == cur.Node() && !tuple {
			v, _ = match.ObjectOf(info, lhs).(*types.Var)
		}
	})
	if v == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil // not a local
	}
	var fn inspector.Cursor
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = fc
		break
	}
	if fn.Node() == nil {
		return nil
	}
	var opts []inspector.Cursor
	wrapped := true
	for c := range fn.Preorder((*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, _ token.Token) {
				if match.ObjectOf(info, lhs) == v && rhs != cur.Node() && (tuple || !match.Mentions(info, rhs, v)) {
					wrapped = false
				}
			})
		case *ast.CallExpr:
			if isOption(n) {
				for _, a := range n.Args {
					if match.ObjectOf(info, a) == v {
						opts = append(opts, c)
					}
				}
			}
		}
	}
	if !wrapped {
		return nil
	}
	return opts
}
