package arn

import (
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// Pattern is a compiled policy Resource or NotResource entry, or an ArnLike /
// ArnEquals condition value. It holds no policy variables: callers substitute
// variables before compiling, or use [MatchEncoded]. A Pattern is immutable
// and safe for concurrent use; the zero Pattern matches nothing.
type Pattern struct {
	src   string
	ok    bool   // compiled by CompilePattern
	any   bool   // the pattern "*"
	parts *parts // shared, immutable: copying a Pattern stays cheap
}

// parts are the compiled sections of a pattern in the order they are
// tested: resource, account, service, region, partition (the resource
// first, where patterns differ most).
type parts struct {
	p     [5]part
	globs bool // some part is a glob
}

// part is one compiled section of a pattern.
type part struct {
	enc  string        // a literal text or prefix, or a wildcard-encoded glob
	glob wildcard.Glob // the compiled glob, for kind glob
	kind partKind
}

type partKind uint8

const (
	literal partKind = iota // no wildcard: the text itself
	prefix                  // literal text then one trailing "*" ("*" alone too): enc holds the text
	glob                    // anything else: wildcard.Match
)

func compilePart(s string) part {
	switch {
	case len(s) > 0 && s[len(s)-1] == '*' && !wildcard.HasWildcard(s[:len(s)-1]):
		return part{enc: s[:len(s)-1], kind: prefix}
	case wildcard.HasWildcard(s):
		enc := wildcard.Encode(s)
		return part{enc: enc, glob: wildcard.CompileGlob(enc, false), kind: glob}
	}
	return part{enc: s, kind: literal}
}

// CompilePattern compiles a policy ARN pattern. The pattern "*" alone matches
// everything, including the pseudo-resource "*". Any other pattern must start
// with "arn:" and hold at least five colons (see [Split]); each of its five
// parts is a glob in which '*' matches any run of characters and '?' exactly
// one. CompilePattern does not check the partition or service: that is
// policy validation. It rejects invalid UTF-8, which could otherwise smuggle
// the encoded wildcard bytes in. The error is always an *[Error].
func CompilePattern(s string) (Pattern, error) {
	if !utf8.ValidString(s) {
		return Pattern{}, &Error{Input: s, Reason: "is not valid UTF-8"}
	}
	if s == "*" {
		return Pattern{src: s, ok: true, any: true}, nil
	}
	sec, ok := Split(s)
	if !ok {
		return Pattern{}, &Error{Input: s, Reason: `is neither "*" nor in ARN format (arn:partition:service:region:account:resource)`}
	}
	ps := &parts{p: [5]part{
		compilePart(sec.Resource),
		compilePart(sec.Account),
		compilePart(sec.Service),
		compilePart(sec.Region),
		compilePart(sec.Partition),
	}}
	for _, p := range ps.p {
		ps.globs = ps.globs || p.kind == glob
	}
	return Pattern{src: s, ok: true, parts: ps}, nil
}

// MustCompilePattern is like [CompilePattern] but panics on error. It is
// meant only for tests and examples.
func MustCompilePattern(s string) Pattern {
	p, err := CompilePattern(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Match reports whether arn matches the pattern (SPEC §2.6): "*" matches
// anything; otherwise arn must split at five colons and each of its five
// parts must match the pattern's part, case-sensitively. It does not allocate.
func (p Pattern) Match(arn string) bool {
	if p.any {
		return true
	}
	if !p.ok {
		return false
	}
	sec, ok := Split(arn)
	return ok && p.parts.match(&sec)
}

// MatchSections is [Pattern.Match] for an ARN already split with [Split], so
// that one subject can be tested against many patterns with a single split.
// The pattern "*" matches any sections.
func (p Pattern) MatchSections(sec Sections) bool {
	if p.any {
		return true
	}
	return p.ok && p.parts.match(&sec)
}

// match matches the five sections. Without globs the parts are compared
// in straight-line code; with them, in a loop that calls the glob matcher.
func (ps *parts) match(sec *Sections) bool {
	if ps.globs {
		return ps.matchGlobs(sec)
	}
	return ps.p[0].matchText(sec.Resource) &&
		ps.p[1].matchText(sec.Account) &&
		ps.p[2].matchText(sec.Service) &&
		ps.p[3].matchText(sec.Region) &&
		ps.p[4].matchText(sec.Partition)
}

// matchText matches a literal or prefix part; it is inlined. Empty parts
// (regions, accounts) are compared by length alone, and most parts that
// differ do so in their first byte, which is compared before the call.
func (p *part) matchText(s string) bool {
	n := len(p.enc)
	return len(s) >= n && (p.kind == prefix || len(s) == n) && (n == 0 || s[0] == p.enc[0] && s[:n] == p.enc)
}

func (ps *parts) matchGlobs(sec *Sections) bool {
	subject := [5]string{sec.Resource, sec.Account, sec.Service, sec.Region, sec.Partition}
	for i := range ps.p {
		p, s := &ps.p[i], subject[i]
		if p.kind == glob {
			if !p.glob.Match(s) {
				return false
			}
		} else if !p.matchText(s) {
			return false
		}
	}
	return true
}

// IsAny reports whether the pattern is "*", which matches every resource.
func (p Pattern) IsAny() bool { return p.any }

// String returns the pattern as it was written.
func (p Pattern) String() string { return p.src }

// MatchEncoded matches an already-encoded pattern (wildcard bytes 0xFF for
// '*' and 0xFE for '?', for example assembled after policy-variable
// substitution) against arn per SPEC §2.6. A pattern that is exactly the one
// byte 0xFF matches everything; otherwise both are split at their first five
// colons, a side that does not split never matches, and the five parts are
// matched independently and case-sensitively. It does not allocate.
func MatchEncoded[P wildcard.Bytes](pattern P, arn string) bool {
	if len(pattern) == 1 && pattern[0] == wildcard.Star {
		return true
	}
	pb, ok := splitBytes(pattern)
	if !ok {
		return false
	}
	sb, ok := splitBytes(arn)
	if !ok {
		return false
	}
	// Resource first, as in Pattern.Match.
	for _, k := range [5]int{4, 3, 1, 2, 0} {
		if !wildcard.Match(pattern[pb[k][0]:pb[k][1]], arn[sb[k][0]:sb[k][1]], false) {
			return false
		}
	}
	return true
}
