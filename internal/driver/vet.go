package driver

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/internal/version"
)

// versionLine is what -version prints: the tool, its version and the Go
// version it was built with.
func versionLine(progname string) string {
	return fmt.Sprintf("%s version %s %s", progname, version.Version, runtime.Version())
}

// printFullVersion answers go vet's -V=full query: the version line and
// a build ID, the hash of the executable, so that go vet's cache of
// results is dropped when the binary changes even at the same version.
// go vet reads "NAME version V ... buildID=ID"; a V other than "devel"
// makes it key its cache on the whole line.
func printFullVersion(w io.Writer, progname string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if engineChild() {
		// The vet engine's tool reports differently: go vet must not
		// share cached results between it and a user's go vet.
		_, _ = io.WriteString(h, "\x00"+engineEnv)
	}
	_, err = fmt.Fprintf(w, "%s buildID=%x\n", versionLine(progname), h.Sum(nil))
	return err
}

// named returns copies of the analyzers whose diagnostics end with the
// check's name in parentheses, as the standalone driver prints them: go
// vet prints the message alone, and a user could not tell what to put
// in //retryvet:ignore or -<check>=false. The analyzers they require
// are shared, not copied.
func named(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		b := *a
		run, suffix := a.Run, " ("+a.Name+")"
		b.Run = func(pass *analysis.Pass) (any, error) {
			p := *pass
			p.Report = func(d analysis.Diagnostic) {
				d.Message += suffix
				pass.Report(d)
			}
			return run(&p)
		}
		out[i] = &b
	}
	return out
}

// vetFlags parses the flags of a go vet invocation as the unit checker
// will, so that a bad value is one line naming the flag rather than a
// usage message, which go vet would print once per package (it runs the
// tool once for each). Each invocation is a process of its own, and the
// unit checker sets the same values again, so setting them here is
// harmless. It returns the checks selected by the enable flags. With
// engine (the vet engine's tool), it also accepts the flag the engine
// passes on: -retryvet.
func vetFlags(progname string, args []string, analyzers []*analysis.Analyzer, engine bool) ([]*analysis.Analyzer, error) {
	fs := flag.NewFlagSet(progname, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range analyzers {
		t := new(triState)
		enabled[a] = t
		fs.Var(t, a.Name, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, "")
		})
	}
	for _, name := range []string{"flags", "json", "fix", "diff", "source", "v", "all"} {
		fs.Bool(name, false, "")
	}
	fs.Int("c", -1, "")
	fs.String("tags", "", "")
	fs.String("V", "", "")
	if engine {
		fs.Bool(directivesName, false, "")
	}
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		err = nil // the unit checker's help
	}
	return selected(analyzers, enabled), err
}

// vetUsageHint is the line that replaces a usage message.
func vetUsageHint(progname string) string {
	return fmt.Sprintf("run '%s -h' for the flags", progname)
}

// A versionFlag is -V or -V=full: print the version.
type versionFlag struct{ set, full bool }

func (v *versionFlag) IsBoolFlag() bool { return true }
func (v *versionFlag) String() string   { return "" }

func (v *versionFlag) Set(s string) error {
	switch s {
	case "true":
		v.set = true
	case "full":
		v.set, v.full = true, true
	default:
		return fmt.Errorf("want -V or -V=full")
	}
	return nil
}

// skipVetUnit handles a go vet unit that only computes facts for the
// packages named (a dependency) when the flags are bad: it writes no
// facts and succeeds, so that the error is printed once for each
// package named, not for every dependency. It reports whether it did.
func skipVetUnit(args []string) bool {
	cfg, ok := readVetConfig(args)
	if !ok || !cfg.VetxOnly || cfg.VetxOutput == "" {
		return false
	}
	return os.WriteFile(cfg.VetxOutput, nil, 0o666) == nil
}
