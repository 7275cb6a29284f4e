package wildcard_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// Hostile input: globs and subjects an attacker may choose. Policy strings
// are at most a few KiB (policy.MaxStringLength), request values may be much
// longer; each match must take time linear in the subject, whatever the
// number of wildcards.

// hostileBound is the time any single hostile match below may take. The
// matches take a few milliseconds; the bound leaves room for the race
// detector and a loaded machine, while a matcher that backtracks over
// earlier stars takes far longer (hours for some of these shapes).
const hostileBound = time.Second

func TestHostileManyStars(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	const mib = 1 << 20
	tests := []struct {
		name             string
		pattern, subject string
		want             bool
	}{
		{"5000 stars then b, 1 MiB of a", strings.Repeat("*", 5000) + "b", a(mib), false},
		{"5000 stars then b, 1 MiB of a then b", strings.Repeat("*", 5000) + "b", a(mib) + "b", true},
		{"5000 stars alone", strings.Repeat("*", 5000), a(mib), true},
		{"*a 5000 times then *, 1 MiB of b", strings.Repeat("*a", 5000) + "*", strings.Repeat("b", mib), false},
		{"*a 5000 times then *, 1 MiB of a", strings.Repeat("*a", 5000) + "*", a(mib), true},
		{"*a 4000 times then *c*, 1 MiB of a", strings.Repeat("*a", 4000) + "*c*", a(mib), false},
		{"*?a 2000 times then *c*, 1 MiB of a", strings.Repeat("*?a", 2000) + "*c*", a(mib), false},
		{"*? 3000 times then c, 1 MiB of a", strings.Repeat("*?", 3000) + "c", a(mib), false},
		{"?* 3000 times then c, 1 MiB of a", strings.Repeat("?*", 3000) + "c", a(mib), false},
		{"*ab 3000 times, (ab)^500000", strings.Repeat("*ab", 3000), strings.Repeat("ab", mib/2), true},
		{"*ab 3000 times then *c, (ab)^500000", strings.Repeat("*ab", 3000) + "*c", strings.Repeat("ab", mib/2), false},
		{"a*b* 2000 times, 1 MiB of a", strings.Repeat("a*b*", 2000), a(mib), false},
		{"*é 3000 times then *, 512 Ki of é", strings.Repeat("*é", 3000) + "*", strings.Repeat("é", mib/2), true},
		{"*? 3000 times, 2999 runes of 4 bytes", strings.Repeat("*?", 3000), strings.Repeat("😀", 2999), false},
		{"*? 3000 times, 3000 runes of 4 bytes", strings.Repeat("*?", 3000), strings.Repeat("😀", 3000), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := wildcard.Encode(tc.pattern)
			start := time.Now()
			got := wildcard.Match(p, tc.subject, false)
			d := time.Since(start)
			if got != tc.want {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
			if d > hostileBound {
				t.Errorf("one match took %v, more than %v", d, hostileBound)
			}
			// The []byte forms take the same path.
			if got := wildcard.Match([]byte(p), []byte(tc.subject), true); got != tc.want {
				t.Errorf("Match([]byte, fold) = %v, want %v", got, tc.want)
			}
			// So does the compiled form, which searches with strings.Index
			// (a pattern with '?' it leaves to Match, timed above).
			if strings.Contains(tc.pattern, "?") {
				return
			}
			g := wildcard.CompileGlob(p, false)
			start = time.Now()
			got = g.Match(tc.subject)
			d = time.Since(start)
			if got != tc.want {
				t.Errorf("Glob.Match = %v, want %v", got, tc.want)
			}
			if d > hostileBound {
				t.Errorf("one compiled match took %v, more than %v", d, hostileBound)
			}
		})
	}
}

// TestHostilePathologicalPerMatch bounds the cost of one match of the
// classic backtracking trap, with and without '?' and case folding: the
// performance target allows 100 µs per match; the test allows 5 ms so that it holds under
// the race detector.
func TestHostilePathologicalPerMatch(t *testing.T) {
	s := strings.Repeat("a", 10*1024)
	for _, tc := range []struct {
		pattern string
		fold    bool
	}{
		{"*a*a*a*a*a*a*a*b", false},
		{"*a*a*a*a*a*a*a*b", true},
		{"*?a*?a*?a*?a*?a*?a*?a*b", false},
		{"*a?*a?*a?*a?*a?*a?*a?*?b", false},
		{"*a*a*a*a*a*a*a*b*", false},
		{"a*a*a*a*a*a*a*ba", true},
	} {
		t.Run(fmt.Sprintf("%s fold=%v", tc.pattern, tc.fold), func(t *testing.T) {
			p := wildcard.Encode(tc.pattern)
			g := wildcard.CompileGlob(p, tc.fold)
			const n = 100
			matchers := []struct {
				name  string
				match func() bool
			}{
				{"Match", func() bool { return wildcard.Match(p, s, tc.fold) }},
				{"Glob.Match", func() bool { return g.Match(s) }},
			}
			if tc.fold || strings.Contains(tc.pattern, "?") {
				matchers = matchers[:1] // the Glob is Match itself
			}
			for _, m := range matchers {
				start := time.Now()
				for range n {
					if m.match() {
						t.Fatalf("%s: pathological pattern matched a subject without b", m.name)
					}
				}
				if per := time.Since(start) / n; per > 5*time.Millisecond {
					t.Errorf("%s: %v per match over 10 KiB, want ≤ 5ms", m.name, per)
				}
			}
		})
	}
}

