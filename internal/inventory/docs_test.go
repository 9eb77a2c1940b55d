package inventory_test

import (
	"os"
	"strings"
	"testing"
)

// TestDocSample checks that docs/inventory.md shows examples/inventory.txt
// as it is, after the line that names it.
func TestDocSample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/inventory.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../examples/inventory.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "[`examples/inventory.txt`]")
	if !ok {
		t.Fatal("docs/inventory.md does not name examples/inventory.txt")
	}
	_, block, ok := strings.Cut(after, "```\n")
	block, _, ok2 := strings.Cut(block, "```\n")
	if !ok || !ok2 {
		t.Fatal("docs/inventory.md: no code block after examples/inventory.txt")
	}
	if block != string(want) {
		t.Errorf("docs/inventory.md's sample differs from examples/inventory.txt:\n%s", block)
	}
}
