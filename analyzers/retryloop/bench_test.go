package retryloop_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/analyzers/retryloop"
)

// BenchmarkRecognize runs the recogniser (without facts) over a
// synthetic package of 500 functions, each with a retry loop, a poll
// and a loop over data, so that regressions show in go test -bench.
func BenchmarkRecognize(b *testing.B) {
	var src strings.Builder
	src.WriteString("package gen\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"time\"\n)\n\nvar errBusy = errors.New(\"busy\")\n\nvar call func(context.Context) error\n\n")
	for i := range 500 {
		fmt.Fprintf(&src, `func retry%[1]d(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		if err := call(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second << attempt):
		}
	}
	return errBusy
}

func poll%[1]d(ready func() bool) {
	for !ready() {
		time.Sleep(time.Second)
	}
}

func each%[1]d(ctx context.Context, items []int) error {
	for range items {
		if err := call(ctx); err != nil {
			return err
		}
	}
	return nil
}

`, i)
	}
	dir := b.TempDir()
	for name, data := range map[string]string{"go.mod": "module gen\n\ngo 1.26\n", "gen.go": src.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax, Dir: dir}, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		b.Fatal("synthetic package does not load")
	}
	b.ReportAllocs()
	for b.Loop() {
		g, err := checker.Analyze([]*analysis.Analyzer{retryloop.Local}, pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(g.Roots[0].Result.(*retryloop.Result).Loops()); n != 500 {
			b.Fatalf("%d retry loops recognised, want 500", n)
		}
	}
}
