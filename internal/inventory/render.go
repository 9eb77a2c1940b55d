package inventory

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/build"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Version is the version of the JSON schema (docs/inventory.md).
const Version = 1

// A Report is the whole inventory: its JSON form.
type Report struct {
	Version int      `json:"version"`
	Retries []*Entry `json:"retries"`
}

// A Finding as the driver hands it over: a check's diagnostic with its
// position and related positions, files named as in the entries.
type Diagnostic struct {
	Check   string
	Pos     Pos
	Related []Pos
	Message string
}

// Merge makes one report of the packages' results: an entry of a file
// analysed in p and in p [p.test] once, files named relative to wd when
// below it, the diagnostics attached to their retries, sorted.
func Merge(results []*Result, diags []Diagnostic, wd string) *Report {
	rep := &Report{Version: Version, Retries: []*Entry{}}
	seen := make(map[string]bool)
	for _, r := range results {
		for _, e := range r.Entries {
			key := e.Pos.String() + "|" + e.Kind
			if seen[key] {
				continue
			}
			seen[key] = true
			e.relative(wd)
			rep.Retries = append(rep.Retries, e)
		}
	}
	for _, d := range diags {
		d.Pos.File = relative(d.Pos.File, wd)
		for i := range d.Related {
			d.Related[i].File = relative(d.Related[i].File, wd)
		}
		if e := owner(rep.Retries, d); e != nil {
			e.Findings = append(e.Findings, &Finding{Check: d.Check, Pos: d.Pos, Message: d.Message})
		}
	}
	for _, e := range rep.Retries {
		slices.SortFunc(e.Findings, func(a, b *Finding) int {
			return cmp.Or(a.Pos.compare(b.Pos), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message))
		})
	}
	Sort(rep.Retries)
	return rep
}

// owner is the retry a diagnostic is about: the first whose loop or
// call a related position names ("retry loop", "retried here"), else
// the innermost whose span holds the diagnostic.
func owner(entries []*Entry, d Diagnostic) *Entry {
	for _, r := range d.Related {
		for _, e := range entries {
			if e.Pos == r {
				return e
			}
		}
	}
	var best *Entry
	for _, e := range entries {
		if e.Pos.File != d.Pos.File || d.Pos.compare(e.Pos) < 0 || d.Pos.compare(e.End) >= 0 {
			continue
		}
		if best == nil || e.Pos.compare(best.Pos) > 0 {
			best = e
		}
	}
	return best
}

// relative names a file relative to wd when it lies below it, as
// $GOROOT/... when it lies below GOROOT (the standard library), and as
// given otherwise; with forward slashes.
func relative(name, wd string) string {
	if !filepath.IsAbs(name) {
		return filepath.ToSlash(name)
	}
	if rel, ok := below(name, wd); ok {
		return filepath.ToSlash(rel)
	}
	if rel, ok := below(name, build.Default.GOROOT); ok {
		return "$GOROOT/" + filepath.ToSlash(rel)
	}
	return filepath.ToSlash(name)
}

