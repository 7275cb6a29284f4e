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
}

// pos returns the position of byte offset off of the document, as a
// position in the document's source.
func (s *source) pos(off int) Position {
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

// local returns the offset in the document of a position pos returned.
func (s *source) local(p Position) int { return p.Offset - s.base.Offset }

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
// MaxStringLength and nesting deeper than MaxDepth. It does not validate
// the JSON grammar; it only needs to tell strings from the rest.
func scan(data []byte) scanResult {
	s := &scanner{}
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
				i++
			case c == '-' || c >= '0' && c <= '9':
				s.value()
				i = s.number(data, i)
			default:
				s.value()
				i++
			}
		case clComma:
			if s.depth > 0 && s.depth <= MaxDepth {
				s.r.containers[s.stack[s.depth-1]].n++
			}
			i++
		case clOpen:
			s.value()
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
			i++
		case clQuote:
			s.value()
			strs++
			var e int
			i, e = s.str(data, i)
			extra += e
		case clControl:
			s.bad(i, charProblem(rune(data[i]), 1, data[i]))
			i++
		case clHigh:
			s.value()
			w := s.multiByte(data, i)
			extra += w - 1
			i += w
		default: // clEscape outside a string: invalid JSON, found later
			i++
		}
	}
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
		case clPlain, clSpace, clOpen, clClose, clComma:
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
			if i+1 < n && data[i+1] == 'u' && i+6 <= n {
				if v, ok := hex4(data[i+2 : i+6]); ok && !allowedChar(rune(v)) {
					s.bad(i, fmt.Sprintf("escaped character \\u%s", data[i+2:i+6]))
				}
			}
			i += 2
		case clNewline:
			s.r.lineStarts = append(s.r.lineStarts, int32(i+1))
			i++
		case clControl:
			s.bad(i, charProblem(rune(c), 1, c))
			i++
		case clHigh:
			w := s.multiByte(data, i)
			extra += w - 1
			i += w
		}
	}
	if l := n - start - 1; l > MaxStringLength {
		s.r.problems = append(s.r.problems, scanProblem{start, CodeInputLimit,
			fmt.Sprintf("string of %d bytes is longer than the limit of %d bytes (MaxStringLength)", l, MaxStringLength)})
	}
	return n, extra
}

// number scans the JSON number (or what looks like one: the grammar is
// checked later) that starts at data[start] and returns the offset after
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

// syntaxError locates the first violation of the JSON grammar in data and
// describes it. It is called only after gjson.ValidBytes has rejected the
// document, so it favours clear messages over speed. ok is false if it finds
// no error (it then disagrees with gjson, and the caller reports a generic
// error at the start of the document).
func syntaxError(data []byte) (off int, msg string, ok bool) {
	l := locator{data: data}
	defer func() {
		if r := recover(); r != nil {
			se, isSE := r.(locError)
			if !isSE {
				panic(r)
			}
			off, msg, ok = se.off, se.msg, true
		}
	}()
	l.ws()
	if l.i >= len(l.data) {
		return 0, "the document is empty; a policy is a JSON object such as {\"Version\": \"2012-10-17\", \"Statement\": [...]}", true
	}
	l.value(0)
	l.ws()
	if l.i < len(l.data) {
		l.fail("unexpected %s after the end of the policy object; remove the trailing data", l.describe())
	}
	return 0, "", false
}

// locError carries a syntax error out of the recursive descent. It never
// leaves syntaxError.
type locError struct {
	off int
	msg string
}

type locator struct {
	data []byte
	i    int
}

func (l *locator) fail(format string, args ...any) {
	panic(locError{l.i, fmt.Sprintf(format, args...)})
}

func (l *locator) describe() string {
	if l.i >= len(l.data) {
		return "end of input"
	}
	c := l.data[l.i]
	if c < 0x20 || c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRune(l.data[l.i:])
		return fmt.Sprintf("character U+%04X", r)
	}
	return fmt.Sprintf("character %q", c)
}

func (l *locator) ws() {
	for l.i < len(l.data) {
		switch l.data[l.i] {
		case ' ', '\t', '\n', '\r':
			l.i++
		default:
			return
		}
	}
}

func (l *locator) eof(what string) {
	if l.i >= len(l.data) {
		l.fail("unexpected end of input: %s; the document is incomplete", what)
	}
}

