package retryloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retryvet/retryvet/analyzers/callgraph"
	"github.com/retryvet/retryvet/internal/match"
)

// localOnly reports whether every attempt of l reaches only this machine
// (docs/model.md, Local attempts; Readiness waits): a local
// operating-system call, a dial of a unix socket or of a loopback
// address, an HTTP request to localhost, directly or through a
// same-package function one level down.
func (r *recognizer) localOnly(l *Loop) bool {
	for _, a := range l.Attempts {
		if !r.localCall(a.Call, l.Func.Body, nil, true) && !retriesLocalErrno(a) {
			return false
		}
	}
	return len(l.Attempts) > 0
}

// localErrnos are the errors only this machine's kernel gives: an
// executable still open for writing, an interrupted system call, a busy
// device or file.
var localErrnos = map[string]bool{"ETXTBSY": true, "EINTR": true, "EBUSY": true}

// retriesLocalErrno reports whether the loop retries attempt a only on
// errors of this machine's kernel (localErrnos, of syscall or
// golang.org/x/sys/unix): whatever the attempt calls, a retry then waits
// for this machine, not for a server (buildkite's agent re-running a
// hook that fails with ETXTBSY, golang/go#22315).
func retriesLocalErrno(a *Attempt) bool {
	if !a.Classified || len(a.Compared) == 0 {
		return false
	}
	for _, obj := range a.Compared {
		// syscall's errnos are constants; x/sys/unix's too.
		if obj.Pkg() == nil || !localErrnos[obj.Name()] || obj.Parent() != obj.Pkg().Scope() ||
			obj.Pkg().Path() != "syscall" && obj.Pkg().Path() != "golang.org/x/sys/unix" {
			return false
		}
	}
	return true
}

// localCall reports whether call reaches only this machine. body is the
// function holding the call, where variables are followed to their
// definitions; params binds the parameters of a helper being looked
// into to the caller's arguments. deeper allows one level of
// same-package helper.
func (r *recognizer) localCall(call *ast.CallExpr, body *ast.BlockStmt, params map[types.Object]ast.Expr, deeper bool) bool {
	fn := match.Callee(r.info, call)
	if match.IsLocalSystem(fn) || r.localIO(call, fn, body, params) || r.localReceiver(call, body, params) {
		return true
	}
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "net", "net/http", "google.golang.org/grpc":
		if isListen(fn) {
			return true // a bind on this machine asks no server
		}
		if match.IsMethod(fn, "net/http", "Client", "Do") && len(call.Args) == 1 {
			return r.localRequest(call.Args[0], body, params)
		}
		for _, arg := range call.Args {
			if r.localAddr(arg, body, params, true) {
				return true
			}
		}
		return false
	}
	if r.isLocalFunc(fn) {
		return true
	}
	if !deeper || fn.Pkg() != r.pass.Pkg {
		return false
	}
	// A same-package helper addressed through its parameters
	// (ping("http://localhost:8080")): one level, with the call's
	// arguments bound.
	decl := r.decl(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	bind := make(map[types.Object]ast.Expr)
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if i < len(call.Args) {
				if obj := r.info.Defs[name]; obj != nil {
					bind[obj] = r.resolveArg(call.Args[i], body, params)
				}
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return r.localBody(decl.Body, bind, false)
}

// localBody reports whether the function whose body is body reaches
// only this machine: it can fail, and every call through which it can
// fail is local (localCall, with params bound and deeper passed on).
func (r *recognizer) localBody(body *ast.BlockStmt, params map[types.Object]ast.Expr, deeper bool) bool {
	fallible := 0
	local := true
	ast.Inspect(body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || !local {
			_, lit := n.(*ast.FuncLit)
			return !lit && local
		}
		sig := match.Signature(r.info, c)
		if sig == nil || !match.ReturnsError(sig) || r.notAttempt(c) {
			return true
		}
		fallible++
		local = r.localCall(c, body, params, deeper)
		return local
	})
	return local && fallible > 0
}

