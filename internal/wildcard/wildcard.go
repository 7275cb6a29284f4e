package wildcard

import (
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/internal/text"
)

// The wildcard bytes of the encoded form.
const (
	Star byte = 0xFF // any sequence of characters, including none
	One  byte = 0xFE // exactly one character
)

// Bytes is the type set the matcher accepts for patterns and subjects, so that
// a pattern assembled in a caller's buffer is matched without a conversion.
type Bytes interface{ ~string | ~[]byte }

// Encode turns policy text, in which '*' and '?' are wildcards, into the
// encoded form. Text without wildcards is returned unchanged.
func Encode(glob string) string {
	if !HasWildcard(glob) {
		return glob
	}
	b := []byte(glob)
	for i, c := range b {
		switch c {
		case '*':
			b[i] = Star
		case '?':
			b[i] = One
		}
	}
	return string(b)
}

// AppendEncoded appends glob to dst in the encoded form.
func AppendEncoded(dst []byte, glob string) []byte {
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		switch c {
		case '*':
			c = Star
		case '?':
			c = One
		}
		dst = append(dst, c)
	}
	return dst
}

// HasWildcard reports whether policy text contains '*' or '?'.
func HasWildcard(glob string) bool {
	for i := 0; i < len(glob); i++ {
		if glob[i] == '*' || glob[i] == '?' {
			return true
		}
	}
	return false
}

// Match reports whether subject s matches the whole encoded pattern p.
// With fold, ASCII letters compare case-insensitively (action names).
func Match[P, S Bytes](p P, s S, fold bool) bool {
	// Split p at its first and last star: head must match at the start of s,
	// tail at the end, and the segments between in order, leftmost first.
	first := indexByte(p, Star)
	if first < 0 {
		end, ok := matchAt(p, 0, len(p), s, 0, fold)
		return ok && end == len(s)
	}
	last := lastIndexByte(p, Star)

	// Head.
	pos, ok := matchAt(p, 0, first, s, 0, fold)
	if !ok {
		return false
	}
	// Tail: anchored at the end. Its length in bytes of s is not fixed when it
	// holds One, so try the start positions from the right, leftmost last.
	tailStart, ok := matchTail(p, last+1, len(p), s, pos, fold)
	if !ok {
		return false
	}
	// Middle segments between pos and tailStart.
	i := first + 1
	for i < last {
		j := i
		for j < last && p[j] != Star {
			j++
		}
		if j > i {
			end, found := find(p, i, j, s, pos, tailStart, fold)
			if !found {
				return false
			}
			pos = end
		}
		i = j + 1
	}
	return true
}

// matchAt matches p[ps:pe] (no stars) at s[si:]; it returns the end in s.
func matchAt[P, S Bytes](p P, ps, pe int, s S, si int, fold bool) (int, bool) {
	for k := ps; k < pe; k++ {
		c := p[k]
		if c == One {
			if si >= len(s) {
				return 0, false
			}
			si += runeLen(s, si)
			continue
		}
		if si >= len(s) || !eq(c, s[si], fold) {
			return 0, false
		}
		si++
	}
	return si, true
}

// find places p[ps:pe] at the leftmost character boundary in s[from:limit]
// where it fits entirely before limit; it returns the end of the placed
// segment. A segment without One is found by rolling hash in
// O(len(s)+len(segment)); one with One is tried at each boundary.
func find[P, S Bytes](p P, ps, pe int, s S, from, limit int, fold bool) (int, bool) {
	if indexByteRange(p, ps, pe, One) < 0 {
		return findLiteral(p, ps, pe, s, from, limit, fold)
	}
	lead := p[ps]
	for i := from; i < limit; i += runeLen(s, i) {
		if lead != One && !eq(lead, s[i], fold) {
			continue
		}
		if end, ok := matchAt(p, ps, pe, s, i, fold); ok && end <= limit {
			return end, true
		}
	}
	return 0, false
}

// findLiteral is find for a segment of literal bytes (Rabin–Karp). The
// segment starts with an ASCII or leading byte (it is valid UTF-8 cut at
// stars), and such a byte is always a character boundary of s, so every
// position whose bytes are equal is a valid placement.
func findLiteral[P, S Bytes](p P, ps, pe int, s S, from, limit int, fold bool) (int, bool) {
	const base = 16777619
	k := pe - ps
	if limit-from < k {
		return 0, false
	}
	key := func(c byte) uint32 {
		if fold {
			c = text.Lower(c)
		}
		return uint32(c)
	}
	var hp, hs uint32
	pow := uint32(1) // base^(k-1)
	for i := 0; i < k; i++ {
		hp = hp*base + key(p[ps+i])
		hs = hs*base + key(s[from+i])
		if i > 0 {
			pow *= base
		}
	}
	for i := from; ; i++ {
		if hs == hp {
			if end, ok := matchAt(p, ps, pe, s, i, fold); ok {
				return end, true
			}
		}
		if i+k >= limit {
			return 0, false
		}
		hs = (hs-key(s[i])*pow)*base + key(s[i+k])
	}
}

// matchTail finds where p[ps:pe] (no stars) must start so that it ends exactly
// at len(s), not before min. It returns that start.
func matchTail[P, S Bytes](p P, ps, pe int, s S, min int, fold bool) (int, bool) {
	if indexByteRange(p, ps, pe, One) < 0 {
		start := len(s) - (pe - ps)
		if start < min {
			return 0, false
		}
		end, ok := matchAt(p, ps, pe, s, start, fold)
		return start, ok && end == len(s)
	}
	// With One the byte length varies, but the number of characters does
	// not: the segment covers exactly its own count of characters (each One
	// and each literal character). Count the characters from min (the end of
	// the head, a boundary) to the end, walk to the one where the segment
	// must start, and match there once.
	want := 0
	for k := ps; k < pe; k++ {
		if c := p[k]; c == One || !isContinuation(c) {
			want++
		}
	}
	total := 0
	for i := min; i < len(s); i += runeLen(s, i) {
		total++
	}
	if total < want {
		return 0, false
	}
	start := min
	for skip := total - want; skip > 0; skip-- {
		start += runeLen(s, start)
	}
	end, ok := matchAt(p, ps, pe, s, start, fold)
	return start, ok && end == len(s)
}

// isContinuation reports whether c continues a UTF-8 sequence. The wildcard
// bytes are not continuation bytes.
func isContinuation(c byte) bool { return c&0xC0 == 0x80 }

func indexByteRange[P Bytes](p P, from, to int, c byte) int {
	for i := from; i < to; i++ {
		if p[i] == c {
			return i
		}
	}
	return -1
}

func eq(pc, sc byte, fold bool) bool {
	if pc == sc {
		return true
	}
	if !fold {
		return false
	}
	return text.Lower(pc) == text.Lower(sc)
}

// runeLen is the length of the UTF-8 sequence at s[i], decoded as package
// utf8 decodes it: an invalid byte counts as one character.
func runeLen[S Bytes](s S, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	var buf [utf8.UTFMax]byte
	n := 0
	for ; n < len(buf) && i+n < len(s); n++ {
		buf[n] = s[i+n]
	}
	_, size := utf8.DecodeRune(buf[:n])
	return size
}

func indexByte[P Bytes](p P, c byte) int {
	for i := 0; i < len(p); i++ {
		if p[i] == c {
			return i
		}
	}
	return -1
}

func lastIndexByte[P Bytes](p P, c byte) int {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == c {
			return i
		}
	}
	return -1
}
