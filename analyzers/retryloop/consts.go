package retryloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/internal/match"
)

// consts knows the package's constants by another name (docs/model.md,
// Constants by another name): a local assigned once, from a constant
// (maxRetries := 5); an unexported package variable, or an unexported
// field of a struct type of the package, whose only assignments outside
// test code are the same constant (var retryEvery = 200 *
// time.Millisecond; a constructor setting c.backoff). Exported ones are
// settings that other packages may change. A parameter of an unexported
// function (or unexported method no interface of the package names) that
// is only ever called, never assigned, and handed a constant by every
// call stands for the largest of them (moby's retry(ctx, 5,
// 250*time.Millisecond, f); seaweedfs's doGetLatestObjectVersion).
type consts struct {
	info *types.Info
	pkg  *types.Package
	in   *inspector.Inspector
	fset *token.FileSet

	built   bool
	assigns map[types.Object][]ast.Expr // values assigned; nil for one the analysis cannot see

	// params maps each parameter of an unexported function of the
	// package (not a method) to the arguments of the function's calls;
	// a function used other than by calling it has none.
	params map[*types.Var][]ast.Expr
}

func newConsts(info *types.Info, pkg *types.Package, in *inspector.Inspector, fset *token.FileSet) *consts {
	return &consts{info: info, pkg: pkg, in: in, fset: fset}
}

// build indexes every assignment of the package, in one walk, on first
// use.
func (k *consts) build() {
	if k.built {
		return
	}
	k.built = true
	k.assigns = make(map[types.Object][]ast.Expr)
	add := func(lhs ast.Expr, rhs ast.Expr) {
		obj := match.ObjectOf(k.info, lhs)
		if obj == nil {
			return
		}
		if _, ok := obj.(*types.Var); !ok {
			return
		}
		k.assigns[obj] = append(k.assigns[obj], rhs)
	}
	k.params = make(map[*types.Var][]ast.Expr)
	calls := make(map[*types.Func]int)         // calls of each function of the package
	owners := make(map[*types.Var]*types.Func) // parameters of candidate functions
	filter := []ast.Node{(*ast.File)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.IncDecStmt)(nil),
		(*ast.UnaryExpr)(nil), (*ast.CompositeLit)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)}
	test := false
	for c := range k.in.Root().Preorder(filter...) {
		switch n := c.Node().(type) {
		case *ast.File:
			f := k.fset.File(n.Pos())
			test = f != nil && strings.HasSuffix(f.Name(), "_test.go")
		case *ast.AssignStmt, *ast.ValueSpec:
			match.EachAssign(n, func(lhs, rhs ast.Expr, tuple bool, tok token.Token) {
				if tuple || tok != token.DEFINE && tok != token.ASSIGN && tok != token.VAR {
					rhs = nil // op-assignment, or one of a call's results
				}
				if test && !isLocal(k.info, lhs) {
					return // tests may set a package's knobs to zero
				}
				if vs, ok := n.(*ast.ValueSpec); ok && rhs == nil && len(vs.Values) == 0 {
					// var x T: its zero value.
					for _, id := range vs.Names {
						if id == lhs {
							if v, ok := k.info.Defs[id].(*types.Var); ok {
								k.assigns[v] = append(k.assigns[v], zeroOf(v.Type()))
							}
						}
					}
					return
				}
				add(lhs, rhs)
			})
		case *ast.FuncDecl:
			// Functions and methods: an unexported method is called
			// through its receiver's concrete type, unless an interface
			// of the package names it (paramsKnown drops it then: calls
			// through the interface are not counted).
			if fn, ok := k.info.Defs[n.Name].(*types.Func); ok && !fn.Exported() && (n.Recv != nil || n.Name.Name != "main" && n.Name.Name != "init") {
				params := fn.Type().(*types.Signature).Params()
				for i := range params.Len() {
					owners[params.At(i)] = fn
				}
			}
		case *ast.CallExpr:
			var id *ast.Ident
			switch f := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				id = f
			case *ast.SelectorExpr:
				// s.m(...): a method called on a concrete receiver.
				if sel, ok := k.info.Selections[f]; ok && sel.Kind() == types.MethodVal && !types.IsInterface(sel.Recv()) {
					id = f.Sel
				}
			}
			if id == nil {
				continue
			}
			fn, ok := k.info.Uses[id].(*types.Func)
			if !ok || fn.Pkg() != k.pkg {
				continue
			}
			fn = fn.Origin()
			calls[fn]++
			sig := fn.Type().(*types.Signature)
			for i := range sig.Params().Len() {
				var arg ast.Expr
				if i < len(n.Args) && !n.Ellipsis.IsValid() && (!sig.Variadic() || i != sig.Params().Len()-1) {
					arg = n.Args[i]
				}
				k.params[sig.Params().At(i)] = append(k.params[sig.Params().At(i)], arg)
			}
		case *ast.IncDecStmt:
			add(n.X, nil)
		case *ast.RangeStmt:
			if n.Key != nil {
				add(n.Key, nil)
			}
			if n.Value != nil {
				add(n.Value, nil)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				x := ast.Unparen(n.X)
				if cl, ok := x.(*ast.CompositeLit); ok {
					_ = cl // &T{...}: the literal's fields are seen below
				} else {
					add(x, nil) // address taken: anything may be stored
				}
			}
		case *ast.CompositeLit:
			if test {
				continue
			}
			st, ok := typeUnder(k.info.TypeOf(n)).(*types.Struct)
			if !ok {
				continue
			}
			for i, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := k.info.Uses[id].(*types.Var); ok && f.IsField() {
							k.assigns[f] = append(k.assigns[f], kv.Value)
						}
					}
				} else if i < st.NumFields() {
					k.assigns[st.Field(i)] = append(k.assigns[st.Field(i)], elt)
				}
			}
		}
	}
	k.paramsKnown(owners, calls)
}

