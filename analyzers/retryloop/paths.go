package retryloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/retryvet/retryvet/internal/match"
)

// flow is the control-flow view of one function: its CFG with the
// indexes the path questions need.
type flow struct {
	info   *types.Info
	decl   func(*types.Func) *ast.FuncDecl // same-package declarations, for classifiers
	consts *consts                         // the package's assignments, for a regexp variable's pattern
	bound  map[types.Object]ast.Expr       // a classifier's parameters while it is evaluated
	g      *cfg.CFG
	index  map[ast.Node]point           // CFG node -> where it is
	blocks map[blockKey]*cfg.Block      // (statement, kind) -> block
	tags   map[*ast.CaseClause]ast.Expr // expression-switch case -> tag (nil for a tagless switch)
	ends   map[*cfg.Block]*ast.BranchStmt

	leavings map[*Loop]*leaving // per loop, computed on first use

	// answers are the locals assigned once, from a result of a call
	// (retry, err := checkRetry(ctx, resp, err)): a condition on one
	// asks the call.
	answers map[types.Object]answer

	// asserted are the ok locals of comma-ok type assertions (e, ok
	// := err.(net.Error)), never assigned again, with what each
	// asserts: ok is false when that is nil.
	asserted map[types.Object]ast.Expr
}

// An answer is the one assignment of a local: result index of call.
type answer struct {
	call  *ast.CallExpr
	index int
}

// A point is a node's place in the CFG.
type point struct {
	b *cfg.Block
	i int
}

type blockKey struct {
	stmt ast.Stmt
	kind cfg.BlockKind
}

func newFlow(info *types.Info, body *ast.BlockStmt, g *cfg.CFG, decl func(*types.Func) *ast.FuncDecl, k *consts) *flow {
	fl := &flow{
		info:   info,
		decl:   decl,
		consts: k,
		g:      g,
		index:  make(map[ast.Node]point),
		blocks: make(map[blockKey]*cfg.Block),
		tags:   make(map[*ast.CaseClause]ast.Expr),
		ends:   make(map[*cfg.Block]*ast.BranchStmt),

		leavings: make(map[*Loop]*leaving),
	}
	fl.answers, fl.asserted = answers(info, body)
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			fl.index[n] = point{b, i}
		}
		if b.Stmt != nil {
			k := blockKey{b.Stmt, b.Kind}
			if _, ok := fl.blocks[k]; !ok {
				fl.blocks[k] = b
			}
		}
	}
	if len(g.Blocks) > 0 {
		if body, ok := g.Blocks[0].Stmt.(*ast.BlockStmt); ok {
			fl.list(body.List, g.Blocks[0])
		}
	}
	return fl
}

// answers finds the locals of body defined from a call's result
// (v := f(x), v, err := f(x)) and the ok locals of comma-ok type
// assertions (e, ok := err.(T)), each never assigned again nor
// addressed.
func answers(info *types.Info, body *ast.BlockStmt) (map[types.Object]answer, map[types.Object]ast.Expr) {
	out := make(map[types.Object]answer)
	asserted := make(map[types.Object]ast.Expr)
	other := make(map[types.Object]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if ta, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok && n.Tok == token.DEFINE && len(n.Lhs) == 2 && ta.Type != nil {
				if id := identOf(n.Lhs[1]); id != nil && info.Defs[id] != nil {
					asserted[info.Defs[id]] = ta.X
				}
			}
			call, _ := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			for i, lhs := range n.Lhs {
				id := identOf(lhs)
				if id == nil {
					continue
				}
				if obj := info.Defs[id]; obj != nil && n.Tok == token.DEFINE && len(n.Rhs) == 1 && call != nil {
					out[obj] = answer{call, i}
				} else if obj := info.Uses[id]; obj != nil {
					other[obj] = true // assigned again
				}
			}
		case *ast.IncDecStmt:
			if id := identOf(n.X); id != nil {
				other[info.ObjectOf(id)] = true
			}
		case *ast.UnaryExpr:
			if id := identOf(n.X); id != nil && n.Op == token.AND {
				other[info.ObjectOf(id)] = true
			}
		}
		return true
	})
	for obj := range other {
		delete(out, obj)
		delete(asserted, obj)
	}
	return out, asserted
}

func (fl *flow) block(s ast.Stmt, kind cfg.BlockKind) *cfg.Block {
	return fl.blocks[blockKey{s, kind}]
}

// list walks a statement list that starts in block entry, recording
// which block each branch statement ends and the tags of switches.
func (fl *flow) list(list []ast.Stmt, entry *cfg.Block) {
	for _, s := range list {
		entry = fl.stmt(s, entry)
	}
}