// resolveArg returns what the argument arg, of a call in body, stands
// for once the helper it is handed to is looked into: the argument bound
// to a parameter of body's own function, or the last definition of a
// local variable of body (u := fmt.Sprintf("http://localhost:%s/", port)),
// followed a few steps; else arg itself. The helper's body cannot see
// the caller's variables.
func (r *recognizer) resolveArg(arg ast.Expr, body *ast.BlockStmt, params map[types.Object]ast.Expr) ast.Expr {
	for range 4 {
		id, ok := ast.Unparen(arg).(*ast.Ident)
		if !ok {
			return arg
		}
		obj := r.info.Uses[id]
		if a, ok := params[obj]; ok {
			return a
		}
		v, ok := obj.(*types.Var)
		if !ok || v.IsField() || body == nil {
			return arg
		}
		def, _ := match.LastDef(r.info, body, v, id.Pos())
		if def == nil {
			return arg
		}
		arg = def
	}
	return arg
}

// A StaysLocal is the fact that a function reaches only this machine: it can
// fail, and every call through which it can fail is a local
// operating-system call (see match.IsLocalSystem), a dial of a unix
// socket or a loopback address, or a call of another such function
// (fsnotify's Watcher.Add, a flock wrapper, netlink).
type StaysLocal struct{}

// AFact marks StaysLocal as an analysis fact.
func (*StaysLocal) AFact() {}

func (*StaysLocal) String() string { return "local" }

// localSystemPackages are clients of daemons on this machine that reach
// them through paths the analysis cannot see (the system bus's socket
// comes from the environment).
var localSystemPackages = []string{
	"github.com/godbus/dbus/v5",
	"github.com/coreos/go-systemd/v22/dbus",
	"github.com/fsnotify/fsnotify", // its Add reaches inotify through an interface
}

// localSystemModules are modules whose every package reads this
// machine's state: gopsutil reads /proc, /sys and the system's own
// calls (its process package tells a live lock holder from a stale one
// in cloudflared); go-tpm sends commands to this machine's TPM (spire's
// signing key retries the TPM's own "retry" answer); the netlink
// clients and go-iptables talk to this machine's kernel and its
// iptables binary (netbird flushes its nftables rules again while the
// kernel answers "busy"); hcsshim calls this machine's Windows Host
// Compute Service (moby's graph driver lists its containers again while
// the service answers "invalid state").
var localSystemModules = []string{
	"github.com/Microsoft/hcsshim",
	"github.com/shirou/gopsutil",
	"github.com/google/go-tpm",
	"github.com/google/nftables",
	"github.com/vishvananda/netlink",
	"github.com/mdlayher/netlink",
	"github.com/mdlayher/genetlink",
	"github.com/coreos/go-iptables",
}

// isLocalPackage reports whether every function of the package at path
// stays on this machine by the lists above.
func isLocalPackage(path string) bool {
	if slices.Contains(localSystemPackages, path) {
		return true
	}
	for _, m := range localSystemModules {
		if rest, ok := strings.CutPrefix(path, m); ok && (rest == "" || rest[0] == '/') {
			return true
		}
	}
	return false
}

// isLocalFunc reports whether fn reaches only this machine: a function
// of this package found local, or an imported one with the StaysLocal fact.
func (r *recognizer) isLocalFunc(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if isLocalPackage(fn.Pkg().Path()) {
		return true
	}
	if fn.Pkg() == r.pass.Pkg {
		return r.localFuncs()[fn.Origin()]
	}
	return r.cfg.Facts && r.pass.ImportObjectFact(fn.Origin(), new(StaysLocal))
}

