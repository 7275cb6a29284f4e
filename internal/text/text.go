// Package text holds the character rules that request values must follow.
package text

import "unicode/utf8"

// Clean reports whether s is valid UTF-8 without control characters (C0,
// DEL, C1) and, unless spaces is true, without spaces. It does not allocate
// and checks ASCII a byte at a time.
func Clean(s string, spaces bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				// RuneError also stands for invalid UTF-8; U+FFFD itself
				// has no place in a request value either.
				if r == utf8.RuneError || r < 0x20 || (r >= 0x7f && r < 0xa0) || (r == ' ' && !spaces) {
					return false
				}
			}
			return true
		}
		if c < 0x20 || c == 0x7f || (c == ' ' && !spaces) {
			return false
		}
	}
	return true
}
