package driver

import (
	"crypto/sha256"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/internal/suppress"
)

// The vet engine's side of go vet's protocol: when the standalone
// driver runs go vet with itself as the vet tool (see engine.go), it
// sets engineEnv in go vet's environment, and the tool then writes, in
// each diagnostic's message, the whole finding as the in-process engine
// would make it (positions with offsets, the position in the file as
// read, fixes with the file that holds their bytes), and reports the
// package's //retryvet:ignore directives with the checks each silenced,
// under the analyzer directivesName. The driver reads them back from go
// vet's JSON. -V=full answers with another build ID, so that go vet
// never replays these results to a user's go vet, nor a user's to the
// driver.

// engineEnv is set to 1 in the environment of go vet's tool by the vet
// engine.
const engineEnv = "RETRYVET_VET_ENGINE"

// engineChild reports whether this process is go vet's tool run by the
// vet engine.
func engineChild() bool { return os.Getenv(engineEnv) == "1" }

// engineMark starts the message of each diagnostic the tool reports to
// the vet engine; the finding, in JSON, follows it.
const engineMark = "retryvet-engine:"

// directivesName is the analyzer that reports a package's directives to
// the vet engine. The engine enables it (-retryvet) with the checks.
const directivesName = "retryvet"

// A wireFinding is a finding as the tool writes it for the vet engine.
type wireFinding struct {
	Check     string         `json:"check"`
	Category  string         `json:"category,omitempty"`
	Message   string         `json:"message"`
	Posn      token.Position `json:"posn"`
	Source    token.Position `json:"source"`
	End       token.Position `json:"end"`
	Related   []wireRelated  `json:"related,omitempty"`
	Fixes     []wireFix      `json:"fixes,omitempty"`
	Directive *wireDirective `json:"directive,omitempty"`
	// Files are the package's own Go files that the fixes edit, as the
	// tool read them: what -fix needs to write them safely.
	Files []wireFile `json:"files,omitempty"`
}

// A wireFile is a sourceFile: a Go file of the package analysed.
type wireFile struct {
	Name    string            `json:"name"`
	Size    int               `json:"size"`
	Hash    []byte            `json:"hash"`
	Imports map[string]string `json:"imports,omitempty"`
}

type wireRelated struct {
	Posn    token.Position `json:"posn"`
	End     token.Position `json:"end"`
	Message string         `json:"message"`
}

type wireFix struct {
	Message string     `json:"message"`
	Edits   []wireEdit `json:"edits"`
}

