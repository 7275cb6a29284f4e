package conditions

import "strings"

// parseBool parses true or false in any case (SPEC §5.9, §5.10).
func parseBool(s string) (bool, problem) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, problem{}
	case strings.EqualFold(s, "false"):
		return false, problem{}
	}
	return false, problem{bad: true}
}

// matchBool compares request value x with the policy values of Bool. A
// policy value holding variables that does not resolve to true or false
// matches nothing.
func (c *clause) matchBool(x string, ctx Context) (hits int, valid bool) {
	want, p := parseBool(x)
	if p.bad {
		return 0, false
	}
	for _, v := range c.bools {
		if v == want {
			hits++
		}
	}
	var buf [bufSize]byte
	for i := range c.strs {
		b, ok := c.strs[i].tmpl.AppendText(buf[:0], ctx)
		if !ok || len(b) > len("false") {
			continue // no value, or not a boolean
		}
		if v, p := parseBool(string(b)); !p.bad && v == want {
			hits++
		}
	}
	return hits, true
}
