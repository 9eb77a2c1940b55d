package inventory

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"time"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/match"
)

// The worst-case total wait of a loop, for the inventory only: no check
// reads it (the checks read retryloop's Loop.MaxWait, which this does
// not change).
//
// The loop's body is run, iteration by iteration, with the attempt
// counter at each of its values, on values that are intervals: a random
// term (rand.N(d), rand.Float64()) is the interval from zero to its
// bound, so a jittered wait is known from its least value (the
// schedule's first waits, jitter as zero) to its largest (the worst
// case takes it). Variables of the function set before the loop start
// at their last value there; those the body sets follow its
// assignments; a same-package function computing a wait
// (backoff(attempt) returning min(base<<n, max)) is run on its
// arguments' values. A condition that can be evaluated (attempt > 0,
// attempt < max-1) decides its branch; one that cannot (the attempt's
// error) is taken as the path that goes on to the next attempt, which
// is the longest, unless its branches wait or set a variable a wait
// reads: then the total is unknown, with the reason.

// maxRun is the largest number of iterations the inventory runs.
const maxRun = 1000

// An ival is the interval of values an expression can take, or a
// boolean (known or not).
type ival struct {
	lo, hi float64
	isBool bool
	known  bool // a boolean's value is known
	b      bool
}

func exact(v float64) ival { return ival{lo: v, hi: v} }

func (v ival) isExact() bool { return !v.isBool && v.lo == v.hi }

// unknownErr says why a value, and so the total, is not known.
type unknownErr struct{ why string }

func (e *unknownErr) Error() string { return e.why }

func unknownf(format string, args ...any) *unknownErr {
	return &unknownErr{fmt.Sprintf(format, args...)}
}

// flow is how a run of statements ended.
type flow int

const (
	flowNext     flow = iota // fell through
	flowContinue             // continue: the next iteration
	flowLeave                // return, break or a call that does not return: the loop ends
	flowBreakSel             // a bare break in a select or switch: the statement ends
)

// A state is what one path of the run knows: the variables' values,
// why the others are not known, the total waited, and a function's
// result.
type state struct {
	env   map[types.Object]ival
	bad   map[types.Object]*unknownErr
	total float64
	ret   *ival
}

func newState() *state {
	return &state{env: make(map[types.Object]ival), bad: make(map[types.Object]*unknownErr)}
}

func (st *state) clone() *state {
	c := &state{env: make(map[types.Object]ival, len(st.env)), bad: make(map[types.Object]*unknownErr, len(st.bad)), total: st.total, ret: st.ret}
	for k, v := range st.env {
		c.env[k] = v
	}
	for k, v := range st.bad {
		c.bad[k] = v
	}
	return c
}

// sameVars reports whether two states know the same values.
func (st *state) sameVars(o *state) bool {
	if len(st.env) != len(o.env) || len(st.bad) != len(o.bad) {
		return false
	}
	for k, v := range st.env {
		if w, ok := o.env[k]; !ok || w != v {
			return false
		}
	}
	for k := range st.bad {
		if _, ok := o.bad[k]; !ok {
			return false
		}
	}
	return true
}

// An exit is a path that left a run of statements other than by
// falling through.
type exit struct {
	f  flow
	st *state
}

// maxPaths bounds the paths followed at once.
const maxPaths = 256

// sim runs a loop body (or a function body called from it), one path
// after another: a condition not evaluated is followed both ways.
type sim struct {
	*state // the path being evaluated
	p      *pass
	l      *retryloop.Loop
	body   *ast.BlockStmt // the function holding the loop or call
	before token.Pos      // the loop's or call's position: locals take their last value before it
	// args binds a waiting helper's parameters to the arguments of
	// its call, while its wait is evaluated.
	args  map[*types.Var]ast.Expr
	depth int
}

