package policy

import (
	"fmt"
	"unicode/utf8"
)

// The JSON grammar, followed by scan in the same pass as its other
// checks. scan hands every token to the scanner's grammar methods, which
// move the state st on or, at the first violation, record its offset and
// description in the scan result and stop following the grammar (st
// becomes gFailed). A violation is described at the byte that breaks the
// grammar, except for an unterminated string (at its opening quote), an
// invalid literal (at its first letter) and a bad escape (at its
// backslash).

// Grammar states: what the JSON grammar expects next.
const (
	gTop      uint8 = iota // the document's value
	gValue                 // a member's value, after ':'
	gArrFirst              // an array's first element, or ']'
	gArrNext               // an array element, after ','
	gObjFirst              // an object's first key, or '}'
	gObjNext               // an object key, after ','
	gColon                 // the ':' after a key
	gAfter                 // ',' or a closing bracket after a value; the end of input after the document's value
	gFailed                // a violation was found; the grammar is no longer followed
)

// expectsValue reports whether a value may start in state st.
func expectsValue(st uint8) bool { return st <= gArrNext }

// syntax records the first violation of the grammar.
func (s *scanner) syntax(off int, msg string) {
	if s.st == gFailed {
		return
	}
	s.st = gFailed
	s.r.synOff, s.r.synMsg = off, msg
}

// top returns the opening bracket of the innermost open container, or 0
// at the top level.
func (s *scanner) top() byte {
	switch {
	case s.nk == 0:
		return 0
	case s.nk <= len(s.kinds):
		return s.kinds[s.nk-1]
	}
	return s.deeper[s.nk-1-len(s.kinds)]
}

// push records the opening bracket c of a container.
func (s *scanner) push(c byte) {
	if s.nk < len(s.kinds) {
		s.kinds[s.nk] = c
	} else {
		s.deeper = append(s.deeper[:s.nk-len(s.kinds)], c)
	}
	s.nk++
}

// describe names the byte at data[i] (the character it starts, if it is
// not printable ASCII) or the end of input, for a message.
func describe(data []byte, i int) string {
	if i >= len(data) {
		return "end of input"
	}
	c := data[i]
	if c < 0x20 || c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRune(data[i:])
		return fmt.Sprintf("character U+%04X", r)
	}
	return fmt.Sprintf("character %q", c)
}

// unexpected records that the grammar does not allow data[i] here.
func (s *scanner) unexpected(data []byte, i int) {
	if s.st == gFailed {
		return
	}
	c := data[i]
	var msg string
	switch s.st {
	case gTop, gValue, gArrFirst, gArrNext:
		switch {
		case s.st == gArrNext && c == ']':
			msg = "unexpected ']' after ','; remove the trailing comma"
		case c == '\'':
			msg = "unexpected single quote; JSON strings use double quotes"
		default:
			msg = "unexpected " + describe(data, i) + "; expected a value (string, number, object, array, true, false or null)"
		}
	case gObjFirst, gObjNext:
		if s.st == gObjNext && c == '}' {
			msg = "unexpected '}' after ','; remove the trailing comma"
		} else {
			msg = "unexpected " + describe(data, i) + "; expected an object key in double quotes"
		}
	case gColon:
		msg = "unexpected " + describe(data, i) + " after an object key; expected ':'"
	default: // gAfter
		switch s.top() {
		case 0:
			msg = "unexpected " + describe(data, i) + " after the end of the policy object; remove the trailing data"
		case '{':
			msg = "unexpected " + describe(data, i) + " after an object member; expected ',' or '}'"
		default:
			msg = "unexpected " + describe(data, i) + " after an array element; expected ',' or ']'"
		}
	}
	s.syntax(i, msg)
}

// end records the violation, if any, of the input ending at offset n in
// the current state.
func (s *scanner) end(n int) {
	var want string
	switch s.st {
	case gFailed:
		return
	case gTop:
		s.syntax(0, "the document is empty; a policy is a JSON object such as {\"Version\": \"2012-10-17\", \"Statement\": [...]}")
		return
	case gValue, gArrNext:
		want = "expected a value"
	case gArrFirst:
		want = "expected a value or ']'"
	case gObjFirst:
		want = "expected a key or '}'"
	case gObjNext:
		want = "expected a key"
	case gColon:
		want = "expected ':' after the object key"
	default: // gAfter
		switch s.top() {
		case 0:
			return
		case '{':
			want = "expected ',' or '}' (an object is not closed)"
		default:
			want = "expected ',' or ']' (an array is not closed)"
		}
	}
	s.syntax(n, eofMessage(want))
}

func eofMessage(want string) string {
	return "unexpected end of input: " + want + "; the document is incomplete"
}