// localFuncs computes, once, the package's functions that reach only
// this machine, as the greatest fixpoint over the package's calls (a
// function calling itself stays local if all else is), and exports
// their facts.
func (r *recognizer) localFuncs() map[*types.Func]bool {
	if r.locals != nil {
		return r.locals
	}
	g := r.pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	local := make(map[*types.Func]bool)
	r.locals = local
	fallible := make(map[*types.Func][]callgraph.Site)
	for _, f := range g.Funcs {
		for _, s := range f.Calls {
			if sig := match.Signature(r.info, s.Call); sig != nil && match.ReturnsError(sig) && !r.notAttempt(s.Call) {
				fallible[f.Obj] = append(fallible[f.Obj], s)
			}
		}
		local[f.Obj] = len(fallible[f.Obj]) > 0
	}
	siteLocal := func(f *callgraph.Func, s callgraph.Site) bool {
		fn := s.Callee
		switch {
		case f.Decl != nil && r.localReceiver(s.Call, f.Decl.Body, nil):
			return true // c.Close() of a connection dialed to a unix socket
		case fn == nil:
			return false // a func value or an interface method
		case match.IsLocalSystem(fn), isLocalPackage(fn.Pkg().Path()), r.localIO(s.Call, fn, nil, nil):
			return true
		case fn.Pkg() == r.pass.Pkg:
			return local[fn]
		case fn.Pkg().Path() == "net" || fn.Pkg().Path() == "net/http":
			// The function's body, to follow a request or an address
			// to its last assignment (req, err := http.NewRequest(...)).
			return r.localCall(s.Call, f.Decl.Body, nil, false)
		}
		return r.cfg.Facts && r.pass.ImportObjectFact(fn, new(StaysLocal))
	}
	// A function whose every fallible call computes (a parse, a
	// certificate check), or calls another such function of the
	// package, is a computation: calling it is no I/O, and it is no
	// local attempt itself.
	computes := make(map[*types.Func]bool)
	computed := func(s callgraph.Site) bool { return pure(s.Callee) || computes[s.Callee] }
	for changed := true; changed; {
		changed = false
		for _, f := range g.Funcs {
			if !computes[f.Obj] && !slices.ContainsFunc(fallible[f.Obj], func(s callgraph.Site) bool { return !computed(s) }) {
				computes[f.Obj] = true
				changed = true
			}
		}
	}
	for fn := range computes {
		local[fn] = false
	}
	for changed := true; changed; {
		changed = false
		for _, f := range g.Funcs {
			if !local[f.Obj] {
				continue
			}
			for _, s := range fallible[f.Obj] {
				if !computed(s) && !siteLocal(f, s) {
					local[f.Obj] = false
					changed = true
					break
				}
			}
		}
	}
	// Importers judge the system packages and net's by their paths
	// (localCall, siteLocal) before any fact: no fact for them.
	if p := r.pass.Pkg.Path(); r.cfg.Facts && !match.IsLocalSystemPackage(p) && p != "net" && p != "net/http" {
		for fn, ok := range local {
			if ok {
				r.pass.ExportObjectFact(fn, new(StaysLocal))
			}
		}
	}
	return local
}

// isListen reports whether fn binds a socket on this machine or accepts
// on one: net.Listen and its kin, net.ListenConfig's methods, and the
// Accept methods of net.Listener, *net.TCPListener and
// *net.UnixListener. Whatever the address, a listen contacts no server
// (it fails when the port is taken), and an accept waits on this
// process's own socket (it fails when the process is out of file
// descriptors: VictoriaMetrics' listener retries it every second).
func isListen(fn *types.Func) bool {
	if fn.Pkg().Path() != "net" {
		return false
	}
	switch fn.Name() {
	case "Listen", "ListenPacket", "ListenTCP", "ListenUDP", "ListenUnix", "ListenUnixgram", "ListenIP", "ListenMulticastUDP":
		return true
	case "Accept", "AcceptTCP", "AcceptUnix":
		return fn.Signature().Recv() != nil
	}
	return false
}

// purePackages are standard packages whose fallible functions compute
// and do no I/O (a parse, a conversion): a call of one neither reaches a
// server nor makes a function local.
var purePackages = map[string]bool{
	"strconv": true, "net/url": true, "net/netip": true, "regexp": true, "path": true,
	"strings": true, "bytes": true, "unicode/utf8": true, "encoding/json": true,
	"encoding/base64": true, "encoding/hex": true, "encoding/xml": true, "mime": true,
	"text/template": true, "html/template": true, "encoding/pem": true, "crypto/x509": true,
}

// pure reports whether fn belongs to purePackages (a method of a value
// of those packages included: json.Decoder's Decode reads a reader, but
// the reader is the caller's own I/O), or is crypto/tls's X509KeyPair,
// which parses a key pair it is handed (tls dials too: the package is
// not pure).
func pure(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && (purePackages[fn.Pkg().Path()] || match.IsFunc(fn, "crypto/tls", "X509KeyPair"))
}

// localReceiver reports whether call is a method call on a local
// variable of body last assigned from a local call, or on a field of
// one: closing, reading or writing a connection dialed to a unix socket,
// a file just opened, or the body of a response from localhost.
func (r *recognizer) localReceiver(call *ast.CallExpr, body *ast.BlockStmt, params map[types.Object]ast.Expr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || body == nil {
		return false
	}
	if s, ok := r.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return false
	}
	return r.fromLocalCall(sel.X, body, params)
}

