package arn_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/internal/race"

	"github.com/iamlogic/iamlogic/arn"
)

// Hostile input: ARNs and ARN patterns an attacker may choose. Every
// malformed ARN is an *arn.Error, and every split and match takes time
// linear in its input.

// parts places bad in each of the five parts of a valid ARN in turn.
func parts(bad string) map[string]string {
	return map[string]string{
		"prefix":    "arn" + bad + ":aws:s3:::b",
		"partition": "arn:aws" + bad + ":s3:::b",
		"service":   "arn:aws:s3" + bad + ":::b",
		"region":    "arn:aws:ec2:us-east-1" + bad + ":111122223333:instance/i-1",
		"account":   "arn:aws:ec2:us-east-1:111122223333" + bad + ":instance/i-1",
		"resource":  "arn:aws:s3:::b/" + bad + "/k",
		"end":       "arn:aws:s3:::b" + bad,
	}
}

// TestHostileParseBadBytes puts NUL, other control characters and every
// kind of invalid UTF-8 in every part of an ARN: Parse rejects each with an
// *arn.Error that keeps the input, and returns the zero ARN.
func TestHostileParseBadBytes(t *testing.T) {
	bad := map[string]string{
		"NUL":                  "\x00",
		"DEL":                  "\x7f",
		"ESC":                  "\x1b",
		"C1 control NEL":       "\u0085",
		"lone 0xFF":            "\xff",
		"lone 0xFE":            "\xfe",
		"lone continuation":    "\x80",
		"truncated 2-byte":     "\xc3",
		"truncated 4-byte":     "\xf0\x9f\x98",
		"overlong slash":       "\xc0\xaf",
		"overlong NUL":         "\xc0\x80",
		"UTF-16 surrogate":     "\xed\xa0\x80",
		"above U+10FFFF":       "\xf4\x90\x80\x80",
		"NUL after valid text": "x\x00y",
	}
	for name, b := range bad {
		for part, in := range parts(b) {
			t.Run(name+" in "+part, func(t *testing.T) {
				a, err := arn.Parse(in)
				var e *arn.Error
				if !errors.As(err, &e) {
					t.Fatalf("Parse(%q) = %+v, %v; want an *arn.Error", in, a, err)
				}
				if a != (arn.ARN{}) {
					t.Errorf("Parse(%q) returned %+v with its error", in, a)
				}
				if e.Input != in || e.Reason == "" {
					t.Errorf("error = %#v", e)
				}
				if !strings.HasPrefix(err.Error(), "arn: ") {
					t.Errorf("Error() = %q", err.Error())
				}
			})
		}
	}
}

// TestHostileCompilePatternInvalidUTF8 checks that a pattern with invalid
// UTF-8 in any part is refused: its bytes 0xFE and 0xFF would otherwise
// be the wildcards of the encoded form.
func TestHostileCompilePatternInvalidUTF8(t *testing.T) {
	for _, b := range []string{"\xff", "\xfe", "\x80", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80"} {
		for part, in := range parts(b) {
			t.Run(part+" "+in, func(t *testing.T) {
				p, err := arn.CompilePattern(in)
				var e *arn.Error
				if !errors.As(err, &e) || e.Input != in {
					t.Fatalf("CompilePattern(%q) = %v; want an *arn.Error", in, err)
				}
				valid := strings.ReplaceAll(in, b, "x")
				if p.Match(in) || p.Match(valid) || p.Match("*") || p.IsAny() {
					t.Error("a refused pattern matches")
				}
			})
		}
	}
}

// TestHostileNULInPattern: CompilePattern leaves policy characters to policy
// validation, so a NUL (valid UTF-8) compiles, but it is a literal character
// that only a subject holding the same NUL matches.
func TestHostileNULInPattern(t *testing.T) {
	p, err := arn.CompilePattern("arn:aws:s3:::b\x00/*")
	if err != nil {
		t.Fatalf("CompilePattern: %v", err)
	}
	for _, s := range []string{"arn:aws:s3:::b/x", "arn:aws:s3:::b", "arn:aws:s3:::b\x01/x", "arn:aws:s3:::b/\x00/x"} {
		if p.Match(s) {
			t.Errorf("pattern with NUL matches %q", s)
		}
	}
	if !p.Match("arn:aws:s3:::b\x00/x") {
		t.Error("pattern with NUL does not match its own text")
	}
}

