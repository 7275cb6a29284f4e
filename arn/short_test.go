package arn

import "testing"

// shortCases are short ARN patterns (SPEC §2.6, revision 2) against full
// ARNs. A short pattern without a trailing '*' matches nothing in this
// package (the evaluator applies SPEC §10.1).
var shortCases = []struct {
	name, pattern, arn string
	want               bool
}{
	{"service star covers a queue", "arn:aws:sqs:*", "arn:aws:sqs:us-east-1:111122223333:queue1", true},
	{"service star covers an S3 object", "arn:aws:s3:*", "arn:aws:s3:::bucket/key", true},
	{"service star: other service", "arn:aws:sqs:*", "arn:aws:sns:us-east-1:111122223333:topic", false},
	{"service star: other partition", "arn:aws:sqs:*", "arn:aws-cn:sqs:cn-north-1:111122223333:q", false},
	{"region star covers the region", "arn:aws:sqs:us-east-1:*", "arn:aws:sqs:us-east-1:111122223333:queue1", true},
	{"region star: other region", "arn:aws:sqs:us-east-1:*", "arn:aws:sqs:eu-west-1:111122223333:queue1", false},
	{"region star: a longer region", "arn:aws:sqs:us-east-1:*", "arn:aws:sqs:us-east-10:111122223333:q", false},
	{"partial last part", "arn:aws:sqs:us-*", "arn:aws:sqs:us-west-2:111122223333:q", true},
	{"partial last part: no match", "arn:aws:sqs:us-*", "arn:aws:sqs:eu-west-2:111122223333:q", false},
	{"account prefix", "arn:aws:sqs:*:1111*", "arn:aws:sqs:us-east-1:111122223333:q", true},
	{"inner star stays in its part", "arn:aws:dynamodb:*:table/prod-*", "arn:aws:dynamodb:us-east-1:111122223333:table/prod-x", false},
	{"question mark in last part", "arn:aws:sqs:us-east-?*", "arn:aws:sqs:us-east-2:111122223333:q", true},
	{"not an ARN subject", "arn:aws:sqs:*", "arn:aws:sqs:us-east-1", false},
	{"pseudo-resource", "arn:aws:sqs:*", "*", false},
	{"no trailing star", "arn:aws:sqs:us-east-1", "arn:aws:sqs:us-east-1:111122223333:q", false},
	{"no trailing star, three parts", "arn:aws:sqs", "arn:aws:sqs:us-east-1:111122223333:q", false},
}

func TestShortPattern(t *testing.T) {
	for _, tc := range shortCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := CompileResourcePattern(tc.pattern)
			if (err == nil) != ShortWildcard(tc.pattern) {
				t.Fatalf("CompileResourcePattern(%q) error = %v", tc.pattern, err)
			}
			if got := p.Match(tc.arn); got != tc.want {
				t.Errorf("%q.Match(%q) = %v, want %v", tc.pattern, tc.arn, got, tc.want)
			}
			if got := slowMatchResource(tc.pattern, tc.arn); got != tc.want {
				t.Errorf("reference(%q, %q) = %v, want %v", tc.pattern, tc.arn, got, tc.want)
			}
			if err == nil && p.String() != tc.pattern {
				t.Errorf("String() = %q", p.String())
			}
			// CompilePattern (ArnLike values) is unchanged: short ARNs fail.
			if _, err := CompilePattern(tc.pattern); err == nil {
				t.Errorf("CompilePattern(%q) accepted a short ARN", tc.pattern)
			}
		})
	}
}

func TestShortParts(t *testing.T) {
	for s, want := range map[string]int{
		"arn:aws:sqs": 3, "arn:aws:sqs:*": 4, "arn:aws:sqs:us-east-1:*": 5, "arn:aws:sqs:r:a:q": 0,
		"arn:aws": 0, "arn:": 0, "*": 0, "": 0, "arn:aws:s3::b": 5, "urn:aws:sqs:*": 0, "arn:::": 4,
	} {
		if got := ShortParts(s); got != want {
			t.Errorf("ShortParts(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestShortPatternAllocs(t *testing.T) {
	p, err := CompileResourcePattern("arn:aws:sqs:us-east-1:*")
	if err != nil {
		t.Fatal(err)
	}
	subject := "arn:aws:sqs:us-east-1:111122223333:queue1"
	if n := testing.AllocsPerRun(100, func() { p.Match(subject) }); n != 0 {
		t.Errorf("Match allocates %v times", n)
	}
}
