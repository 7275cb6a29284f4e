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
	ok    bool     // compiled by CompilePattern
	any   bool     // the pattern "*"
	parts *[5]part // shared, immutable: copying a Pattern stays cheap
}

// part is one compiled section of a pattern.
type part struct {
	enc  string // a literal text or prefix, or a wildcard-encoded glob
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
		return part{enc: wildcard.Encode(s), kind: glob}
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
	// In the order matchParts tests them.
	return Pattern{src: s, ok: true, parts: &[5]part{
		compilePart(sec.Resource),
		compilePart(sec.Account),
		compilePart(sec.Service),
		compilePart(sec.Region),
		compilePart(sec.Partition),
	}}, nil
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
	return ok && matchParts(p.parts, &sec)
}

// MatchSections is [Pattern.Match] for an ARN already split with [Split], so
// that one subject can be tested against many patterns with a single split.
// The pattern "*" matches any sections.
func (p Pattern) MatchSections(sec Sections) bool {
	if p.any {
		return true
	}
	return p.ok && matchParts(p.parts, &sec)
}

// matchParts matches the five sections against parts, which hold the
// resource, account, service, region and partition in that order: the
// resource first, where patterns differ most. The loop body is written out
// so that only globs cost a call.
func matchParts(parts *[5]part, sec *Sections) bool {
	subject := [5]string{sec.Resource, sec.Account, sec.Service, sec.Region, sec.Partition}
	for i := range parts {
		p, s := &parts[i], subject[i]
		switch n := len(p.enc); p.kind {
		case literal:
			// Empty regions and accounts are common; == would still
			// call the runtime for them.
			if len(s) != n || n != 0 && s != p.enc {
				return false
			}
		case prefix:
			if len(s) < n || n != 0 && s[:n] != p.enc {
				return false
			}
		default:
			if !wildcard.Match(p.enc, s, false) {
				return false
			}
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