// paramsKnown keeps the call-site arguments of the parameters of
// candidate functions used only by calling them (owners maps each
// candidate's parameters to it).
func (k *consts) paramsKnown(owners map[*types.Var]*types.Func, calls map[*types.Func]int) {
	uses := make(map[*types.Func]int)
	for _, obj := range k.info.Uses {
		if fn, ok := obj.(*types.Func); ok && calls[fn] > 0 {
			uses[fn]++
		}
	}
	for v := range k.params {
		fn := owners[v]
		if fn == nil || uses[fn] != calls[fn] || fn.Signature().Recv() != nil && k.interfaceNames(fn.Name()) {
			delete(k.params, v)
		}
	}
}

// interfaceNames reports whether an interface type declared at package
// level names the method name: calls through it reach methods unseen.
func (k *consts) interfaceNames(name string) bool {
	for _, n := range k.pkg.Scope().Names() {
		tn, ok := k.pkg.Scope().Lookup(n).(*types.TypeName)
		if !ok {
			continue
		}
		if it, ok := tn.Type().Underlying().(*types.Interface); ok {
			for i := range it.NumMethods() {
				if it.Method(i).Name() == name {
					return true
				}
			}
		}
	}
	return false
}

// zeroOf returns a constant expression for the zero value of a basic
// type, or nil.
func zeroOf(t types.Type) ast.Expr {
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsNumeric != 0 {
		return &ast.BasicLit{Kind: token.INT, Value: "0"}
	}
	return nil
}

func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return t.Underlying()
}

// isLocal reports whether e names a variable local to a function.
func isLocal(info *types.Info, e ast.Expr) bool {
	v, ok := match.ObjectOf(info, e).(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}

// value returns the constant that the variable obj stands for.
func (k *consts) value(obj types.Object, depth int) (constant.Value, bool) {
	v, ok := obj.(*types.Var)
	if !ok || v.Pkg() != k.pkg || depth > 4 {
		return nil, false
	}
	local := !v.IsField() && v.Parent() != v.Pkg().Scope()
	if !local && v.Exported() {
		return nil, false // a setting: other packages may assign it
	}
	if v.IsField() && v.Origin() != v {
		return nil, false // a field of an instantiated generic type
	}
	k.build()
	if args, ok := k.params[v]; ok {
		// A parameter every call passes a constant, never assigned:
		// the largest of them (an upper bound for counts and waits).
		if len(k.assigns[v]) > 0 {
			return nil, false
		}
		var hi constant.Value
		for _, a := range args {
			x, ok := k.eval(a, depth+1)
			if !ok || x.Kind() != constant.Int && x.Kind() != constant.Float {
				return nil, false
			}
			if hi == nil || constant.Compare(x, token.GTR, hi) {
				hi = x
			}
		}
		return hi, hi != nil
	}
	if v.Kind() == types.ParamVar || v.Kind() == types.RecvVar || v.Kind() == types.ResultVar {
		// Its first value is the caller's (a result's, its zero):
		// if n < 0 { n = 0 } is one constant assignment of a
		// parameter that is no constant.
		return nil, false
	}
	values := k.assigns[v]
	if len(values) == 0 || local && len(values) != 1 {
		return nil, false
	}
	var val constant.Value
	for _, e := range values {
		x, ok := k.eval(e, depth+1)
		if !ok || val != nil && !constant.Compare(val, token.EQL, x) {
			return nil, false
		}
		val = x
	}
	return val, true
}

// eval returns the constant value of e, following constants by another
// name.
func (k *consts) eval(e ast.Expr, depth int) (constant.Value, bool) {
	if e == nil {
		return nil, false
	}
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.INT && k.info.Types[lit].Type == nil {
		return constant.MakeFromLiteral(lit.Value, lit.Kind, 0), true // a synthesised zero
	}
	if tv, ok := k.info.Types[e]; ok && tv.Value != nil {
		return tv.Value, true
	}
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if obj := match.ObjectOf(k.info, e); obj != nil {
			return k.value(obj, depth)
		}
	}
	if n, ok := match.EvalInt(k.info, e, func(x ast.Expr) (int64, bool) {
		switch x.(type) {
		case *ast.Ident, *ast.SelectorExpr:
		default:
			return 0, false
		}
		obj := match.ObjectOf(k.info, x)
		if obj == nil {
			return 0, false
		}
		v, ok := k.value(obj, depth+1)
		if !ok {
			return 0, false
		}
		v = constant.ToInt(v)
		if v.Kind() != constant.Int {
			return 0, false
		}
		return constant.Int64Val(v)
	}); ok {
		return constant.MakeInt64(n), true
	}
	return nil, false
}