// TestHostileSubjectBytes checks that NUL, invalid UTF-8 and the encoded
// wildcard bytes in a subject are literal: they never make a pattern without
// wildcards match, and never split the subject anywhere but at a colon.
func TestHostileSubjectBytes(t *testing.T) {
	p := arn.MustCompilePattern("arn:aws:s3:::bucket/key")
	for _, s := range []string{
		"arn:aws:s3:::bucket/key\x00", "arn:aws:s3:::bucket/ke\xff", "arn:aws:s3:::bucket/\xff",
		"arn:aws:s3:::bucket/key\xfe", "arn:aws:s3\x00:::bucket/key", "arn\x00aws:s3:::bucket/key",
	} {
		if p.Match(s) {
			t.Errorf("%q matches %q", p, s)
		}
	}
	// In the encoded form a plain '*' is literal text (substituted from a
	// request), so it does not match the 0xFF byte of a subject either.
	for _, enc := range [][]byte{[]byte("arn:aws:s3:::bucket/key"), []byte("arn:aws:s3:::bucket/*y")} {
		if arn.MatchEncoded(enc, "arn:aws:s3:::bucket/\xffy") {
			t.Errorf("MatchEncoded(%q) matches a subject holding 0xFF", enc)
		}
	}
	// A ':' inside a multi-byte character does not exist, and 0xFF is not a
	// separator: the split is at ASCII colons only.
	sec, ok := arn.Split("arn:aws\xff:s3\xfe::\xff:r\x00")
	if !ok || sec.Partition != "aws\xff" || sec.Service != "s3\xfe" || sec.Region != "" || sec.Account != "\xff" || sec.Resource != "r\x00" {
		t.Errorf("Split = %+v, %v", sec, ok)
	}
}

// TestHostileManyColons splits, parses, compiles and matches ARNs holding
// 10,000 colons (and one of a mebibyte), in every position.
func TestHostileManyColons(t *testing.T) {
	colons := strings.Repeat(":", 10000)
	const head = "arn:aws:s3:::"

	t.Run("Split and Parse", func(t *testing.T) {
		for _, tc := range []struct {
			in      string
			splitOK bool
			parseOK bool
		}{
			{colons, false, false},            // no "arn:" prefix
			{"arn" + colons, true, false},     // every part empty
			{"arn:" + colons, true, false},    // empty partition
			{"arn:aws" + colons, true, false}, // empty service
			{head + colons, true, true},       // resource of colons
			{head + "b" + colons, true, true}, // resource ends in colons
			{"arn:aws:s3:::" + strings.Repeat("a:", 10000), true, true},
			{"arn:aws:s3:::" + strings.Repeat(":", 1<<20), true, true},
		} {
			race.Within(t, "Split and Parse", func() {
				sec, ok := arn.Split(tc.in)
				if ok != tc.splitOK {
					t.Errorf("Split(%.20q…) ok = %v, want %v", tc.in, ok, tc.splitOK)
				}
				if ok && !strings.HasSuffix(tc.in, sec.Resource) {
					t.Errorf("Split(%.20q…) resource is not a suffix of the input", tc.in)
				}
				a, err := arn.Parse(tc.in)
				if (err == nil) != tc.parseOK {
					t.Errorf("Parse(%.20q…) error = %v, want ok %v", tc.in, err, tc.parseOK)
				}
				if err == nil && a.String() != tc.in {
					t.Error("String() is not the parsed input")
				}
				if err != nil && len(err.Error()) > 1000 {
					t.Errorf("error message of %d bytes", len(err.Error()))
				}
			})
		}
	})

	t.Run("CompilePattern and Match", func(t *testing.T) {
		for _, tc := range []struct {
			pattern, subject string
			want             bool
		}{
			{head + colons, head + colons, true},
			{head + colons, head + colons + ":", false},
			{head + colons + "*", head + colons + "x", true},
			{head + "*", head + colons, true},
			{head + "?" + colons, head + ":" + colons, true},
			{head + strings.Repeat("*:", 5000), head + colons, true},
			{head + strings.Repeat("*:", 5000) + "x", head + colons, false},
			{"arn:*:*:*:*:" + strings.Repeat("*", 5000), "arn:aws:s3:::" + colons, true},
			{"arn" + colons, "arn" + colons, true},
			// The first four parts never take a colon, however many follow.
			{"arn:aws:*:::x", "arn:aws:s3:" + colons + "x", false},
			{"arn:*:s3:*:*:" + colons, "arn:aws:s3:::" + colons, true},
		} {
			race.Within(t, "CompilePattern and Match", func() {
				p, err := arn.CompilePattern(tc.pattern)
				if err != nil {
					t.Fatalf("CompilePattern(%.30q…): %v", tc.pattern, err)
				}
				if got := p.Match(tc.subject); got != tc.want {
					t.Errorf("Match(%.30q…, %.30q…) = %v, want %v", tc.pattern, tc.subject, got, tc.want)
				}
				sec, ok := arn.Split(tc.subject)
				if got := ok && p.MatchSections(sec); got != tc.want {
					t.Errorf("MatchSections = %v, want %v", got, tc.want)
				}
			})
		}
		for _, in := range []string{colons, "*" + colons, " arn" + colons} {
			if _, err := arn.CompilePattern(in); err == nil {
				t.Errorf("CompilePattern(%.20q…) accepted a pattern without the arn: prefix", in)
			}
		}
	})
}