func (l *locator) value(depth int) {
	if depth > MaxDepth {
		l.fail("JSON nesting is deeper than the limit of %d levels (MaxDepth)", MaxDepth)
	}
	l.ws()
	l.eof("expected a value")
	switch c := l.data[l.i]; {
	case c == '{':
		l.object(depth + 1)
	case c == '[':
		l.array(depth + 1)
	case c == '"':
		l.str()
	case c == '-' || (c >= '0' && c <= '9'):
		l.number()
	case c == 't':
		l.literal("true")
	case c == 'f':
		l.literal("false")
	case c == 'n':
		l.literal("null")
	case c == '\'':
		l.fail("unexpected single quote; JSON strings use double quotes")
	default:
		l.fail("unexpected %s; expected a value (string, number, object, array, true, false or null)", l.describe())
	}
}

func (l *locator) object(depth int) {
	l.i++ // '{'
	l.ws()
	l.eof("expected a key or '}'")
	if l.data[l.i] == '}' {
		l.i++
		return
	}
	for {
		l.ws()
		l.eof("expected a key")
		if l.data[l.i] != '"' {
			if l.data[l.i] == '}' {
				l.fail("unexpected '}' after ','; remove the trailing comma")
			}
			l.fail("unexpected %s; expected an object key in double quotes", l.describe())
		}
		l.str()
		l.ws()
		l.eof("expected ':' after the object key")
		if l.data[l.i] != ':' {
			l.fail("unexpected %s after an object key; expected ':'", l.describe())
		}
		l.i++
		l.value(depth)
		l.ws()
		l.eof("expected ',' or '}' (an object is not closed)")
		switch l.data[l.i] {
		case ',':
			l.i++
		case '}':
			l.i++
			return
		default:
			l.fail("unexpected %s after an object member; expected ',' or '}'", l.describe())
		}
	}
}

func (l *locator) array(depth int) {
	l.i++ // '['
	l.ws()
	l.eof("expected a value or ']'")
	if l.data[l.i] == ']' {
		l.i++
		return
	}
	for {
		l.ws()
		if l.i < len(l.data) && l.data[l.i] == ']' {
			l.fail("unexpected ']' after ','; remove the trailing comma")
		}
		l.value(depth)
		l.ws()
		l.eof("expected ',' or ']' (an array is not closed)")
		switch l.data[l.i] {
		case ',':
			l.i++
		case ']':
			l.i++
			return
		default:
			l.fail("unexpected %s after an array element; expected ',' or ']'", l.describe())
		}
	}
}

func (l *locator) str() {
	start := l.i
	l.i++ // '"'
	for {
		if l.i >= len(l.data) {
			l.i = start
			l.fail("string is not terminated; a closing '\"' is missing")
		}
		c := l.data[l.i]
		switch {
		case c == '"':
			l.i++
			return
		case c == '\\':
			l.i++
			l.eof("incomplete escape sequence")
			switch l.data[l.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				l.i++
			case 'u':
				if _, ok := hex4(l.data[l.i+1 : min(l.i+5, len(l.data))]); !ok || l.i+5 > len(l.data) {
					l.i--
					l.fail("invalid \\u escape; expected four hexadecimal digits")
				}
				l.i += 5
			default:
				l.i--
				l.fail("invalid escape sequence \\%c in string", l.data[l.i+1])
			}
		case c < 0x20:
			l.fail("control character U+%04X inside a string; write it as an escape such as \\n or \\t", c)
		default:
			l.i++
		}
	}
}

func (l *locator) digits() int {
	n := 0
	for l.i < len(l.data) && l.data[l.i] >= '0' && l.data[l.i] <= '9' {
		l.i++
		n++
	}
	return n
}

func (l *locator) number() {
	if l.data[l.i] == '-' {
		l.i++
	}
	l.eof("expected digits of a number")
	if l.data[l.i] == '0' {
		l.i++
	} else if l.digits() == 0 {
		l.fail("invalid number: expected a digit, found %s", l.describe())
	}
	if l.i < len(l.data) && l.data[l.i] == '.' {
		l.i++
		if l.digits() == 0 {
			l.fail("invalid number: expected a digit after the decimal point, found %s", l.describe())
		}
	}
	if l.i < len(l.data) && (l.data[l.i] == 'e' || l.data[l.i] == 'E') {
		l.i++
		if l.i < len(l.data) && (l.data[l.i] == '+' || l.data[l.i] == '-') {
			l.i++
		}
		if l.digits() == 0 {
			l.fail("invalid number: expected a digit in the exponent, found %s", l.describe())
		}
	}
}

func (l *locator) literal(word string) {
	for k := 0; k < len(word); k++ {
		if l.i+k >= len(l.data) || l.data[l.i+k] != word[k] {
			l.fail("invalid literal; expected %q (JSON literals are lower-case true, false and null)", word)
		}
	}
	l.i += len(word)
}
