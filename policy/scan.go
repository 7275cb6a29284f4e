package policy

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// source is the text of a parsed document with the table that turns byte
// offsets into line and column.
type source struct {
	text string
	// lineStarts holds the offset of the first byte of every line after the
	// first, in increasing order.
	lineStarts []int32
	// base is where the document starts in its source: positions are
	// positions in that source (line 1, column 1 of an unnamed one by
	// default).
	base Position
	// The last lookup: the parser asks for offsets in almost increasing
	// order, so the next answer is usually a few lines further on.
	lastOff, lastN int
	// locate, when set, places every offset instead (ParseMapped): the
	// document was converted from another format, whose positions it
	// returns.
	locate func(off int) Position
}

// pos returns the position of byte offset off of the document, as a
// position in the document's source.
func (s *source) pos(off int) Position {
	if s.locate != nil {
		return s.locate(off)
	}
	ls := s.lineStarts
	// n is the number of line starts at or before off.
	n := 0
	if off >= s.lastOff {
		n = s.lastN
		for k := 0; k < 8 && n < len(ls) && int(ls[n]) <= off; k++ {
			n++
		}
		if n < len(ls) && int(ls[n]) <= off {
			n += sort.Search(len(ls)-n, func(i int) bool { return int(ls[n+i]) > off })
		}
	} else {
		n = sort.Search(len(ls), func(i int) bool { return int(ls[i]) > off })
	}
	s.lastOff, s.lastN = off, n
	start := 0
	if n > 0 {
		start = int(ls[n-1])
	}
	p := Position{File: s.base.File, Offset: s.base.Offset + off, Line: s.base.Line + n, Column: off - start + 1}
	if n == 0 {
		p.Column += s.base.Column - 1
	}
	return p
}

// scanProblem is something the pre-scan found: a character outside the
// allowed range, a string that is too long, or nesting that is too deep.
type scanProblem struct {
	off  int
	code Code
	msg  string
}

// scanResult is what one pass over the raw bytes learns about a document.
type scanResult struct {
	lineStarts []int32
	size       int // characters outside JSON white space between tokens
	chars      int // all characters
	values     int // JSON strings that are values (not object keys)
	tooDeep    bool
	problems   []scanProblem
	// synMsg describes the first violation of the JSON grammar, at byte
	// offset synOff; it is "" when the document is valid JSON.
	synOff int
	synMsg string
	// containers lists every object and array in the order they open, with
	// the number of members or elements, so that the parser can allocate
	// slices of the right length without a counting pass.
	containers []container
}

// container is an object or array of the document: the offset of its
// opening bracket and its number of members or elements.
type container struct {
	off, n int32
}

// maxCharProblems caps how many bad characters are reported one by one.
const maxCharProblems = 10

// Byte classes for scan.
const (
	clPlain   uint8 = iota // any other ASCII character
	clSpace                // ' ', '\t', '\r': white space
	clNewline              // '\n'
	clQuote                // '"'
	clEscape               // '\\'
	clOpen                 // '{', '['
	clClose                // '}', ']'
	clComma                // ','
	clControl              // other bytes below 0x20 (never allowed)
	clHigh                 // 0x80 and above: part of a multi-byte character
)

var byteClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		if !allowedChar(rune(c)) {
			t[c] = clControl
		}
	}
	for c := utf8.RuneSelf; c < 0x100; c++ {
		t[c] = clHigh
	}
	t[' '], t['\t'], t['\r'], t['\n'] = clSpace, clSpace, clSpace, clNewline
	t['"'], t['\\'] = clQuote, clEscape
	t['{'], t['['], t['}'], t[']'], t[','] = clOpen, clOpen, clClose, clClose, clComma
	return t
}()

// scanner is the state of one scan.
type scanner struct {
	r        scanResult
	stack    [MaxDepth + 1]int32 // indexes into r.containers of the open containers
	depth    int
	badChars int
	moreOff  int
	// st is what the JSON grammar expects next. The opening brackets of
	// the nk containers open in the grammar are in kinds and, beyond
	// len(kinds), in deeper, so that the grammar is followed at any depth.
	st     uint8
	nk     int
	kinds  [MaxDepth + 1]byte
	deeper []byte
	// placeholders lets a string start with the escape \u0000, which
	// makes it a placeholder (ParseMapped).
	placeholders bool
}

// notAllowed completes the message about a character that is not allowed.
const notAllowed = " is not allowed in a policy document (allowed: TAB, LF, CR and U+0020 to U+00FF); Syntax errors in policy"

func (s *scanner) bad(off int, what string) {
	s.badMsg(off, what+notAllowed)
}

