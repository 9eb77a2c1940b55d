package driver

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/retryvet/retryvet/internal/inventory"
)

// inventoryFlags checks the flags that go with -inventory: text, json
// or markdown output, no -fix, no SARIF. -json picks the JSON form.
func inventoryFlags(o options) error {
	switch {
	case !o.inventory && o.verbose:
		return errors.New("-v details the inventory: use -inventory -v")
	case !o.inventory && o.format == "markdown":
		return errors.New("-format=markdown is the inventory's: use -inventory -format=markdown")
	case !o.inventory:
		return nil
	case o.fix:
		return errors.New("-inventory lists the retries and changes nothing: it cannot go with -fix")
	}
	switch o.format {
	case "text", "json", "markdown":
		return nil
	}
	return fmt.Errorf("invalid value %q for flag -format with -inventory: want text, json or markdown", o.format)
}

// withInventory returns run with the inventory's analyzer added, built
// on the checks of all (run or not), and that analyzer.
func withInventory(run, all []*analysis.Analyzer) ([]*analysis.Analyzer, *analysis.Analyzer) {
	inv := inventory.New(all)
	return append(run[:len(run):len(run)], inv), inv
}

// writeInventory writes the inventory of the root packages of g, with
// the findings attached to their retries, in the form o asks for. The
// inventory lists and does not judge: its exit status is 0 unless the
// analysis failed.
func writeInventory(w io.Writer, g *checker.Graph, inv *analysis.Analyzer, findings []*finding, o options) error {
	if g == nil {
		// Only the in-process engine has the packages' results: an
		// engine that runs the checks elsewhere (go vet -json) must
		// leave -inventory to it.
		return errors.New("-inventory needs the in-process engine's results")
	}
	var results []*inventory.Result
	for _, act := range g.Roots {
		if act.Analyzer != inv || act.Err != nil {
			continue
		}
		if r, ok := act.Result.(*inventory.Result); ok {
			results = append(results, r)
		}
	}
	var diags []inventory.Diagnostic
	for _, f := range findings {
		d := inventory.Diagnostic{Check: f.check, Pos: invPos(f.posn.Filename, f.posn.Line, f.posn.Column), Message: f.message}
		for _, r := range f.related {
			d.Related = append(d.Related, invPos(r.posn.Filename, r.posn.Line, r.posn.Column))
		}
		diags = append(diags, d)
	}
	wd, _ := os.Getwd()
	rep := inventory.Merge(results, diags, wd)
	switch o.format {
	case "json":
		return inventory.WriteJSON(w, rep)
	case "markdown":
		return inventory.WriteMarkdown(w, rep)
	}
	return inventory.WriteText(w, rep, o.verbose)
}

func invPos(file string, line, col int) inventory.Pos {
	return inventory.Pos{File: file, Line: line, Col: col}
}
