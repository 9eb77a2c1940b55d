// Package sqltext reads just enough SQL to tell whether running a
// statement twice can change the data twice: an INSERT that does not
// tolerate the row already being there, or an UPDATE that adds to a
// column without a guard in its WHERE clause.
//
// It lexes comments, string literals, quoted identifiers and dollar
// quotes, so that words inside them are not mistaken for keywords. It is
// not a parser: anything it does not understand is treated as safe.
package sqltext

// Kind says what makes a statement unsafe to repeat.
type Kind uint8

const (
	Safe     Kind = iota // nothing found
	Insert               // an INSERT with no conflict handling
	Relative             // an UPDATE whose SET is relative and whose WHERE does not guard it
)

// A Risk is the first statement of a query that is unsafe to repeat.
type Risk struct {
	Kind Kind
	// Column is the column a Relative update adds to, as written
	// (quotes removed).
	Column string
}

// Check returns the first statement of query that is unsafe to repeat,
// or a Risk of kind Safe.
func Check(query string) Risk {
	toks := lex(query)
	for len(toks) > 0 {
		end := 0
		for end < len(toks) && (!toks[end].is(";") || toks[end].depth != 0) {
			end++
		}
		if r := statement(toks[:end]); r.Kind != Safe {
			return r
		}
		if end == len(toks) {
			break
		}
		toks = toks[end+1:]
	}
	return Risk{}
}

// Upsert reports whether query writes a row in a way safe to repeat:
// an INSERT with conflict handling (ON CONFLICT, ON DUPLICATE KEY,
// IGNORE, OR REPLACE, WHERE NOT EXISTS), or a REPLACE, UPSERT or MERGE.
func Upsert(query string) bool {
	toks := lex(query)
	for len(toks) > 0 {
		end := 0
		for end < len(toks) && (!toks[end].is(";") || toks[end].depth != 0) {
			end++
		}
		if i, ok := mainVerb(toks[:end]); ok {
			switch toks[i].text {
			case "INSERT":
				if insert(toks[:end], i).Kind == Safe {
					return true
				}
			case "REPLACE", "UPSERT", "MERGE":
				return true
			}
		}
		if end == len(toks) {
			break
		}
		toks = toks[end+1:]
	}
	return false
}

// mainVerb returns the index of a statement's main keyword, after any
// opening parentheses and common table expressions (the main statement
// is the first keyword at their own depth after them).
func mainVerb(toks []token) (int, bool) {
	i := 0
	for i < len(toks) && toks[i].is("(") {
		i++
	}
	if i < len(toks) && toks[i].word("WITH") {
		base := toks[i].depth
		i++
		for i < len(toks) && !toks[i].verbAt(base) {
			i++
		}
	}
	if i >= len(toks) || toks[i].kind != word {
		return 0, false
	}
	return i, true
}

// statement checks one statement.
func statement(toks []token) Risk {
	i, ok := mainVerb(toks)
	if !ok {
		return Risk{}
	}
	switch toks[i].text {
	case "INSERT":
		return insert(toks, i)
	case "UPDATE":
		return update(toks[i:])
	}
	// SELECT, DELETE, REPLACE, MERGE, UPSERT and anything else.
	return Risk{}
}

func isVerb(w string) bool {
	switch w {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "UPSERT", "VALUES", "TABLE":
		return true
	}
	return false
}

// insert checks the INSERT at toks[i].
func insert(toks []token, i int) Risk {
	if next := at(toks, i+1); next.word("IGNORE") ||
		next.word("OR") && (at(toks, i+2).word("IGNORE") || at(toks, i+2).word("REPLACE")) {
		return Risk{}
	}
	for j := i + 1; j < len(toks); j++ {
		switch {
		case toks[j].word("ON") && at(toks, j+1).word("CONFLICT"),
			toks[j].word("ON") && at(toks, j+1).word("DUPLICATE") && at(toks, j+2).word("KEY"),
			toks[j].word("WHERE") && at(toks, j+1).word("NOT") && at(toks, j+2).word("EXISTS"):
			return Risk{}
		}
	}
	return Risk{Kind: Insert}
}

// update checks an UPDATE statement, toks[0] being UPDATE.
func update(toks []token) Risk {
	base := toks[0].depth
	set := -1
	for j, t := range toks {
		if t.depth == base && t.word("SET") {
			set = j
			break
		}
	}
	if set < 0 {
		return Risk{}
	}
	// The assignments run to the first clause keyword at the base depth.
	end := set + 1
	for end < len(toks) && !toks[end].clauseEndAt(base) {
		end++
	}
	var assigned []string
	relative := ""
	for _, as := range split(toks[set+1:end], base) {
		eq := -1
		for j, t := range as {
			if t.is("=") && t.depth == base {
				eq = j
				break
			}
		}
		if eq < 1 || as[0].is("(") {
			continue // not a single-column assignment
		}
		col := as[eq-1]
		if col.kind != word && col.kind != quoted {
			continue
		}
		assigned = append(assigned, col.name())
		if relative == "" && refersArithmetic(as[eq+1:], col.name()) {
			relative = col.raw
		}
	}
	if relative == "" {
		return Risk{}
	}
	// A WHERE that compares any assigned column guards the update
	// (optimistic locking, a conditional state transition).
	for j := end; j < len(toks); j++ {
		if toks[j].depth == base && toks[j].word("WHERE") {
			for _, t := range toks[j+1:] {
				if t.depth == base && t.kind == word && (t.text == "RETURNING" || t.text == "ORDER" || t.text == "LIMIT") {
					break
				}
				if t.kind != word && t.kind != quoted {
					continue
				}
				for _, a := range assigned {
					if t.name() == a {
						return Risk{}
					}
				}
			}
			break
		}
	}
	return Risk{Kind: Relative, Column: relative}
}

func clauseEnd(w string) bool {
	switch w {
	case "FROM", "WHERE", "RETURNING", "ORDER", "LIMIT", "OUTPUT":
		return true
	}
	return false
}

// split splits toks at the commas of depth base.
func split(toks []token, base int) [][]token {
	var parts [][]token
	start := 0
	for j, t := range toks {
		if t.is(",") && t.depth == base {
			parts = append(parts, toks[start:j])
			start = j + 1
		}
	}
	return append(parts, toks[start:])
}

// refersArithmetic reports whether expr uses the column name as an
// operand of +, -, *, / or ||: the new value depends on the old one.
func refersArithmetic(expr []token, name string) bool {
	for j, t := range expr {
		if (t.kind != word && t.kind != quoted) || t.name() != name {
			continue
		}
		if at(expr, j+1).is("(") {
			continue // a function of that name
		}
		if arithmetic(at(expr, j-1)) || arithmetic(at(expr, j+1)) {
			return true
		}
	}
	return false
}

func arithmetic(t token) bool {
	return t.kind == punct && (t.text == "+" || t.text == "-" || t.text == "*" || t.text == "/" || t.text == "||")
}

func at(toks []token, i int) token {
	if i < 0 || i >= len(toks) {
		return token{}
	}
	return toks[i]
}

// verbAt reports a statement keyword at depth base.
func (t token) verbAt(base int) bool { return t.depth == base && t.kind == word && isVerb(t.text) }

// clauseEndAt reports a keyword ending an UPDATE's SET list at depth
// base.
func (t token) clauseEndAt(base int) bool {
	return t.depth == base && t.kind == word && clauseEnd(t.text)
}