func (s *scanner) badMsg(off int, msg string) {
	s.badChars++
	if s.badChars == maxCharProblems+1 {
		s.moreOff = off
	}
	if s.badChars <= maxCharProblems {
		s.r.problems = append(s.r.problems, scanProblem{off, CodeSyntax, msg})
	}
}

// multiByte checks the character that starts at data[i] (a byte >= 0x80)
// and returns its width.
func (s *scanner) multiByte(data []byte, i int) int {
	ru, w := utf8.DecodeRune(data[i:])
	if ru == 0xFEFF && i == 0 {
		s.badMsg(i, "the document starts with a byte order mark (U+FEFF), which is not allowed in a policy document; save the file as UTF-8 without BOM; Syntax errors in policy")
	} else if what := charProblem(ru, w, data[i]); what != "" {
		s.bad(i, what)
	}
	return w
}

// value marks the innermost open container as holding at least one value.
func (s *scanner) value() {
	if s.depth > 0 && s.depth <= MaxDepth {
		if top := &s.r.containers[s.stack[s.depth-1]]; top.n == 0 {
			top.n = 1
		}
	}
}

// scan makes one pass over data: it builds the line table, counts the
// characters that AWS's size quotas count, records the element count of
// every object and array, and finds characters outside TAB, LF, CR and
// U+0020–U+00FF (also when written as \u escapes), strings longer than
// MaxStringLength and nesting deeper than MaxDepth. It also follows the
// JSON grammar (RFC 8259; like encoding/json.Valid it does not hold
// strings to valid UTF-8, which the character check reports) and
// describes its first violation (see grammar.go). The grammar does not
// steer the rest of the scan, which only needs to tell strings from the
// rest, so the other findings do not depend on where the JSON breaks.
//
// With placeholders, a string may start with the escape \u0000: it is a
// placeholder (package internal/placeholder), not a bad character.
func scan(data []byte, placeholders bool) scanResult {
	s := &scanner{placeholders: placeholders}
	s.r.lineStarts = make([]int32, 0, len(data)/32+1)
	s.r.containers = make([]container, 0, len(data)/64+1)
	// Counted as we go: white space outside strings and the extra bytes of
	// multi-byte characters; sizes are derived from them at the end.
	ws, extra := 0, 0
	// Every key is followed by a colon: strings minus colons are the
	// string values.
	strs, colons := 0, 0
	n := len(data)
	for i := 0; i < n; {
		switch byteClass[data[i]] {
		case clSpace:
			j := i + 1
			for j < n && data[j] == ' ' {
				j++
			}
			ws += j - i
			i = j
		case clNewline:
			ws++
			i++
			s.r.lineStarts = append(s.r.lineStarts, int32(i))
		case clPlain:
			switch c := data[i]; {
			case c == ':':
				colons++
				s.colon(data, i)
				i++
			case c == '-' || c >= '0' && c <= '9':
				s.value()
				end := s.number(data, i)
				s.numberGrammar(data, i, end)
				i = end
			default:
				s.value()
				i = s.literal(data, i)
			}
		case clComma:
			if s.depth > 0 && s.depth <= MaxDepth {
				s.r.containers[s.stack[s.depth-1]].n++
			}
			s.comma(data, i)
			i++
		case clOpen:
			s.value()
			s.open(data, i)
			s.depth++
			if s.depth <= MaxDepth {
				s.stack[s.depth-1] = int32(len(s.r.containers))
				s.r.containers = append(s.r.containers, container{off: int32(i)})
			} else if !s.r.tooDeep {
				s.r.tooDeep = true
				s.r.problems = append(s.r.problems, scanProblem{i, CodeInputLimit,
					fmt.Sprintf("JSON nesting is deeper than the limit of %d levels (MaxDepth); a policy nests at most 6 levels", MaxDepth)})
			}
			i++
		case clClose:
			if s.depth > 0 {
				s.depth--
			}
			s.close(data, i)
			i++
		case clQuote:
			s.value()
			strs++
			s.quote(data, i)
			var e int
			i, e = s.str(data, i)
			extra += e
		case clControl:
			s.unexpected(data, i)
			s.bad(i, charProblem(rune(data[i]), 1, data[i]))
			i++
		case clHigh:
			s.unexpected(data, i)
			s.value()
			w := s.multiByte(data, i)
			extra += w - 1
			i += w
		default: // clEscape outside a string
			s.unexpected(data, i)
			i++
		}
	}
	s.end(n)
	if s.badChars > maxCharProblems {
		s.r.problems = append(s.r.problems, scanProblem{s.moreOff, CodeSyntax,
			fmt.Sprintf("%d more characters outside TAB, LF, CR and U+0020 to U+00FF not listed; Syntax errors in policy", s.badChars-maxCharProblems)})
	}
	s.r.values = max(strs-colons, 0)
	s.r.chars = n - extra
	s.r.size = s.r.chars - ws
	return s.r
}

