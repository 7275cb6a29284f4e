package conditions

import "strings"

// instant is a point in time, exact and without overflow: seconds since the
// Unix epoch plus fraction digits.
type instant struct {
	sec  int64
	frac string // fraction-of-second digits without trailing zeros
}

// parseDate parses a date of SPEC §5.9 without allocating: epoch seconds
// (all digits, D11) or the W3C profile of ISO 8601:
//
//	YYYY-MM
//	YYYY-MM-DD
//	YYYY-MM-DDThh:mm[TZD]
//	YYYY-MM-DDThh:mm:ss[TZD]
//	YYYY-MM-DDThh:mm:ss.s…[TZD]
//
// where TZD is Z, +hh:mm or -hh:mm and defaults to UTC. A bare year YYYY is
// all digits, hence epoch seconds.
func parseDate(s string) (instant, problem) {
	if s == "" {
		return instant{}, problem{bad: true, what: "empty"}
	}
	if allDigits(s) {
		return epoch(s)
	}
	year, month, day, p := calendarDate(s)
	if p.bad {
		return instant{}, p
	}
	var t clock
	if len(s) > 10 {
		if t, p = clockTime(s); p.bad {
			return instant{}, p
		}
	}
	sec := daysFromCivil(int64(year), int64(month), int64(day))*86400 +
		int64(t.hour*3600+t.minute*60+t.second-t.offset)
	return instant{sec: sec, frac: t.frac}, problem{}
}

// clock is the time of day of a date, midnight UTC when it has none.
type clock struct {
	hour, minute, second int
	frac                 string // fraction-of-second digits without trailing zeros
	offset               int    // of the time zone: seconds east of UTC
}

// calendarDate reads the YYYY-MM or YYYY-MM-DD at the start of s; the day is
// 1 when s has none. What follows the day is clockTime's.
func calendarDate(s string) (year, month, day int, p problem) {
	if year, p = digitsAt(s, 0, 4, "expected a 4-digit year, found"); p.bad {
		return 0, 0, 0, p
	}
	if p = expect(s, 4, '-'); p.bad {
		return 0, 0, 0, p
	}
	if month, p = digitsAt(s, 5, 2, "expected a 2-digit month, found"); p.bad {
		return 0, 0, 0, p
	}
	if month < 1 || month > 12 {
		return 0, 0, 0, problem{bad: true, what: "month %d out of range", n: month}
	}
	if len(s) <= 7 {
		return year, month, 1, problem{}
	}
	if p = expect(s, 7, '-'); p.bad {
		return 0, 0, 0, p
	}
	if day, p = digitsAt(s, 8, 2, "expected a 2-digit day, found"); p.bad {
		return 0, 0, 0, p
	}
	if day < 1 || day > daysIn(year, month) {
		return 0, 0, 0, problem{bad: true, what: "day %d out of range", n: day}
	}
	return year, month, day, problem{}
}

// clockTime reads the Thh:mm[:ss[.s…]][TZD] that follows the day (at
// offset 10) to the end of s.
func clockTime(s string) (c clock, p problem) {
	if c.hour, p = field(s, 10, 'T', 23, "expected a 2-digit hour, found", "hour"); p.bad {
		return clock{}, p
	}
	if c.minute, p = field(s, 13, ':', 59, "expected 2-digit minutes, found", "minute"); p.bad {
		return clock{}, p
	}
	pos := 16
	if pos < len(s) && s[pos] == ':' {
		if pos, p = c.seconds(s); p.bad {
			return clock{}, p
		}
	}
	if pos < len(s) {
		if c.offset, pos, p = zoneOffset(s, pos); p.bad {
			return clock{}, p
		}
	}
	if pos < len(s) {
		return clock{}, unexpected(pos)
	}
	return c, problem{}
}

// seconds reads the :ss[.s…] at offset 16 of s into c and returns the
// offset after it.
func (c *clock) seconds(s string) (int, problem) {
	var p problem
	if c.second, p = field(s, 16, ':', 59, "expected 2-digit seconds, found", "second"); p.bad {
		return 0, p
	}
	pos := 19
	if pos < len(s) && s[pos] == '.' {
		j := pos + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == pos+1 {
			return 0, problem{bad: true, what: "a fraction of a second needs digits after '.'"}
		}
		c.frac = strings.TrimRight(s[pos+1:j], "0")
		pos = j
	}
	return pos, problem{}
}

