package retryloop

import (
	"go/ast"
	"go/types"

	"github.com/retryvet/retryvet/internal/match"
)

// The retrying client interceptors of go-grpc-middleware, v1
// (grpc_retry) and v2 (interceptors/retry). An interceptor retries every
// unary call made on the connection it is installed on; it retries
// nothing unless WithMax gives it attempts (v1.4.0 and v2.3.2 both run
// attempt < max: WithMax(n) allows n attempts).
const (
	pathGRPCRetryV1 = "github.com/grpc-ecosystem/go-grpc-middleware/retry"
	pathGRPCRetryV2 = "github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry"
)

func isGRPCRetry(pkg *types.Package) bool {
	return pkg != nil && (pkg.Path() == pathGRPCRetryV1 || pkg.Path() == pathGRPCRetryV2)
}

// grpcInterceptor fills lc for a call of UnaryClientInterceptor and
// reports whether it retries: the policy comes from its options, the
// default backoff is linear, 50ms with 10% jitter; a WithMax of 0 or 1,
// or none, disables retries. The interceptor has no operation: the
// calls on the connection are its attempts.
func (r *recognizer) grpcInterceptor(lc *Call, call *ast.CallExpr) bool {
	lc.Library = LibGRPCRetry
	p := lc.Policy
	p.Kind, p.Jitter, p.MaxAttempts = PolicyConstant, true, 0
	if call.Ellipsis.IsValid() {
		lc.Opaque = true
		return true // options built elsewhere: it may retry
	}
	max := false
	for _, o := range call.Args {
		oc, ok := ast.Unparen(o).(*ast.CallExpr)
		if !ok {
			continue
		}
		fn := match.Callee(r.info, oc)
		if fn == nil || !isGRPCRetry(fn.Pkg()) {
			continue
		}
		switch fn.Name() {
		case "WithMax":
			max = true
			p.Limit, p.MaxAttempts = argAt(oc, 0), -1
			if n, ok := r.intConst(argAt(oc, 0)); ok {
				p.MaxAttempts = n
			}
		case "Disable":
			max, p.MaxAttempts = true, 0
		case "WithBackoff":
			r.grpcBackoff(p, argAt(oc, 0))
		case "WithCodes":
			if oc.Ellipsis.IsValid() {
				break
			}
			p.Codes = oc.Args
		}
	}
	return max && (p.MaxAttempts < 0 || p.MaxAttempts > 1)
}

// grpcBackoff reads a BackoffFunc made by the library.
func (r *recognizer) grpcBackoff(p *Policy, e ast.Expr) {
	p.Kind, p.Node, p.Delay, p.Jitter = PolicyUnknown, nil, nil, true
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return
	}
	fn := match.Callee(r.info, call)
	if fn == nil || !isGRPCRetry(fn.Pkg()) {
		return
	}
	p.Node, p.Delay = call, argAt(call, 0)
	switch fn.Name() {
	case "BackoffLinear":
		p.Kind, p.Jitter = PolicyConstant, false
	case "BackoffLinearWithJitter":
		p.Kind = PolicyConstant
	case "BackoffExponential":
		p.Kind, p.Jitter = PolicyExponential, false
	case "BackoffExponentialWithJitter", "BackoffExponentialWithJitterBounded":
		p.Kind = PolicyExponential
	}
}