// fromLocalCall reports whether e is a variable of body last assigned
// from a local call, or a field of one (resp.Body: the field of a value
// the local call gave).
func (r *recognizer) fromLocalCall(e ast.Expr, body *ast.BlockStmt, params map[types.Object]ast.Expr) bool {
	if body == nil {
		return false
	}
	x := ast.Unparen(e)
	for {
		fs, ok := x.(*ast.SelectorExpr)
		if s, isSel := r.info.Selections[fs]; !ok || !isSel || s.Kind() != types.FieldVal {
			break
		}
		x = ast.Unparen(fs.X)
	}
	v, ok := match.ObjectOf(r.info, x).(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	def, _ := match.LastDef(r.info, body, v, e.Pos())
	dc, ok := ast.Unparen(def).(*ast.CallExpr)
	return ok && r.localCall(dc, body, params, false)
}

// ioFuncs are the standard functions that do their I/O through the
// readers and writers they are handed (fmt.Fprintf, io.Copy): where a
// call of one goes is where its arguments go.
var ioFuncs = map[string][]string{
	"fmt": {"Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf", "Fscanln"},
	"io":  {"Copy", "CopyN", "CopyBuffer", "WriteString", "ReadAll", "ReadFull", "ReadAtLeast"},
}

// localIO reports whether call, of fn, is one of ioFuncs whose every
// reader or writer argument is a value of a local operating-system
// package (an *os.File: the pid written into a lock file), or a field of
// a variable of body last assigned from a local call (the Body of a
// response from localhost).
func (r *recognizer) localIO(call *ast.CallExpr, fn *types.Func, body *ast.BlockStmt, params map[types.Object]ast.Expr) bool {
	if fn == nil || fn.Pkg() == nil || !slices.Contains(ioFuncs[fn.Pkg().Path()], fn.Name()) {
		return false
	}
	sig := fn.Signature()
	streams := 0
	for i, arg := range call.Args {
		if i >= sig.Params().Len() || !types.IsInterface(sig.Params().At(i).Type()) || sig.Variadic() && i >= sig.Params().Len()-1 {
			continue
		}
		t := r.info.TypeOf(arg)
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if (!ok || named.Obj().Pkg() == nil || !match.IsLocalSystemPackage(named.Obj().Pkg().Path())) && !r.fromLocalCall(arg, body, params) {
			return false
		}
		streams++
	}
	return streams > 0
}

// localRequest reports whether the request expression e (a variable
// assigned from http.NewRequest[WithContext], or such a call) is
// addressed to this machine.
func (r *recognizer) localRequest(e ast.Expr, body *ast.BlockStmt, params map[types.Object]ast.Expr) bool {
	e = ast.Unparen(e)
	if v, ok := match.ObjectOf(r.info, e).(*types.Var); ok {
		def, _ := match.LastDef(r.info, body, v, e.Pos())
		if def == nil {
			return false
		}
		e = ast.Unparen(def)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := match.Callee(r.info, call)
	urlArg := -1
	switch {
	case match.IsFunc(fn, "net/http", "NewRequest"):
		urlArg = 1
	case match.IsFunc(fn, "net/http", "NewRequestWithContext"):
		urlArg = 2
	}
	if urlArg < 0 || urlArg >= len(call.Args) {
		return false
	}
	return r.localAddr(call.Args[urlArg], body, params, true)
}

// localAddr reports whether the string expression e, an address or a
// URL in body, names this machine (see isLocalAddress). When e is a
// parameter of body's own function, with nothing bound to it, and up
// is set, the function's callers decide: see localParam.
func (r *recognizer) localAddr(e ast.Expr, body *ast.BlockStmt, params map[types.Object]ast.Expr, up bool) bool {
	if s, whole, ok := r.stringPrefix(e, body, params, 0); ok {
		return isLocalAddress(s, whole)
	}
	if !up || params != nil {
		return false
	}
	v, ok := match.ObjectOf(r.info, e).(*types.Var)
	return ok && v.Kind() == types.ParamVar && r.localParam(v)
}

// localParam reports whether every call of the function declaring the
// parameter v hands it a local address (waitForPort("127.0.0.1:"+port,
// timeout) at each of its calls: ollama's launcher waiting for the
// gateway it started). The function must be an unexported function of
// this package, not a method, called at least once and never used as a
// value, so that its calls are all known.
func (r *recognizer) localParam(v *types.Var) bool {
	g := r.pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	var fn *types.Func
	index := -1
	for _, f := range g.Funcs {
		if f.Decl.Type.Pos() <= v.Pos() && v.Pos() < f.Decl.Type.End() {
			fn = f.Obj
			break
		}
	}
	if fn == nil || fn.Exported() || fn.Signature().Recv() != nil {
		return false
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == v {
			index = i
		}
	}
	if index < 0 || fn.Signature().Variadic() && index == params.Len()-1 {
		return false
	}
	r.callSites()
	calls := r.calls[fn]
	if r.escaped[fn] || len(calls) == 0 {
		return false
	}
	for _, c := range calls {
		call := c.Node().(*ast.CallExpr)
		caller := enclosingDecl(c)
		if caller == nil || index >= len(call.Args) || !r.localAddr(call.Args[index], caller.Body, nil, false) {
			return false
		}
	}
	return true
}

// enclosingDecl returns the function declaration holding c, or nil.
func enclosingDecl(c inspector.Cursor) *ast.FuncDecl {
	for p := range c.Enclosing((*ast.FuncDecl)(nil)) {
		return p.Node().(*ast.FuncDecl)
	}
	return nil
}

// stringPrefix returns a known prefix of the string expression e, and
// whether it is the whole string: a constant, the text of a fmt.Sprintf
// format before its first verb, the left of a concatenation, a
// variable's last definition, or the argument bound to a helper's
// parameter.
func (r *recognizer) stringPrefix(e ast.Expr, body *ast.BlockStmt, params map[types.Object]ast.Expr, depth int) (prefix string, whole, ok bool) {
	if depth > 4 {
		return "", false, false
	}
	e = ast.Unparen(e)
	if tv, ok := r.info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value), true, true
		}
		return "", false, false
	}
	// A package variable only ever assigned one constant is that
	// constant (var urlFormat = "http://localhost:%s/healthz": dapr).
	if v, ok := match.ObjectOf(r.info, e).(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && r.consts != nil {
		if c, ok := r.consts.value(v, 0); ok && c.Kind() == constant.String {
			return constant.StringVal(c), true, true
		}
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			x, whole, ok := r.stringPrefix(e.X, body, params, depth+1)
			if !ok || !whole {
				return x, false, ok
			}
			y, whole, ok := r.stringPrefix(e.Y, body, params, depth+1)
			if !ok {
				return x, false, true
			}
			return x + y, whole, true
		}
	case *ast.CallExpr:
		fn := match.Callee(r.info, e)
		switch {
		case match.IsFunc(fn, "fmt", "Sprintf") && len(e.Args) > 0:
			format, whole, ok := r.stringPrefix(e.Args[0], body, params, depth+1)
			if !ok {
				return "", false, false
			}
			if i := strings.IndexByte(format, '%'); i >= 0 {
				return format[:i], false, true
			}
			return format, whole, true
		case match.IsFunc(fn, "net", "JoinHostPort") && len(e.Args) == 2:
			host, whole, ok := r.stringPrefix(e.Args[0], body, params, depth+1)
			if !ok || !whole {
				return "", false, false
			}
			if strings.Contains(host, ":") {
				host = "[" + host + "]"
			}
			return host + ":", false, true
		}
	case *ast.SelectorExpr:
		// srv.baseURL, with srv := &DevServer{baseURL: "http://localhost:..."}
		// (or srv.baseURL = ... after it) earlier in body.
		v, ok := match.ObjectOf(r.info, e.X).(*types.Var)
		if !ok || v.IsField() || body == nil {
			break
		}
		def, fields := match.LastDef(r.info, body, v, e.Pos())
		if f, ok := fields[e.Sel.Name]; ok {
			return r.stringPrefix(f, body, params, depth+1)
		}
		if u, ok := ast.Unparen(def).(*ast.UnaryExpr); ok && u.Op == token.AND {
			def = u.X
		}
		lit, ok := ast.Unparen(def).(*ast.CompositeLit)
		if !ok {
			break
		}
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok && key.Name == e.Sel.Name {
					return r.stringPrefix(kv.Value, body, params, depth+1)
				}
			}
		}
	case *ast.Ident:
		obj := r.info.Uses[e]
		if arg, ok := params[obj]; ok {
			return r.stringPrefix(arg, nil, nil, depth+1)
		}
		if v, ok := obj.(*types.Var); ok && body != nil && !v.IsField() {
			if def, _ := match.LastDef(r.info, body, v, e.Pos()); def != nil {
				return r.stringPrefix(def, body, params, depth+1)
			}
		}
	}
	return "", false, false
}

