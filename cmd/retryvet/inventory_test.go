package main_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/retryvet/retryvet/internal/schematest"
)

// TestInventory runs -inventory in its three forms on the suppress
// fixture: every retry listed, silenced or not, each finding on its
// loop, exit status 0, the same bytes twice; and the flags it refuses.
func TestInventory(t *testing.T) {
	t.Parallel()
	out, errOut, code := runSplit(t, "suppress", light, "-inventory", "-json", "./...")
	if code != 0 || errOut != "" {
		t.Fatalf("exit status %d, want 0\n%s%s", code, out, errOut)
	}
	checkInventorySchema(t, out)
	var rep struct {
		Version int `json:"version"`
		Retries []struct {
			Pos struct {
				File string `json:"file"`
				Line int    `json:"line"`
			} `json:"pos"`
			Func      string `json:"func"`
			Kind      string `json:"kind"`
			Attempts  int64  `json:"attempts"`
			WorstWait int64  `json:"worst_wait_ns"`
			Findings  []struct {
				Check string `json:"check"`
			} `json:"findings"`
		} `json:"retries"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not the inventory's JSON: %v\n%s", err, out)
	}
	if rep.Version != 1 || len(rep.Retries) != 3 {
		t.Fatalf("version %d, %d retries; want 1 and 3 (silenced ones included)\n%s", rep.Version, len(rep.Retries), out)
	}
	first := rep.Retries[0]
	if first.Pos.File != "svc/svc.go" || first.Pos.Line != 16 || first.Func != "svc.Flagged" || first.Kind != "loop" ||
		first.Attempts != 5 || first.WorstWait != 10e9 || len(first.Findings) != 1 || first.Findings[0].Check != "fixedsleep" {
		t.Errorf("first entry %+v, want svc.Flagged's loop at svc/svc.go:16, 5 attempts, 10s, its fixedsleep finding", first)
	}
	if again, _, _ := runSplit(t, "suppress", light, "-inventory", "-json", "./..."); again != out {
		t.Errorf("two runs differ:\n%s\n---\n%s", out, again)
	}

	text, _, code := runSplit(t, "suppress", light, "-inventory", "./...")
	if lines := strings.Split(strings.TrimSpace(text), "\n"); code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[1], "svc/svc.go:16:2 ") {
		t.Errorf("text: exit status %d, want 0, a header and 3 lines, the flagged loop first:\n%s", code, text)
	}
	md, _, code := runSplit(t, "suppress", light, "-inventory", "-format=markdown", "./...")
	if code != 0 || !strings.HasPrefix(md, "### retryvet inventory: 3 retries\n") || strings.Count(md, "\n| `svc/svc.go:") != 3 {
		t.Errorf("markdown: exit status %d, want 0, a heading and 3 rows:\n%s", code, md)
	}

	for _, args := range [][]string{
		{"-inventory", "-fix", "./..."},
		{"-inventory", "-format=sarif", "./..."},
		{"-format=markdown", "./..."},
		{"-v", "./..."},
	} {
		if out, errOut, code := runSplit(t, "suppress", append([]string{light}, args...)...); code != 2 {
			t.Errorf("%v: exit status %d, want 2 (usage)\n%s%s", args, code, out, errOut)
		}
	}
}

// checkInventorySchema validates out against docs/inventory.schema.json.
func checkInventorySchema(t *testing.T, out string) {
	t.Helper()
	if err := schematest.Check(schematest.Compile(t, "../../docs/inventory.schema.json"), []byte(out)); err != nil {
		t.Errorf("-inventory -json does not follow docs/inventory.schema.json: %v\n%s", err, out)
	}
}
