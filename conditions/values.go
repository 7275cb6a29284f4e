package conditions

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValueError reports a policy value that is not valid for its operator's
// family: a number that is not a number, a date out of range, …
type ValueError struct {
	Family Family // the family of the operator
	Value  string // the value as written
	Reason string // what is wrong, with a hint at the expected form
}

func (e *ValueError) Error() string {
	return strconv.Quote(e.Value) + " " + e.Reason
}

// ErrNoValues is the error of a clause with an empty list of values.
var ErrNoValues = errors.New("a condition key needs at least one value")

// ClauseError reports a clause that Compile cannot compile. Err is an
// *OperatorError, ErrNoValues, or a *ValueError for Clause's value at index
// Value.
type ClauseError struct {
	Clause int   // index of the clause
	Value  int   // index of the value in the clause's Values, or -1 for the clause itself
	Err    error // what is wrong
}

func (e *ClauseError) Error() string {
	if e.Value < 0 {
		return fmt.Sprintf("condition clause %d: %v", e.Clause, e.Err)
	}
	return fmt.Sprintf("condition clause %d, value %d: %v", e.Clause, e.Value, e.Err)
}

// Unwrap returns Err.
func (e *ClauseError) Unwrap() error { return e.Err }

// CheckValue reports whether a policy value is valid for the operator family
// of b: a number for Numeric operators (SPEC §5.9), a date (ISO 8601 or epoch
// seconds) for Date operators, a CIDR block or address for IP operators,
// standard padded base64 for BinaryEquals, true or false (in any case) for
// Bool and Null. String and ARN values may be any valid UTF-8. A Bool value
// holding a policy variable is accepted: it is checked once substituted, when
// it never matches unless it reads true or false. The error is a *ValueError
// that says what is wrong.
func CheckValue(b Base, value string) error {
	if !b.Valid() {
		return &OperatorError{Name: b.String(), Reason: "not a condition operator"}
	}
	fam := b.Family()
	if !utf8.ValidString(value) {
		return &ValueError{Family: fam, Value: value, Reason: "is not valid UTF-8"}
	}
	var p problem
	switch fam {
	case FamilyNumeric:
		_, p = parseDecimal(value)
	case FamilyDate:
		_, p = parseDate(value)
	case FamilyIP:
		_, p = parsePrefix(value)
	case FamilyBinary:
		_, p = decodeBase64(value)
	case FamilyBool:
		t := ParseTemplate(value, true)
		if t.ctx {
			return nil
		}
		_, p = parseBool(t.literalText())
	case FamilyNull:
		_, p = parseBool(value)
	}
	if p.bad {
		return &ValueError{Family: fam, Value: value, Reason: reason(fam, value, p)}
	}
	return nil
}

// reason renders the Reason of a ValueError: what the value is not, what is
// wrong, and the form expected.
func reason(fam Family, value string, p problem) string {
	var noun, hint string
	switch fam {
	case FamilyNumeric:
		noun, hint = "is not a number", "(use an integer or decimal number such as 10, -3 or 2.5; no exponent)"
	case FamilyDate:
		noun, hint = "is not a date", "(use ISO 8601 such as 2020-01-31T00:00:00Z, or epoch seconds)"
	case FamilyIP:
		noun, hint = "is not an IP address or CIDR block", "(use a CIDR block such as 203.0.113.0/24 or 2001:db8::/32, or a single address)"
	case FamilyBinary:
		noun, hint = "is not base64", "(use standard base64 with padding, such as QmluYXJ5)"
	case FamilyBool, FamilyNull:
		noun, hint = "is not a boolean", "(use true or false)"
	default:
		noun = "is not valid"
	}
	if d := p.render(value); d != "" {
		noun += ": " + d
	}
	if hint != "" {
		noun += " " + hint
	}
	return noun
}

// literalText returns the text of a template that reads no context key.
func (t Template) literalText() string {
	if !t.vars {
		return t.src
	}
	b, _ := t.AppendText(nil, Context{})
	return string(b)
}

// problem says why a value does not parse, without allocating: parsers run
// on request values at evaluation time, and only CheckValue renders the text.
type problem struct {
	bad  bool
	what string // static description; may hold one %d or %c verb for n
	n    int
	at   int // 1 + offset of the offending character, or 0
}

// unexpected is the problem of an unexpected character at offset i.
func unexpected(i int) problem { return problem{bad: true, what: "unexpected", at: i + 1} }

// render describes the problem of value for an error message.
func (p problem) render(value string) string {
	msg := p.what
	if strings.Contains(msg, "%") {
		msg = fmt.Sprintf(msg, p.n)
	}
	if p.at > 0 {
		i := p.at - 1
		what := "end of text"
		if i < len(value) {
			r, _ := utf8.DecodeRuneInString(value[i:])
			what = strconv.QuoteRune(r)
		}
		msg += fmt.Sprintf(" %s at offset %d", what, i)
	}
	return msg
}
