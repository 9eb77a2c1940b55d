package driver

import (
	"encoding/json"
	"fmt"
	"io"
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

func writeJSON(w io.Writer, fs []*finding, errs []actionError) error {
	tree := make(map[string]map[string]any)
	add := func(id, name string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][name] = v
	}
	for _, e := range errs {
		add(e.pkg, e.check, jsonError{e.err})
	}
	diags := make(map[[2]string][]jsonDiagnostic)
	var keys [][2]string
	for _, f := range fs {
		jd := jsonDiagnostic{
			Category: f.category,
			Posn:     f.posn.String(),
			End:      f.end.String(),
			Message:  f.message,
		}
		for _, fx := range f.fixes {
			jf := jsonSuggestedFix{Message: fx.message}
			for _, e := range fx.edits {
				jf.Edits = append(jf.Edits, jsonTextEdit{Filename: e.file, Start: e.start, End: e.end, New: e.text})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, r := range f.related {
			jd.Related = append(jd.Related, jsonRelated{Posn: r.posn.String(), End: r.end.String(), Message: r.message})
		}
		k := [2]string{f.pkg, f.check}
		if _, ok := diags[k]; !ok {
			keys = append(keys, k)
		}
		diags[k] = append(diags[k], jd)
	}
	for _, k := range keys {
		add(k[0], k[1], diags[k])
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
