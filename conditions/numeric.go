package conditions

import "strings"

// decimal is an exact decimal number held as slices of its source text, so
// that parsing and comparing never allocate and no size limit applies:
// 10, 10.0, +010 and 10.000 have the same decimal.
type decimal struct {
	neg   bool   // false for zero
	whole string // integer digits without leading zeros ("" for 0)
	frac  string // fraction digits without trailing zeros
}

// parseDecimal parses ^[+-]?(\d+(\.\d*)?|\.\d+)$ (SPEC §5.9) without
// allocating.
func parseDecimal(s string) (decimal, problem) {
	var d decimal
	rest, off := s, 0
	if rest != "" && (rest[0] == '+' || rest[0] == '-') {
		d.neg = rest[0] == '-'
		rest, off = rest[1:], 1
	}
	i := 0
	for i < len(rest) && isDigit(rest[i]) {
		i++
	}
	whole := rest[:i]
	frac := ""
	if i < len(rest) && rest[i] == '.' {
		j := i + 1
		for j < len(rest) && isDigit(rest[j]) {
			j++
		}
		frac = rest[i+1 : j]
		i = j
	}
	switch {
	case s == "":
		return decimal{}, problem{bad: true, what: "empty"}
	case i < len(rest):
		return decimal{}, unexpected(off + i)
	case whole == "" && frac == "":
		return decimal{}, problem{bad: true, what: "no digits"}
	}
	d.whole = strings.TrimLeft(whole, "0")
	d.frac = strings.TrimRight(frac, "0")
	if d.whole == "" && d.frac == "" {
		d.neg = false
	}
	return d, problem{}
}

// cmpDecimal compares two decimals exactly: -1, 0 or +1.
func cmpDecimal(a, b decimal) int {
	if a.neg != b.neg {
		if a.neg {
			return -1
		}
		return 1
	}
	c := cmpMagnitude(a, b)
	if a.neg {
		return -c
	}
	return c
}

func cmpMagnitude(a, b decimal) int {
	if len(a.whole) != len(b.whole) {
		if len(a.whole) < len(b.whole) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.whole, b.whole); c != 0 {
		return c
	}
	// Without trailing zeros, comparing fraction digits as strings is exact:
	// a proper prefix is the smaller number.
	return strings.Compare(a.frac, b.frac)
}

// ordered applies an ordering operator (Equals, LessThan, …) to the result of
// a three-way comparison of request value against policy value.
func ordered(b Base, c int) bool {
	switch b {
	case NumericEquals, NumericNotEquals, DateEquals, DateNotEquals:
		return c == 0
	case NumericLessThan, DateLessThan:
		return c < 0
	case NumericLessThanEquals, DateLessThanEquals:
		return c <= 0
	case NumericGreaterThan, DateGreaterThan:
		return c > 0
	case NumericGreaterThanEquals, DateGreaterThanEquals:
		return c >= 0
	}
	return false
}

// matchNumeric compares request value x with the policy numbers: hits is the
// number of values the positive comparison holds for; valid is false when x
// is not a number.
func (c *clause) matchNumeric(x string) (hits int, valid bool) {
	d, p := parseDecimal(x)
	if p.bad {
		return 0, false
	}
	for _, p := range c.nums {
		if ordered(c.base, cmpDecimal(d, p)) {
			hits++
		}
	}
	return hits, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