// isLocalAddress reports whether s, the known prefix of a network name,
// an address or a URL (whole when it is the entire string), denotes this
// machine: a unix socket network or URL, or a loopback host (localhost,
// 127.0.0.0/8, ::1) that the prefix spells out completely.
func isLocalAddress(s string, whole bool) bool {
	if whole {
		switch s {
		case "unix", "unixgram", "unixpacket":
			return true
		}
		s += "/" // the host ends with the string
	}
	if strings.HasPrefix(s, "unix:") {
		return true
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexByte(s, '@'); i >= 0 && i < strings.IndexAny(s+"/", "/") {
		s = s[i+1:] // user info
	}
	var host string
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return false
		}
		host = s[1:end]
	} else {
		end := strings.IndexAny(s, ":/?#")
		if end < 0 {
			return false // the host may go on in the unknown rest
		}
		host = s[:end]
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// servesAfter reports whether the function at fnCur starts serving
// after pos (lastServe), or, one level up, whether it is an unexported
// function of the package, never used as a value, whose every call
// outside _test.go files is followed by serving in its caller: a helper
// that waits for a dependency on behalf of a server starting up. worker
// reports that, for the function or for one of those callers, the only
// serving after the wait is a worker loop (runsUntilStopped).
func (r *recognizer) servesAfter(fnCur inspector.Cursor, pos token.Pos) (startup, worker bool) {
	if s := r.lastServe(fnCur); s.after(pos) {
		return true, !s.listensAfter(pos)
	}
	decl, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok {
		return false, false
	}
	obj, _ := r.info.Defs[decl.Name].(*types.Func)
	if obj == nil || obj.Exported() {
		return false, false
	}
	r.callSites()
	if r.escaped[obj] {
		return false, false
	}
	callers := 0
	for _, c := range r.calls[obj] {
		if isTestFile(r.pass.Fset, c.Node().Pos()) {
			continue
		}
		end := c.Node().End()
		for caller := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			s := r.lastServe(caller)
			if !s.after(end) {
				return false, false
			}
			worker = worker || !s.listensAfter(end)
			break
		}
		callers++
	}
	return callers > 0, worker
}

