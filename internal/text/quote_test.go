package text

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("a", MaxQuoted-1) + "é" + "tail" // é straddles the limit
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"arn:aws:iam::111122223333:user/a", `"arn:aws:iam::111122223333:user/a"`},
		{"a\nFORGED decision: allowed", `"a\nFORGED decision: allowed"`},
		{"tab\tcr\r", `"tab\tcr\r"`},
		{`say "hi" \ bye`, `"say \"hi\" \\ bye"`},
		{"bad\xffbyte", `"bad\xffbyte"`},
		{"line\u2028sep", `"line\u2028sep"`},
		{"café", `"café"`},
		{long, `"` + strings.Repeat("a", MaxQuoted-1) + `"… (` + "205" + ` bytes)`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// FuzzQuote: the result is one line of valid UTF-8, bounded in length, and
// starts with the quoted beginning of the input.
func FuzzQuote(f *testing.F) {
	f.Add("a\nb")
	f.Add(strings.Repeat("é", 150))
	f.Add(strings.Repeat("\xff", 300))
	f.Add(strings.Repeat("a", MaxQuoted-1) + "\U0001F600")
	f.Fuzz(func(t *testing.T, s string) {
		q := Quote(s)
		if !utf8.ValidString(q) || strings.ContainsAny(q, "\r\n\u2028\u2029") {
			t.Fatalf("Quote(%q) = %q: not one line of valid UTF-8", s, q)
		}
		if len(q) > 4*MaxQuoted+40 {
			t.Fatalf("Quote of %d bytes is %d bytes long", len(s), len(q))
		}
		if len(s) <= MaxQuoted && q != quoteAll(s) {
			t.Fatalf("Quote(%q) = %s, want strconv.Quote", s, q)
		}
	})
}

func quoteAll(s string) string { return strconv.Quote(s) }
