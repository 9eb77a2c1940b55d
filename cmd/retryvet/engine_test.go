package main_test

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// engineRun runs retryvet in dir with args and returns its standard
// output, standard error and exit status.
func engineRun(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut strings.Builder
	cmd := exec.Command(retryvet, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		exit, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("retryvet %v: %v", args, err)
		}
		code = exit.ExitCode()
	}
	return out.String(), errOut.String(), code
}

// TestEngines runs the vet engine (-engine=vet: go vet with retryvet as
// its tool, no falling back) and the in-process engine on the fixture
// modules and examples/ with each output format and the flags that
// change what is reported: standard output, standard error and the exit
// status must be the same, byte for byte. With RETRYVET_SWEEP=1, every
// module with every flag set; with RETRYVET_ENGINES_STD=1 too, GOROOT's
// std and cmd (minutes on a cold cache: go vet compiles all of std, so
// .ci/run leaves it out; it passed in 642 s on 2026-12-02).
func TestEngines(t *testing.T) {
	t.Parallel()
	sweep := os.Getenv("RETRYVET_SWEEP") == "1"
	type target struct{ dir, pattern string }
	modules := []target{
		{"../../testdata/modules/driver", "./..."},
		{"../../testdata/modules/facts", "./..."},
		{"../../testdata/modules/suppress", "./..."},
		{"../../examples", "./..."},
	}
	// The first defaultFlagSets run by default, the others with
	// RETRYVET_SWEEP=1; the first everywhere run on every module, the
	// others, which change only how the findings are printed or which
	// checks run, on the module that imports least.
	const defaultFlagSets, everywhere = 4, 5
	flagSets := [][]string{
		{},
		{"-format=sarif"},
		{"-test=false", "-unused-directives", "-json"},
		{"-facts=false", "-json"},
		{"-idempotency.chains", "-json"},
		{"-json"},
		{"-unused-directives"},
		{"-test=false", "-json"},
		{"-c=1"},
		{"-unused-directives", "-json"},
		{"-fixedsleep", "-unused-directives", "-json"},
		{"-fixedsleep=false", "-backoff.maxwait=1m", "-json"},
	}
	type run struct {
		target
		flags []string
	}
	var runs []run
	// By default, each flag set once, on the module that imports least
	// (a cold go vet compiles what a module imports: net, net/http and
	// crypto/tls for the others would take the README's test command
	// past two minutes on a cold cache); with RETRYVET_SWEEP=1, as in
	// .ci/run, every module with the flag sets that change what is
	// analysed (each in-process run loads its module's imports from
	// source: 48 pairs took 483 s on 2 CPUs), and the cheap module with
	// all of them.
	cheap := modules[2]
	for j, f := range flagSets {
		switch {
		case !sweep && j >= defaultFlagSets:
		case !sweep || j >= everywhere:
			runs = append(runs, run{cheap, f})
		default:
			for _, m := range modules {
				runs = append(runs, run{m, f})
			}
		}
	}
	if sweep && os.Getenv("RETRYVET_ENGINES_STD") == "1" {
		goroot, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(strings.TrimSpace(string(goroot)), "src")
		runs = append(runs,
			run{target{src, "std"}, []string{"-json"}},
			run{target{src, "std"}, []string{"-test=false", "-unused-directives"}},
			run{target{filepath.Join(src, "cmd"), "cmd"}, []string{"-json"}},
		)
	}
	for _, r := range runs {
		dir, err := filepath.Abs(r.dir)
		if err != nil {
			t.Fatal(err)
		}
		args := append(append([]string{}, r.flags...), r.pattern)
		vetOut, vetErr, vetCode := engineRun(t, dir, append([]string{"-engine=vet"}, args...)...)
		inOut, inErr, inCode := engineRun(t, dir, append([]string{"-engine=inprocess"}, args...)...)
		if vetOut != inOut || vetErr != inErr || vetCode != inCode {
			t.Errorf("%s: retryvet %q: the engines differ\nvet (exit %d):\n%s%s\ninprocess (exit %d):\n%s%s", r.dir, args, vetCode, vetOut, vetErr, inCode, inOut, inErr)
		}
		if vetOut == "" && vetCode == 0 && r.pattern == "./..." && len(r.flags) == 0 {
			t.Errorf("%s: nothing reported: the comparison compares nothing", r.dir)
		}
	}
	// -fix: the vet engine's tool writes what the fix safety checks need
	// (each edited file's size, hash and import names): the diffs, the
	// files written and what is left must be the same.
	src, err := os.ReadFile("../../testdata/src/ctxerr/fix.go")
	if err != nil {
		t.Fatal(err)
	}
	stub := "package ctxerr\n\nimport (\n\t\"context\"\n\t\"errors\"\n)\n\nvar errDown = errors.New(\"down\")\n\nvar send func(ctx context.Context) error\n"
	lineDirective := deferHeader + "\n//line ../outside/victim.go:1" + deferLoop("f", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel()")
	for i, tc := range []struct {
		files map[string]string
		args  []string
	}{
		{map[string]string{"fix.go": string(src), "stub.go": stub}, []string{"-fix"}},
		{map[string]string{"svc.go": lineDirective, "outside/victim.go": "package outside\n"}, []string{"-loopctx", "-fix", "-c=2"}},
		// With RETRYVET_SWEEP=1:
		{map[string]string{"fix.go": string(src), "stub.go": stub}, []string{"-ctxerr", "-fix", "-diff"}},
		{map[string]string{"fix.go": string(src), "stub.go": stub}, []string{"-ctxerr", "-fix", "-json"}},
	} {
		if i >= 2 && !sweep {
			break
		}
		var outs [2]string
		for i, engine := range []string{"-engine=vet", "-engine=inprocess"} {
			files := make(map[string]string)
			for k, v := range tc.files {
				files[k] = v
			}
			dir := module(t, files)
			stdout, stderr, code := engineRun(t, dir, append(append([]string{engine}, tc.args...), "./...")...)
			outs[i] = strings.ReplaceAll(fmt.Sprintf("exit %d\n%s%s", code, stdout, stderr), dir, "DIR")
			for _, name := range slices.Sorted(maps.Keys(tc.files)) {
				outs[i] += "\n--- " + name + "\n" + read(t, filepath.Join(dir, name))
			}
		}
		if outs[0] != outs[1] {
			t.Errorf("retryvet %q: the engines differ\nvet:\n%s\ninprocess:\n%s", tc.args, outs[0], outs[1])
		}
	}
	// go vet fails on code that does not load: the default engine falls
	// back on the in-process one, which reports it as it always has.
	fallbacks := [][]string{{"./nothing"}}
	if sweep {
		fallbacks = append(fallbacks, []string{"--", "./dup", "-json"})
	}
	for _, args := range fallbacks {
		dir, _ := filepath.Abs("../../testdata/modules/driver")
		autoOut, autoErr, autoCode := engineRun(t, dir, args...)
		inOut, inErr, inCode := engineRun(t, dir, append([]string{"-engine=inprocess"}, args...)...)
		if autoOut != inOut || autoErr != inErr || autoCode != inCode || autoCode != 1 {
			t.Errorf("retryvet %q: the default engine does not report as the in-process one\nauto (exit %d):\n%s%s\ninprocess (exit %d):\n%s%s", args, autoCode, autoOut, autoErr, inCode, inOut, inErr)
		}
		if _, errOut, code := engineRun(t, dir, append([]string{"-engine=vet"}, args...)...); code != 1 || !strings.Contains(errOut, "go vet") {
			t.Errorf("retryvet -engine=vet %q: exit status %d, want 1 with go vet's error:\n%s", args, code, errOut)
		}
	}
}

// TestEngineFallbackNotice checks that when go vet fails on packages
// the in-process engine analyses without an error (a //go:embed pattern
// whose files a build step would generate), the default engine reports
// what the in-process one does and says, in one more line on standard
// error, that it fell back and why.
func TestEngineFallbackNotice(t *testing.T) {
	t.Parallel()
	dir := module(t, map[string]string{"main.go": `package main

import (
	"embed"
	"net/http"
	"time"
)

//go:embed manifests/*.yaml
var manifests embed.FS

func get(url string) (*http.Response, error) {
	for i := 0; i < 5; i++ {
		resp, err := http.Get(url)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, http.ErrServerClosed
}

func main() { _, _ = manifests, get }
`})
	autoOut, autoErr, autoCode := engineRun(t, dir, "./...")
	inOut, inErr, inCode := engineRun(t, dir, "-engine=inprocess", "./...")
	if inCode != 3 {
		t.Fatalf("retryvet -engine=inprocess: exit %d, want 3 (findings)\n%s%s", inCode, inOut, inErr)
	}
	notice, rest, _ := strings.Cut(autoErr, "\n")
	if autoCode != inCode || autoOut != inOut || rest != inErr {
		t.Errorf("the default engine does not report as the in-process one\nauto (exit %d):\n%s%s\ninprocess (exit %d):\n%s%s", autoCode, autoOut, autoErr, inCode, inOut, inErr)
	}
	if want := "retryvet: go vet failed (main.go:9:12: pattern manifests/*.yaml: no matching files found); the packages were analysed in this process instead"; !strings.HasPrefix(notice, want) {
		t.Errorf("notice %q, want it to begin %q", notice, want)
	}
}

// TestEngineCacheShared checks that a new selection of checks replays
// go vet's cache: the vet engine hands go vet the same tool arguments
// whatever is selected, so a run with -ctxerr -unused-directives after
// a default run adds nothing to the build cache. With RETRYVET_SWEEP=1:
// its own cache compiles the module's dependencies.
func TestEngineCacheShared(t *testing.T) {
	if os.Getenv("RETRYVET_SWEEP") != "1" {
		t.Skip("set RETRYVET_SWEEP=1 to check that selections share go vet's cache")
	}
	t.Parallel()
	cache := t.TempDir()
	dir, err := filepath.Abs("../../testdata/modules/suppress")
	if err != nil {
		t.Fatal(err)
	}
	entries := func() int {
		n := 0
		err := filepath.WalkDir(cache, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	vet := func(args ...string) string {
		cmd := exec.Command(retryvet, append(append([]string{"-engine=vet"}, args...), "./...")...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOCACHE="+cache)
		out, err := cmd.CombinedOutput()
		if exit, ok := err.(*exec.ExitError); err != nil && (!ok || exit.ExitCode() != 3) {
			t.Fatalf("retryvet %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	vet()
	before := entries()
	out := vet("-ctxerr", "-unused-directives")
	if after := entries(); after != before {
		t.Errorf("a run with another selection added %d entries to go vet's cache: the selection reached go vet\n%s", after-before, out)
	}
	if strings.Contains(out, "(fixedsleep)") {
		t.Errorf("-ctxerr reported another check's finding:\n%s", out)
	}
}
