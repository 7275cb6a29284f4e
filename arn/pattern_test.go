package arn

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// matchCases covers SPEC §2.6 (every row of its table) and more.
var matchCases = []struct {
	name, pattern, arn string
	want               bool
}{
	// SPEC §2.6 table.
	{"star spans slash", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", true},
	{"repeated slashes", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1///test///object.jpg", true},
	{"empty first star", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET//test/object.jpg", true},
	{"empty last star", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/test/", true},
	{"needs /test/ 1", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1-test/object.jpg", false},
	{"needs /test/ 2", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/test/object.jpg", false},
	{"needs /test/ 3", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test.jpg", false},
	{"user path", "arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/JaneDoe", true},
	{"user prefix", "arn:aws:iam::111122223333:user/division_abc*", "arn:aws:iam::111122223333:user/JohnDoe", false},
	{"infix", "arn:aws:s3:::*log*", "arn:aws:s3:::carlossalazar-logs", true},
	{"star stays in region", "arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false},
	{"resource crosses colon", "arn:aws:lambda:*:*:function:fn*", "arn:aws:lambda:us-east-1:123456789012:function:fn:PROD", true},
	{"case-sensitive resource", "arn:aws:s3:::reports/q1.csv", "arn:aws:s3:::reports/Q1.csv", false},

	// Paths of roles and users.
	{"role any path", "arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:role/service-role/R", true},
	{"role exact no path", "arn:aws:iam::123456789012:role/R", "arn:aws:iam::123456789012:role/service-role/R", false},
	{"role path prefix", "arn:aws:iam::123456789012:role/service-role/*", "arn:aws:iam::123456789012:role/service-role/R", true},
	{"role other path", "arn:aws:iam::123456789012:role/service-role/*", "arn:aws:iam::123456789012:role/app/R", false},
	{"role name suffix any path", "arn:aws:iam::123456789012:role/*R", "arn:aws:iam::123456789012:role/a/b/R", true},
	{"service-linked", "arn:aws:iam::*:role/aws-service-role/*", "arn:aws:iam::123456789012:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk", true},
	{"user exact", "arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/bob", true},
	{"user case", "arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/Bob", false},
	{"user path exact", "arn:aws:iam::123456789012:user/a/bob", "arn:aws:iam::123456789012:user/a/bob", true},
	{"user type is literal", "arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:group/g", false},
	{"policy var already substituted", "arn:aws:iam::123456789012:user/${aws:username}", "arn:aws:iam::123456789012:user/${aws:username}", true},
	{"sts session", "arn:aws:sts::123456789012:assumed-role/R/*", "arn:aws:sts::123456789012:assumed-role/R/session", true},
	{"sts vs iam", "arn:aws:iam::123456789012:role/R", "arn:aws:sts::123456789012:assumed-role/R/session", false},

	// Partitions.
	{"partition mismatch", "arn:aws:s3:::bucket", "arn:aws-cn:s3:::bucket", false},
	{"partition mismatch other way", "arn:aws-cn:s3:::bucket", "arn:aws:s3:::bucket", false},
	{"partition wildcard", "arn:*:s3:::bucket", "arn:aws-us-gov:s3:::bucket", true},
	{"partition prefix", "arn:aws-iso*:s3:::bucket", "arn:aws-iso-b:s3:::bucket", true},
	{"partition prefix no", "arn:aws-iso*:s3:::bucket", "arn:aws:s3:::bucket", false},
	{"partition case", "arn:AWS:s3:::bucket", "arn:aws:s3:::bucket", false},

	// Case sensitivity in every part.
	{"service case", "arn:aws:S3:::bucket", "arn:aws:s3:::bucket", false},
	{"region case", "arn:aws:ec2:US-EAST-1:1:instance/i", "arn:aws:ec2:us-east-1:1:instance/i", false},
	{"account case", "arn:aws:iam::AWS:policy/P", "arn:aws:iam::aws:policy/P", false},
	{"resource type case", "arn:aws:iam::1:User/bob", "arn:aws:iam::1:user/bob", false},

	// The "*" pattern and the pseudo-resource "*".
	{"star matches arn", "*", "arn:aws:s3:::bucket", true},
	{"star matches pseudo", "*", "*", true},
	{"star matches anything", "*", "not an arn", true},
	{"star matches empty", "*", "", true},
	{"arn star not pseudo", "arn:aws:s3:::*", "*", false},
	{"all star not pseudo", "arn:*:*:*:*:*", "*", false},
	{"all star matches arn", "arn:*:*:*:*:*", "arn:aws:lambda:us-east-1:1:function:f:PROD", true},
	{"all star matches empty parts", "arn:*:*:*:*:*", "arn:::::", true},
	{"literal pseudo", "arn:aws:s3:::bucket", "*", false},

	// Subjects that do not split.
	{"short subject", "arn:aws:s3:::*", "arn:aws:s3::", false},
	{"non-arn subject", "arn:aws:s3:::*", "bucket", false},
	{"upper ARN subject", "arn:aws:s3:::*", "ARN:aws:s3:::bucket", false},
	{"empty subject", "arn:*:*:*:*:*", "", false},

	// Empty parts: empty is the empty string, not a wildcard.
	{"empty region vs set", "arn:aws:s3:::b", "arn:aws:s3:us-east-1::b", false},
	{"set region vs empty", "arn:aws:ec2:us-east-1::image/a", "arn:aws:ec2:::image/a", false},
	{"star region vs empty", "arn:aws:s3:*::b", "arn:aws:s3:::b", true},
	{"question region vs empty", "arn:aws:s3:?::b", "arn:aws:s3:::b", false},
	{"empty account vs set", "arn:aws:ec2:us-east-1::image/a", "arn:aws:ec2:us-east-1:123456789012:image/a", false},
	{"empty resource", "arn:aws:s3:::", "arn:aws:s3:::", true},
	{"empty resource vs star", "arn:aws:s3:::*", "arn:aws:s3:::", true},

	// Wildcards in the first four parts do not cross colons.
	{"account star no colon", "arn:aws:s3:::*", "arn:aws:s3:::a:b", true},
	{"region star", "arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1", true},
	{"region star account differs", "arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:eu-west-1:210987654321:instance/i-1", false},
	{"service star", "arn:aws:*:*:*:*", "arn:aws:dynamodb:us-east-1:1:table/T", true},
	{"service prefix", "arn:aws:s3*:::*", "arn:aws:s3express:::b", true},
	{"region question", "arn:aws:ec2:us-east-?:1:instance/*", "arn:aws:ec2:us-east-2:1:instance/i", true},
	{"region question too short", "arn:aws:ec2:us-east-?:1:instance/*", "arn:aws:ec2:us-east-:1:instance/i", false},
	{"account question", "arn:aws:iam::11112222333?:root", "arn:aws:iam::111122223333:root", true},
	{"account question colon", "arn:aws:svc:r:?:x", "arn:aws:svc:r::x", false},

	// The resource part: '?' and '*' cross '/' and ':'.
	{"question slash", "arn:aws:s3:::a?b", "arn:aws:s3:::a/b", true},
	{"question colon", "arn:aws:svc:::a?b", "arn:aws:svc:::a:b", true},
	{"question multibyte", "arn:aws:s3:::b/?", "arn:aws:s3:::b/é", true},
	{"question one rune only", "arn:aws:s3:::b/?", "arn:aws:s3:::b/ab", false},
	{"question needs a rune", "arn:aws:s3:::b/?", "arn:aws:s3:::b/", false},
	{"log-group", "arn:aws:logs:*:*:log-group:/aws/lambda/*:*", "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:s", true},
	{"many stars", "arn:aws:s3:::*a*a*a*b", "arn:aws:s3:::aaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	{"resource suffix", "arn:aws:s3:::*.jpg", "arn:aws:s3:::b/x.jpg", true},
	{"resource suffix no", "arn:aws:s3:::*.jpg", "arn:aws:s3:::b/x.jpeg", false},
	{"literal vs longer", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key", false},
	{"literal vs shorter", "arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket", false},
	{"bucket star not bucket", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
	{"bucket star prefix", "arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-other/key", true},
}

func TestPatternMatch(t *testing.T) {
	for _, tt := range matchCases {
		t.Run(tt.name, func(t *testing.T) {
			p, err := CompilePattern(tt.pattern)
			if err != nil {
				t.Fatalf("CompilePattern(%q): %v", tt.pattern, err)
			}
			if got := p.Match(tt.arn); got != tt.want {
				t.Errorf("%q.Match(%q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
			}
			if sec, ok := Split(tt.arn); ok {
				if got := p.MatchSections(sec); got != tt.want {
					t.Errorf("%q.MatchSections(%q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
				}
			}
			enc := wildcard.Encode(tt.pattern)
			if got := MatchEncoded(enc, tt.arn); got != tt.want {
				t.Errorf("MatchEncoded(%q, %q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
			}
			if got := MatchEncoded([]byte(enc), tt.arn); got != tt.want {
				t.Errorf("MatchEncoded([]byte %q, %q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
			}
			if got := slowMatch(tt.pattern, tt.arn); got != tt.want {
				t.Errorf("slowMatch(%q, %q) = %v, want %v (reference disagrees with the table)", tt.pattern, tt.arn, got, tt.want)
			}
			if p.String() != tt.pattern {
				t.Errorf("String() = %q, want %q", p.String(), tt.pattern)
			}
		})
	}
}

func TestCompilePatternErrors(t *testing.T) {
	for _, in := range []string{
		"", "**", "arn:aws:s3", "arn:aws:s3::", "ARN:aws:s3:::b", "bucket/*", " *", "* ",
		"arn:aws:s3:::b\xff", "arn:aws:s3:::\xfe", "\xff",
	} {
		t.Run(in, func(t *testing.T) {
			p, err := CompilePattern(in)
			if err == nil {
				t.Fatalf("CompilePattern(%q) = %v, want error", in, p)
			}
			var e *Error
			if !errors.As(err, &e) || e.Input != in || e.Reason == "" {
				t.Errorf("error = %#v", err)
			}
			if p.Match("arn:aws:s3:::b") || p.Match("*") || p.MatchSections(Sections{}) {
				t.Error("failed pattern matches")
			}
		})
	}
}

// A literal "*" substituted into an encoded pattern is text, not a wildcard.
func TestMatchEncodedLiteralStar(t *testing.T) {
	tests := []struct {
		name    string
		pattern []byte
		arn     string
		want    bool
	}{
		{"encoded star alone", []byte{wildcard.Star}, "anything", true},
		{"literal star alone", []byte("*"), "*", false},
		{"literal star alone vs arn", []byte("*"), "arn:aws:s3:::b", false},
		{"literal star in resource", []byte("arn:aws:s3:::b/*"), "arn:aws:s3:::b/x", false},
		{"literal star equal", []byte("arn:aws:s3:::b/*"), "arn:aws:s3:::b/*", true},
		{"literal question", []byte("arn:aws:s3:::b/?"), "arn:aws:s3:::b/x", false},
		{"encoded star before arn", append([]byte{wildcard.Star}, ":aws:s3:::b"...), "arn:aws:s3:::b", false},
		{"encoded star resource", append([]byte("arn:aws:s3:::b/"), wildcard.Star), "arn:aws:s3:::b/x/y", true},
		{"encoded one region", []byte("arn:aws:ec2:us-east-\xfe:1:i"), "arn:aws:ec2:us-east-1:1:i", true},
		{"empty pattern", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchEncoded(tt.pattern, tt.arn); got != tt.want {
				t.Errorf("MatchEncoded(%q, %q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
			}
			if got := MatchEncoded(string(tt.pattern), tt.arn); got != tt.want {
				t.Errorf("MatchEncoded(string %q, %q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
			}
		})
	}
}

func TestZeroPattern(t *testing.T) {
	var p Pattern
	for _, s := range []string{"", "*", "arn:::::", "arn:aws:s3:::b"} {
		if p.Match(s) {
			t.Errorf("zero Pattern matches %q", s)
		}
	}
	if p.MatchSections(Sections{}) || p.IsAny() || p.String() != "" {
		t.Error("zero Pattern is not inert")
	}
}

func TestIsAny(t *testing.T) {
	if !MustCompilePattern("*").IsAny() {
		t.Error(`"*" is not IsAny`)
	}
	if MustCompilePattern("arn:*:*:*:*:*").IsAny() {
		t.Error(`"arn:*:*:*:*:*" is IsAny`)
	}
}

func TestMustCompilePatternPanics(t *testing.T) {
	defer func() {
		if _, ok := recover().(*Error); !ok {
			t.Error("MustCompilePattern did not panic with *Error")
		}
	}()
	MustCompilePattern("bucket")
}

func TestMatchNoAlloc(t *testing.T) {
	subject := "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"
	for _, pat := range []string{"*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg",
		"arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:*:s?:*:*:*"} {
		p := MustCompilePattern(pat)
		enc := []byte(wildcard.Encode(pat))
		if n := testing.AllocsPerRun(100, func() { p.Match(subject) }); n != 0 {
			t.Errorf("Match(%q) allocates %v times", pat, n)
		}
		if n := testing.AllocsPerRun(100, func() { MatchEncoded(enc, subject) }); n != 0 {
			t.Errorf("MatchEncoded(%q) allocates %v times", pat, n)
		}
	}
}

// Linear-time bound: many colons and many stars must not blow up.
func TestMatchLargeInputs(t *testing.T) {
	colons := "arn:aws:svc:r:a:" + strings.Repeat(":", 10000)
	p := MustCompilePattern("arn:aws:svc:r:a:*")
	if !p.Match(colons) {
		t.Error("resource of colons does not match *")
	}
	stars := MustCompilePattern("arn:aws:s3:::" + strings.Repeat("*a", 2000) + "b")
	if stars.Match("arn:aws:s3:::" + strings.Repeat("a", 10000)) {
		t.Error("pathological pattern matched")
	}
}