// stmt walks s, which starts in block entry, and returns the block
// current after it.
func (fl *flow) stmt(s ast.Stmt, entry *cfg.Block) *cfg.Block {
	switch s := s.(type) {
	case *ast.BranchStmt:
		if entry != nil {
			if _, ok := fl.ends[entry]; !ok {
				fl.ends[entry] = s
			}
		}
		return nil
	case *ast.BlockStmt:
		for _, t := range s.List {
			entry = fl.stmt(t, entry)
		}
		return entry
	case *ast.LabeledStmt:
		return fl.stmt(s.Stmt, fl.block(s, cfg.KindLabel))
	case *ast.IfStmt:
		fl.list(s.Body.List, fl.block(s, cfg.KindIfThen))
		if s.Else != nil {
			fl.stmt(s.Else, fl.block(s, cfg.KindIfElse))
		}
		return fl.block(s, cfg.KindIfDone)
	case *ast.ForStmt:
		fl.list(s.Body.List, fl.block(s, cfg.KindForBody))
		return fl.block(s, cfg.KindForDone)
	case *ast.RangeStmt:
		fl.list(s.Body.List, fl.block(s, cfg.KindRangeBody))
		return fl.block(s, cfg.KindRangeDone)
	case *ast.SwitchStmt:
		tag := s.Tag
		if as, ok := s.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
			// switch code := status.Code(err); code { ... }: the
			// cases compare what the init computed.
			if id, ok := as.Lhs[0].(*ast.Ident); ok && fl.info.Defs[id] != nil && fl.info.Defs[id] == match.ObjectOf(fl.info, s.Tag) {
				tag = as.Rhs[0]
			}
		}
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			fl.tags[cc] = tag
			fl.list(cc.Body, fl.block(cc, cfg.KindSwitchCaseBody))
		}
		return fl.block(s, cfg.KindSwitchDone)
	case *ast.TypeSwitchStmt:
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			fl.list(cc.Body, fl.block(cc, cfg.KindSwitchCaseBody))
		}
		return fl.block(s, cfg.KindSwitchDone)
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			cc := c.(*ast.CommClause)
			fl.list(cc.Body, fl.block(cc, cfg.KindSelectCaseBody))
		}
		return fl.block(s, cfg.KindSelectDone)
	case *ast.ReturnStmt:
		return nil
	}
	if p, ok := fl.index[s]; ok {
		return p.b
	}
	return entry
}

// locate returns the CFG point of the statement or expression holding
// the node at c.
func (fl *flow) locate(c inspector.Cursor) (point, bool) {
	for ; c.Node() != nil; c = c.Parent() {
		if p, ok := fl.index[c.Node()]; ok {
			return p, true
		}
		switch c.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return point{}, false
		}
	}
	return point{}, false
}

// An assumption is what a path exploration takes as known about the
// attempt's outcome, while its variables are not reassigned.
type assumption struct {
	attempt *Attempt // nil: nothing assumed
	known   bool
	errNil  bool
	status  int64 // the response status assumed when errNil

	// until, when set, ends a path's interest at the first node for
	// which it is true: such paths are not in the result (the body was
	// closed on the way, say).
	until func(ast.Node) bool

	// errIs, when set, is the error variable the failed attempt is
	// assumed to return, as "path.Name" (context.Canceled,
	// database/sql.ErrNoRows), or "-" for an error that is none of the
	// program's sentinels.
	errIs string

	// probe asks explore to note, in undecided, a condition on the
	// attempt's response it could not decide.
	probe     bool
	undecided bool

	// Inside a classifier looked into (shouldRetry(resp, err)): the
	// parameters that hold the attempt's error and response, and the
	// others bound to the call's arguments.
	errAlias, respAlias types.Object
	bind                map[types.Object]ast.Expr
	depth               int // classifiers entered: two levels at most
}

// isResp reports whether e is the attempt's response (or the
// classifier parameter holding it).
func (a *assumption) isResp(info *types.Info, e ast.Expr) bool {
	if a.attempt == nil || a.attempt.Resp == nil {
		return false
	}
	obj := match.ObjectOf(info, e)
	return obj != nil && (obj == a.attempt.Resp || obj == a.respAlias)
}

// paths is the outcome of exploring the paths from a point.
type paths struct {
	next  bool    // some path reaches the next iteration
	nexts []*Exit // how (continue, end of body)
	exits []*Exit // how paths leave the loop
}

func (p *paths) add(e *Exit) {
	list := &p.exits
	if e.Kind == ExitContinue || e.Kind == ExitEnd {
		p.next = true
		list = &p.nexts
	}
	for _, x := range *list {
		if x.Kind == e.Kind && x.Node == e.Node {
			return
		}
	}
	*list = append(*list, e)
}