// loopWorst computes the worst-case total wait of l: the most any path
// through its iterations waits, or why it is not known.
func (p *pass) loopWorst(l *retryloop.Loop) (time.Duration, string) {
	n := l.MaxAttempts()
	if n < 0 || l.Counter == nil {
		return -1, "no constant attempt bound"
	}
	if n > maxRun {
		return -1, fmt.Sprintf("more than %d attempts", maxRun)
	}
	for _, w := range l.Waits {
		if w.Node.Pos() < l.Body.Pos() || w.Node.End() > l.Body.End() {
			return -1, "a wait outside the loop's body"
		}
	}
	s := &sim{p: p, l: l, body: l.Func.Body, before: l.Stmt.Pos()}
	c := l.Counter
	sts := []*state{newState()}
	// The header's init runs once, its post after each iteration (the
	// counter set anew at the next).
	var post ast.Stmt
	if fs, ok := l.Stmt.(*ast.ForStmt); ok {
		if fs.Init != nil {
			// An init the simulation cannot run leaves its variables
			// out of the state: a wait that reads one is then unknown,
			// and one that does not is still computed.
			_, _, _ = s.stmt(fs.Init, sts[0], false)
		}
		post = fs.Post
	}
	best := 0.0
	for k := range n {
		for _, st := range sts {
			if c.Var != nil {
				v := c.At(k)
				st.env[c.Var] = exact(float64(v))
			}
		}
		next, exits, err := s.exec(l.Body.List, sts, false)
		if err != nil {
			return -1, err.Error()
		}
		for _, x := range exits {
			if x.f == flowContinue {
				next = append(next, x.st)
			} else {
				best = max(best, x.st.total)
			}
		}
		if post != nil {
			for _, st := range next {
				if _, _, err := s.stmt(post, st, false); err != nil {
					return -1, err.Error()
				}
			}
		}
		// Variables declared in the body are new in each iteration;
		// paths that know the same values of the others go on as the
		// one that waited longest.
		for _, st := range next {
			for obj := range st.env {
				if l.Body.Pos() <= obj.Pos() && obj.Pos() < l.Body.End() {
					delete(st.env, obj)
				}
			}
			for obj := range st.bad {
				if l.Body.Pos() <= obj.Pos() && obj.Pos() < l.Body.End() {
					delete(st.bad, obj)
				}
			}
		}
		sts = nil
	merge:
		for _, st := range next {
			for i, o := range sts {
				if o.sameVars(st) {
					if st.total > o.total {
						sts[i] = st
					}
					continue merge
				}
			}
			sts = append(sts, st)
		}
		if len(sts) == 0 {
			break
		}
		if len(sts) > maxPaths {
			return -1, fmt.Sprintf("more than %d paths through the loop", maxPaths)
		}
	}
	for _, st := range sts {
		best = max(best, st.total)
	}
	if best > float64(math.MaxInt64) {
		return -1, "the total overflows"
	}
	return time.Duration(best), ""
}

// waitsIn returns the loop's waits inside n, in source order.
func (s *sim) waitsIn(n ast.Node) []*retryloop.Wait {
	if s.l == nil || n == nil {
		return nil
	}
	var out []*retryloop.Wait
	for _, w := range s.l.Waits {
		if n.Pos() <= w.Node.Pos() && w.Node.End() <= n.End() {
			out = append(out, w)
		}
	}
	return out
}

// wait adds the wait w to the path's total, at its largest.
func (s *sim) wait(w *retryloop.Wait) error {
	if w.Policy != nil {
		return unknownf("a wait computed by a backoff value (%s policy)", w.Policy.Kind)
	}
	if w.Duration == nil {
		return unknownf("a wait whose duration is not seen")
	}
	s.args = w.Args
	v, err := s.eval(w.Duration)
	s.args = nil
	if err != nil {
		return err
	}
	if v.isBool || v.lo < 0 {
		return unknownf("a wait that can be negative: %s", exprText(w.Duration))
	}
	s.total += v.hi
	return nil
}

// exec runs stmts from each of the states sts; inFunc is set for a
// function's body, whose returns set the states' ret. It returns the
// paths that fall through, and those that left otherwise.
func (s *sim) exec(stmts []ast.Stmt, sts []*state, inFunc bool) ([]*state, []exit, error) {
	var exits []exit
	for _, st := range stmts {
		var next []*state
		for _, in := range sts {
			n, x, err := s.stmt(st, in, inFunc)
			if err != nil {
				return nil, nil, err
			}
			next, exits = append(next, n...), append(exits, x...)
		}
		if len(next)+len(exits) > maxPaths {
			return nil, nil, unknownf("more than %d paths through the loop", maxPaths)
		}
		sts = next
		if len(sts) == 0 {
			break
		}
	}
	return sts, exits, nil
}

func one(st *state) []*state { return []*state{st} }

