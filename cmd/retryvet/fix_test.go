package main_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// module writes files (relative names) under a new temporary folder
// and returns it; a go.mod is added unless files holds one.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = "module fixme\n\ngo 1.26\n"
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runAt runs name with args in dir and returns its combined output and
// exit status.
func runAt(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	return "", 0
}

func read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// deferLoop is a retry loop whose defer cancel() loopctx's fix moves to
// the end of each attempt, in a function named name; stmt is the
// deferring statement as written.
func deferLoop(name, stmt string) string {
	return `
func ` + name + `(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		` + stmt + `
		if err := ping(actx); err != nil {
			continue
		}
		return nil
	}
	return errDown
}
`
}

const deferHeader = `package svc

import (
	"context"
	"errors"
	"log"
	"time"
)

var errDown = errors.New("down")

var ping func(context.Context) error

var _ = log.Printf
var _ = time.Second
`

// TestFixLineDirective: a //line directive names a file for messages
// only. -fix edits the file that holds the bytes, never the one named
// (outside the module here), and -c prints lines of the real file.
func TestFixLineDirective(t *testing.T) {
	victim := "package outside\n\n/*\n" + strings.Repeat("victim: must not change\n", 100) + "*/\n"
	dir := module(t, map[string]string{
		"mod/go.mod":        "module fixme\n\ngo 1.26\n",
		"mod/svc.go":        deferHeader + "\n//line ../outside/victim.go:1" + deferLoop("f", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel()"),
		"mod/etc.go":        "package svc\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\n//line /etc/passwd:1" + strings.Replace(deferLoop("g", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel() // real line"), "return nil", "return nil", 1),
		"outside/victim.go": victim,
	})
	mod := filepath.Join(dir, "mod")
	out, _ := runAt(t, mod, retryvet, "-loopctx", "-c=10", "./...")
	if strings.Contains(out, "root:") {
		t.Errorf("-c printed lines of /etc/passwd:\n%s", out)
	}
	if !strings.Contains(out, "// real line") {
		t.Errorf("-c did not print the lines of the file analysed:\n%s", out)
	}
	// Old drivers wrote /etc/passwd's edits first, and failed there.
	if err := os.Remove(filepath.Join(mod, "etc.go")); err != nil {
		t.Fatal(err)
	}
	out, code := runAt(t, mod, retryvet, "-loopctx", "-fix", "./...")
	if got := read(t, filepath.Join(dir, "outside/victim.go")); got != victim {
		t.Errorf("-fix wrote the file a //line directive names (exit %d):\n%s\n%s", code, got, out)
	}
	if got := read(t, filepath.Join(mod, "svc.go")); strings.Contains(got, "defer cancel()") {
		t.Errorf("-fix left svc.go unfixed (exit %d):\n%s\n%s", code, got, out)
	}
}

// TestFixKeepsCode: the fix deletes the defer statement, not its line,
// keeps comments and the imports the file still uses, whatever their
// package name is (kit at example.com/go-kit, yaml at gopkg.in/yaml.v3,
// retry at github.com/avast/retry-go/v4), and the result builds.
func TestFixKeepsCode(t *testing.T) {
	gomod := `module fixme

go 1.26

require (
	example.com/go-kit v0.0.0
	gopkg.in/yaml.v3 v3.0.0
	github.com/avast/retry-go/v4 v4.0.0
)

replace example.com/go-kit => ./stubs/kit

replace gopkg.in/yaml.v3 => ./stubs/yaml

replace github.com/avast/retry-go/v4 => ./stubs/retry
`
	src := strings.Replace(deferHeader, `"time"
)`, `"time"

	"example.com/go-kit"
	"github.com/avast/retry-go/v4"
	"gopkg.in/yaml.v3"
)

var _ = kit.X + yaml.Y + retry.Z`, 1) +
		deferLoop("sameLine", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel(); log.Printf(\"attempt %d\", i) // keep this note") +
		deferLoop("declFirst", "actx, cancel := context.WithTimeout(ctx, time.Second); defer cancel()") +
		deferLoop("commented", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel() // the deadline of one attempt")
	src = strings.Replace(src, "var _ = log.Printf\n", "", 1)
	dir := module(t, map[string]string{
		"go.mod":               gomod,
		"svc.go":               src,
		"stubs/kit/go.mod":     "module example.com/go-kit\n\ngo 1.26\n",
		"stubs/kit/kit.go":     "package kit\n\nconst X = 1\n",
		"stubs/yaml/go.mod":    "module gopkg.in/yaml.v3\n\ngo 1.26\n",
		"stubs/yaml/yaml.go":   "package yaml\n\nconst Y = 1\n",
		"stubs/retry/go.mod":   "module github.com/avast/retry-go/v4\n\ngo 1.26\n",
		"stubs/retry/retry.go": "package retry\n\nconst Z = 1\n",
	})
	if out, code := runAt(t, dir, "go", "build", "./..."); code != 0 {
		t.Fatalf("the module does not build before the fix:\n%s", out)
	}
	out, code := runAt(t, dir, retryvet, "-loopctx", "-fix", "./...")
	got := read(t, filepath.Join(dir, "svc.go"))
	if strings.Contains(got, "defer cancel()") {
		t.Errorf("-fix (exit %d) left a defer:\n%s\n%s", code, got, out)
	}
	for _, want := range []string{
		`log.Printf("attempt %d", i) // keep this note`,
		"actx, cancel := context.WithTimeout(ctx, time.Second)\n",
		"// the deadline of one attempt",
		`"example.com/go-kit"`, `"gopkg.in/yaml.v3"`, `"github.com/avast/retry-go/v4"`, `"log"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("-fix lost %q:\n%s", want, got)
		}
	}
	if out, code := runAt(t, dir, "go", "build", "./..."); code != 0 {
		t.Errorf("the fixed module does not build:\n%s\n%s", out, got)
	}
}

// TestFixWritesAllOrNothing: with one file read-only, no file is
// written and the message says so.
func TestFixWritesAllOrNothing(t *testing.T) {
	a := deferHeader + deferLoop("a", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel()")
	b := "package svc\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n" + deferLoop("b", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel()")
	dir := module(t, map[string]string{"a.go": a, "b.go": b})
	if err := os.Chmod(filepath.Join(dir, "b.go"), 0o444); err != nil {
		t.Fatal(err)
	}
	out, code := runAt(t, dir, retryvet, "-loopctx", "-fix", "./...")
	if code != 1 || !strings.Contains(out, "no file was changed") || !strings.Contains(out, "b.go is read-only") {
		t.Errorf("exit status %d, want 1 and a message that nothing was written and why:\n%s", code, out)
	}
	if read(t, filepath.Join(dir, "a.go")) != a || read(t, filepath.Join(dir, "b.go")) != b {
		t.Errorf("a file was written although another could not be")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*retryvet*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// sleepLoop is a retry loop that observes ctx and sleeps twice per
// attempt: ctxerr fixes each sleep, in one block.
const sleepLoop = `
func twoSleeps(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := ping(ctx); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
		time.Sleep(3 * time.Second)
	}
	return errDown
}
`

// TestFixUniqueNames: two fixes in one block declare two timers, and
// the result builds.
func TestFixUniqueNames(t *testing.T) {
	dir := module(t, map[string]string{"svc.go": deferHeader + sleepLoop})
	out, code := runAt(t, dir, retryvet, "-ctxerr", "-fix", "./...")
	got := read(t, filepath.Join(dir, "svc.go"))
	if strings.Count(got, ".NewTimer(") != 2 {
		t.Fatalf("-fix (exit %d) did not fix both sleeps:\n%s\n%s", code, got, out)
	}
	if out, code := runAt(t, dir, "go", "build", "./..."); code != 0 {
		t.Errorf("the fixed file does not build:\n%s\n%s", out, got)
	}
}

// TestFixesTogetherVetClean: loopctx's fix (cancel at the end of each
// attempt) and ctxerr's (a select that returns when ctx is done) on one
// loop leave no path that skips cancel: go vet stays clean.
func TestFixesTogetherVetClean(t *testing.T) {
	loop := `
func both(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := ping(actx); err == nil {
			return nil
		}
		time.Sleep(5 * time.Second)
	}
	return errDown
}

func later(ctx context.Context) error {
	for i := 0; i < 5; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		err := ping(actx)
		if err == nil {
			cancel()
			return nil
		}
		time.Sleep(5 * time.Second)
		cancel()
	}
	return errDown
}
`
	dir := module(t, map[string]string{"svc.go": deferHeader + loop})
	if out, code := runAt(t, dir, "go", "vet", "./..."); code != 0 {
		t.Fatalf("go vet before the fixes:\n%s", out)
	}
	out, code := runAt(t, dir, retryvet, "-fix", "./...")
	got := read(t, filepath.Join(dir, "svc.go"))
	if strings.Count(got, ".NewTimer(") != 2 || strings.Contains(got, "defer cancel()") {
		t.Fatalf("-fix (exit %d) did not apply the three fixes:\n%s\n%s", code, got, out)
	}
	if out, code := runAt(t, dir, "go", "vet", "./..."); code != 0 {
		t.Errorf("go vet after the fixes:\n%s\n%s", out, got)
	}
}

// TestFixBytesOnly: -fix changes the bytes of its edits only: CRLF
// line ends and a byte order mark stay, and code the fixes do not touch
// is not reformatted.
func TestFixBytesOnly(t *testing.T) {
	src := "\ufeff" + strings.ReplaceAll(deferHeader+"\nvar  unformatted = []int{1,2,3}\n"+deferLoop("f", "actx, cancel := context.WithTimeout(ctx, time.Second)\n\t\tdefer cancel()")+sleepLoop, "\n", "\r\n")
	dir := module(t, map[string]string{"svc.go": src})
	out, code := runAt(t, dir, retryvet, "-fix", "./...")
	got := read(t, filepath.Join(dir, "svc.go"))
	if !strings.Contains(got, "NewTimer") || strings.Contains(got, "defer cancel()") {
		t.Fatalf("-fix (exit %d) applied no fix:\n%s\n%s", code, got, out)
	}
	if !strings.HasPrefix(got, "\ufeff") {
		t.Errorf("the byte order mark was removed")
	}
	if n, crlf := strings.Count(got, "\n"), strings.Count(got, "\r\n"); n != crlf {
		t.Errorf("%d of %d line ends are no longer CRLF:\n%q", n-crlf, n, got)
	}
	if !strings.Contains(got, "var  unformatted = []int{1,2,3}\r\n") {
		t.Errorf("code the fixes do not touch was reformatted:\n%s", got)
	}
	if out, code := runAt(t, dir, "go", "vet", "./..."); code != 0 {
		t.Errorf("the fixed file does not vet:\n%s\n%q", out, got)
	}
}