// explore follows every path from point at (after its node) until it
// leaves loop l or reaches l's next iteration, taking branches that the
// assumption decides only one way.
func (fl *flow) explore(l *Loop, at point, a *assumption) *paths {
	res := &paths{}
	discard := &paths{}
	type state struct {
		b     int32
		known bool
		done  bool
	}
	seen := make(map[state]bool)
	var visit func(b *cfg.Block, from int, known, done bool)
	visit = func(b *cfg.Block, from int, known, done bool) {
		if from == 0 {
			if seen[state{b.Index, known, done}] {
				return
			}
			seen[state{b.Index, known, done}] = true
		}
		for _, n := range b.Nodes[min(from, len(b.Nodes)):] {
			if known && a.reassigned(fl.info, n) {
				known = false
			}
			if a.until != nil && !done && a.until(n) {
				done = true
			}
		}
		target := res
		if done {
			target = discard // the path did what until looks for
		}
		if len(b.Succs) == 0 {
			if e := fl.terminal(b); e != nil {
				target.add(e)
			}
			return
		}
		for _, s := range fl.succs(b, a, known) {
			fl.edge(l, b, s, a, known, target, func(nb *cfg.Block, from int, known bool) { visit(nb, from, known, done) })
		}
	}
	b, from := at.b, at.i+1
	if at.i >= 0 && len(b.Succs) == 2 && at.i == len(b.Nodes)-1 {
		from = at.i // the point is the condition itself: evaluate it
	}
	visit(b, from, a.known, false)
	return res
}

// edge follows the edge b -> s of a path inside loop l.
func (fl *flow) edge(l *Loop, b, s *cfg.Block, a *assumption, known bool, res *paths, visit func(*cfg.Block, int, bool)) {
	head := fl.isHead(l, b)
	switch {
	case s.Stmt == l.Stmt && (s.Kind == cfg.KindForDone || s.Kind == cfg.KindRangeDone):
		if head {
			res.add(&Exit{Kind: ExitCond, Node: loopCond(l.Stmt)})
		} else {
			res.add(fl.branchExit(b, ExitBreak))
		}
	case !head && (fl.isHead(l, s) || s.Stmt == l.Stmt && (s.Kind == cfg.KindForBody || s.Kind == cfg.KindRangeBody)):
		// A back edge: the next iteration, unless the loop condition
		// is decided false.
		via := &Exit{Kind: ExitEnd, Node: l.Body}
		if br := fl.ends[b]; br != nil && br.Tok == token.CONTINUE {
			via = &Exit{Kind: ExitContinue, Node: br}
		}
		toBody, toDone := fl.head(l, a, known)
		if toBody {
			res.add(via)
		}
		if toDone {
			res.add(&Exit{Kind: ExitCond, Node: loopCond(l.Stmt)})
		}
	case !inside(l, s):
		kind := ExitBreak
		if br := fl.ends[b]; br != nil && br.Tok == token.GOTO {
			kind = ExitGoto
		}
		res.add(fl.branchExit(b, kind))
	default:
		visit(s, 0, known)
	}
}

// head decides, for a back edge of l, whether the post statement and
// the condition let control into the body and out of the loop.
func (fl *flow) head(l *Loop, a *assumption, known bool) (toBody, toDone bool) {
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		if s.Post != nil && known && a.reassigned(fl.info, s.Post) {
			known = false
		}
		if s.Cond == nil {
			return true, false
		}
		switch fl.evalAgain(l, s.Cond, a, known) {
		case yes:
			return true, false
		case no:
			return false, true
		}
	}
	return true, true
}

// evalAgain evaluates the condition of l on a back edge. A disjunct
// that holds only before the first pass is false there: n == 0 (or
// n < 1, n <= 0) of a counter the body steps up in a statement of its
// own, as in the do-while loop for n == 0 || err != nil { n++; err =
// op() ... } (harbor's job context).
func (fl *flow) evalAgain(l *Loop, cond ast.Expr, a *assumption, known bool) tri {
	ds := disjuncts(cond)
	if len(ds) < 2 {
		return fl.eval(cond, a, known)
	}
	out := no
	for _, d := range ds {
		if fl.firstPassOnly(l, d) {
			continue
		}
		switch fl.eval(d, a, known) {
		case yes:
			return yes
		case unknown:
			out = unknown
		}
	}
	return out
}

// firstPassOnly reports whether d is n == 0, n < 1 or n <= 0 (either
// way round) for an integer n that a top-level statement of l's body
// steps up (n++, n += 1).
func (fl *flow) firstPassOnly(l *Loop, d ast.Expr) bool {
	be, ok := ast.Unparen(d).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	x, y, op := be.X, be.Y, be.Op
	if tv, ok := fl.info.Types[x]; ok && tv.Value != nil {
		x, y = y, x
		op = map[token.Token]token.Token{token.EQL: token.EQL, token.GTR: token.LSS, token.GEQ: token.LEQ}[op]
	}
	tv, ok := fl.info.Types[y]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	k, exact := constant.Int64Val(tv.Value)
	firstOnly := op == token.EQL && k == 0 || op == token.LSS && k == 1 || op == token.LEQ && k == 0
	if !exact || !firstOnly {
		return false
	}
	v, ok := match.ObjectOf(fl.info, x).(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	for _, st := range l.Body.List {
		switch st := st.(type) {
		case *ast.IncDecStmt:
			if st.Tok == token.INC && match.ObjectOf(fl.info, st.X) == v {
				return true
			}
		case *ast.AssignStmt:
			if st.Tok == token.ADD_ASSIGN && len(st.Lhs) == 1 && match.ObjectOf(fl.info, st.Lhs[0]) == v {
				if tv, ok := fl.info.Types[st.Rhs[0]]; ok && tv.Value != nil && constant.Sign(tv.Value) > 0 {
					return true
				}
			}
		}
	}
	return false
}

func loopCond(s ast.Stmt) ast.Node {
	switch s := s.(type) {
	case *ast.ForStmt:
		return s.Cond
	case *ast.RangeStmt:
		return s.X
	}
	return nil
}

// isHead reports whether b is l's condition, post or range-head block.
func (fl *flow) isHead(l *Loop, b *cfg.Block) bool {
	if b.Stmt != l.Stmt {
		return false
	}
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop:
		return true
	}
	return false
}

