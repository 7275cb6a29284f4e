package wildcard

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/internal/wildcard/globref"
)

// reference is the slow matcher the tests compare against.
func reference(p, s string, fold bool) bool { return globref.Match(p, s, fold) }

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, subject string
		fold             bool
		want             bool
	}{
		{"", "", false, true},
		{"", "a", false, false},
		{"*", "", false, true},
		{"*", "anything/at:all", false, true},
		{"abc", "abc", false, true},
		{"abc", "abd", false, false},
		{"abc", "ABC", false, false},
		{"abc", "ABC", true, true},
		{"s3:Get*", "s3:GetObject", false, true},
		{"s3:get*", "S3:GETOBJECT", true, true},
		{"*AccessKey*", "CreateAccessKey", false, true},
		{"*Report", "GenerateCredentialReport", false, true},
		{"*Report", "GenerateCredentialReports", false, false},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"a?c", "aéc", false, true},
		{"?", "é", false, true},
		{"??", "é", false, false},
		{"*?", "", false, false},
		{"*?*", "x", false, true},
		{"DOC-EXAMPLE-BUCKET/*/test/*", "DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", false, true},
		{"DOC-EXAMPLE-BUCKET/*/test/*", "DOC-EXAMPLE-BUCKET/1///test///object.jpg", false, true},
		{"DOC-EXAMPLE-BUCKET/*/test/*", "DOC-EXAMPLE-BUCKET//test/object.jpg", false, true},
		{"DOC-EXAMPLE-BUCKET/*/test/*", "DOC-EXAMPLE-BUCKET/1/test/", false, true},
		{"DOC-EXAMPLE-BUCKET/*/test/*", "DOC-EXAMPLE-BUCKET/1-test/object.jpg", false, false},
		{"DOC-EXAMPLE-BUCKET/*/test/*", "DOC-EXAMPLE-BUCKET/test/object.jpg", false, false},
		{"DOC-EXAMPLE-BUCKET/*/test/*", "DOC-EXAMPLE-BUCKET/1/2/test.jpg", false, false},
		{"*log*", "carlossalazar-logs", false, true},
		{"a*b*c", "abc", false, true},
		{"a*b*c", "acb", false, false},
		{"a*a", "a", false, false},
		{"*a*a*", "aa", false, true},
		{"*ab*ab", "abab", false, true},
		{"*ab*ab", "abaab", false, true},
		{"*ab*ab", "aba", false, false},
		{"x*?y", "xéy", false, true},
		{"x*?y", "xy", false, false},
		{"*?", "a\x80", false, true},
		{"*??", "\xc3\xa9", false, false},
		{"a*?", "a\xc3", false, true},
		{"?", "\xff", false, true},
	}
	for _, tc := range tests {
		got := Match(Encode(tc.pattern), tc.subject, tc.fold)
		if got != tc.want {
			t.Errorf("Match(%q, %q, fold=%v) = %v, want %v", tc.pattern, tc.subject, tc.fold, got, tc.want)
		}
		g := CompileGlob(Encode(tc.pattern), tc.fold)
		if got := g.Match(tc.subject); got != tc.want {
			t.Errorf("CompileGlob(%q, fold=%v).Match(%q) = %v, want %v", tc.pattern, tc.fold, tc.subject, got, tc.want)
		}
		if ref := reference(tc.pattern, tc.subject, tc.fold); ref != tc.want {
			t.Errorf("reference(%q, %q) = %v, want %v (table error)", tc.pattern, tc.subject, ref, tc.want)
		}
	}
}

func TestEncodedWildcardsAreLiteralInText(t *testing.T) {
	// A '*' that reaches the pattern as substituted text is literal.
	p := append(AppendEncoded(nil, "home/"), []byte("a*b")...)
	p = AppendEncoded(p, "/*")
	if !Match(p, "home/a*b/x", false) {
		t.Fatal("literal star did not match itself")
	}
	if Match(p, "home/aXXb/x", false) {
		t.Fatal("substituted star acted as a wildcard")
	}
}

func TestMatchAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'a', 'b', 'A', '/', ':', 'é', '*', '?'}
	gen := func(n int, wild bool) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			c := alphabet[r.IntN(len(alphabet))]
			if !wild && (c == '*' || c == '?') {
				c = 'a'
			}
			sb.WriteRune(c)
		}
		return sb.String()
	}
	for i := 0; i < 20000; i++ {
		agreeWithReference(t, gen(r.IntN(8), true), gen(r.IntN(10), false), i%2 == 0)
	}
}