// str scans the string that starts with the quote at data[start] and
// returns the offset after it and the extra bytes of its multi-byte
// characters.
func (s *scanner) str(data []byte, start int) (end, extra int) {
	n := len(data)
	i := start + 1
	for i < n {
		c := data[i]
		switch byteClass[c] {
		case clSpace:
			if c != ' ' {
				s.controlInString(i, c)
			}
			fallthrough
		case clPlain, clOpen, clClose, clComma:
			i++
			for i < n && data[i] >= '0' && data[i] != '\\' && data[i] < 0x80 {
				i++
			}
			continue
		case clQuote:
			if l := i - start - 1; l > MaxStringLength {
				s.r.problems = append(s.r.problems, scanProblem{start, CodeInputLimit,
					fmt.Sprintf("string of %d bytes is longer than the limit of %d bytes (MaxStringLength)", l, MaxStringLength)})
			}
			return i + 1, extra
		case clEscape:
			if s.st != gFailed {
				s.escape(data, i)
			}
			if i+1 < n && data[i+1] == 'u' && i+6 <= n {
				if v, ok := hex4(data[i+2 : i+6]); ok && !allowedChar(rune(v)) && !(v == 0 && i == start+1 && s.placeholders) {
					s.bad(i, fmt.Sprintf("escaped character \\u%s", data[i+2:i+6]))
				}
			}
			if i+1 < n {
				if cl := byteClass[data[i+1]]; cl == clNewline || cl == clControl || cl == clHigh {
					// Not an escape (the grammar reported it): read the byte
					// as itself, so that a newline still starts a line and a
					// character is still checked whole.
					i++
					continue
				}
			}
			i += 2
		case clNewline:
			s.controlInString(i, c)
			s.r.lineStarts = append(s.r.lineStarts, int32(i+1))
			i++
		case clControl:
			s.controlInString(i, c)
			s.bad(i, charProblem(rune(c), 1, c))
			i++
		case clHigh:
			w := s.multiByte(data, i)
			extra += w - 1
			i += w
		}
	}
	if s.st != gFailed {
		s.syntax(start, "string is not terminated; a closing '\"' is missing")
	}
	if l := n - start - 1; l > MaxStringLength {
		s.r.problems = append(s.r.problems, scanProblem{start, CodeInputLimit,
			fmt.Sprintf("string of %d bytes is longer than the limit of %d bytes (MaxStringLength)", l, MaxStringLength)})
	}
	return n, extra
}

// number scans the JSON number (or what looks like one: numberGrammar
// checks the grammar) that starts at data[start] and returns the offset after
// it. A number is held to MaxStringLength like a string, because a
// condition value written as a number is a string of the same length in
// the canonical form.
func (s *scanner) number(data []byte, start int) int {
	i := start
	for i < len(data) {
		c := data[i]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		i++
	}
	if l := i - start; l > MaxStringLength {
		s.r.problems = append(s.r.problems, scanProblem{start, CodeInputLimit,
			fmt.Sprintf("number of %d bytes is longer than the limit of %d bytes (MaxStringLength)", l, MaxStringLength)})
	}
	return i
}

// allowedChar reports whether r may appear in a policy document: the rule
// that Parse applies to the raw bytes and escapes of a document, and Check
// to the strings of a policy built in Go (through charProblem).
func allowedChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xFF)
}

// charProblem describes the character r of width w that starts with byte
// first (an invalid UTF-8 byte when r is utf8.RuneError and w is 1) if it
// is not allowed in a policy document, and returns "" if it is.
func charProblem(r rune, w int, first byte) string {
	switch {
	case r == utf8.RuneError && w == 1:
		return fmt.Sprintf("invalid UTF-8 byte 0x%02X", first)
	case allowedChar(r):
		return ""
	case r < 0x20:
		return fmt.Sprintf("control character U+%04X", r)
	}
	return fmt.Sprintf("character %q (U+%04X)", r, r)
}

// stringProblem returns the byte offset and description of the first
// character of s that is not allowed in a policy document, or -1 and "".
func stringProblem(s string) (int, string) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !allowedChar(rune(c)) {
				return i, charProblem(rune(c), 1, c)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if what := charProblem(r, w, s[i]); what != "" {
			return i, what
		}
		i += w
	}
	return -1, ""
}

func hex4(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
