package conditions

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// matchString compares request value x with the policy values of a String
// operator, substituting policy variables into a stack buffer.
func (c *clause) matchString(x string, ctx Context) (hits int, valid bool) {
	var buf [bufSize]byte
	for i := range c.strs {
		sv := &c.strs[i]
		switch c.base {
		case StringEquals, StringNotEquals:
			if !sv.dyn {
				if sv.text == x {
					hits++
				}
				continue
			}
			if b, ok := sv.tmpl.AppendText(buf[:0], ctx); ok && string(b) == x {
				hits++
			}
		case StringEqualsIgnoreCase, StringNotEqualsIgnoreCase:
			if !sv.dyn {
				if strings.EqualFold(sv.text, x) {
					hits++
				}
				continue
			}
			if b, ok := sv.tmpl.AppendText(buf[:0], ctx); ok && equalFoldBytes(b, x) {
				hits++
			}
		case StringLike, StringNotLike:
			if !sv.dyn {
				if wildcard.Match(sv.text, x, false) {
					hits++
				}
				continue
			}
			b, st := sv.tmpl.appendGlob(buf[:0], ctx)
			switch st {
			case unrepresent:
				return 0, false // fail closed
			case resolved:
				if wildcard.Match(b, x, false) {
					hits++
				}
			}
		}
	}
	return hits, true
}

// equalFoldBytes is strings.EqualFold(string(b), s) without the conversion:
// Unicode simple case folding, an invalid byte decoding as U+FFFD on both
// sides.
func equalFoldBytes(b []byte, s string) bool {
	for len(b) > 0 && len(s) > 0 {
		var r, tr rune
		if b[0] < utf8.RuneSelf {
			r, b = rune(b[0]), b[1:]
		} else {
			var n int
			r, n = utf8.DecodeRune(b)
			b = b[n:]
		}
		if s[0] < utf8.RuneSelf {
			tr, s = rune(s[0]), s[1:]
		} else {
			var n int
			tr, n = utf8.DecodeRuneInString(s)
			s = s[n:]
		}
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