// zoneOffset reads the time zone designator at s[pos] (Z, +hh:mm or
// -hh:mm) and returns its offset east of UTC in seconds and the offset of
// s after it.
func zoneOffset(s string, pos int) (offset, next int, p problem) {
	switch s[pos] {
	case 'Z':
		return 0, pos + 1, problem{}
	case '+', '-':
	default:
		return 0, 0, unexpected(pos)
	}
	oh, p := digitsAt(s, pos+1, 2, "expected a 2-digit time-zone hour, found")
	if p.bad {
		return 0, 0, p
	}
	if p := expect(s, pos+3, ':'); p.bad {
		return 0, 0, p
	}
	om, p := digitsAt(s, pos+4, 2, "expected 2-digit time-zone minutes, found")
	if p.bad {
		return 0, 0, p
	}
	if oh > 23 || om > 59 {
		return 0, 0, problem{bad: true, what: "time-zone offset out of range"}
	}
	offset = oh*3600 + om*60
	if s[pos] == '-' {
		offset = -offset
	}
	return offset, pos + 6, problem{}
}

// maxEpoch is the largest epoch value, that of a signed 64-bit integer.
const maxEpoch = "9223372036854775807"

// epoch parses all-digit epoch seconds. IAM refuses a policy whose epoch
// date does not fit a signed 64-bit integer ("The policy failed legacy
// parsing"), so such a value is not a date, in a policy or in a request.
func epoch(s string) (instant, problem) {
	d := strings.TrimLeft(s, "0")
	if len(d) > len(maxEpoch) || len(d) == len(maxEpoch) && d > maxEpoch {
		return instant{}, problem{bad: true, what: "epoch seconds beyond " + maxEpoch + ", the largest signed 64-bit integer"}
	}
	var n int64
	for i := 0; i < len(d); i++ {
		n = n*10 + int64(d[i]-'0')
	}
	return instant{sec: n}, problem{}
}

// cmpInstant compares two instants exactly: -1, 0 or +1.
func cmpInstant(a, b instant) int {
	switch {
	case a.sec < b.sec:
		return -1
	case a.sec > b.sec:
		return 1
	}
	return strings.Compare(a.frac, b.frac)
}

// matchDate compares request value x with the policy dates.
func (c *clause) matchDate(x string) (hits int, valid bool) {
	t, p := parseDate(x)
	if p.bad {
		return 0, false
	}
	for _, d := range c.dates {
		if ordered(c.base, cmpInstant(t, d)) {
			hits++
		}
	}
	return hits, true
}

// daysFromCivil returns the number of days from 1970-01-01 to the given date
// of the proleptic Gregorian calendar.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// digitsAt reads exactly n digits of s at i; what is the static message of
// the problem otherwise.
func digitsAt(s string, i, n int, what string) (int, problem) {
	v := 0
	for k := i; k < i+n; k++ {
		if k >= len(s) || !isDigit(s[k]) {
			p := unexpected(k)
			p.what = what
			return 0, p
		}
		v = v*10 + int(s[k]-'0')
	}
	return v, problem{}
}

// field reads the separator sep at offset i of s and the two digits after
// it, a value of at most max; what describes the digits expected, name the
// field in the out-of-range problem.
func field(s string, i int, sep byte, max int, what, name string) (int, problem) {
	if p := expect(s, i, sep); p.bad {
		return 0, p
	}
	v, p := digitsAt(s, i+1, 2, what)
	if p.bad {
		return 0, p
	}
	if v > max {
		return 0, problem{bad: true, what: name + " %d out of range", n: v}
	}
	return v, problem{}
}

// expect checks that s[i] is c.
func expect(s string, i int, c byte) problem {
	if i < len(s) && s[i] == c {
		return problem{}
	}
	p := unexpected(i)
	p.what, p.n = "expected '%c', found", int(c)
	return p
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