// inside reports whether block b belongs to loop l (its body, head or
// post).
func inside(l *Loop, b *cfg.Block) bool {
	if b.Stmt == nil {
		return false
	}
	if b.Stmt == l.Stmt {
		return b.Kind != cfg.KindForDone && b.Kind != cfg.KindRangeDone
	}
	return b.Stmt.Pos() > l.Body.Lbrace && b.Stmt.End() <= l.Body.Rbrace
}

// terminal describes a block with no successors: a return (explicit
// or the function's implicit one) or a call that does not return. It
// returns nil for a dead end, such as a select with no case ready.
func (fl *flow) terminal(b *cfg.Block) *Exit {
	if len(b.Nodes) > 0 {
		switch n := b.Nodes[len(b.Nodes)-1].(type) {
		case *ast.ReturnStmt:
			return &Exit{Kind: ExitReturn, Node: n}
		case *ast.ExprStmt:
			if _, ok := n.X.(*ast.CallExpr); ok {
				return &Exit{Kind: ExitNoReturn, Node: n}
			}
		}
	}
	return nil
}

func (fl *flow) branchExit(b *cfg.Block, kind ExitKind) *Exit {
	if br := fl.ends[b]; br != nil {
		return &Exit{Kind: kind, Node: br}
	}
	return &Exit{Kind: kind}
}

// succs returns the successors of b that a path can take under the
// assumption.
func (fl *flow) succs(b *cfg.Block, a *assumption, known bool) []*cfg.Block {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return b.Succs
	}
	var cond ast.Expr
	switch t := b.Succs[0]; t.Kind {
	case cfg.KindSelectCaseBody, cfg.KindRangeBody:
		return b.Succs
	case cfg.KindSwitchCaseBody:
		cc, ok := t.Stmt.(*ast.CaseClause)
		if !ok {
			return b.Succs
		}
		tag, ok := fl.tags[cc]
		if !ok {
			return b.Succs // a type switch
		}
		e, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok {
			return b.Succs
		}
		if tag == nil {
			cond = e
		} else {
			cond = &ast.BinaryExpr{X: tag, Op: token.EQL, Y: e}
		}
	default:
		e, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok {
			return b.Succs
		}
		cond = e
	}
	switch fl.eval(cond, a, known) {
	case yes:
		return b.Succs[:1]
	case no:
		return b.Succs[1:]
	}
	if a.probe && a.attempt != nil && a.attempt.Resp != nil && !a.undecided {
		a.undecided = fl.usesStatus(cond, a.attempt.Resp) || a.errNil && fl.usesErr(cond, a)
	}
	return b.Succs
}

// usesStatus reports whether e uses resp.StatusCode.
func (fl *flow) usesStatus(e ast.Expr, resp types.Object) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "StatusCode" && match.ObjectOf(fl.info, sel.X) == resp {
			found = true
		}
		return !found
	})
	return found
}

// usesErr reports whether e uses the attempt's error, directly or
// through a local holding a call's answer about it (ne :=
// network.Adapter(err)). Under a nil error such a condition is left
// undecided only when the analysis cannot see what the call answers
// for nil.
func (fl *flow) usesErr(e ast.Expr, a *assumption) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if a.isErr(fl.info, n) {
				found = true
			} else if an, ok := fl.answers[fl.info.Uses[n]]; ok {
				found = slices.ContainsFunc(an.call.Args, func(arg ast.Expr) bool { return a.isErr(fl.info, arg) })
			}
		}
		return !found
	})
	return found
}

// A tri is a three-valued truth.
type tri int8

const (
	unknown tri = iota
	yes
	no
)

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	}
	return unknown
}

