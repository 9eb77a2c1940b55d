package driver

import (
	"encoding/json"
	"go/doc/comment"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/internal/version"
)

// SARIF 2.1.0, as much of it as GitHub code scanning reads.
type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                  `json:"tool"`
	Invocations        []sarifInvocation          `json:"invocations"`
	Results            []sarifResult              `json:"results"`
	OriginalURIBaseIDs map[string]sarifArtifactID `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                     `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
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
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

// A sarifNotification is an error of the run itself: a package that
// did not load, a check that failed on a package.
type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID           string            `json:"ruleId"`
	RuleIndex        *int              `json:"ruleIndex,omitempty"`
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
	Region           *sarifRegion    `json:"region,omitempty"`
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

// The roots -sarif-root chooses among: the version-control root (the
// nearest folder above the working directory holding .git, or the
// module root without one) or the module root (the nearest holding
// go.mod, or the working directory without one).
const (
	rootVCS    = "vcs"
	rootModule = "module"
)

// sarifRoot returns the folder SARIF URIs are relative to, for the
// working directory wd.
func sarifRoot(wd, kind string) string {
	if wd == "" {
		return ""
	}
	if kind == rootVCS {
		if dir := above(wd, ".git"); dir != "" {
			return dir
		}
	}
	if dir := above(wd, "go.mod"); dir != "" {
		return dir
	}
	return wd
}

// above returns the nearest of dir and its parents that holds name, or
// "".
func above(dir, name string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// fileURI is the file URI of the absolute path name, percent-encoded.
func fileURI(name string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(name)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // C:/x on Windows
	}
	return u.String()
}

// relURI is the relative path rel as a URI reference, percent-encoded:
// a space, a '#' or a '?' in a file name must not end the path.
func relURI(rel string) string {
	u := url.URL{Path: filepath.ToSlash(rel)}
	return u.EscapedPath()
}

// ruleName is a check's SARIF rule name: distinct from its ID, in the
// form code scanning shows ("FixedWaitBetweenAttempts").
func ruleName(check string) string {
	if n, ok := ruleNames[check]; ok {
		return n
	}
	var b strings.Builder
	b.WriteString("Retry")
	for i, r := range check {
		if i == 0 {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

var ruleNames = map[string]string{
	"fixedsleep":    "FixedWaitBetweenAttempts",
	"backoff":       "BackoffWithoutJitterOrCap",
	"loopctx":       "ContextMisuseInRetry",
	"ctxerr":        "RetryIgnoresContext",
	"idempotency":   "NonIdempotentRetry",
	"retryable":     "UnclassifiedRetry",
	"unbounded":     "UnboundedRetry",
	"retrybody":     "ResponseBodyLeakedOnRetry",
	"reqbody":       "RequestBodyConsumedOnRetry",
	"amplification": "RetryAmplification",
}

// markdown renders a doc comment (an analyzer's Doc) as Markdown: the
// bad and good examples as code blocks, links as links.
func markdown(doc string) string {
	var p comment.Parser
	pr := comment.Printer{HeadingLevel: 3, HeadingID: func(*comment.Heading) string { return "" }}
	return string(pr.Markdown(p.Parse(doc)))
}

// utf16Column converts a 1-based byte column of line in file to the
// 1-based UTF-16 column SARIF's default columnKind counts, reading the
// line from src (the file's contents, cached by the caller).
func utf16Column(src []byte, p token.Position) int {
	if p.Column <= 1 || p.Offset < p.Column-1 || p.Offset > len(src) {
		return p.Column
	}
	prefix := src[p.Offset-(p.Column-1) : p.Offset]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRune(prefix)
		prefix = prefix[size:]
		n += utf16.RuneLen(r) // an invalid byte is U+FFFD, one unit
	}
	return n + 1
}

// writeSARIF writes the findings as one SARIF run: a rule per check,
// with the check's documentation as help (text and Markdown), file
// locations relative to root (%SRCROOT%) where they lie under it, UTF-16
// columns, and the run's errors as tool execution notifications.
func writeSARIF(w io.Writer, analyzers []*analysis.Analyzer, fs []*finding, root string, errs []string, ok bool) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "retryvet",
			Version:         version.Version,
			SemanticVersion: strings.TrimPrefix(version.Version, "v"),
			InformationURI:  "https://github.com/retryvet/retryvet",
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: ok}},
		Results:     []sarifResult{},
		ColumnKind:  "utf16CodeUnits",
	}
	for _, e := range errs {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifMessage{Text: e}})
	}
	if root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactID{"%SRCROOT%": {URI: strings.TrimSuffix(fileURI(root), "/") + "/"}}
	}
	index := make(map[string]int)
	for i, a := range analyzers {
		index[a.Name] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:               a.Name,
			Name:             ruleName(a.Name),
			ShortDescription: sarifMessage{Text: firstLine(a.Doc)},
			FullDescription:  sarifMessage{Text: a.Doc},
			Help:             sarifMessage{Text: a.Doc, Markdown: markdown(a.Doc)},
			HelpURI:          a.URL,
		})
	}
	sources := make(map[string][]byte)
	column := func(p token.Position) int {
		src, ok := sources[p.Filename]
		if !ok {
			src, _ = os.ReadFile(p.Filename)
			sources[p.Filename] = src
		}
		return utf16Column(src, p)
	}
	loc := func(p, end token.Position) sarifPhysicalLocation {
		art := sarifArtifactID{URI: fileURI(p.Filename)}
		if root != "" {
			if rel, err := filepath.Rel(root, p.Filename); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				art = sarifArtifactID{URI: relURI(rel), URIBaseID: "%SRCROOT%"}
			}
		}
		r := &sarifRegion{StartLine: p.Line, StartColumn: column(p)}
		if end.IsValid() && end.Filename == p.Filename && (end.Line > p.Line || end.Line == p.Line && end.Column > p.Column) {
			r.EndLine, r.EndColumn = end.Line, column(end)
		}
		return sarifPhysicalLocation{ArtifactLocation: art, Region: r}
	}
	for _, f := range fs {
		res := sarifResult{
			RuleID:    f.check,
			Level:     "warning",
			Message:   sarifMessage{Text: f.message},
			Locations: []sarifLocation{{PhysicalLocation: loc(f.posn, f.end)}},
		}
		if i, ok := index[f.check]; ok {
			res.RuleIndex = &i // a directive naming no check has no rule
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