// stmt runs st from the state in.
func (s *sim) stmt(st ast.Stmt, in *state, inFunc bool) ([]*state, []exit, error) {
	s.state = in
	switch st := st.(type) {
	case *ast.EmptyStmt, *ast.GoStmt, *ast.DeferStmt:
		if len(s.waitsIn(st)) > 0 {
			return nil, nil, unknownf("a wait in a go or defer statement")
		}
		return one(in), nil, nil
	case *ast.BlockStmt:
		return s.exec(st.List, one(in), inFunc)
	case *ast.LabeledStmt:
		return s.stmt(st.Stmt, in, inFunc)
	case *ast.ExprStmt:
		for _, w := range s.waitsIn(st) {
			if err := s.wait(w); err != nil {
				return nil, nil, err
			}
		}
		if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := s.p.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					return nil, []exit{{flowLeave, in}}, nil
				}
			}
		}
		return one(in), nil, nil
	case *ast.AssignStmt:
		for _, w := range s.waitsIn(st) {
			if err := s.wait(w); err != nil {
				return nil, nil, err
			}
		}
		s.assign(st)
		return one(in), nil, nil
	case *ast.IncDecStmt:
		if obj := s.local(st.X); obj != nil {
			v, err := s.eval(st.X)
			if err != nil {
				s.setBad(obj, err)
			} else {
				d := 1.0
				if st.Tok == token.DEC {
					d = -1
				}
				s.set(obj, ival{lo: v.lo + d, hi: v.hi + d})
			}
		}
		return one(in), nil, nil
	case *ast.DeclStmt:
		s.decl(st)
		return one(in), nil, nil
	case *ast.ReturnStmt:
		if inFunc {
			if len(st.Results) != 1 {
				return nil, nil, unknownf("a function returning the wait with other results")
			}
			v, err := s.eval(st.Results[0])
			if err != nil {
				return nil, nil, err
			}
			in.ret = &v
		}
		return nil, []exit{{flowLeave, in}}, nil
	case *ast.BranchStmt:
		switch {
		case st.Tok == token.CONTINUE && (st.Label == nil || s.loopLabel(st.Label)):
			return nil, []exit{{flowContinue, in}}, nil
		case st.Tok == token.BREAK && st.Label == nil:
			return nil, []exit{{flowBreakSel, in}}, nil // the statement broken out of knows what it is
		case st.Tok == token.BREAK || st.Tok == token.CONTINUE:
			return nil, []exit{{flowLeave, in}}, nil // a labelled branch to this loop or an outer one
		}
		return nil, nil, unknownf("a %s in the loop", st.Tok)
	case *ast.IfStmt:
		sts := one(in)
		var exits []exit
		if st.Init != nil {
			var err error
			if sts, exits, err = s.stmt(st.Init, in, inFunc); err != nil {
				return nil, nil, err
			}
		}
		var then, els []*state
		for _, in := range sts {
			s.state = in
			cond, err := s.eval(st.Cond)
			switch {
			case err == nil && cond.isBool && cond.known && cond.b:
				then = append(then, in)
			case err == nil && cond.isBool && cond.known:
				els = append(els, in)
			default:
				// Not evaluated: both ways.
				then, els = append(then, in), append(els, in.clone())
			}
		}
		var out []*state
		for _, branch := range []struct {
			n   ast.Stmt
			sts []*state
		}{{st.Body, then}, {st.Else, els}} {
			if len(branch.sts) == 0 {
				continue
			}
			if branch.n == nil {
				out = append(out, branch.sts...)
				continue
			}
			for _, in := range branch.sts {
				n, x, err := s.stmt(branch.n, in, inFunc)
				if err != nil {
					return nil, nil, err
				}
				out, exits = append(out, n...), append(exits, x...)
			}
		}
		return out, exits, nil
	case *ast.SelectStmt:
		// Each case can be taken; the wait's waits.
		var out []*state
		var exits []exit
		for i, cc := range st.Body.List {
			cc := cc.(*ast.CommClause)
			c := in
			if i > 0 {
				c = in.clone()
			}
			s.state = c
			for _, w := range s.waitsIn(cc.Comm) {
				if err := s.wait(w); err != nil {
					return nil, nil, err
				}
			}
			if as, ok := cc.Comm.(*ast.AssignStmt); ok {
				s.assign(as)
			}
			n, x, err := s.exec(cc.Body, one(c), inFunc)
			if err != nil {
				return nil, nil, err
			}
			out, exits = append(out, n...), s.unbreak(&out, x, exits)
		}
		return out, exits, nil
	case *ast.SwitchStmt, *ast.TypeSwitchStmt:
		// Each clause can be taken; no clause when none is default.
		var init ast.Stmt
		var clauses []ast.Stmt
		switch st := st.(type) {
		case *ast.SwitchStmt:
			init, clauses = st.Init, st.Body.List
		case *ast.TypeSwitchStmt:
			init, clauses = st.Init, st.Body.List
			if len(s.waitsIn(st.Assign)) > 0 {
				return nil, nil, unknownf("a wait in a type switch")
			}
		}
		if init != nil {
			if len(s.waitsIn(init)) > 0 {
				return nil, nil, unknownf("a wait in a switch's init")
			}
			if as, ok := init.(*ast.AssignStmt); ok {
				s.assign(as)
			}
		}
		var out []*state
		var exits []exit
		dflt := false
		for _, cl := range clauses {
			cc := cl.(*ast.CaseClause)
			dflt = dflt || cc.List == nil
			for _, b := range cc.Body {
				if br, ok := b.(*ast.BranchStmt); ok && br.Tok == token.FALLTHROUGH {
					return nil, nil, unknownf("a fallthrough")
				}
			}
			n, x, err := s.exec(cc.Body, one(in.clone()), inFunc)
			if err != nil {
				return nil, nil, err
			}
			out, exits = append(out, n...), s.unbreak(&out, x, exits)
		}
		if !dflt {
			out = append(out, in)
		}
		return out, exits, nil
	case *ast.ForStmt:
		if inFunc {
			return s.forLoop(st, in)
		}
		if len(s.waitsIn(st)) > 0 {
			return nil, nil, unknownf("a wait in an inner loop")
		}
		s.skip(st)
		return one(in), nil, nil
	case *ast.RangeStmt:
		if inFunc {
			return nil, nil, unknownf("a range loop in a function computing the wait")
		}
		if len(s.waitsIn(st)) > 0 {
			return nil, nil, unknownf("a wait in an inner loop")
		}
		s.skip(st)
		return one(in), nil, nil
	}
	return nil, nil, unknownf("a statement not followed")
}

