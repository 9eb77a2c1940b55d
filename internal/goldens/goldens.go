// Package goldens type-checks the .golden files of suggested-fix
// fixtures: analysistest compares their text only, and a fix must
// compile.
package goldens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TypeCheck loads the fixture package pkg from testdata (a GOPATH tree)
// with each of its .go.golden files laid over the file it fixes, and
// fails t on any error. It fails t if pkg has no golden file.
func TypeCheck(t *testing.T, testdata, pkg string) {
	t.Helper()
	dir := filepath.Join(testdata, "src", filepath.FromSlash(pkg))
	goldens, err := filepath.Glob(filepath.Join(dir, "*.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if len(goldens) == 0 {
		t.Fatalf("no .go.golden files in %s", dir)
	}
	overlay := make(map[string][]byte)
	for _, g := range goldens {
		text, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		overlay[strings.TrimSuffix(g, ".golden")] = text
	}
	cfg := &packages.Config{
		Mode:    packages.LoadAllSyntax,
		Dir:     dir,
		Env:     append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
		Overlay: overlay,
	}
	pkgs, err := packages.Load(cfg, pkg)
	if err != nil {
		t.Fatal(err)
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("golden of %s does not type-check: %v", p.PkgPath, e)
		}
	})
}
