package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"

	"golang.org/x/tools/go/analysis/checker"
)

// The JSON output has go vet's shape: package ID, then check, then the
// diagnostics (or {"error": ...}). A finding that a file analysed both
// in p and in p [p.test] produces is listed once, under the first
// package that reports it.

type jsonTextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonSuggestedFix struct {
	Message string         `json:"message"`
	Edits   []jsonTextEdit `json:"edits"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

type jsonDiagnostic struct {
	Category       string             `json:"category,omitempty"`
	Posn           string             `json:"posn"`
	End            string             `json:"end"`
	Message        string             `json:"message"`
	SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated      `json:"related,omitempty"`
}

type jsonError struct {
	Err string `json:"error"`
}

func writeJSON(w io.Writer, g *checker.Graph) error {
	tree := make(map[string]map[string]any)
	add := func(id, name string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][name] = v
	}
	seen := make(map[string]bool)
	for act := range g.All() {
		if act.Err != nil {
			add(act.Package.ID, act.Analyzer.Name, jsonError{act.Err.Error()})
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		var diags []jsonDiagnostic
		for _, d := range act.Diagnostics {
			jd := jsonDiagnostic{
				Category: d.Category,
				Posn:     fset.Position(d.Pos).String(),
				End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
				Message:  d.Message,
			}
			key := fmt.Sprintf("%s|%s|%s|%s", jd.Posn, jd.End, act.Analyzer.Name, jd.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			for _, fix := range d.SuggestedFixes {
				jf := jsonSuggestedFix{Message: fix.Message}
				for _, e := range fix.TextEdits {
					jf.Edits = append(jf.Edits, jsonTextEdit{
						Filename: fset.Position(e.Pos).Filename,
						Start:    fset.Position(e.Pos).Offset,
						End:      fset.Position(e.End).Offset,
						New:      string(e.NewText),
					})
				}
				jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
			}
			for _, r := range d.Related {
				jd.Related = append(jd.Related, jsonRelated{
					Posn:    fset.Position(r.Pos).String(),
					End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
					Message: r.Message,
				})
			}
			diags = append(diags, jd)
		}
		if len(diags) > 0 {
			add(act.Package.ID, act.Analyzer.Name, diags)
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
