// Package text holds the character rules that request values must follow.
package text

import "unicode/utf8"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Clean reports whether s is valid UTF-8 without control characters (C0,
// DEL, C1) and, unless spaces is true, without spaces. It does not allocate;
// ASCII text is checked eight bytes at a time.
func Clean(s string, spaces bool) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !Plain(Word(s, i), spaces) {
			break // decide byte by byte from here
		}
	}
	for ; i < len(s); i++ {
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

// Word returns the eight bytes of s at i as a little-endian word (one load).
func Word(s string, i int) uint64 {
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// Plain reports whether every byte of the word x is printable ASCII (and
// not a space, unless spaces is true). A false answer means "look closer":
// the bytes may still be valid UTF-8.
func Plain(x uint64, spaces bool) bool {
	lim := uint64(0x21) // bytes below lim are refused
	if spaces {
		lim = 0x20
	}
	below := (x - ones*lim) & ^x & highs // some byte < lim (exact when no byte has its high bit set)
	del := x ^ (ones * 0x7f)
	del = (del - ones) & ^del & highs // some byte == 0x7f
	return x&highs == 0 && below == 0 && del == 0
}

// Colons returns a mask with the high bit set in each byte of x that may
// be ':'. Every ':' is marked; a byte above a ':' may be marked too, so
// callers check each marked byte.
func Colons(x uint64) uint64 {
	y := x ^ (ones * ':')
	return (y - ones) & ^y & highs
}
