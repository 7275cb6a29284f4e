package arn

import (
	"testing"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

var sinkARN ARN

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"iam-user", "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe"},
		{"s3-object", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"},
		{"lambda-alias", "arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				a, err := Parse(bc.in)
				if err != nil {
					b.Fatal(err)
				}
				sinkARN = a
			}
		})
	}
}

func BenchmarkSplit(b *testing.B) {
	s := "arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD"
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Split(s); !ok {
			b.Fatal("no split")
		}
	}
}

var patternBenches = []struct{ name, pattern, arn string }{
	{"literal", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"},
	{"trailing-star", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"},
	{"infix", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"},
	{"all-parts", "arn:aws*:s3:*:*:DOC-EXAMPLE-BUCKET/*.jpg", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"},
	{"miss", "arn:aws:s3:::OTHER-BUCKET/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"},
}

func BenchmarkPatternMatch(b *testing.B) {
	for _, bc := range patternBenches {
		p := MustCompilePattern(bc.pattern)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.Match(bc.arn)
			}
		})
	}
}

func BenchmarkMatchEncoded(b *testing.B) {
	for _, bc := range patternBenches {
		enc := []byte(wildcard.Encode(bc.pattern))
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MatchEncoded(enc, bc.arn)
			}
		})
	}
}

func BenchmarkShortPatternMatch(b *testing.B) {
	for _, bc := range []struct{ name, pattern, arn string }{
		{"service", "arn:aws:sqs:*", "arn:aws:sqs:us-east-1:111122223333:queue1"},
		{"region", "arn:aws:sqs:us-east-1:*", "arn:aws:sqs:us-east-1:111122223333:queue1"},
		{"miss", "arn:aws:sqs:us-east-1:*", "arn:aws:sqs:eu-west-1:111122223333:queue1"},
	} {
		p, err := CompileResourcePattern(bc.pattern)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.Match(bc.arn)
			}
		})
	}
}
