package sqltext

import "strings"

type tokenKind uint8

const (
	none   tokenKind = iota
	word             // a keyword or identifier; text is upper case
	quoted           // a quoted identifier ("x", `x`); text is upper case
	punct            // an operator or punctuation
	other            // a string literal, number or parameter
)

type token struct {
	kind  tokenKind
	text  string // upper case for words and quoted identifiers
	raw   string // as written, quotes removed
	depth int    // parenthesis depth
}

func (t token) is(p string) bool          { return t.kind == punct && t.text == p }
func (t token) word(w string) bool        { return t.kind == word && t.text == w }
func (t token) name() string              { return t.text }
func isIdentByte(c byte) bool             { return c == '_' || isLetter(c) || '0' <= c && c <= '9' || c >= 0x80 }
func isLetter(c byte) bool                { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func newWord(s string, k tokenKind) token { return token{kind: k, text: strings.ToUpper(s), raw: s} }

// lex splits s into tokens, dropping comments and whitespace. Unclosed
// comments, strings and quotes run to the end of the input.
func lex(s string) []token {
	var toks []token
	depth := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			// Block comments nest in PostgreSQL.
			n := 0
			for i < len(s) {
				if strings.HasPrefix(s[i:], "/*") {
					n++
					i += 2
				} else if strings.HasPrefix(s[i:], "*/") {
					n--
					i += 2
					if n == 0 {
						break
					}
				} else {
					i++
				}
			}
		case c == '\'':
			i = skipQuoted(s, i, '\'', false)
			toks = append(toks, token{kind: other, depth: depth})
		case (c == 'E' || c == 'e') && i+1 < len(s) && s[i+1] == '\'':
			i = skipQuoted(s, i+1, '\'', true)
			toks = append(toks, token{kind: other, depth: depth})
		case c == '"' || c == '`':
			j := skipQuoted(s, i, c, false)
			inner := s[i+1 : max(i+1, j-1)]
			toks = append(toks, newWord(strings.ReplaceAll(inner, string([]byte{c, c}), string(c)), quoted))
			toks[len(toks)-1].depth = depth
			i = j
		case c == '$':
			// $1 is a parameter; $tag$ ... $tag$ a dollar-quoted string.
			j := i + 1
			for j < len(s) && isIdentByte(s[j]) && (j > i+1 || s[j] < '0' || s[j] > '9') {
				j++
			}
			if j < len(s) && s[j] == '$' {
				tag := s[i : j+1]
				k := strings.Index(s[j+1:], tag)
				if k < 0 {
					i = len(s)
				} else {
					i = j + 1 + k + len(tag)
				}
			} else {
				i++
				for i < len(s) && '0' <= s[i] && s[i] <= '9' {
					i++
				}
			}
			toks = append(toks, token{kind: other, depth: depth})
		case isLetter(c) || c == '_' || c >= 0x80:
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			t := newWord(s[i:j], word)
			t.depth = depth
			toks = append(toks, t)
			i = j
		case '0' <= c && c <= '9':
			for i < len(s) && (isIdentByte(s[i]) || s[i] == '.') {
				i++
			}
			toks = append(toks, token{kind: other, depth: depth})
		case c == '?' || (c == ':' || c == '@') && i+1 < len(s) && isIdentByte(s[i+1]):
			i++
			for i < len(s) && isIdentByte(s[i]) {
				i++
			}
			toks = append(toks, token{kind: other, depth: depth})
		default:
			p := string(c)
			if i+1 < len(s) {
				switch two := s[i : i+2]; two {
				case "||", "<>", "!=", ">=", "<=", "::":
					p = two
				}
			}
			i += len(p)
			if p == ")" && depth > 0 {
				depth--
			}
			toks = append(toks, token{kind: punct, text: p, raw: p, depth: depth})
			if p == "(" {
				depth++
			}
		}
	}
	return toks
}

// skipQuoted returns the index just past the literal that starts with
// the quote q at s[i]. A doubled quote stands for itself; with
// backslash, a backslash escapes the next byte.
func skipQuoted(s string, i int, q byte, backslash bool) int {
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if backslash {
				i++
			}
		case q:
			if i+1 < len(s) && s[i+1] == q {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}