// agreeWithReference checks Match and a compiled Glob of policy text p
// against the reference matcher on subject s.
func agreeWithReference(t *testing.T, p, s string, fold bool) {
	t.Helper()
	want := reference(p, s, fold)
	if got := Match(Encode(p), s, fold); got != want {
		t.Fatalf("Match(%q, %q, fold=%v) = %v, reference says %v", p, s, fold, got, want)
	}
	g := CompileGlob(Encode(p), fold)
	if got := g.Match(s); got != want {
		t.Fatalf("CompileGlob(%q, fold=%v).Match(%q) = %v, reference says %v", p, fold, s, got, want)
	}
}

// TestGlobSegments pins how CompileGlob cuts a pattern, which decides the
// fast path: stars in a row leave no empty segment, and a pattern with One
// or folding is left to Match.
func TestGlobSegments(t *testing.T) {
	for _, tc := range []struct {
		pattern    string
		fold       bool
		head, tail string
		mid        []string
		star, slow bool
	}{
		{pattern: "", head: ""},
		{pattern: "abc", head: "abc"},
		{pattern: "*", star: true},
		{pattern: "a*", head: "a", star: true},
		{pattern: "*b", tail: "b", star: true},
		{pattern: "corp-data-*/reports/*", head: "corp-data-", mid: []string{"/reports/"}, star: true},
		{pattern: "a**b***c*d", head: "a", mid: []string{"b", "c"}, tail: "d", star: true},
		{pattern: "a?*b", head: Encode("a?*b"), slow: true},
		{pattern: "a*b", fold: true, head: "a" + string([]byte{Star}) + "b", slow: true},
	} {
		g := CompileGlob(Encode(tc.pattern), tc.fold)
		if g.head != tc.head || g.tail != tc.tail || g.star != tc.star || g.slow != tc.slow || strings.Join(g.mid, "|") != strings.Join(tc.mid, "|") {
			t.Errorf("CompileGlob(%q, %v) = head %q mid %q tail %q star %v slow %v, want head %q mid %q tail %q star %v slow %v",
				tc.pattern, tc.fold, g.head, g.mid, g.tail, g.star, g.slow, tc.head, tc.mid, tc.tail, tc.star, tc.slow)
		}
		if g.String() != Encode(tc.pattern) {
			t.Errorf("CompileGlob(%q).String() = %q", tc.pattern, g.String())
		}
	}
	var zero Glob
	if !zero.Match("") || zero.Match("a") {
		t.Error("the zero Glob must match the empty string only")
	}
}

func TestPathologicalPatternIsLinear(t *testing.T) {
	p := Encode("*a*a*a*a*a*a*a*b")
	s := strings.Repeat("a", 10*1024)
	p2 := Encode("*a*a*a*a*a*a*a*ab*")
	start := time.Now()
	for i := 0; i < 100; i++ {
		if Match(p, s, false) || Match(p2, s, false) {
			t.Fatal("unexpected match")
		}
	}
	// Generous bound: 100 pairs of matches over 10 KiB; a backtracking
	// matcher takes minutes here.
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("200 pathological matches took %v", d)
	}
}

func BenchmarkMatch(b *testing.B) {
	cases := []struct{ name, p, s string }{
		{"literal", "arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/key"},
		{"prefix", "reports/*", "reports/2024/q1.csv"},
		{"infix", "*log*", "carlossalazar-logs"},
		{"pathological-10KiB", "*a*a*a*a*a*a*a*b", strings.Repeat("a", 10*1024)},
		// The trailing star leaves no anchored tail to reject on: the
		// segments are searched through the whole subject.
		{"pathological-10KiB-unanchored", "*a*a*a*a*a*a*a*b*", strings.Repeat("a", 10*1024)},
		{"pathological-10KiB-question", "*?a*?a*?a*?a*?a*?a*?a*b*", strings.Repeat("a", 10*1024)},
	}
	for _, c := range cases {
		p := Encode(c.p)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Match(p, c.s, false)
			}
		})
		g := CompileGlob(p, false)
		b.Run(c.name+"/compiled", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g.Match(c.s)
			}
		})
	}
}

func FuzzWildcard(f *testing.F) {
	f.Add("*a*b?", "xxaxb1", false)
	f.Add("s3:Get*", "S3:GETOBJECT", true)
	f.Add("*?*", "é", false)
	f.Fuzz(func(t *testing.T, p, s string, fold bool) {
		// Patterns come from policy text, which is valid UTF-8; subjects may
		// be anything.
		if len(p) > 64 || len(s) > 256 || !utf8.ValidString(p) {
			return
		}
		agreeWithReference(t, p, s, fold)
	})
}