// unbreak moves the paths of x that break out of a select or switch to
// out, and appends the others to exits.
func (s *sim) unbreak(out *[]*state, x, exits []exit) []exit {
	for _, e := range x {
		if e.f == flowBreakSel {
			*out = append(*out, e.st)
		} else {
			exits = append(exits, e)
		}
	}
	return exits
}

// decl follows a var declaration.
func (s *sim) decl(st *ast.DeclStmt) {
	gd, ok := st.Decl.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR {
		return
	}
	for _, spec := range gd.Specs {
		vs := spec.(*ast.ValueSpec)
		for i, id := range vs.Names {
			obj := s.p.TypesInfo.Defs[id]
			if obj == nil {
				continue
			}
			switch {
			case len(vs.Values) == len(vs.Names):
				s.setExpr(obj, vs.Values[i])
			case len(vs.Values) == 0 && isNumeric(obj.Type()):
				s.set(obj, exact(0))
			case len(vs.Values) == 0:
				s.setBad(obj, unknownf("%s has no value seen", id.Name))
			default:
				s.setBad(obj, unknownf("%s is set by a call", id.Name))
			}
		}
	}
}

// forLoop runs a for loop of a function computing a wait (for i := 0;
// i < n; i++ { d *= 2 }) on one path.
func (s *sim) forLoop(st *ast.ForStmt, in *state) ([]*state, []exit, error) {
	if st.Init != nil {
		if _, _, err := s.stmt(st.Init, in, true); err != nil {
			return nil, nil, err
		}
	}
	for range maxRun {
		s.state = in
		if st.Cond != nil {
			c, err := s.eval(st.Cond)
			if err != nil {
				return nil, nil, err
			}
			if !c.isBool || !c.known {
				return nil, nil, unknownf("a condition not evaluated: %s", exprText(st.Cond))
			}
			if !c.b {
				return one(in), nil, nil
			}
		}
		n, x, err := s.exec(st.Body.List, one(in), true)
		if err != nil {
			return nil, nil, err
		}
		var rets []exit
		for _, e := range x {
			switch {
			case e.f == flowContinue:
				n = append(n, e.st)
			case e.f == flowLeave && e.st.ret != nil:
				rets = append(rets, e)
			default:
				return nil, nil, unknownf("a branch out of a loop computing the wait")
			}
		}
		switch {
		case len(n) == 0:
			return nil, rets, nil
		case len(n) > 1 || len(rets) > 0:
			return nil, nil, unknownf("a loop computing the wait on more than one path")
		}
		in = n[0]
		if st.Post != nil {
			if _, _, err := s.stmt(st.Post, in, true); err != nil {
				return nil, nil, err
			}
		}
	}
	return nil, nil, unknownf("a loop of more than %d iterations computing the wait", maxRun)
}

// loopLabel reports whether label names the loop run.
func (s *sim) loopLabel(label *ast.Ident) bool {
	if s.l == nil {
		return false
	}
	cur, ok := s.p.in.Root().FindNode(s.l.Stmt)
	if !ok {
		return false
	}
	ls, ok := cur.Parent().Node().(*ast.LabeledStmt)
	return ok && s.p.TypesInfo.Uses[label] == s.p.TypesInfo.Defs[ls.Label]
}

