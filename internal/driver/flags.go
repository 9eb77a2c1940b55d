package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// parseArgs parses args with fs, flags and package patterns in any
// order, as users of go test and staticcheck expect a trailing -json to
// work: the flag package stops at the first pattern, so parsing resumes
// after each run of patterns. Everything after "--" is a pattern. It
// returns the patterns.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var patterns []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(patterns, rest...), nil
		}
		i := 0
		for i < len(rest) && !isFlag(rest[i]) {
			i++
		}
		patterns = append(patterns, rest[:i]...)
		args = rest[i:]
	}
	return patterns, nil
}

// isFlag reports whether the flag package would read arg as a flag.
func isFlag(arg string) bool {
	return len(arg) > 1 && arg[0] == '-'
}

// usage writes the full usage: the command line, the checks and every
// flag.
func usage(w io.Writer, progname string, analyzers []*analysis.Analyzer, fs *flag.FlagSet) {
	_, _ = fmt.Fprintf(w, "usage: %s [flags] packages...\n       %s help [check]\n\nchecks:\n", progname, progname)
	for _, a := range analyzers {
		_, _ = fmt.Fprintf(w, "  %-12s %s\n", a.Name, firstLine(a.Doc))
	}
	_, _ = fmt.Fprintln(w, "\nflags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// usageError is what a bad command line prints: the error and where to
// read the usage.
func usageError(w io.Writer, progname string, err error) {
	_, _ = fmt.Fprintf(w, "%s: %v\nrun '%s -h' for usage\n", progname, err, progname)
}

// help writes the documentation of the checks named, with their flags,
// or the full usage when none is named.
func help(w io.Writer, progname string, names []string, analyzers []*analysis.Analyzer, fs *flag.FlagSet) error {
	if len(names) == 0 {
		usage(w, progname, analyzers, fs)
		return nil
	}
	for _, name := range names {
		i := slices.IndexFunc(analyzers, func(a *analysis.Analyzer) bool { return a.Name == name })
		if i < 0 {
			return fmt.Errorf("no check %q (checks: %s)", name, strings.Join(checkNames(analyzers), ", "))
		}
		a := analyzers[i]
		_, _ = fmt.Fprintf(w, "%s\n", strings.TrimRight(a.Doc, "\n"))
		if a.URL != "" {
			_, _ = fmt.Fprintf(w, "\nMore: %s\n", a.URL)
		}
		_, _ = fmt.Fprintf(w, "\nflags:\n  -%s\n    \tenable the %s check (-%s=false turns it off)\n", a.Name, a.Name, a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			if g := fs.Lookup(a.Name + "." + f.Name); g != nil {
				_, _ = fmt.Fprintf(w, "  -%s", g.Name)
				if name, u := flag.UnquoteUsage(g); name != "" {
					_, _ = fmt.Fprintf(w, " %s\n    \t%s", name, u)
				} else {
					_, _ = fmt.Fprintf(w, "\n    \t%s", u)
				}
				if g.DefValue != "" && g.DefValue != "false" {
					_, _ = fmt.Fprintf(w, " (default %s)", g.DefValue)
				}
				_, _ = fmt.Fprintln(w)
			}
		})
	}
	return nil
}

// list writes one line per check: its name, what it reports and its
// flags.
func list(w io.Writer, analyzers []*analysis.Analyzer) {
	for _, a := range analyzers {
		flags := []string{"-" + a.Name}
		a.Flags.VisitAll(func(f *flag.Flag) { flags = append(flags, "-"+a.Name+"."+f.Name) })
		_, _ = fmt.Fprintf(w, "%-13s %s [%s]\n", a.Name, firstLine(a.Doc), strings.Join(flags, " "))
	}
}

func checkNames(analyzers []*analysis.Analyzer) []string {
	var names []string
	for _, a := range analyzers {
		names = append(names, a.Name)
	}
	return names
}

var errNoPatterns = errors.New("no packages named (say ./... for the module's packages)")