// eval evaluates a condition under the assumption.
func (fl *flow) eval(e ast.Expr, a *assumption, known bool) tri {
	e = ast.Unparen(e)
	if tv, ok := fl.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		if constant.BoolVal(tv.Value) {
			return yes
		}
		return no
	}
	switch e := e.(type) {
	case *ast.Ident:
		// A classifier's local: notInitialized := errors.Is(err, x).
		if x, ok := a.bind[fl.info.Uses[e]]; ok && a.errAlias != nil || ok && a.respAlias != nil {
			return fl.eval(x, a, known)
		}
		// The ok of a type assertion on the attempt's error is false
		// when the attempt succeeded: e, ok := err.(net.Error); ok &&
		// e.Timeout() asks for a failure.
		if x, ok := fl.asserted[fl.info.Uses[e]]; ok && known && a.errNil && a.isErr(fl.info, x) {
			return no
		}
		// The ok of errors.AsType[E](err), decided as errors.As is.
		if an, ok := fl.answers[fl.info.Uses[e]]; ok && an.index == 1 && known {
			if t, x, ok := match.AsType(fl.info, an.call); ok && a.isErr(fl.info, x) {
				if a.errNil || a.errIs != "" && (!types.IsInterface(t) || !ctxErrorSatisfies(t, a.errIs)) {
					return no
				}
				return unknown
			}
		}
		// A local holding a classifier's answer about the attempt,
		// taken after it: retry := shouldRetry(resp, err).
		if an, ok := fl.answers[fl.info.Uses[e]]; ok && a.depth == 0 && a.attempt != nil && an.call.Pos() > a.attempt.Call.End() {
			return fl.evalClassifier(an.call, an.index, a, known)
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return fl.eval(e.X, a, known).not()
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			x, y := fl.eval(e.X, a, known), fl.eval(e.Y, a, known)
			if x == no || y == no {
				return no
			}
			if x == yes && y == yes {
				return yes
			}
			return unknown
		case token.LOR:
			x, y := fl.eval(e.X, a, known), fl.eval(e.Y, a, known)
			if x == yes || y == yes {
				return yes
			}
			if x == no && y == no {
				return no
			}
			return unknown
		case token.EQL, token.NEQ:
			if t := fl.evalNil(e, a, known); t != unknown {
				return t
			}
			if t := fl.evalSentinel(e, a, known); t != unknown {
				return t
			}
		}
		switch e.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			x, okx := fl.evalInt(e.X, a, known)
			y, oky := fl.evalInt(e.Y, a, known)
			if okx && oky {
				if constant.Compare(constant.MakeInt64(x), e.Op, constant.MakeInt64(y)) {
					return yes
				}
				return no
			}
		}
	case *ast.CallExpr:
		if t := fl.evalClassifier(e, 0, a, known); t != unknown {
			return t
		}
		if t := fl.evalText(e, a, known); t != unknown {
			return t
		}
		// errors.Is(nil, target) and errors.As(nil, &t) are false.
		fn := match.Callee(fl.info, e)
		if (match.IsErrorsIs(fn) || match.IsErrorsAs(fn)) && len(e.Args) == 2 &&
			known && a.errNil && a.isErr(fl.info, e.Args[0]) {
			return no
		}
		if known && a.errIs != "" && len(e.Args) == 2 && a.isErr(fl.info, e.Args[0]) {
			switch {
			case match.IsErrorsIs(fn):
				return fl.isSentinel(e.Args[1], a.errIs)
			case match.IsErrorsAs(fn):
				// A context error is no type of the program's own; it
				// may satisfy an interface (net.Error), but not one
				// asking for a method it lacks (an SDK's APIError).
				if t, ok := fl.info.TypeOf(e.Args[1]).(*types.Pointer); ok && (!types.IsInterface(t.Elem()) || !ctxErrorSatisfies(t.Elem(), a.errIs)) {
					return no
				}
			}
		}
	}
	return unknown
}

// ctxErrorMethods are the methods of the context package's errors:
// Canceled is an errors.New, DeadlineExceeded also has Timeout and
// Temporary.
var ctxErrorMethods = map[string][]string{
	"context.Canceled":         {"Error"},
	"context.DeadlineExceeded": {"Error", "Timeout", "Temporary"},
}

// ctxErrorSatisfies reports whether the context error named (as in
// ctxErrorText) may satisfy the interface t: it has every method t asks
// for by name. An unknown name may satisfy anything.
func ctxErrorSatisfies(t types.Type, name string) bool {
	methods, ok := ctxErrorMethods[name]
	iface, isIface := t.Underlying().(*types.Interface)
	if !ok || !isIface {
		return true
	}
	for m := range iface.Methods() {
		if !slices.Contains(methods, m.Name()) {
			return false
		}
	}
	return true
}