// skip leaves an inner loop out of the run: the variables it sets are
// no longer known.
func (s *sim) skip(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		var x ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if obj := s.local(lhs); obj != nil {
					s.setBad(obj, unknownf("%s is set in an inner loop", obj.Name()))
				}
			}
		case *ast.IncDecStmt:
			x = n.X
		}
		if obj := s.local(x); obj != nil {
			s.setBad(obj, unknownf("%s is set in an inner loop", obj.Name()))
		}
		return true
	})
}

// local returns the variable e names when it is a local of the
// function (not a field, not a package variable).
func (s *sim) local(e ast.Expr) types.Object {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, ok := s.p.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

func (s *sim) set(obj types.Object, v ival) {
	s.env[obj] = v
	delete(s.bad, obj)
}

func (s *sim) setBad(obj types.Object, err error) {
	delete(s.env, obj)
	ue, ok := err.(*unknownErr)
	if !ok {
		ue = &unknownErr{err.Error()}
	}
	s.bad[obj] = ue
}

func (s *sim) setExpr(obj types.Object, e ast.Expr) {
	if v, err := s.eval(e); err != nil {
		s.setBad(obj, err)
	} else {
		s.set(obj, v)
	}
}

var opAssign = map[token.Token]token.Token{
	token.ADD_ASSIGN: token.ADD, token.SUB_ASSIGN: token.SUB, token.MUL_ASSIGN: token.MUL,
	token.QUO_ASSIGN: token.QUO, token.REM_ASSIGN: token.REM, token.SHL_ASSIGN: token.SHL, token.SHR_ASSIGN: token.SHR,
}

// assign follows an assignment to locals.
func (s *sim) assign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		for _, lhs := range as.Lhs {
			if obj := s.local(lhs); obj != nil {
				s.setBad(obj, unknownf("%s is set by a call", obj.Name()))
			}
		}
		return
	}
	// The right-hand sides are evaluated first (a, b = b, a).
	vals := make([]ival, len(as.Rhs))
	errs := make([]error, len(as.Rhs))
	for i, rhs := range as.Rhs {
		obj := s.local(as.Lhs[i])
		if obj == nil {
			continue
		}
		if op, ok := opAssign[as.Tok]; ok {
			x, err := s.eval(as.Lhs[i])
			if err == nil {
				var y ival
				if y, err = s.eval(rhs); err == nil {
					vals[i], err = s.binary(op, x, y, isInteger(s.p.TypesInfo.TypeOf(as.Lhs[i])))
				}
			}
			errs[i] = err
			continue
		}
		vals[i], errs[i] = s.eval(rhs)
	}
	for i, lhs := range as.Lhs {
		if obj := s.local(lhs); obj != nil {
			if errs[i] != nil {
				s.setBad(obj, errs[i])
			} else {
				s.set(obj, vals[i])
			}
		}
	}
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// eval evaluates e to an interval.
func (s *sim) eval(e ast.Expr) (ival, error) {
	e = ast.Unparen(e)
	info := s.p.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		switch tv.Value.Kind() {
		case constant.Bool:
			return ival{isBool: true, known: true, b: constant.BoolVal(tv.Value)}, nil
		case constant.Int, constant.Float:
			f, _ := constant.Float64Val(tv.Value)
			return exact(f), nil
		}
		return ival{}, unknownf("a constant not numeric: %s", exprText(e))
	}
	switch e := e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return s.variable(e)
	case *ast.UnaryExpr:
		x, err := s.eval(e.X)
		if err != nil {
			return ival{}, err
		}
		switch e.Op {
		case token.SUB:
			if !x.isBool {
				return ival{lo: -x.hi, hi: -x.lo}, nil
			}
		case token.ADD:
			return x, nil
		case token.NOT:
			if x.isBool {
				x.b = !x.b
				return x, nil
			}
		}
	case *ast.BinaryExpr:
		return s.binaryExpr(e)
	case *ast.CallExpr:
		return s.call(e)
	}
	return ival{}, unknownf("a wait depending on %s", exprText(e))
}

// variable evaluates a variable.
func (s *sim) variable(e ast.Expr) (ival, error) {
	obj := match.ObjectOf(s.p.TypesInfo, e)
	v, ok := obj.(*types.Var)
	if !ok {
		return ival{}, unknownf("a wait depending on %s", exprText(e))
	}
	if err := s.escaped(v); err != nil {
		return ival{}, err
	}
	if x, ok := s.env[v]; ok {
		return x, nil
	}
	if err := s.bad[v]; err != nil {
		return ival{}, err
	}
	if s.args != nil {
		if arg, ok := s.args[v]; ok {
			args := s.args
			s.args = nil
			x, err := s.eval(arg)
			s.args = args
			return x, err
		}
	}
	if _, ok := e.(*ast.Ident); ok && s.body != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() &&
		s.body.Pos() <= v.Pos() && v.Pos() < s.before {
		// A local set before the loop: its value there.
		x, err := s.initial(v)
		if err != nil {
			s.setBad(v, err)
			return ival{}, err
		}
		s.set(v, x)
		return x, nil
	}
	if n, ok := s.p.res.Int(e); ok {
		return exact(float64(n)), nil
	}
	return ival{}, unknownf("a wait depending on %s, not a constant", exprText(e))
}