// TestHostilePathologicalARN bounds one match of the backtracking trap
// *a*a*a*a*a*a*a*b against 10 KiB of 'a' in the resource part, and in the
// region part, where the five-part split happens first. The performance target allows
// 100 µs per match; the test allows 5 ms so that it holds under the race
// detector.
func TestHostilePathologicalARN(t *testing.T) {
	as := strings.Repeat("a", 10*1024)
	tests := []struct{ name, pattern, subject string }{
		{"resource", "arn:aws:s3:::*a*a*a*a*a*a*a*b", "arn:aws:s3:::" + as},
		{"resource, trailing star", "arn:aws:s3:::*a*a*a*a*a*a*a*b*", "arn:aws:s3:::" + as},
		{"resource with ?", "arn:aws:s3:::*?a*?a*?a*?a*?a*?a*?a*b", "arn:aws:s3:::" + as},
		{"region", "arn:aws:ec2:*a*a*a*a*a*a*a*b:*:*", "arn:aws:ec2:" + as + ":111122223333:instance/i-1"},
		{"2000 stars", "arn:aws:s3:::" + strings.Repeat("*a", 2000) + "*b", "arn:aws:s3:::" + as},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := arn.MustCompilePattern(tc.pattern)
			sec, _ := arn.Split(tc.subject)
			const n = 100
			start := time.Now()
			for range n {
				if p.Match(tc.subject) || p.MatchSections(sec) {
					t.Fatal("pathological pattern matched a subject without b")
				}
			}
			per := time.Since(start) / (2 * n)
			if per > 5*time.Millisecond {
				t.Errorf("%v per match, want ≤ 5ms", per)
			}
			t.Logf("%v per match", per)
		})
	}
}

// TestHostileMultiByteParts checks '?' against multi-byte characters in
// every part: one '?' is one character, and it never takes a colon in the
// first four parts.
func TestHostileMultiByteParts(t *testing.T) {
	tests := []struct {
		pattern, subject string
		want             bool
	}{
		{"arn:?:s3:::b", "arn:é:s3:::b", true},
		{"arn:??:s3:::b", "arn:é:s3:::b", false},
		{"arn:aws:?:::b", "arn:aws:😀:::b", true},
		{"arn:aws:s3:?::b", "arn:aws:s3:€::b", true},
		{"arn:aws:s3::?:b", "arn:aws:s3::\U0010FFFF:b", true},
		{"arn:aws:s3::?:b", "arn:aws:s3:::b", false},
		{"arn:aws:s3:::?", "arn:aws:s3:::😀", true},
		{"arn:aws:s3:::??", "arn:aws:s3:::😀", false},
		{"arn:aws:s3:::*?", "arn:aws:s3:::😀", true},
		{"arn:aws:s3:::?*?", "arn:aws:s3:::😀", false},
		{"arn:aws:s3:::b/?/k", "arn:aws:s3:::b/e\u0301/k", false}, // two code points
		{"arn:aws:s3:::b/??/k", "arn:aws:s3:::b/e\u0301/k", true},
	}
	for _, tc := range tests {
		if got := arn.MustCompilePattern(tc.pattern).Match(tc.subject); got != tc.want {
			t.Errorf("%q.Match(%q) = %v, want %v", tc.pattern, tc.subject, got, tc.want)
		}
	}
}

// TestHostileErrorSize checks that the error for a huge input stays short
// and keeps the input intact.
func TestHostileErrorSize(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("x", 1<<20),
		"arn:aws:s3:::" + strings.Repeat("é", 1<<19) + "\x00",
		"arn:aws:s3:::" + strings.Repeat("k", 1<<20) + "\xff",
	} {
		race.Within(t, "Parse of 1 MiB", func() {
			_, err := arn.Parse(in)
			var e *arn.Error
			if !errors.As(err, &e) || e.Input != in {
				t.Fatalf("Parse: %v", err)
			}
			if n := len(err.Error()); n > 1000 {
				t.Errorf("Error() is %d bytes long", n)
			}
		})
	}
}