// evalClassifier evaluates a call of a same-package function handed the
// attempt's error or response and answering a bool (shouldRetry(resp,
// err), a project's own errors.Is wrapper), by following its body under
// the assumption: a run of if statements that return, then a return.
// Two levels: a classifier's own classifiers (isErrObjectNotFound(err))
// are looked into, theirs are not. The answer is the result at index,
// a bool: the only one, or the first of (bool, error) (a retry policy
// in go-retryablehttp's shape).
func (fl *flow) evalClassifier(call *ast.CallExpr, index int, a *assumption, known bool) tri {
	if !known || a.attempt == nil || a.depth >= 2 || fl.decl == nil {
		return unknown
	}
	fn := match.Callee(fl.info, call)
	if fn == nil {
		return unknown
	}
	decl := fl.decl(fn)
	if decl == nil || decl.Body == nil || call.Ellipsis.IsValid() {
		return unknown
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || index >= sig.Results().Len() || sig.Results().Len() > 2 {
		return unknown
	}
	if b, ok := sig.Results().At(index).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return unknown
	}
	if sig.Results().Len() == 2 && (index != 0 || !match.IsError(sig.Results().At(1).Type())) {
		return unknown
	}
	results := sig.Results().Len()
	b := *a
	b.depth++
	b.bind = make(map[types.Object]ast.Expr)
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			obj := fl.info.Defs[name]
			if obj != nil && i < len(call.Args) {
				switch arg := call.Args[i]; {
				case a.isErr(fl.info, arg):
					b.errAlias = obj
				case a.isResp(fl.info, arg):
					b.respAlias = obj
				default:
					b.bind[obj] = arg
				}
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	if b.errAlias == nil && b.respAlias == nil {
		return unknown
	}
	saved := fl.bound
	fl.bound = b.bind
	defer func() { fl.bound = saved }()
	// rest evaluates the statements from list[0] on. A condition it
	// cannot decide is answered when its return and the statements
	// after it agree (if ctx.Err() != nil { return false, ctx.Err() }
	// before the checks of a success that answer false too).
	var rest func(list []ast.Stmt) tri
	rest = func(list []ast.Stmt) tri {
		for k, st := range list {
			switch st := st.(type) {
			case *ast.AssignStmt:
				// x := expr, read later by the returns.
				if st.Tok != token.DEFINE || len(st.Lhs) != 1 || len(st.Rhs) != 1 {
					return unknown
				}
				if obj := fl.info.Defs[identOf(st.Lhs[0])]; obj != nil {
					b.bind[obj] = st.Rhs[0]
				}
			case *ast.DeclStmt:
				// var t T: a target for errors.As, never true for a
				// context error of a type of its own.
				gd, ok := st.Decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					return unknown
				}
			case *ast.IfStmt:
				if st.Init != nil || st.Else != nil || len(st.Body.List) != 1 {
					return unknown
				}
				ret, ok := st.Body.List[0].(*ast.ReturnStmt)
				if !ok || len(ret.Results) != results {
					return unknown
				}
				switch fl.eval(st.Cond, &b, true) {
				case yes:
					return fl.eval(ret.Results[index], &b, true)
				case unknown:
					t := fl.eval(ret.Results[index], &b, true)
					if t == unknown || rest(list[k+1:]) != t {
						return unknown
					}
					return t
				}
			case *ast.ReturnStmt:
				if len(st.Results) != results {
					return unknown
				}
				return fl.eval(st.Results[index], &b, true)
			default:
				return unknown
			}
		}
		return unknown
	}
	return rest(decl.Body.List)
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// ctxErrorText is the text of the context package's errors.
var ctxErrorText = map[string]string{
	"context.Canceled":         "context canceled",
	"context.DeadlineExceeded": "context deadline exceeded",
}

// evalText evaluates a test of the attempt's err.Error() against a
// constant when the error is assumed to be one of the context's, whose
// text is known: strings.Contains, HasPrefix and HasSuffix, and the
// MatchString of a constant regexp (regexp.MatchString(`p`, text), or
// the method of regexp.MustCompile(`p`), directly or through a package
// variable only ever assigned it: cometbft's reTimeout).
func (fl *flow) evalText(call *ast.CallExpr, a *assumption, known bool) tri {
	text, ok := ctxErrorText[a.errIs]
	if !known || !ok {
		return unknown
	}
	fn := match.Callee(fl.info, call)
	var (
		subject ast.Expr
		test    func(string) bool
	)
	switch {
	case len(call.Args) != 1 && len(call.Args) != 2:
		return unknown
	case match.IsMethod(fn, "regexp", "Regexp", "MatchString") && len(call.Args) == 1:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return unknown
		}
		re := fl.constRegexp(sel.X)
		if re == nil {
			return unknown
		}
		subject, test = call.Args[0], re.MatchString
	case len(call.Args) != 2:
		return unknown
	case match.IsFunc(fn, "regexp", "MatchString"):
		p, ok := fl.constString(call.Args[0])
		re, err := regexp.Compile(p)
		if !ok || err != nil {
			return unknown
		}
		subject, test = call.Args[1], re.MatchString
	default:
		var f func(string, string) bool
		switch {
		case match.IsFunc(fn, "strings", "Contains"):
			f = strings.Contains
		case match.IsFunc(fn, "strings", "HasPrefix"):
			f = strings.HasPrefix
		case match.IsFunc(fn, "strings", "HasSuffix"):
			f = strings.HasSuffix
		default:
			return unknown
		}
		p, ok := fl.constString(call.Args[1])
		if !ok {
			return unknown
		}
		subject, test = call.Args[0], func(s string) bool { return f(s, p) }
	}
	inner, ok := ast.Unparen(subject).(*ast.CallExpr)
	if !ok || len(inner.Args) != 0 {
		return unknown
	}
	sel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Error" || !a.isErr(fl.info, sel.X) {
		return unknown
	}
	if test(text) {
		return yes
	}
	return no
}