// escaped returns why v's value cannot be followed: its address is
// taken, or a function literal sets it.
func (s *sim) escaped(v *types.Var) error {
	if s.body == nil {
		return nil
	}
	esc, ok := s.p.escapes[s.body]
	if !ok {
		esc = make(map[types.Object]string)
		info := s.p.TypesInfo
		var walk func(n ast.Node, inLit bool)
		walk = func(n ast.Node, inLit bool) {
			ast.Inspect(n, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					if n.Body != nil {
						walk(n.Body, true)
					}
					return false
				case *ast.UnaryExpr:
					if n.Op == token.AND {
						if obj := match.ObjectOf(info, n.X); obj != nil {
							esc[obj] = "is changed through a pointer"
						}
					}
				case *ast.AssignStmt:
					if inLit {
						for _, lhs := range n.Lhs {
							if obj := match.ObjectOf(info, lhs); obj != nil && obj.Pos() < n.Pos() {
								esc[obj] = "is set in a function literal"
							}
						}
					}
				case *ast.IncDecStmt:
					if obj := match.ObjectOf(info, n.X); inLit && obj != nil {
						esc[obj] = "is set in a function literal"
					}
				}
				return true
			})
		}
		walk(s.body, false)
		if s.p.escapes == nil {
			s.p.escapes = make(map[*ast.BlockStmt]map[types.Object]string)
		}
		s.p.escapes[s.body] = esc
	}
	if why, ok := esc[v]; ok {
		return unknownf("a wait depending on %s, which %s", v.Name(), why)
	}
	return nil
}

// initial returns the value of v, a local declared before the loop (or
// call), there: its declaration's, when nothing else before the loop
// sets it.
func (s *sim) initial(v *types.Var) (ival, error) {
	info := s.p.TypesInfo
	var def ast.Expr
	sets, zero := 0, false
	ast.Inspect(s.body, func(n ast.Node) bool {
		if n == nil || n.Pos() >= s.before {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if match.ObjectOf(info, lhs) != v {
					continue
				}
				sets++
				if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
					def = n.Rhs[i]
				}
			}
		case *ast.IncDecStmt:
			if match.ObjectOf(info, n.X) == v {
				sets++
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if info.Defs[id] != v {
					continue
				}
				sets++
				switch len(n.Values) {
				case len(n.Names):
					def = n.Values[i]
				case 0:
					zero = isNumeric(v.Type())
				}
			}
		}
		return true
	})
	switch {
	case sets > 1:
		return ival{}, unknownf("a wait depending on %s, set more than once before the loop", v.Name())
	case sets == 1 && zero:
		return exact(0), nil
	case sets == 0 || def == nil:
		return ival{}, unknownf("a wait depending on %s, whose value before the loop is not seen", v.Name())
	}
	if s.depth > 8 {
		return ival{}, unknownf("a wait depending on %s, too deep", v.Name())
	}
	s.depth++
	defer func() { s.depth-- }()
	return s.eval(def)
}

func isNumeric(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsNumeric != 0
}

func (s *sim) binaryExpr(e *ast.BinaryExpr) (ival, error) {
	if e.Op == token.LAND || e.Op == token.LOR {
		x, errx := s.eval(e.X)
		y, erry := s.eval(e.Y)
		xk := errx == nil && x.isBool && x.known
		yk := erry == nil && y.isBool && y.known
		switch {
		case e.Op == token.LAND && (xk && !x.b || yk && !y.b):
			return ival{isBool: true, known: true, b: false}, nil
		case e.Op == token.LOR && (xk && x.b || yk && y.b):
			return ival{isBool: true, known: true, b: true}, nil
		case xk && yk:
			return ival{isBool: true, known: true, b: x.b && y.b || e.Op == token.LOR && (x.b || y.b)}, nil
		}
		return ival{isBool: true}, nil
	}
	x, err := s.eval(e.X)
	if err != nil {
		return ival{}, err
	}
	y, err := s.eval(e.Y)
	if err != nil {
		return ival{}, err
	}
	return s.binary(e.Op, x, y, isInteger(s.p.TypesInfo.TypeOf(e)))
}

