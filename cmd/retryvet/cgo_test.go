package main_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCgo: a file that imports "C" is analysed as the user's code, in
// both modes, and reported on the user's file; cgo's translation bears a
// "Code generated" header that must not silence it.
func TestCgo(t *testing.T) {
	cc, err := exec.Command("go", "env", "CC").Output()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath(strings.TrimSpace(string(cc))); err != nil {
		t.Skip("no C compiler")
	}
	dir := module(t, map[string]string{"svc.go": `package svc

// #include <stdlib.h>
import "C"

import (
	"errors"
	"time"
)

var call func() error

func retry() error {
	for attempt := 0; attempt < 5; attempt++ {
		if err := call(); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // the wait
	}
	_ = C.size_t(0)
	return errors.New("down")
}
`})
	const want = "svc.go:18:3: retry loop waits a fixed 2s between attempts"
	for _, tc := range []struct {
		cmd  []string
		code int
	}{
		{[]string{retryvet, "-c=0", "./..."}, 3},
		{[]string{"go", "vet", "-vettool=" + retryvet, "./..."}, 1},
	} {
		out, code := runAt(t, dir, tc.cmd[0], tc.cmd[1:]...)
		if code != tc.code || !strings.Contains(out, want) {
			t.Errorf("%v: exit status %d, want %d and %q:\n%s", tc.cmd, code, tc.code, want, out)
		}
		if tc.cmd[0] == retryvet && !strings.Contains(out, "time.Sleep(2 * time.Second) // the wait") {
			t.Errorf("-c does not print the user's line:\n%s", out)
		}
	}
}