// A serving records where a function serves last: listen is its last
// call that starts serving (or its end, when it returns a server), worker
// its last worker loop (runsUntilStopped); either is token.NoPos when
// there is none.
type serving struct {
	listen, worker token.Pos
}

// after reports whether the function serves after pos.
func (s serving) after(pos token.Pos) bool {
	return s.listensAfter(pos) || s.worker.IsValid() && s.worker > pos
}

// listensAfter reports whether the function starts serving after pos
// by other means than a worker loop.
func (s serving) listensAfter(pos token.Pos) bool {
	return s.listen.IsValid() && s.listen > pos
}

// lastServe returns where the function at fnCur, in its body or in a
// function literal there, serves last: its last call that starts
// serving, and its last worker loop that runs until it is stopped
// (runsUntilStopped). A call starts serving when it opens a listener or
// serves on one (net.Listen and its kin, net/http's ListenAndServe and
// Serve, an http.Server's or a grpc.Server's Serve), or calls a function
// of the package that does so, however deep (servers). A function that
// returns the server its caller will serve (an *http.Server or a
// *grpc.Server) serves at its end.
func (r *recognizer) lastServe(fnCur inspector.Cursor) serving {
	fn := fnCur.Node()
	if s, ok := r.serves[fn]; ok {
		return s
	}
	var s serving
	if r.returnsServer(fn) {
		s.listen = fn.End()
	}
	servers := r.servers()
	for c := range fnCur.Preorder((*ast.CallExpr)(nil), (*ast.ForStmt)(nil)) {
		switch n := c.Node().(type) {
		case *ast.CallExpr:
			callee := match.Callee(r.info, n)
			if startsServing(callee) || callee != nil && servers[callee.Origin()] {
				s.listen = max(s.listen, n.Pos())
			}
		case *ast.ForStmt:
			if r.runsUntilStopped(n) {
				s.worker = max(s.worker, n.Pos())
			}
		}
	}
	if r.serves == nil {
		r.serves = make(map[ast.Node]serving)
	}
	r.serves[fn] = s
	return s
}