// constInt returns c as an int64.
func (r *recognizer) constInt(c constant.Value) (int64, bool) {
	c = constant.ToInt(c)
	if c.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c)
}

// Int returns the integer value of e (a count, a duration in
// nanoseconds) when it is constant, counting constants by another name
// (docs/model.md): a local assigned once from a constant, an unexported
// package variable or field only ever assigned the same constant
// outside test code.
func (r *Result) Int(e ast.Expr) (int64, bool) {
	v, ok := r.value(e)
	if !ok {
		return 0, false
	}
	v = constant.ToInt(v)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

// value returns the constant value of e, constants by another name
// included.
func (r *Result) value(e ast.Expr) (constant.Value, bool) {
	if r.consts == nil {
		return nil, false
	}
	return r.consts.eval(e, 0)
}

// float returns the value of e as a float when it is constant (a
// factor, a jitter), counting constants by another name as Int does.
func (r *Result) float(e ast.Expr) (float64, bool) {
	return r.consts.float(e)
}

// Float is float for the checks: the value of e when it is constant,
// constants by another name included.
func (r *Result) Float(e ast.Expr) (float64, bool) {
	return r.float(e)
}

// float returns the value of e as a float when it is constant,
// constants by another name included; c may be nil.
func (c *consts) float(e ast.Expr) (float64, bool) {
	if c == nil {
		return 0, false
	}
	v, ok := c.eval(e, 0)
	if !ok {
		return 0, false
	}
	v = constant.ToFloat(v)
	if v.Kind() != constant.Float && v.Kind() != constant.Int {
		return 0, false
	}
	f, _ := constant.Float64Val(v)
	return f, true
}

// QuickPolicy reports a library policy whose waits, at the most its
// randomisation gives, add up to at most Quick: a constant number of
// attempts over a growth of constant parameters (k8s's wait.Backoff{Steps:
// 5, Duration: 100 * time.Millisecond, Jitter: 1.0}, four waits of at
// most 200ms). Such a run delays a cancellation by less than a second
// (docs/model.md, Quick retries). A policy of constant waits with no
// growth is quick when its waits, one fewer than its attempts, times
// its delay are (backoff.WithMaxRetries(backoff.NewConstantBackOff(200 *
// time.Millisecond), 3): 600ms).
func (r *Result) QuickPolicy(p *Policy) bool {
	g := p.Growth
	if g == nil && p.Kind == PolicyConstant && !p.Unlimited && p.MaxAttempts > 0 && p.Delay != nil {
		d, ok := r.Int(p.Delay)
		return ok && time.Duration(p.MaxAttempts-1)*time.Duration(d) <= Quick
	}
	if g == nil || p.Unlimited || p.MaxAttempts <= 0 || p.MaxAttempts > 64 {
		return false
	}
	num := func(e ast.Expr, def float64) (float64, bool) {
		if e == nil {
			return def, true
		}
		return r.float(e)
	}
	interval, ok1 := num(g.Initial, float64(g.DefaultInitial))
	mult, ok2 := num(g.Multiplier, g.DefaultMultiplier)
	maxInterval, ok3 := num(g.MaxInterval, float64(g.DefaultMaxInterval))
	rf, ok4 := num(g.Randomization, g.DefaultRandomization)
	if g.Percent != nil {
		pc, ok := r.float(g.Percent)
		rf, ok4 = pc/100, ok4 && ok
	}
	jitter, ok5 := num(g.Jitter, float64(g.DefaultJitter))
	maxWait, ok6 := num(g.MaxWait, float64(g.DefaultMaxWait))
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || interval < 0 || rf < 0 || jitter < 0 {
		return false
	}
	total := 0.0
	for range p.MaxAttempts - 1 { // a wait between two attempts
		w := interval*(1+rf) + jitter
		if maxWait > 0 {
			w = min(w, maxWait)
		}
		total += w
		if total > float64(Quick) {
			return false
		}
		if mult > 1 {
			interval *= mult
		}
		if maxInterval > 0 {
			interval = min(interval, maxInterval)
		}
	}
	return true
}
