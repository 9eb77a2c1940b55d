package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retryvet/retryvet/internal/suppress"
)

// collect returns the findings of the root actions, once each: a file
// analysed in p and in p [p.test] reports the same finding twice.
func collect(g *checker.Graph, pkgs []*packages.Package) []*finding {
	seen := make(map[string]bool)
	var out []*finding
	for _, act := range g.Roots {
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := &finding{
				check:    act.Analyzer.Name,
				category: d.Category,
				posn:     fset.Position(d.Pos),
				end:      fset.Position(d.End),
				pkg:      act.Package.ID,
				message:  d.Message,
			}
			if !d.End.IsValid() {
				f.end = f.posn
			}
			key := fmt.Sprintf("%s|%s|%s|%s", f.posn, f.end, f.check, f.message)
			if seen[key] {
				continue
			}
			seen[key] = true
			for _, r := range d.Related {
				f.related = append(f.related, related{posn: fset.Position(r.Pos), end: fset.Position(cmp.Or(r.End, r.Pos)), message: r.Message})
			}
			for _, sf := range d.SuggestedFixes {
				fx := fix{message: sf.Message}
				for _, e := range sf.TextEdits {
					start, end := fset.Position(e.Pos), fset.Position(e.End)
					if !e.End.IsValid() {
						end = start
					}
					fx.edits = append(fx.edits, fileEdit{file: start.Filename, start: start.Offset, end: end.Offset, text: string(e.NewText)})
				}
				f.fixes = append(f.fixes, fx)
			}
			out = append(out, f)
		}
	}
	sortFindings(out)
	return out
}

func sortFindings(fs []*finding) {
	slices.SortStableFunc(fs, func(a, b *finding) int {
		return cmp.Or(
			cmp.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Line, b.posn.Line),
			cmp.Compare(a.posn.Column, b.posn.Column),
			cmp.Compare(a.check, b.check),
			cmp.Compare(a.message, b.message),
		)
	})
}

// writeText prints file:line:col: message (check), with the related
// positions indented below, and with context >= 0 the source lines. A
// file below the working directory wd is named relative to it, as
// staticcheck and golangci-lint name files.
func writeText(w io.Writer, fs []*finding, context int, wd string) {
	for _, f := range fs {
		_, _ = fmt.Fprintf(w, "%s: %s (%s)\n", shortPosn(f.posn, wd), f.message, f.check)
		if context >= 0 {
			printContext(w, f.posn, context)
		}
		for _, r := range f.related {
			_, _ = fmt.Fprintf(w, "\t%s: %s\n", shortPosn(r.posn, wd), r.message)
		}
	}
}

// shortPosn is p with its file named relative to wd when it lies below
// wd.
func shortPosn(p token.Position, wd string) token.Position {
	p.Filename = shortPath(p.Filename, wd)
	return p
}