// open follows the '{' or '[' at data[i].
func (s *scanner) open(data []byte, i int) {
	if !expectsValue(s.st) {
		s.unexpected(data, i)
		return
	}
	c := data[i]
	s.push(c)
	if c == '{' {
		s.st = gObjFirst
	} else {
		s.st = gArrFirst
	}
}

// close follows the '}' or ']' at data[i].
func (s *scanner) close(data []byte, i int) {
	c := data[i]
	var first uint8 = gObjFirst
	if c == ']' {
		first = gArrFirst
	}
	if s.st == first || s.st == gAfter && s.top() == c-2 { // '}'-2 == '{', ']'-2 == '['
		s.nk--
		s.st = gAfter
		return
	}
	s.unexpected(data, i)
}

// comma follows the ',' at data[i].
func (s *scanner) comma(data []byte, i int) {
	if s.st == gAfter {
		switch s.top() {
		case '{':
			s.st = gObjNext
			return
		case '[':
			s.st = gArrNext
			return
		}
	}
	s.unexpected(data, i)
}

// colon follows the ':' at data[i].
func (s *scanner) colon(data []byte, i int) {
	if s.st == gColon {
		s.st = gValue
		return
	}
	s.unexpected(data, i)
}

// quote follows the '"' at data[i] that opens a string, a value or a key.
// The string's own grammar is checked by str.
func (s *scanner) quote(data []byte, i int) {
	switch {
	case expectsValue(s.st):
		s.st = gAfter
	case s.st == gObjFirst || s.st == gObjNext:
		s.st = gColon
	default:
		s.unexpected(data, i)
	}
}

// literal follows the letter or other ASCII character data[i] that is not
// part of a string or number, and returns the offset of the next byte to
// scan: after the literal true, false or null, or after data[i].
func (s *scanner) literal(data []byte, i int) int {
	if s.st == gFailed {
		return i + 1
	}
	if expectsValue(s.st) {
		var word string
		switch data[i] {
		case 't':
			word = "true"
		case 'f':
			word = "false"
		case 'n':
			word = "null"
		}
		if word != "" {
			if len(data)-i >= len(word) && string(data[i:i+len(word)]) == word {
				s.st = gAfter
				return i + len(word)
			}
			s.syntax(i, fmt.Sprintf("invalid literal; expected %q (JSON literals are lower-case true, false and null)", word))
			return i + 1
		}
	}
	s.unexpected(data, i)
	return i + 1
}

// numberGrammar follows the number that scan found in data[start:end]
// (the longest run of bytes that can occur in a number).
func (s *scanner) numberGrammar(data []byte, start, end int) {
	if !expectsValue(s.st) {
		s.unexpected(data, start)
		return
	}
	e, off, msg := numberEnd(data, start)
	if msg != "" {
		s.syntax(off, msg)
		return
	}
	s.st = gAfter
	if e < end {
		s.unexpected(data, e)
	}
}

// numberEnd follows the JSON number grammar from data[i], a '-' or a
// digit, and returns the offset after the number, or the offset and
// description of its first violation.
func numberEnd(data []byte, i int) (end, off int, msg string) {
	n := len(data)
	if data[i] == '-' {
		i++
	}
	if i >= n {
		return 0, n, eofMessage("expected digits of a number")
	}
	if data[i] == '0' {
		i++
	} else if j := digits(data, i); j > i {
		i = j
	} else {
		return 0, i, "invalid number: expected a digit, found " + describe(data, i)
	}
	if i < n && data[i] == '.' {
		i++
		j := digits(data, i)
		if j == i {
			return 0, i, "invalid number: expected a digit after the decimal point, found " + describe(data, i)
		}
		i = j
	}
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < n && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			return 0, i, "invalid number: expected a digit in the exponent, found " + describe(data, i)
		}
		i = j
	}
	return i, 0, ""
}

// digits returns the offset after the decimal digits that start at
// data[i].
func digits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

// escape checks the escape sequence whose backslash is data[i], inside a
// string.
func (s *scanner) escape(data []byte, i int) {
	n := len(data)
	if i+1 >= n {
		s.syntax(n, eofMessage("incomplete escape sequence"))
		return
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
	case 'u':
		if i+6 > n {
			s.syntax(i, "invalid \\u escape; expected four hexadecimal digits")
		} else if _, ok := hex4(data[i+2 : i+6]); !ok {
			s.syntax(i, "invalid \\u escape; expected four hexadecimal digits")
		}
	default:
		s.syntax(i, fmt.Sprintf("invalid escape sequence \\%c in string", data[i+1]))
	}
}

// controlInString records the control character c at data[i] inside a
// string, which JSON allows only escaped.
func (s *scanner) controlInString(i int, c byte) {
	if s.st != gFailed {
		s.syntax(i, fmt.Sprintf("control character U+%04X inside a string; write it as an escape such as \\n or \\t", c))
	}
}
