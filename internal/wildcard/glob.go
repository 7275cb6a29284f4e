package wildcard

import "strings"

// Glob is an encoded pattern compiled for matching many subjects: the
// patterns of compiled policies. Its Match is [Match] of the same pattern,
// found faster where the pattern allows: a pattern without One, matched
// case-sensitively, is a head, a tail and the literal segments between, and
// those are compared and searched with package strings (strings.Index is
// linear in the subject, as the rolling hash of [Match] is). Any other
// pattern is matched by [Match]. The zero Glob matches the empty string
// only; a Glob is immutable and safe for concurrent use.
type Glob struct {
	enc        string   // the encoded pattern
	head, tail string   // the literal text before the first and after the last Star
	mid        []string // the non-empty literal segments between stars, in order
	star       bool     // the pattern holds a Star
	slow       bool     // matched by Match: the pattern holds One, or fold is set
	fold       bool
}

// CompileGlob compiles an encoded pattern (see [Encode]); with fold, ASCII
// letters compare case-insensitively, as in [Match].
func CompileGlob(enc string, fold bool) Glob {
	g := Glob{enc: enc, fold: fold, slow: fold || strings.IndexByte(enc, One) >= 0}
	first := strings.IndexByte(enc, Star)
	if g.slow || first < 0 {
		g.head = enc
		return g
	}
	last := strings.LastIndexByte(enc, Star)
	g.star, g.head, g.tail = true, enc[:first], enc[last+1:]
	if last == first {
		return g
	}
	for _, seg := range strings.Split(enc[first+1:last], string([]byte{Star})) {
		if seg != "" {
			g.mid = append(g.mid, seg)
		}
	}
	return g
}

// Match reports whether s matches the whole pattern, exactly as
// Match(g's pattern, s, fold) does.
func (g *Glob) Match(s string) bool {
	if g.slow {
		return Match(g.enc, s, g.fold)
	}
	if !g.star {
		return s == g.head
	}
	// Head at the start, tail at the end, not overlapping; then each middle
	// segment at its leftmost place between them. Every segment starts with
	// an ASCII or leading byte (the pattern is valid UTF-8 cut at stars),
	// so a place where the bytes are equal is a place where the characters
	// are: the placement findLiteral makes.
	h, t := len(g.head), len(g.tail)
	if len(s) < h+t || s[:h] != g.head || s[len(s)-t:] != g.tail {
		return false
	}
	rest := s[h : len(s)-t]
	for _, seg := range g.mid {
		i := strings.Index(rest, seg)
		if i < 0 {
			return false
		}
		rest = rest[i+len(seg):]
	}
	return true
}

// String returns the encoded pattern.
func (g *Glob) String() string { return g.enc }