// constString returns the value of a constant string expression.
func (fl *flow) constString(e ast.Expr) (string, bool) {
	tv, ok := fl.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// constRegexp returns the regexp that e always holds: a call of
// regexp.MustCompile with a constant pattern, or a package variable
// whose one assignment is such a call.
func (fl *flow) constRegexp(e ast.Expr) *regexp.Regexp {
	e = ast.Unparen(e)
	if v, ok := match.ObjectOf(fl.info, e).(*types.Var); ok && fl.consts != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		fl.consts.build()
		if values := fl.consts.assigns[v]; len(values) == 1 {
			e = ast.Unparen(values[0])
		}
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !match.IsFunc(match.Callee(fl.info, call), "regexp", "MustCompile") {
		return nil
	}
	p, ok := fl.constString(call.Args[0])
	if !ok {
		return nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil
	}
	return re
}

// evalNil evaluates err == nil and err != nil.
func (fl *flow) evalNil(e *ast.BinaryExpr, a *assumption, known bool) tri {
	if !known || a.attempt == nil {
		return unknown
	}
	var other ast.Expr
	switch {
	case fl.isNil(e.Y):
		other = e.X
	case fl.isNil(e.X):
		other = e.Y
	default:
		return unknown
	}
	if sel, ok := ast.Unparen(other).(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" && a.errNil && a.isResp(fl.info, sel.X) {
		other = sel.X // net/http guarantees a response's Body is not nil
	}
	if a.errNil && a.isResp(fl.info, other) {
		// A nil error comes with a response.
		if e.Op == token.NEQ {
			return yes
		}
		return no
	}
	if !a.isErr(fl.info, other) {
		return unknown
	}
	if a.errNil == (e.Op == token.EQL) {
		return yes
	}
	return no
}

// evalSentinel evaluates err == X and err != X for a package-level
// error variable X when the attempt is assumed to fail with a context
// error.
func (fl *flow) evalSentinel(e *ast.BinaryExpr, a *assumption, known bool) tri {
	if !known || a.errIs == "" {
		return unknown
	}
	var other ast.Expr
	switch {
	case a.isErr(fl.info, e.X):
		other = e.Y
	case a.isErr(fl.info, e.Y):
		other = e.X
	default:
		return unknown
	}
	t := fl.isSentinel(other, a.errIs)
	if e.Op == token.NEQ {
		t = t.not()
	}
	return t
}

// isSentinel says whether e, a package-level error variable, is the
// one named "path.Name"; any other package-level variable is another
// sentinel.
func (fl *flow) isSentinel(e ast.Expr, name string) tri {
	// A constant of an error type is a sentinel too (syscall.ETXTBSY).
	if c, ok := match.ObjectOf(fl.info, e).(*types.Const); ok && c.Pkg() != nil && c.Parent() == c.Pkg().Scope() &&
		types.Implements(c.Type(), errorIface) {
		if c.Pkg().Path()+"."+c.Name() == name {
			return yes
		}
		return no
	}
	v, ok := match.ObjectOf(fl.info, e).(*types.Var)
	if ok && fl.bound != nil {
		if arg, found := fl.bound[v]; found {
			v, ok = match.ObjectOf(fl.info, arg).(*types.Var)
		}
	}
	if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return unknown
	}
	if v.Pkg().Path()+"."+v.Name() == name {
		return yes
	}
	return no
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

func (fl *flow) isNil(e ast.Expr) bool {
	tv, ok := fl.info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// evalInt evaluates an integer expression: constants, and the response
// status under the assumption.
func (fl *flow) evalInt(e ast.Expr, a *assumption, known bool) (int64, bool) {
	return match.EvalInt(fl.info, e, func(e ast.Expr) (int64, bool) {
		if sel, ok := e.(*ast.SelectorExpr); ok && known && a.errNil &&
			sel.Sel.Name == "StatusCode" && a.isResp(fl.info, sel.X) {
			return a.status, true
		}
		return 0, false
	})
}

// isErr reports whether e is the attempt's error.
func (a *assumption) isErr(info *types.Info, e ast.Expr) bool {
	if a.attempt == nil {
		return false
	}
	e = ast.Unparen(e)
	if e == a.attempt.Call {
		return true
	}
	obj := match.ObjectOf(info, e)
	return obj != nil && (a.attempt.Err != nil && obj == a.attempt.Err || obj == a.errAlias)
}

// reassigned reports whether node n assigns the attempt's error or
// response variable (or takes its address).
func (a *assumption) reassigned(info *types.Info, n ast.Node) bool {
	if a.attempt == nil || (a.attempt.Err == nil && a.attempt.Resp == nil) {
		return false
	}
	hit := func(e ast.Expr) bool {
		obj := match.ObjectOf(info, e)
		return obj != nil && (obj == a.attempt.Err || obj == a.attempt.Resp)
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && a.readsBody(info, n.Rhs[0]) && !slices.ContainsFunc(n.Lhs, func(e ast.Expr) bool {
				return match.ObjectOf(info, e) == a.attempt.Resp
			}) {
				// b, err := io.ReadAll(resp.Body): reading the
				// response's body is part of the attempt, and its
				// failure is the attempt's.
				return false
			}
			for _, lhs := range n.Lhs {
				found = found || hit(lhs)
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				found = found || hit(id)
			}
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && hit(n.X))
		}
		return !found
	})
	return found
}