// shortPath is name relative to wd when it lies below wd, and name
// otherwise.
func shortPath(name, wd string) string {
	if wd == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(wd, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return rel
}

func printContext(w io.Writer, p token.Position, n int) {
	data, err := os.ReadFile(p.Filename)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for l := max(1, p.Line-n); l <= min(len(lines), p.Line+n); l++ {
		_, _ = fmt.Fprintf(w, "%d\t%s\n", l, lines[l-1])
	}
}

// unusedDirectives reports the //retryvet:ignore directives that
// silenced nothing for any of the checks they name that ran.
func unusedDirectives(g *checker.Graph, pkgs []*packages.Package) []*finding {
	type key struct {
		posn  string
		check string
	}
	used := make(map[key]bool)
	ran := make(map[string]bool)
	all := make(map[string]*suppress.Directive)
	fsets := make(map[string]*token.FileSet)
	for _, act := range g.Roots {
		res, ok := act.Result.(*suppress.Result)
		if !ok {
			continue
		}
		ran[act.Analyzer.Name] = true
		fset := act.Package.Fset
		for _, d := range res.Used {
			used[key{fset.Position(d.Pos).String(), act.Analyzer.Name}] = true
		}
		for _, d := range res.All {
			p := fset.Position(d.Pos).String()
			all[p], fsets[p] = d, fset
		}
	}
	var out []*finding
	for p, d := range all {
		var named []string
		silenced := false
		for _, c := range d.Checks {
			if ran[c] {
				named = append(named, c)
				silenced = silenced || used[key{p, c}]
			}
		}
		if len(named) == 0 || silenced {
			continue
		}
		posn := fsets[p].Position(d.Pos)
		out = append(out, &finding{
			check:    named[0],
			category: "directive/unused",
			posn:     posn,
			end:      posn,
			message:  fmt.Sprintf("retryvet:ignore directive for %s silences nothing; remove it", strings.Join(named, ",")),
		})
	}
	return out
}

// SARIF 2.1.0, as much of it as GitHub code scanning reads.
type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                  `json:"tool"`
	Results            []sarifResult              `json:"results"`
	OriginalURIBaseIDs map[string]sarifArtifactID `json:"originalUriBaseIds,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	ShortDescription sarifMessage `json:"shortDescription"`
	FullDescription  sarifMessage `json:"fullDescription"`
	Help             sarifMessage `json:"help"`
	HelpURI          string       `json:"helpUri,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID           string            `json:"ruleId"`
	RuleIndex        int               `json:"ruleIndex"`
	Level            string            `json:"level"`
	Message          sarifMessage      `json:"message"`
	Locations        []sarifLocation   `json:"locations"`
	RelatedLocations []sarifLocation   `json:"relatedLocations,omitempty"`
	Properties       map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactID `json:"artifactLocation"`
	Region           sarifRegion     `json:"region"`
}

type sarifArtifactID struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// writeSARIF writes the findings as one SARIF run: a rule per check,
// with the check's documentation as help, and file locations relative
// to the working directory (%SRCROOT%) where they lie under it.
func writeSARIF(w io.Writer, analyzers []*analysis.Analyzer, fs []*finding) error {
	wd, _ := os.Getwd()
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "retryvet", InformationURI: "https://github.com/retryvet/retryvet"}},
		Results: []sarifResult{},
	}
	if wd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactID{"%SRCROOT%": {URI: "file://" + filepath.ToSlash(wd) + "/"}}
	}
	index := make(map[string]int)
	for i, a := range analyzers {
		index[a.Name] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:               a.Name,
			Name:             a.Name,
			ShortDescription: sarifMessage{Text: firstLine(a.Doc)},
			FullDescription:  sarifMessage{Text: a.Doc},
			Help:             sarifMessage{Text: a.Doc},
			HelpURI:          a.URL,
		})
	}
	loc := func(p, end token.Position) sarifPhysicalLocation {
		art := sarifArtifactID{URI: "file://" + filepath.ToSlash(p.Filename)}
		if wd != "" {
			if rel, err := filepath.Rel(wd, p.Filename); err == nil && !strings.HasPrefix(rel, "..") {
				art = sarifArtifactID{URI: filepath.ToSlash(rel), URIBaseID: "%SRCROOT%"}
			}
		}
		r := sarifRegion{StartLine: p.Line, StartColumn: p.Column}
		if end.IsValid() && end.Filename == p.Filename && (end.Line > p.Line || end.Line == p.Line && end.Column > p.Column) {
			r.EndLine, r.EndColumn = end.Line, end.Column
		}
		return sarifPhysicalLocation{ArtifactLocation: art, Region: r}
	}
	for _, f := range fs {
		res := sarifResult{
			RuleID:    f.check,
			RuleIndex: index[f.check],
			Level:     "warning",
			Message:   sarifMessage{Text: f.message},
			Locations: []sarifLocation{{PhysicalLocation: loc(f.posn, f.end)}},
		}
		if f.category != "" {
			res.Properties = map[string]string{"category": f.category}
		}
		for i, r := range f.related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: loc(r.posn, token.Position{}),
				Message:          &sarifMessage{Text: r.message},
			})
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []sarifRun{run},
	})
}
