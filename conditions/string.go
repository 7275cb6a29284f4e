package conditions

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// matchString compares request value x with the policy values of a String
// operator.
func (c *clause) matchString(x string, ctx Context) (hits int, valid bool) {
	for i := range c.strs {
		sv := &c.strs[i]
		if sv.dyn {
			hit, ok := c.matchStringVar(sv, x, ctx)
			if !ok {
				return 0, false
			}
			if hit {
				hits++
			}
			continue
		}
		var hit bool
		switch c.base {
		case StringEquals, StringNotEquals:
			hit = sv.text == x
		case StringEqualsIgnoreCase, StringNotEqualsIgnoreCase:
			hit = strings.EqualFold(sv.text, x)
		case StringLike, StringNotLike:
			hit = sv.glob.Match(x)
		}
		if hit {
			hits++
		}
	}
	return hits, true
}

// matchStringVar compares x with a policy value holding variables,
// substituted into a stack buffer. A variable with no value matches nothing
// (SPEC §5.11.4); ok is false when the substituted text cannot be matched.
func (c *clause) matchStringVar(sv *strValue, x string, ctx Context) (hit, ok bool) {
	var buf [bufSize]byte
	switch c.base {
	case StringEquals, StringNotEquals:
		b, resolved := sv.tmpl.AppendText(buf[:0], ctx)
		return resolved && string(b) == x, true
	case StringEqualsIgnoreCase, StringNotEqualsIgnoreCase:
		b, resolved := sv.tmpl.AppendText(buf[:0], ctx)
		return resolved && equalFoldBytes(b, x), true
	}
	b, st := sv.tmpl.appendGlob(buf[:0], ctx)
	switch st {
	case unrepresent:
		return false, false // fail closed
	case resolved:
		return wildcard.Match(b, x, false), true
	}
	return false, true
}

// firstRune decodes the first rune of the non-empty b, ASCII without a call.
func firstRune(b []byte) (rune, int) {
	if b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// firstRuneInString is firstRune for a string.
func firstRuneInString(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// equalFoldBytes is strings.EqualFold(string(b), s) without the conversion:
// Unicode simple case folding, an invalid byte decoding as U+FFFD on both
// sides.
func equalFoldBytes(b []byte, s string) bool {
	for len(b) > 0 && len(s) > 0 {
		r, n := firstRune(b)
		tr, m := firstRuneInString(s)
		b, s = b[n:], s[m:]
		if r == tr {
			continue
		}
		if tr < r {
			r, tr = tr, r
		}
		if tr < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' && tr == r+'a'-'A' {
				continue
			}
			return false
		}
		// General case: walk r's fold orbit looking for tr.
		f := unicode.SimpleFold(r)
		for f != r && f < tr {
			f = unicode.SimpleFold(f)
		}
		if f != tr {
			return false
		}
	}
	return len(b) == len(s)
}
