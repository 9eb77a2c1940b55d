package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// root is the repository root, from this package's directory.
const root = "../.."

// TestPagesUpToDate checks that docs/checks holds what gendocs makes from
// the checks' doc.go files (go generate ./cmd/retryvet).
func TestPagesUpToDate(t *testing.T) {
	for _, name := range checks {
		want, err := render(filepath.Join(root, "analyzers", name), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := os.ReadFile(filepath.Join(root, "docs", "checks", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("docs/checks/%s.md is stale: run go generate ./cmd/retryvet", name)
		}
		if bytes.Contains(want, []byte("{#")) {
			t.Errorf("docs/checks/%s.md has a {#...} heading ID, which GitHub shows as text", name)
		}
	}
}

// docs are the Markdown files whose links are checked.
func docs(t *testing.T) []string {
	files := []string{"README.md", "CHANGELOG.md"}
	for _, pattern := range []string{"docs/*.md", "docs/checks/*.md"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			rel, _ := filepath.Rel(root, f)
			files = append(files, rel)
		}
	}
	return files
}

var (
	fence       = regexp.MustCompile("(?s)```.*?```")
	codeSpan    = regexp.MustCompile("`[^`\n]*`")
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	inlineLink  = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	linkDef     = regexp.MustCompile(`(?m)^//\s*\[[^\]]+\]:\s*(\S+)\s*$`)
	heading     = regexp.MustCompile(`(?m)^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$`)
	htmlID      = regexp.MustCompile(`<a\s+(?:id|name)="([^"]+)"`)
)

// TestLinks checks that every relative link of the Markdown docs, and
// every link a doc.go makes to the published docs, leads to a file of
// the repository and, with a #fragment, to an anchor of that file:
// a heading, as GitHub makes its anchor, or an <a id>.
func TestLinks(t *testing.T) {
	anchors := make(map[string]map[string]bool) // file -> anchors
	check := func(from, target string) {
		path, frag, _ := strings.Cut(target, "#")
		file := filepath.Clean(filepath.Join(filepath.Dir(from), path))
		if path == "" {
			file = from
		}
		if _, err := os.Stat(filepath.Join(root, file)); err != nil {
			t.Errorf("%s: link to %s: no such file in the repository", from, target)
			return
		}
		if frag == "" {
			return
		}
		if !strings.HasSuffix(file, ".md") {
			t.Errorf("%s: link to %s: a fragment into a file that is not Markdown", from, target)
			return
		}
		a, ok := anchors[file]
		if !ok {
			src, err := os.ReadFile(filepath.Join(root, file))
			if err != nil {
				t.Fatal(err)
			}
			a = markdownAnchors(string(src))
			anchors[file] = a
		}
		if !a[frag] {
			t.Errorf("%s: link to %s: %s has no anchor %q", from, target, file, frag)
		}
	}
	for _, f := range docs(t) {
		src, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		text := fence.ReplaceAllString(htmlComment.ReplaceAllString(string(src), ""), "")
		text = codeSpan.ReplaceAllString(text, "")
		for _, m := range inlineLink.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			check(f, target)
		}
	}
	docGo, err := filepath.Glob(filepath.Join(root, "analyzers", "*", "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range docGo {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		from, _ := filepath.Rel(root, path)
		for _, m := range linkDef.FindAllStringSubmatch(string(src), -1) {
			if rest, ok := strings.CutPrefix(m[1], DocsURL); ok {
				// As if linked from a file at the repository root.
				check("doc.go", "docs/"+rest)
			} else if strings.HasPrefix(m[1], "https://github.com/retryvet/retryvet/") {
				t.Errorf("%s: link %s into the repository is not under %s", from, m[1], DocsURL)
			}
		}
	}
}

// markdownAnchors returns the anchors of a Markdown file: GitHub's for
// its headings, and the ids of its <a> elements.
func markdownAnchors(src string) map[string]bool {
	a := make(map[string]bool)
	for _, m := range htmlID.FindAllStringSubmatch(src, -1) {
		a[m[1]] = true
	}
	seen := make(map[string]int)
	for _, m := range heading.FindAllStringSubmatch(fence.ReplaceAllString(src, ""), -1) {
		s := slug(m[1])
		if n := seen[s]; n > 0 {
			a[fmt.Sprintf("%s-%d", s, n)] = true
		} else {
			a[s] = true
		}
		seen[s]++
	}
	return a
}

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// slug makes GitHub's anchor for a heading: its text, links reduced to
// their text, lower case, with spaces turned into hyphens and every other
// character but letters, digits, hyphens and underscores dropped.
func slug(h string) string {
	h = mdLink.ReplaceAllString(h, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSlug(t *testing.T) {
	for h, want := range map[string]string{
		"A1 fixedsleep":               "a1-fixedsleep",
		"R2: retry libraries":         "r2-retry-libraries",
		"What is not a retry loop":    "what-is-not-a-retry-loop",
		"In CI, and under Bazel":      "in-ci-and-under-bazel",
		"The `nogo` [config](x.md)":   "the-nogo-config",
		"retryvet under Bazel (nogo)": "retryvet-under-bazel-nogo",
	} {
		if got := slug(h); got != want {
			t.Errorf("slug(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestNoSpecCitations checks that the documentation users read, and the
// code and fixtures, cite docs/model.md, never the internal
// specification, which is not in the repository.
func TestNoSpecCitations(t *testing.T) {
	files := docs(t)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".golden")) && !strings.HasSuffix(path, "docs_test.go") {
			rel, _ := filepath.Rel(root, path)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{"analyzers/*/doc.go", ".golangci.yml", "examples/.golangci.yml", "build/gcl/testdata/*.yml"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			rel, _ := filepath.Rel(root, f)
			files = append(files, rel)
		}
	}
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(src, []byte("RETRY-MODEL")) {
			t.Errorf("%s cites RETRY-MODEL.md, which is not in the repository: link docs/model.md", f)
		}
	}
}

// TestReadmeSample checks that the README's sample output is what the
// checks find on examples/ (examples/expected.txt, which CI compares
// with a run).
func TestReadmeSample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(root, "examples", "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "Sample output, on")
	if !ok {
		t.Fatal("README.md has no sample output")
	}
	_, rest, _ = strings.Cut(rest, "```\n")
	sample, _, ok := strings.Cut(rest, "```\n")
	if !ok {
		t.Fatal("README.md: the sample output's code block does not end")
	}
	if sample != string(want) {
		t.Errorf("README.md's sample output differs from examples/expected.txt:\n%s", sample)
	}
}
