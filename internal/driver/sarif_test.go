package driver

import (
	"go/token"
	"testing"
)

// TestUTF16Column checks the conversion of Go's byte columns to the
// UTF-16 code units SARIF counts.
func TestUTF16Column(t *testing.T) {
	src := []byte("x := \"héllo 🙂\"; f()\n")
	for _, tc := range []struct {
		offset, want int
	}{
		{0, 1},   // x
		{5, 6},   // the opening quote: ASCII before it
		{9, 9},   // l after é: é is 2 bytes, 1 unit
		{17, 15}, // the closing quote after 🙂: 4 bytes, 2 units
	} {
		p := token.Position{Filename: "f.go", Line: 1, Column: tc.offset + 1, Offset: tc.offset}
		if got := utf16Column(src, p); got != tc.want {
			t.Errorf("byte column %d: got UTF-16 column %d, want %d", p.Column, got, tc.want)
		}
	}
}

func TestURIs(t *testing.T) {
	if got, want := relURI("my dir/a#b?.go"), "my%20dir/a%23b%3F.go"; got != want {
		t.Errorf("relURI = %q, want %q", got, want)
	}
	if got, want := fileURI("/home/x y/#r"), "file:///home/x%20y/%23r"; got != want {
		t.Errorf("fileURI = %q, want %q", got, want)
	}
	if ruleName("fixedsleep") == "fixedsleep" || ruleName("newcheck") != "RetryNewcheck" {
		t.Errorf("rule names: %q, %q", ruleName("fixedsleep"), ruleName("newcheck"))
	}
}