// binary applies op to intervals; integer truncates divisions.
func (s *sim) binary(op token.Token, x, y ival, integer bool) (ival, error) {
	if x.isBool || y.isBool {
		if x.isBool && y.isBool && x.known && y.known && (op == token.EQL || op == token.NEQ) {
			return ival{isBool: true, known: true, b: (x.b == y.b) == (op == token.EQL)}, nil
		}
		return ival{isBool: true}, nil
	}
	cmp := func(known, b bool) (ival, error) { return ival{isBool: true, known: known, b: b}, nil }
	switch op {
	case token.LSS:
		return cmp(x.hi < y.lo || x.lo >= y.hi, x.hi < y.lo)
	case token.LEQ:
		return cmp(x.hi <= y.lo || x.lo > y.hi, x.hi <= y.lo)
	case token.GTR:
		return cmp(x.lo > y.hi || x.hi <= y.lo, x.lo > y.hi)
	case token.GEQ:
		return cmp(x.lo >= y.hi || x.hi < y.lo, x.lo >= y.hi)
	case token.EQL, token.NEQ:
		eq := x.isExact() && y.isExact() && x.lo == y.lo
		ne := x.hi < y.lo || y.hi < x.lo
		return cmp(eq || ne, eq == (op == token.EQL))
	}
	var r ival
	switch op {
	case token.ADD:
		r = ival{lo: x.lo + y.lo, hi: x.hi + y.hi}
	case token.SUB:
		r = ival{lo: x.lo - y.hi, hi: x.hi - y.lo}
	case token.MUL:
		r = span(x.lo*y.lo, x.lo*y.hi, x.hi*y.lo, x.hi*y.hi)
	case token.QUO:
		if y.lo <= 0 && y.hi >= 0 {
			return ival{}, unknownf("a division by a value that can be zero")
		}
		r = span(x.lo/y.lo, x.lo/y.hi, x.hi/y.lo, x.hi/y.hi)
		if integer {
			r = ival{lo: math.Trunc(r.lo), hi: math.Trunc(r.hi)}
		}
	case token.REM:
		if !x.isExact() || !y.isExact() || y.lo == 0 {
			return ival{}, unknownf("a remainder of values not constant")
		}
		r = exact(math.Mod(x.lo, y.lo))
	case token.SHL, token.SHR:
		if y.lo < 0 || y.hi > 62 {
			return ival{}, unknownf("a shift by a count that can be negative or over 62")
		}
		pl, ph := math.Ldexp(1, int(y.lo)), math.Ldexp(1, int(y.hi))
		if op == token.SHL {
			r = span(x.lo*pl, x.lo*ph, x.hi*pl, x.hi*ph)
		} else {
			r = span(math.Floor(x.lo/pl), math.Floor(x.lo/ph), math.Floor(x.hi/pl), math.Floor(x.hi/ph))
		}
	default:
		return ival{}, unknownf("an operator not followed: %s", op)
	}
	if integer && (r.hi > math.MaxInt64 || r.lo < math.MinInt64) {
		return ival{}, unknownf("a wait that overflows int64")
	}
	return r, nil
}

func span(vs ...float64) ival {
	r := ival{lo: vs[0], hi: vs[0]}
	for _, v := range vs[1:] {
		r.lo, r.hi = min(r.lo, v), max(r.hi, v)
	}
	return r
}

// randBounded are the functions of math/rand and math/rand/v2 (and
// their methods) that return a value from zero up to their argument.
var randBounded = map[string]bool{
	"Intn": true, "Int63n": true, "Int31n": true, "IntN": true, "Int64N": true, "Int32N": true,
	"N": true, "Uint64N": true, "Uint32N": true, "UintN": true,
}