type wireEdit struct {
	File  string `json:"file"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// A wireDirective is a //retryvet:ignore directive: the checks it
// names, and those of them that ran and found a report it silenced.
type wireDirective struct {
	Checks []string `json:"checks"`
	Used   []string `json:"used,omitempty"`
}

func toWire(f *finding) wireFinding {
	w := wireFinding{Check: f.check, Category: f.category, Message: f.message, Posn: f.posn, Source: f.source, End: f.end}
	for _, r := range f.related {
		w.Related = append(w.Related, wireRelated{r.posn, r.end, r.message})
	}
	for _, fx := range f.fixes {
		wf := wireFix{Message: fx.message, Edits: []wireEdit{}}
		for _, e := range fx.edits {
			wf.Edits = append(wf.Edits, wireEdit{e.file, e.start, e.end, e.text})
		}
		w.Fixes = append(w.Fixes, wf)
	}
	return w
}

func fromWire(w wireFinding, pkg string) *finding {
	f := &finding{pkg: pkg, check: w.Check, category: w.Category, message: w.Message, posn: w.Posn, source: w.Source, end: w.End}
	for _, r := range w.Related {
		f.related = append(f.related, related{r.Posn, r.End, r.Message})
	}
	for _, wf := range w.Fixes {
		fx := fix{message: wf.Message}
		for _, e := range wf.Edits {
			fx.edits = append(fx.edits, fileEdit{e.File, e.Start, e.End, e.Text})
		}
		f.fixes = append(f.fixes, fx)
	}
	return f
}

// engineMessage is the message that carries w to the vet engine.
func engineMessage(w wireFinding) string {
	data, err := json.Marshal(w)
	if err != nil {
		panic(err) // positions and strings always marshal
	}
	return engineMark + string(data)
}

// engineAnalyzers returns the analyzers the tool runs for the vet
// engine: copies of analyzers whose diagnostics carry the finding
// (engineMessage), and the directives analyzer, which requires the
// copies of the checks selected (none when only facts are computed, in
// a dependency, so that it does not make every check run there).
func engineAnalyzers(analyzers, selected []*analysis.Analyzer, vetxOnly bool) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, 0, len(analyzers)+1)
	var req []*analysis.Analyzer
	for _, a := range analyzers {
		b := *a
		run, name := a.Run, a.Name
		b.Run = func(pass *analysis.Pass) (any, error) {
			p := *pass
			source, own := sourceOf(pass)
			var imported *importedPositions
			files := make(map[string]*wireFile)
			p.Report = func(d analysis.Diagnostic) {
				f := newFinding(pass.Fset, source, name, "", d)
				for i, r := range d.Related {
					if imported == nil {
						imported = newImportedPositions(pass)
					}
					if posn, ok := imported.position(r.Pos); ok {
						f.related[i].posn = posn
						if !r.End.IsValid() || r.End == r.Pos {
							f.related[i].end = posn
						} else if end, ok := imported.position(r.End); ok {
							f.related[i].end = end
						}
					}
				}
				w := toWire(f)
				for _, fx := range f.fixes {
					for _, e := range fx.edits {
						if slices.ContainsFunc(w.Files, func(wf wireFile) bool { return wf.Name == e.file }) {
							continue
						}
						wf, ok := files[e.file]
						if !ok {
							wf = ownFile(pass, own[e.file], e.file)
							files[e.file] = wf
						}
						if wf != nil {
							w.Files = append(w.Files, *wf)
						}
					}
				}
				d.Message = engineMessage(w)
				pass.Report(d)
			}
			return run(&p)
		}
		out = append(out, &b)
		for _, s := range selected {
			if s == a && !vetxOnly {
				req = append(req, &b)
			}
		}
	}
	return append(out, &analysis.Analyzer{
		Name:     directivesName,
		Doc:      "reports the //retryvet:ignore directives of each package to retryvet's standalone driver",
		Requires: req,
		Run: func(pass *analysis.Pass) (any, error) {
			byPos := make(map[token.Pos]*wireDirective)
			var order []token.Pos
			for _, a := range req {
				res, ok := pass.ResultOf[a].(*suppress.Result)
				if !ok {
					continue
				}
				for _, d := range res.All {
					if byPos[d.Pos] == nil {
						byPos[d.Pos] = &wireDirective{Checks: append([]string{}, d.Checks...)}
						order = append(order, d.Pos)
					}
				}
				for _, d := range res.Used {
					if wd := byPos[d.Pos]; wd != nil {
						wd.Used = append(wd.Used, a.Name)
					}
				}
			}
			for _, pos := range order {
				posn := pass.Fset.Position(pos)
				pass.Report(analysis.Diagnostic{Pos: pos, Message: engineMessage(wireFinding{Posn: posn, Source: posn, End: posn, Directive: byPos[pos]})})
			}
			return nil, nil
		},
	})
}

// sourceOf returns, for the package of pass, what sourcePosition
// returns in the in-process engine: pos in the file that holds its
// bytes, or, where a //line directive names one of the package's own Go
// files (cgo's translation of a file names the user's file), in that
// file. The package's own Go files, also returned, are those of the
// folder go vet runs the tool in, the package's (mapped to their
// syntax), or named by the //line directive before a translated file's
// package clause (mapped to nil: the user's file, not the one analysed).
func sourceOf(pass *analysis.Pass) (func(token.Pos) token.Position, map[string]*ast.File) {
	dir, _ := os.Getwd()
	own := make(map[string]*ast.File)
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		if name := tf.Name(); filepath.Dir(name) == dir {
			own[name] = f
		} else if adj := pass.Fset.Position(f.Package).Filename; filepath.Dir(adj) == dir {
			if _, ok := own[adj]; !ok {
				own[adj] = nil
			}
		}
	}
	return func(pos token.Pos) token.Position {
		if adj := pass.Fset.Position(pos); hasKey(own, adj.Filename) {
			return adj
		}
		return pass.Fset.PositionFor(pos, false)
	}, own
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// ownFile returns the wireFile of name, a Go file of the package with
// syntax f, as the in-process engine's recorder keeps it: size, hash and
// the names its imports declare. It returns nil (and -fix skips the
// fixes that edit the file) when f is nil (a file that is not the
// package's own) or when the file read now is not the one parsed (its
// size or lines differ: it changed since).
func ownFile(pass *analysis.Pass, f *ast.File, name string) *wireFile {
	if f == nil {
		return nil
	}
	data, err := os.ReadFile(name)
	tf := pass.Fset.File(f.FileStart)
	if err != nil || tf == nil || tf.Size() != len(data) || !slices.Equal(tf.Lines(), lineStarts(data)) {
		return nil
	}
	h := sha256.Sum256(data)
	wf := &wireFile{Name: name, Size: len(data), Hash: h[:], Imports: make(map[string]string)}
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil || pass.TypesInfo == nil {
			continue
		}
		if pn := pass.TypesInfo.PkgNameOf(spec); pn != nil {
			wf.Imports[path] = pn.Name()
		}
	}
	return wf
}

// lineStarts is the offset of each line of data, as token.File.Lines.
func lineStarts(data []byte) []int {
	lines := []int{0}
	for i, b := range data {
		if b == '\n' && i+1 < len(data) {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// vetxOnly reports whether the go vet unit of args only computes facts
// (a dependency of the packages named).
func vetxOnly(args []string) bool {
	cfg, ok := readVetConfig(args)
	return ok && cfg.VetxOnly
}

type vetConfig struct {
	VetxOnly   bool
	VetxOutput string
}

// readVetConfig reads the go vet unit's *.cfg file of args.
func readVetConfig(args []string) (vetConfig, bool) {
	var cfg vetConfig
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return cfg, false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil || json.Unmarshal(data, &cfg) != nil {
		return cfg, false
	}
	return cfg, true
}

// importedPositions finds the exact positions of objects of imported
// packages. The in-process engine reads every package from source; go
// vet's tool reads dependencies from export data, which keeps only the
// line of an object's position (gcimporter's positions are at column
// 1, with no offset). A related position at an object of another package
// (a fact's function, say) is found again in the object's source file:
// the declaration of the object's name on that line.
type importedPositions struct {
	pass  *analysis.Pass
	own   map[*token.File]bool // the package's own files
	objs  map[token.Pos][]types.Object
	fset  *token.FileSet // of the files parsed
	files map[string]*ast.File
}

func newImportedPositions(pass *analysis.Pass) *importedPositions {
	ip := &importedPositions{pass: pass, own: make(map[*token.File]bool), fset: token.NewFileSet(), files: make(map[string]*ast.File)}
	for _, f := range pass.Files {
		ip.own[pass.Fset.File(f.FileStart)] = true
	}
	return ip
}

// position returns the position of pos as parsed from source, when pos
// is the position of an object of an imported package.
func (ip *importedPositions) position(pos token.Pos) (token.Position, bool) {
	tf := ip.pass.Fset.File(pos)
	if !pos.IsValid() || tf == nil || ip.own[tf] {
		return token.Position{}, false
	}
	if ip.objs == nil {
		ip.index()
	}
	at := ip.pass.Fset.Position(pos)
	f := ip.parse(at.Filename)
	if f == nil {
		return token.Position{}, false
	}
	for _, obj := range ip.objs[pos] {
		if id := declaredOn(ip.fset, f, obj.Name(), at.Line); id != nil {
			return ip.fset.Position(id.Pos()), true
		}
	}
	return token.Position{}, false
}

// index maps the position of each package-level object, method and
// field of the packages the package imports, directly or not, to the
// objects.
func (ip *importedPositions) index() {
	ip.objs = make(map[token.Pos][]types.Object)
	seen := make(map[*types.Package]bool)
	add := func(obj types.Object) { ip.objs[obj.Pos()] = append(ip.objs[obj.Pos()], obj) }
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		scope := p.Scope()
		for _, name := range scope.Names() {
			obj := scope.Lookup(name)
			add(obj)
			tn, ok := obj.(*types.TypeName)
			if !ok {
				continue
			}
			if named, ok := tn.Type().(*types.Named); ok {
				for m := range named.Methods() {
					add(m)
				}
			}
			if st, ok := tn.Type().Underlying().(*types.Struct); ok {
				for fld := range st.Fields() {
					add(fld)
				}
			}
		}
		for _, imp := range p.Imports() {
			visit(imp)
		}
	}
	for _, imp := range ip.pass.Pkg.Imports() {
		visit(imp)
	}
}

func (ip *importedPositions) parse(name string) *ast.File {
	if f, ok := ip.files[name]; ok {
		return f
	}
	f, err := parser.ParseFile(ip.fset, name, nil, parser.SkipObjectResolution)
	if err != nil {
		f = nil
	}
	ip.files[name] = f
	return f
}

// declaredOn returns the identifier that declares name on line of f: a
// function's, method's, type's, variable's, constant's or field's name.
func declaredOn(fset *token.FileSet, f *ast.File, name string, line int) *ast.Ident {
	var found *ast.Ident
	check := func(id *ast.Ident) {
		if found == nil && id != nil && id.Name == name && fset.Position(id.Pos()).Line == line {
			found = id
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			check(n.Name)
		case *ast.TypeSpec:
			check(n.Name)
		case *ast.ValueSpec:
			for _, id := range n.Names {
				check(id)
			}
		case *ast.Field:
			for _, id := range n.Names {
				check(id)
			}
		}
		return true
	})
	return found
}
