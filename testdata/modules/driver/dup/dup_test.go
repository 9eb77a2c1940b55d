package dup

import "testing"

func TestFixed(t *testing.T) {
	dial = func() error { return nil }
	if err := Fixed(); err != nil {
		t.Fatal(err)
	}
}