// call evaluates a call: a conversion, min and max, a random term, a
// function of math, or a same-package function run on its arguments.
func (s *sim) call(call *ast.CallExpr) (ival, error) {
	info := s.p.TypesInfo
	if match.IsConversion(info, call) && len(call.Args) == 1 {
		x, err := s.eval(call.Args[0])
		if err != nil {
			return ival{}, err
		}
		if isInteger(info.TypeOf(call)) && !x.isBool {
			x = ival{lo: math.Trunc(x.lo), hi: math.Trunc(x.hi)}
		}
		return x, nil
	}
	args := func() ([]ival, error) {
		var vs []ival
		for _, a := range call.Args {
			v, err := s.eval(a)
			if err != nil {
				return nil, err
			}
			if v.isBool {
				return nil, unknownf("a boolean argument")
			}
			vs = append(vs, v)
		}
		return vs, nil
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "min" || b.Name() == "max") {
			vs, err := args()
			if err != nil || len(vs) == 0 {
				return ival{}, err
			}
			r := vs[0]
			for _, v := range vs[1:] {
				if b.Name() == "min" {
					r = ival{lo: min(r.lo, v.lo), hi: min(r.hi, v.hi)}
				} else {
					r = ival{lo: max(r.lo, v.lo), hi: max(r.hi, v.hi)}
				}
			}
			return r, nil
		}
	}
	fn := match.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return ival{}, unknownf("a wait from a call not resolved: %s", exprText(call.Fun))
	}
	switch path := fn.Pkg().Path(); {
	case path == "math/rand" || path == "math/rand/v2":
		switch name := fn.Name(); {
		case name == "Float64" || name == "Float32":
			return ival{lo: 0, hi: 1}, nil
		case randBounded[name] && len(call.Args) == 1:
			vs, err := args()
			if err != nil {
				return ival{}, err
			}
			return ival{lo: 0, hi: max(vs[0].hi, 0)}, nil // below the bound: the bound bounds it
		}
		return ival{}, unknownf("a random term without a bound: %s", match.FuncName(fn))
	case path == "math":
		vs, err := args()
		if err != nil {
			return ival{}, err
		}
		switch fn.Name() {
		case "Pow":
			if len(vs) == 2 && vs[0].lo > 0 {
				x, y := vs[0], vs[1]
				return span(math.Pow(x.lo, y.lo), math.Pow(x.lo, y.hi), math.Pow(x.hi, y.lo), math.Pow(x.hi, y.hi)), nil
			}
		case "Min", "Max":
			if len(vs) == 2 {
				if fn.Name() == "Min" {
					return ival{lo: min(vs[0].lo, vs[1].lo), hi: min(vs[0].hi, vs[1].hi)}, nil
				}
				return ival{lo: max(vs[0].lo, vs[1].lo), hi: max(vs[0].hi, vs[1].hi)}, nil
			}
		case "Floor", "Ceil", "Round", "Trunc":
			if len(vs) == 1 {
				f := map[string]func(float64) float64{"Floor": math.Floor, "Ceil": math.Ceil, "Round": math.Round, "Trunc": math.Trunc}[fn.Name()]
				return ival{lo: f(vs[0].lo), hi: f(vs[0].hi)}, nil
			}
		case "Exp2":
			if len(vs) == 1 {
				return ival{lo: math.Exp2(vs[0].lo), hi: math.Exp2(vs[0].hi)}, nil
			}
		}
		return ival{}, unknownf("a wait from %s", match.FuncName(fn))
	case fn.Pkg() == s.p.Pkg:
		return s.inline(call, fn)
	}
	return ival{}, unknownf("a wait from a call of another package (%s)", match.FuncName(fn))
}

// inline runs a same-package function on its arguments' values.
func (s *sim) inline(call *ast.CallExpr, fn *types.Func) (ival, error) {
	decl := s.p.funcDecl(fn)
	if decl == nil || decl.Body == nil {
		return ival{}, unknownf("a wait from %s, whose body is not seen", match.FuncName(fn))
	}
	if s.depth > 8 {
		return ival{}, unknownf("a wait from calls nested too deep")
	}
	sig := fn.Type().(*types.Signature)
	if sig.Variadic() || sig.Params().Len() != len(call.Args) || sig.Results().Len() != 1 {
		return ival{}, unknownf("a wait from %s, whose signature is not followed", match.FuncName(fn))
	}
	in := &sim{state: newState(), p: s.p, body: decl.Body, depth: s.depth + 1}
	for i, a := range call.Args {
		if v, err := s.eval(a); err != nil {
			in.setBad(sig.Params().At(i), err)
		} else {
			in.set(sig.Params().At(i), v)
		}
	}
	_, exits, err := in.exec(decl.Body.List, one(in.state), true)
	if err != nil {
		return ival{}, err
	}
	// The results of every path.
	var r *ival
	for _, x := range exits {
		if x.f != flowLeave || x.st.ret == nil {
			return ival{}, unknownf("a wait from %s, left other than by a return", match.FuncName(fn))
		}
		v := *x.st.ret
		if v.isBool {
			return ival{}, unknownf("a wait from %s, not a number", match.FuncName(fn))
		}
		if r == nil {
			r = &v
		} else {
			r.lo, r.hi = min(r.lo, v.lo), max(r.hi, v.hi)
		}
	}
	if r == nil {
		return ival{}, unknownf("a wait from %s, which ends without a return", match.FuncName(fn))
	}
	return *r, nil
}

// funcDecl returns the declaration of a function of the package.
func (p *pass) funcDecl(fn *types.Func) *ast.FuncDecl {
	if p.decls == nil {
		p.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range p.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						p.decls[obj] = fd
					}
				}
			}
		}
	}
	return p.decls[fn.Origin()]
}
