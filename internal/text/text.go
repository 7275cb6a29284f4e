// Package text holds the character rules that request values must follow,
// and [Quote], the one way messages echo input.
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
	s = s[i : i+8] // one bounds check; the compiler merges the loads below
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Plain reports whether every byte of the word x is printable ASCII (and
// not a space, unless spaces is true). A false answer means "look closer":
// the bytes may still be valid UTF-8.
func Plain(x uint64, spaces bool) bool {
	return NotPlain(x, spaces) == 0
}

// NotPlain is non-zero when some byte of the word x is not printable ASCII
// (or is a space, unless spaces is true). Results of several words can be
// ORed together and tested once.
func NotPlain(x uint64, spaces bool) uint64 {
	lim := uint64(0x21) // bytes below lim are refused
	if spaces {
		lim = 0x20
	}
	// x itself flags bytes with the high bit set. For the others, x+1 sets
	// it in a byte that is 0x7f, and x-lim in a byte below lim. Carries and
	// borrows only start at a byte that is itself flagged, so the answer
	// "some byte is flagged" is exact, though the flags' positions are not.
	return (x | (x + ones) | (x - ones*lim)) & highs
}

// Colons returns a mask with the high bit set in exactly the bytes of x
// that are ':'.
func Colons(x uint64) uint64 {
	const lows = ^uint64(highs)
	y := x ^ (ones * ':')
	// (y&lows)+lows sets a byte's high bit iff its low seven bits are not
	// all zero; it never carries into the next byte.
	return ^((y&lows + lows) | y | lows)
}

// Lower returns c lower-cased if it is an ASCII capital letter, else c: the
// case folding of action names, condition keys and folded globs.
func Lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}