// TestHostileMultiByte checks that '?' is one character however many bytes
// its UTF-8 encoding takes, and that literal multi-byte text and case folding
// never split a character.
func TestHostileMultiByte(t *testing.T) {
	tests := []struct {
		pattern, subject string
		fold             bool
		want             bool
	}{
		{"?", "é", false, true},          // 2 bytes
		{"?", "€", false, true},          // 3 bytes
		{"?", "😀", false, true},          // 4 bytes
		{"?", "\U0010FFFF", false, true}, // the largest code point
		{"??", "é", false, false},
		{"????", "😀", false, false},
		{"?", "e\u0301", false, false}, // e + combining acute: two code points
		{"??", "e\u0301", false, true},
		{"?€?", "é€😀", false, true},
		{"*?", "😀", false, true},
		{"*??", "😀", false, false},
		{"?*?", "😀é", false, true},
		{"?*?", "😀", false, false},
		{"*😀", "xx😀", false, true},
		{"*😀*", "x😀x", false, true},
		{"x?y", "x😀y", false, true},
		{"x*?y", "x😀y", false, true},
		{"x*??y", "x😀y", false, false},
		// Case folding is ASCII only: it never equates bytes of multi-byte
		// characters ('É' is C3 89, 'é' is C3 A9).
		{"É", "é", true, false},
		{"?É", "Aé", true, false},
		{"*É*", "xéx", true, false},
		{"A?", "a😀", true, true},
		// A pattern's literal multi-byte character never matches a prefix
		// or a single byte of it.
		{"😀", "\xf0\x9f\x98", false, false},
		{"*😀", "\xf0\x9f\x98", false, false},
		{"é*", "\xc3", false, false},
	}
	for _, tc := range tests {
		if got := wildcard.Match(wildcard.Encode(tc.pattern), tc.subject, tc.fold); got != tc.want {
			t.Errorf("Match(%q, %q, fold=%v) = %v, want %v", tc.pattern, tc.subject, tc.fold, got, tc.want)
		}
	}
}

// TestHostileWildcardBytesInSubject checks that the encoded wildcard bytes
// are literal in a subject: a request value holding 0xFF or 0xFE is matched
// byte by byte, never as a wildcard.
func TestHostileWildcardBytesInSubject(t *testing.T) {
	tests := []struct {
		pattern string // policy text: '*' and '?' are wildcards
		subject string
		want    bool
	}{
		{"abc", "a\xffc", false},
		{"a?c", "a\xffc", true}, // one invalid byte is one character
		{"a*c", "a\xff\xfe\xffc", true},
		{"a", "\xff", false},
		{"", "\xff", false},
	}
	for _, tc := range tests {
		if got := wildcard.Match(wildcard.Encode(tc.pattern), tc.subject, false); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.subject, got, tc.want)
		}
	}
	// The star byte in an encoded pattern matches a subject of star bytes
	// like any other text, and a subject of star bytes does not make a
	// literal pattern match.
	if !wildcard.Match([]byte{wildcard.Star}, "\xff\xff", false) {
		t.Error("encoded star does not match arbitrary bytes")
	}
	if wildcard.Match("x", "\xff", false) || wildcard.Match("x", string([]byte{wildcard.One}), false) {
		t.Error("a wildcard byte in the subject matched a literal")
	}
}

// TestHostileNUL checks that NUL is an ordinary character: it is matched
// literally and counts as one character for '?'.
func TestHostileNUL(t *testing.T) {
	tests := []struct {
		pattern, subject string
		want             bool
	}{
		{"a", "a\x00", false},
		{"a*", "a\x00", true},
		{"a?", "a\x00", true},
		{"a\x00b", "a\x00b", true},
		{"a\x00b", "ab", false},
		{"*\x00", "\x00\x00", true},
		{"?", "\x00\x00", false},
	}
	for _, tc := range tests {
		if got := wildcard.Match(wildcard.Encode(tc.pattern), tc.subject, true); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.subject, got, tc.want)
		}
	}
}

// TestHostileEncode checks the encoding of long policy text: linear, and
// nothing but '*' and '?' becomes a wildcard byte.
func TestHostileEncode(t *testing.T) {
	glob := strings.Repeat("*?a", 100000)
	start := time.Now()
	enc := wildcard.Encode(glob)
	app := wildcard.AppendEncoded(nil, glob)
	if d := time.Since(start); d > hostileBound {
		t.Errorf("encoding 300 KB took %v", d)
	}
	if enc != string(app) || len(enc) != len(glob) {
		t.Fatal("Encode and AppendEncoded disagree")
	}
	if strings.Count(enc, string([]byte{wildcard.Star})) != 100000 || strings.Count(enc, string([]byte{wildcard.One})) != 100000 {
		t.Error("wrong number of wildcard bytes")
	}
	if plain := strings.Repeat("abc/:$é", 10000); wildcard.Encode(plain) != plain || wildcard.HasWildcard(plain) {
		t.Error("text without wildcards is changed")
	}
}
