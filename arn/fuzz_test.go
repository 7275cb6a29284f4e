package arn

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

func FuzzParseARN(f *testing.F) {
	for _, s := range []string{
		"arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe",
		"arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD",
		"arn:aws:s3:::DOC-EXAMPLE-BUCKET/1///test///object.jpg",
		"arn:aws-cn:iam::aws:policy/AdministratorAccess",
		"arn:aws:s3", "arn:aws:s3::::", "arn:::::", "*", "", "arn:aws:s3:::b\x00", "arn:aws:s3:::\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		sec, splitOK := Split(s)
		if err != nil {
			if a != (ARN{}) {
				t.Fatalf("Parse(%q) returned %+v with an error", s, a)
			}
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q) error is %T", s, err)
			}
			_ = err.Error()
			return
		}
		if !splitOK {
			t.Fatalf("Parse(%q) succeeded but Split failed", s)
		}
		if sec != (Sections{a.Partition, a.Service, a.Region, a.AccountID, a.Resource}) {
			t.Fatalf("Parse(%q) = %+v disagrees with Split %+v", s, a, sec)
		}
		if a.String() != s {
			t.Fatalf("String() = %q, want %q", a.String(), s)
		}
		b, err := Parse(a.String())
		if err != nil || b != a {
			t.Fatalf("Parse(String()) = %+v, %v; want %+v", b, err, a)
		}
		if !KnownPartition(a.Partition) || a.Service == "" || a.Resource == "" || !utf8.ValidString(s) {
			t.Fatalf("Parse(%q) accepted an invalid ARN", s)
		}
		typ, id := a.ResourceType(), a.ResourceID()
		if typ != "" {
			sep := a.Resource[len(typ)]
			if (sep != '/' && sep != ':') || typ+string(sep)+id != a.Resource {
				t.Fatalf("type %q + id %q do not rebuild %q", typ, id, a.Resource)
			}
		}
		if typ == "" && id != a.Resource {
			t.Fatalf("untyped id %q != resource %q", id, a.Resource)
		}
		// A parsed ARN matches itself as a pattern when it has no wildcards.
		if !wildcard.HasWildcard(s) && !MustCompilePattern(s).Match(s) {
			t.Fatalf("%q does not match itself", s)
		}
	})
}

func FuzzPattern(f *testing.F) {
	for _, c := range matchCases {
		f.Add(c.pattern, c.arn)
	}
	f.Add("arn:*:*:*:*:*", "arn:::::")
	f.Add("arn:a?:b*:c:d:e*f?g", "arn:ax:b:c:d:e:f:g")
	for _, c := range shortCases {
		f.Add(c.pattern, c.arn)
	}
	f.Fuzz(func(t *testing.T, pattern, subject string) {
		// The reference is quadratic: keep inputs moderate.
		if len(pattern) > 256 || len(subject) > 256 {
			return
		}
		checkResourcePattern(t, pattern, subject)
		p, err := CompilePattern(pattern)
		got := p.Match(subject)
		if err != nil {
			if got {
				t.Fatalf("failed pattern %q matches %q", pattern, subject)
			}
			return
		}
		if p.String() != pattern {
			t.Fatalf("String() = %q, want %q", p.String(), pattern)
		}
		enc := MatchEncoded(wildcard.Encode(pattern), subject)
		if enc != got {
			t.Fatalf("MatchEncoded(%q, %q) = %v, Match = %v", pattern, subject, enc, got)
		}
		// The reference cuts characters with utf8.DecodeRune, which differs
		// from the matcher only on malformed UTF-8 in the subject.
		if !utf8.ValidString(subject) {
			return
		}
		if want := slowMatch(pattern, subject); got != want {
			t.Fatalf("%q.Match(%q) = %v, reference says %v", pattern, subject, got, want)
		}
		if sec, ok := Split(subject); ok && p.MatchSections(sec) != got {
			t.Fatalf("MatchSections disagrees with Match for %q, %q", pattern, subject)
		}
		if strings.Count(subject, ":") < 5 && pattern != "*" && got {
			t.Fatalf("%q matched non-ARN %q", pattern, subject)
		}
	})
}

// checkResourcePattern compares CompileResourcePattern with the reference
// slowMatchResource, and with CompilePattern where they must agree.
func checkResourcePattern(t *testing.T, pattern, subject string) {
	t.Helper()
	p, err := CompileResourcePattern(pattern)
	got := p.Match(subject)
	short := ShortParts(pattern) > 0
	if err != nil {
		if got {
			t.Fatalf("failed resource pattern %q matches %q", pattern, subject)
		}
		if short && ShortWildcard(pattern) && utf8.ValidString(pattern) {
			t.Fatalf("CompileResourcePattern(%q): %v", pattern, err)
		}
		return
	}
	if p.String() != pattern {
		t.Fatalf("String() = %q, want %q", p.String(), pattern)
	}
	if !short {
		q, qerr := CompilePattern(pattern)
		if qerr != nil || q.Match(subject) != got {
			t.Fatalf("CompileResourcePattern and CompilePattern disagree on %q, %q", pattern, subject)
		}
	}
	if sec, ok := Split(subject); ok && p.MatchSections(sec) != got {
		t.Fatalf("MatchSections disagrees with Match for %q, %q", pattern, subject)
	}
	if !utf8.ValidString(subject) {
		return
	}
	if want := slowMatchResource(pattern, subject); got != want {
		t.Fatalf("resource pattern %q.Match(%q) = %v, reference says %v", pattern, subject, got, want)
	}
}