// readsBody reports whether e, the right side of an assignment, reads
// the body of the attempt's response (io.ReadAll(resp.Body),
// json.NewDecoder(resp.Body).Decode(&v)).
func (a *assumption) readsBody(info *types.Info, e ast.Expr) bool {
	if a.attempt.Resp == nil {
		return false
	}
	if _, ok := ast.Unparen(e).(*ast.CallExpr); !ok {
		return false
	}
	reads := false
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" && match.ObjectOf(info, sel.X) == a.attempt.Resp {
			if v, ok := info.Uses[sel.Sel].(*types.Var); ok && v.IsField() {
				reads = true
			}
		}
		_, lit := n.(*ast.FuncLit)
		return !reads && !lit
	})
	return reads
}

// leaves reports whether every path from block b leaves loop l without
// reaching its next iteration.
func (fl *flow) leaves(l *Loop, b *cfg.Block) bool {
	if b == nil {
		return false
	}
	if lv := fl.leavingOf(l); lv.reached[b] {
		return !lv.next[b] && lv.exit[b]
	}
	p := fl.explore(l, point{b, -1}, &assumption{}) // dead code
	return !p.next && len(p.exits) > 0
}

// reachesNext reports whether a path from point at reaches the next
// iteration of l, under no assumption.
func (fl *flow) reachesNext(l *Loop, at point) bool {
	if lv := fl.leavingOf(l); lv.reached[at.b] {
		return lv.next[at.b]
	}
	return fl.explore(l, at, &assumption{}).next
}

// leaving is, for one loop, what explore would find from each of its
// blocks under no assumption: whether a path reaches the next
// iteration, and whether one leaves the loop. It is computed for all
// blocks at once, in time linear in the loop, where asking explore of
// each if statement of a loop cost time quadratic in it (cubic for an
// else-if chain).
type leaving struct {
	reached    map[*cfg.Block]bool // blocks reached from the loop's head
	next, exit map[*cfg.Block]bool
}

func (fl *flow) leavingOf(l *Loop) *leaving {
	if lv, ok := fl.leavings[l]; ok {
		return lv
	}
	lv := &leaving{reached: make(map[*cfg.Block]bool), next: make(map[*cfg.Block]bool), exit: make(map[*cfg.Block]bool)}
	fl.leavings[l] = lv
	a := &assumption{}
	preds := make(map[*cfg.Block][]*cfg.Block) // edges inside the loop, reversed
	var toNext, toExit, stack []*cfg.Block
	push := func(b *cfg.Block) {
		if !lv.reached[b] {
			lv.reached[b] = true
			stack = append(stack, b)
		}
	}
	for _, kind := range []cfg.BlockKind{cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop, cfg.KindForBody, cfg.KindRangeBody} {
		if b := fl.block(l.Stmt, kind); b != nil {
			push(b)
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if len(b.Succs) == 0 {
			if fl.terminal(b) != nil {
				toExit = append(toExit, b)
			}
			continue
		}
		for _, s := range fl.succs(b, a, false) {
			res := &paths{}
			fl.edge(l, b, s, a, false, res, func(nb *cfg.Block, _ int, _ bool) {
				preds[nb] = append(preds[nb], b)
				push(nb)
			})
			if res.next {
				toNext = append(toNext, b)
			}
			if len(res.exits) > 0 {
				toExit = append(toExit, b)
			}
		}
	}
	for _, walk := range []struct {
		from []*cfg.Block
		set  map[*cfg.Block]bool
	}{{toNext, lv.next}, {toExit, lv.exit}} {
		q := walk.from
		for len(q) > 0 {
			b := q[len(q)-1]
			q = q[:len(q)-1]
			if !walk.set[b] {
				walk.set[b] = true
				q = append(q, preds[b]...)
			}
		}
	}
	return lv
}