// below returns name relative to dir when it lies below dir.
func below(name, dir string) (string, bool) {
	if dir == "" {
		return "", false
	}
	rel, err := filepath.Rel(dir, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

func (e *Entry) relative(wd string) {
	e.Pos.File = relative(e.Pos.File, wd)
	e.End.File = relative(e.End.File, wd)
	for _, f := range e.Effects {
		f.Pos.File = relative(f.Pos.File, wd)
	}
	for _, n := range e.Nested {
		n.Pos.File = relative(n.Pos.File, wd)
		if n.Inner != nil {
			n.Inner.File = relative(n.Inner.File, wd)
		}
	}
}

// rank orders worst cases: unbounded first, then known totals (larger
// first), then unknown ones.
func rank(e *Entry) int {
	switch e.Worst {
	case WorstUnbounded:
		return 0
	case WorstKnown:
		return 1
	}
	return 2
}

// Sort sorts entries by worst-case total wait (unbounded first, then
// the longest, then those that cannot be computed), then by attempts
// (no constant bound first, then the most), then by position.
func Sort(entries []*Entry) {
	slices.SortStableFunc(entries, func(a, b *Entry) int {
		return cmp.Or(
			cmp.Compare(rank(a), rank(b)),
			cmp.Compare(b.WorstWait, a.WorstWait),
			cmp.Compare(attemptsKey(b), attemptsKey(a)),
			a.Pos.compare(b.Pos),
			cmp.Compare(a.Kind, b.Kind),
		)
	})
}

func attemptsKey(e *Entry) int64 {
	if e.Attempts < 0 {
		return 1 << 62
	}
	return e.Attempts
}

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(rep)
}

// short formats a duration briefly: 2m rather than 2m0s, 1h rather
// than 1h0m0s.
func short(d time.Duration) string {
	if d < 0 {
		return "?"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// Attempts as a column.
func (e *Entry) attempts() string {
	if e.Attempts < 0 {
		return "-"
	}
	return strconv.FormatInt(e.Attempts, 10)
}

// worst as a column.
func (e *Entry) worst() string {
	switch e.Worst {
	case WorstUnbounded:
		return "forever"
	case WorstKnown:
		return short(e.WorstWait)
	}
	return "?"
}

// schedule as a column: "1s… exp capped jitter", the first wait only.
func (e *Entry) schedule() string { return e.scheduleN(1) }

// scheduleN describes the schedule with at most n first waits:
// "1s,2s,4s,… exp capped jitter".
func (e *Entry) scheduleN(n int) string {
	s := e.Schedule
	if s.Kind == "none" {
		return "no wait"
	}
	var parts []string
	if len(s.First) > 0 {
		var ws []string
		for _, d := range s.First {
			ws = append(ws, short(d))
		}
		if s.Kind == "constant" || s.Kind == "zero" {
			parts = append(parts, ws[0])
		} else {
			parts = append(parts, strings.Join(ws[:min(n, len(ws))], ",")+",…")
		}
	}
	kind := s.Kind
	switch kind {
	case "exponential":
		kind = "exp"
	case "constant":
		kind = "const"
	}
	parts = append(parts, kind)
	if s.Capped || s.Longest >= 0 && s.Kind == "exponential" {
		parts = append(parts, "capped")
	}
	if s.Jitter {
		parts = append(parts, "jitter")
	}
	return strings.Join(parts, " ")
}

// kind as a column: loop, the library, helper; "(test)" for test code.
func (e *Entry) kind() string {
	k := "loop"
	switch e.Kind {
	case KindLibrary:
		k = e.Library
	case KindHelper:
		k = "helper"
	}
	if e.Test {
		k += " (test)"
	}
	return k
}

// code is s as a markdown code span, with delimiters longer than any
// run of backticks in it.
func code(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func (e *Entry) checks() string {
	var names []string
	for _, f := range e.Findings {
		names = appendNew(names, f.Check)
	}
	if len(names) == 0 {
		return "-"
	}
	return strings.Join(names, ",")
}

// shortFunc is a function's name without its package, which the file
// names: Client.Charge for payments.Client.Charge.
func shortFunc(name string) string {
	if _, rest, ok := strings.Cut(name, "."); ok {
		return rest
	}
	return name
}

// Width is the width the text form's lines keep to.
const Width = 120

// WriteText writes one line per retry, aligned, within Width columns;
// verbose adds the details below each.
func WriteText(w io.Writer, rep *Report, verbose bool) error {
	if len(rep.Retries) == 0 {
		_, err := fmt.Fprintln(w, "no retries found")
		return err
	}
	rows := [][]string{{"POSITION", "KIND", "TRIES", "WORST", "SCHEDULE", "FINDINGS", "FUNCTION: OPERATION"}}
	for _, e := range rep.Retries {
		rows = append(rows, []string{e.Pos.String(), e.kind(), e.attempts(), e.worst(), e.schedule(), e.checks(), shortFunc(e.Func) + ": " + e.Op})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r[:len(r)-1] {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for i, r := range rows {
		var b strings.Builder
		for j, c := range r[:len(r)-1] {
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", widths[j]-len([]rune(c))+2))
		}
		last := r[len(r)-1]
		if room := Width - len([]rune(b.String())); room > 8 && len([]rune(last)) > room {
			last = string([]rune(last)[:room-1]) + "…"
		}
		b.WriteString(last)
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
		if verbose && i > 0 {
			if err := writeDetails(w, rep.Retries[i-1]); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeDetails writes the details of e, indented.
func writeDetails(w io.Writer, e *Entry) error {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	add("function %s; %s", e.Func, e.what())
	add("operation %s", e.Op)
	add("policy: %s", e.policy())
	add("retries: %s", e.retries())
	add("attempt: %s", e.effects())
	for _, n := range e.Nested {
		add("nested: %s", n.String())
	}
	for _, f := range e.Findings {
		add("finding %s: %s (%s)", f.Pos, f.Message, f.Check)
	}
	for _, l := range lines {
		if _, err := fmt.Fprintf(w, "\t%s\n", l); err != nil {
			return err
		}
	}
	return nil
}

func (e *Entry) what() string {
	s := "retry loop"
	switch e.Kind {
	case KindLibrary:
		s = "call of " + e.Call + " (" + e.Library + ")"
	case KindHelper:
		s = "call of the retry helper " + e.Call
	}
	if e.Test {
		s += ", test code"
	}
	return s
}

func (e *Entry) policy() string {
	var parts []string
	if e.Attempts >= 0 {
		parts = append(parts, fmt.Sprintf("%d attempts", e.Attempts))
	} else {
		parts = append(parts, "no constant attempt bound")
	}
	parts = append(parts, "waits "+e.scheduleN(len(e.Schedule.First)))
	if e.Schedule.Longest >= 0 {
		parts = append(parts, "longest wait "+short(e.Schedule.Longest))
	}
	switch e.Worst {
	case WorstKnown:
		parts = append(parts, "worst-case total wait "+short(e.WorstWait))
	case WorstUnbounded:
		parts = append(parts, "retries until it succeeds")
	default:
		if e.WorstWhy != "" {
			parts = append(parts, "worst-case total wait not computed ("+e.WorstWhy+")")
		} else {
			parts = append(parts, "worst-case total wait not computed")
		}
	}
	if len(e.Bounds) > 0 {
		parts = append(parts, "bounded by "+strings.Join(e.Bounds, ", "))
	} else {
		parts = append(parts, "no bound")
	}
	return strings.Join(parts, "; ")
}

func (e *Entry) retries() string {
	r := e.Retries
	var parts []string
	switch r.Errors {
	case ErrorsPolicy:
		parts = append(parts, "as the policy decides")
	case ErrorsClassified:
		parts = append(parts, "only errors it classifies")
	default:
		parts = append(parts, "every error")
	}
	if len(r.Compared) > 0 {
		parts = append(parts, "compares "+strings.Join(r.Compared, ", "))
	}
	if len(r.StatusChecks) > 0 {
		parts = append(parts, "status "+strings.Join(r.StatusChecks, ", "))
	}
	if len(r.BadStatuses) > 0 {
		var ss []string
		for _, s := range r.BadStatuses {
			ss = append(ss, strconv.FormatInt(s, 10))
		}
		parts = append(parts, "retries "+strings.Join(ss, ", "))
	}
	if len(r.Codes) > 0 {
		parts = append(parts, "codes "+strings.Join(r.Codes, ", "))
	}
	if len(r.Conditions) > 0 {
		parts = append(parts, "conditions "+strings.Join(r.Conditions, ", "))
	}
	return strings.Join(parts, "; ")
}

func (e *Entry) effects() string {
	if e.Safe != "" {
		return "safe to repeat (" + e.Safe + ")"
	}
	if len(e.Effects) == 0 {
		return "nothing unsafe to repeat seen"
	}
	var parts []string
	for _, f := range e.Effects {
		s := fmt.Sprintf("%d:%d %s", f.Pos.Line, f.Pos.Col, f.What)
		if f.Safe != "" {
			s += " (safe: " + f.Safe + ")"
		} else {
			s += " (unsafe)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func (n *Nested) String() string {
	s := fmt.Sprintf("%d:%d calls %s", n.Pos.Line, n.Pos.Col, n.Name)
	if n.Attempts > 0 {
		s += fmt.Sprintf(" (%d attempts)", n.Attempts)
	}
	if n.Calls > 0 {
		s += fmt.Sprintf(": up to %d calls per operation", n.Calls)
	} else {
		s += ": attempts multiply"
	}
	return s
}

// WriteMarkdown writes the report as a markdown table, for a pull
// request comment.
func WriteMarkdown(w io.Writer, rep *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### retryvet inventory: %d %s\n\n", len(rep.Retries), plural(len(rep.Retries), "retry", "retries"))
	if len(rep.Retries) == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("| Where | Function | Kind | Operation | Attempts | Worst-case wait | Schedule | Bounds | Retries | Attempt writes | Nested | Findings |\n")
	b.WriteString("|---|---|---|---|---:|---:|---|---|---|---|---|---|\n")
	for _, e := range rep.Retries {
		nested := "-"
		if len(e.Nested) > 0 {
			var ns []string
			for _, n := range e.Nested {
				ns = append(ns, n.String())
			}
			nested = strings.Join(ns, "; ")
		}
		findings := "-"
		if len(e.Findings) > 0 {
			var fs []string
			for _, f := range e.Findings {
				fs = append(fs, fmt.Sprintf("**%s** %d:%d %s", f.Check, f.Pos.Line, f.Pos.Col, f.Message))
			}
			findings = strings.Join(fs, "<br>")
		}
		bounds := strings.Join(e.Bounds, ", ")
		if bounds == "" {
			bounds = "**none**"
		}
		cells := []string{code(e.Pos.String()), code(e.Func), e.kind(), code(e.Op), e.attempts(), e.worst(), e.schedule(), bounds, e.retries(), e.effects(), nested, findings}
		for i, c := range cells {
			cells[i] = strings.ReplaceAll(strings.ReplaceAll(c, "|", `\|`), "\n", " ")
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