// runsUntilStopped reports whether loop is a worker that runs until it
// is told to stop: a `for {}` with no condition whose every way out (a
// return, or a break or goto leaving it) is taken only once a context
// ends or a stop channel is closed, in a select case receiving from a
// context's Done() or from a chan struct{}, or under an if whose
// condition asks a context's Err(). Such a loop runs once in the life
// of its context, and so does what waits before it.
func (r *recognizer) runsUntilStopped(loop *ast.ForStmt) bool {
	if loop.Cond != nil || loop.Init != nil || loop.Post != nil {
		return false
	}
	ok := true
	var stack []ast.Node
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			ok = r.onStop(stack)
		case *ast.BranchStmt:
			leaves := n.Tok == token.GOTO || n.Tok == token.BREAK && n.Label != nil
			if n.Tok == token.BREAK && n.Label == nil {
				leaves = true // unless a switch, select or loop in between takes it
				for _, s := range stack {
					switch s.(type) {
					case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
						leaves = false
					}
				}
			}
			if leaves {
				ok = r.onStop(stack)
			}
		}
		if !ok {
			return false
		}
		stack = append(stack, n)
		return true
	})
	return ok
}

// onStop reports whether a statement under stack (its enclosing nodes,
// outermost first) runs only once a context has ended or a stop channel
// was closed (runsUntilStopped).
func (r *recognizer) onStop(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch s := stack[i].(type) {
		case *ast.CommClause:
			if r.stopReceive(s.Comm) {
				return true
			}
		case *ast.IfStmt:
			found := false
			ast.Inspect(s.Cond, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Err" && len(call.Args) == 0 && match.IsContext(r.info.TypeOf(sel.X)) {
						found = true
					}
				}
				return !found
			})
			if found && i+1 < len(stack) && stack[i+1] == s.Body {
				return true
			}
		}
	}
	return false
}

// stopReceive reports whether comm, a select case's communication,
// receives from a context's Done() or from a chan struct{}.
func (r *recognizer) stopReceive(comm ast.Stmt) bool {
	var x ast.Expr
	switch comm := comm.(type) {
	case *ast.ExprStmt:
		x = comm.X
	case *ast.AssignStmt:
		if len(comm.Rhs) == 1 {
			x = comm.Rhs[0]
		}
	}
	u, ok := ast.Unparen(x).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	if call, ok := ast.Unparen(u.X).(*ast.CallExpr); ok {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" && match.IsContext(r.info.TypeOf(sel.X)) {
			return true
		}
	}
	ch, ok := types.Unalias(r.info.TypeOf(u.X)).(*types.Chan)
	if !ok {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// servers returns the package's functions that start serving, in their
// own body or through calls of others that do, computed on first use.
func (r *recognizer) servers() map[*types.Func]bool {
	if r.serving != nil {
		return r.serving
	}
	g := r.pass.ResultOf[callgraph.Analyzer].(*callgraph.Graph)
	own := func(f *callgraph.Func) (bool, bool) {
		if r.returnsServer(f.Decl) {
			return true, true
		}
		for _, s := range f.Calls {
			if startsServing(s.Callee) {
				return true, true
			}
		}
		return false, false
	}
	via := func(*callgraph.Func, callgraph.Site, bool) (bool, bool) { return true, true }
	none := func(*types.Func) (bool, bool) { return false, false }
	r.serving = callgraph.Propagate(g, own, via, none)
	return r.serving
}

// returnsServer reports whether fn, a function declaration or literal,
// has an *http.Server or a *grpc.Server among its results.
func (r *recognizer) returnsServer(fn ast.Node) bool {
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft == nil || ft.Results == nil {
		return false
	}
	for _, field := range ft.Results.List {
		t := r.info.TypeOf(field.Type)
		if match.IsNamed(t, "net/http", "Server") || match.IsNamed(t, "google.golang.org/grpc", "Server") {
			return true
		}
	}
	return false
}

// startsServing reports whether fn opens a listener or serves on one.
func startsServing(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	recv := ""
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			recv = n.Obj().Name()
		}
	}
	switch fn.Pkg().Path() {
	case "net":
		return isListen(fn)
	case "net/http":
		switch fn.Name() {
		case "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS":
			return recv == "" || recv == "Server"
		}
	case "google.golang.org/grpc":
		return recv == "Server" && fn.Name() == "Serve"
	}
	return false
}
