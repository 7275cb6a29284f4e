package arn

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want Sections
		ok   bool
	}{
		{"arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe",
			Sections{"aws", "iam", "", "123456789012", "user/division_abc/subdivision_xyz/JaneDoe"}, true},
		{"arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD",
			Sections{"aws", "lambda", "us-east-1", "123456789012", "function:my-fn:PROD"}, true},
		{"arn:aws:s3:::DOC-EXAMPLE-BUCKET/1///test///object.jpg",
			Sections{"aws", "s3", "", "", "DOC-EXAMPLE-BUCKET/1///test///object.jpg"}, true},
		{"arn:::::", Sections{}, true},
		{"arn:a:b:c:d:", Sections{"a", "b", "c", "d", ""}, true},
		{"arn:a:b:c:d::::", Sections{"a", "b", "c", "d", ":::"}, true},
		{"arn:aws:s3::", Sections{}, false},
		{"arn:aws:s3:::", Sections{"aws", "s3", "", "", ""}, true},
		{"", Sections{}, false},
		{"*", Sections{}, false},
		{"arn", Sections{}, false},
		{"arn:", Sections{}, false},
		{"ARN:aws:s3:::b", Sections{}, false},
		{" arn:aws:s3::::b", Sections{}, false},
		{"urn:aws:s3::::b", Sections{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := Split(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("Split(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
			b, bok := splitBytes([]byte(tt.in))
			if bok != tt.ok {
				t.Fatalf("splitBytes(%q) ok = %v, want %v", tt.in, bok, tt.ok)
			}
			if bok {
				s := tt.in
				gb := Sections{s[b[0][0]:b[0][1]], s[b[1][0]:b[1][1]], s[b[2][0]:b[2][1]], s[b[3][0]:b[3][1]], s[b[4][0]:b[4][1]]}
				if gb != tt.want {
					t.Errorf("splitBytes(%q) = %+v, want %+v", tt.in, gb, tt.want)
				}
			}
		})
	}
}

func TestSplitNoAlloc(t *testing.T) {
	s := "arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD"
	if n := testing.AllocsPerRun(100, func() { Split(s) }); n != 0 {
		t.Errorf("Split allocates %v times", n)
	}
}

func TestSplitManyColons(t *testing.T) {
	s := "arn:aws:svc:r:a:" + strings.Repeat(":", 10000)
	sec, ok := Split(s)
	if !ok || sec.Resource != strings.Repeat(":", 10000) || sec.Account != "a" {
		t.Fatalf("Split of 10,000 colons = %v, %v", sec.Account, ok)
	}
	a, err := Parse(s)
	if err != nil || a.Resource != sec.Resource {
		t.Fatalf("Parse of 10,000 colons: %v", err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    ARN
		typ, id string
	}{
		// SPEC §2.1.
		{"arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe",
			ARN{"aws", "iam", "", "123456789012", "user/division_abc/subdivision_xyz/JaneDoe"},
			"user", "division_abc/subdivision_xyz/JaneDoe"},
		{"arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD",
			ARN{"aws", "lambda", "us-east-1", "123456789012", "function:my-fn:PROD"}, "function", "my-fn:PROD"},
		{"arn:aws:s3:::DOC-EXAMPLE-BUCKET/1///test///object.jpg",
			ARN{"aws", "s3", "", "", "DOC-EXAMPLE-BUCKET/1///test///object.jpg"}, "", "DOC-EXAMPLE-BUCKET/1///test///object.jpg"},
		// SPEC §2.3.
		{"arn:aws:iam::aws:policy/AdministratorAccess",
			ARN{"aws", "iam", "", "aws", "policy/AdministratorAccess"}, "policy", "AdministratorAccess"},
		{"arn:aws:sts::123456789012:assumed-role/R/s",
			ARN{"aws", "sts", "", "123456789012", "assumed-role/R/s"}, "assumed-role", "R/s"},
		{"arn:aws:s3:::bucket/key", ARN{"aws", "s3", "", "", "bucket/key"}, "", "bucket/key"},
		{"arn:aws:s3:::bucket", ARN{"aws", "s3", "", "", "bucket"}, "", "bucket"},
		{"arn:aws:s3:us-east-1:123456789012:accesspoint/ap",
			ARN{"aws", "s3", "us-east-1", "123456789012", "accesspoint/ap"}, "accesspoint", "ap"},
		{"arn:aws:cloudfront::123456789012:distribution/E1",
			ARN{"aws", "cloudfront", "", "123456789012", "distribution/E1"}, "distribution", "E1"},
		{"arn:aws:ec2:us-east-1::image/ami-1234",
			ARN{"aws", "ec2", "us-east-1", "", "image/ami-1234"}, "image", "ami-1234"},
		{"arn:aws:route53:::hostedzone/Z1", ARN{"aws", "route53", "", "", "hostedzone/Z1"}, "hostedzone", "Z1"},
		// SPEC §2.4 catalogue.
		{"arn:aws:iam::123456789012:root", ARN{"aws", "iam", "", "123456789012", "root"}, "", "root"},
		{"arn:aws:iam::123456789012:group/g", ARN{"aws", "iam", "", "123456789012", "group/g"}, "group", "g"},
		{"arn:aws:iam::123456789012:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer",
			ARN{"aws", "iam", "", "123456789012", "role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer"},
			"role", "aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer"},
		{"arn:aws:iam::123456789012:role/service-role/R", ARN{"aws", "iam", "", "123456789012", "role/service-role/R"}, "role", "service-role/R"},
		{"arn:aws:iam::123456789012:policy/p/q/", ARN{"aws", "iam", "", "123456789012", "policy/p/q/"}, "policy", "p/q/"},
		{"arn:aws:iam::123456789012:instance-profile/ip", ARN{"aws", "iam", "", "123456789012", "instance-profile/ip"}, "instance-profile", "ip"},
		{"arn:aws:iam::123456789012:mfa/dev", ARN{"aws", "iam", "", "123456789012", "mfa/dev"}, "mfa", "dev"},
		{"arn:aws:iam::123456789012:u2f/user/JohnDoe/default", ARN{"aws", "iam", "", "123456789012", "u2f/user/JohnDoe/default"}, "u2f", "user/JohnDoe/default"},
		{"arn:aws:iam::123456789012:server-certificate/c", ARN{"aws", "iam", "", "123456789012", "server-certificate/c"}, "server-certificate", "c"},
		{"arn:aws:iam::123456789012:saml-provider/ADFS", ARN{"aws", "iam", "", "123456789012", "saml-provider/ADFS"}, "saml-provider", "ADFS"},
		{"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
			ARN{"aws", "iam", "", "123456789012", "oidc-provider/token.actions.githubusercontent.com"}, "oidc-provider", "token.actions.githubusercontent.com"},
		{"arn:aws:sts::123456789012:federated-user/Bob", ARN{"aws", "sts", "", "123456789012", "federated-user/Bob"}, "federated-user", "Bob"},
		// Partitions.
		{"arn:aws-cn:iam::123456789012:root", ARN{"aws-cn", "iam", "", "123456789012", "root"}, "", "root"},
		{"arn:aws-us-gov:iam::123456789012:root", ARN{"aws-us-gov", "iam", "", "123456789012", "root"}, "", "root"},
		{"arn:aws-iso:iam::123456789012:root", ARN{"aws-iso", "iam", "", "123456789012", "root"}, "", "root"},
		{"arn:aws-iso-b:iam::123456789012:root", ARN{"aws-iso-b", "iam", "", "123456789012", "root"}, "", "root"},
		{"arn:aws-iso-e:iam::123456789012:root", ARN{"aws-iso-e", "iam", "", "123456789012", "root"}, "", "root"},
		{"arn:aws-iso-f:iam::123456789012:root", ARN{"aws-iso-f", "iam", "", "123456789012", "root"}, "", "root"},
		{"arn:aws-eusc:iam::123456789012:root", ARN{"aws-eusc", "iam", "", "123456789012", "root"}, "", "root"},
		// Resource shapes.
		{"arn:aws:sns:us-east-1:123456789012:my-topic", ARN{"aws", "sns", "us-east-1", "123456789012", "my-topic"}, "", "my-topic"},
		{"arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2024",
			ARN{"aws", "dynamodb", "us-east-1", "123456789012", "table/T/stream/2024"}, "table", "T/stream/2024"},
		{"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*",
			ARN{"aws", "logs", "us-east-1", "123456789012", "log-group:/aws/lambda/f:*"}, "log-group", "/aws/lambda/f:*"},
		{"arn:aws:svc:::/leading", ARN{"aws", "svc", "", "", "/leading"}, "", "/leading"},
		{"arn:aws:svc:::type/", ARN{"aws", "svc", "", "", "type/"}, "type", ""},
		{"arn:aws:svc:::a:b/c", ARN{"aws", "svc", "", "", "a:b/c"}, "a", "b/c"},
		{"arn:aws:s3express:us-east-1:123456789012:bucket/b--use1-az4--x-s3",
			ARN{"aws", "s3express", "us-east-1", "123456789012", "bucket/b--use1-az4--x-s3"}, "bucket", "b--use1-az4--x-s3"},
		{"arn:aws:s3:::bücket/ключ", ARN{"aws", "s3", "", "", "bücket/ключ"}, "", "bücket/ключ"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("String() = %q, want %q", s, tt.in)
			}
			if typ := got.ResourceType(); typ != tt.typ {
				t.Errorf("ResourceType() = %q, want %q", typ, tt.typ)
			}
			if id := got.ResourceID(); id != tt.id {
				t.Errorf("ResourceID() = %q, want %q", id, tt.id)
			}
			if m := MustParse(tt.in); m != got {
				t.Errorf("MustParse(%q) = %+v, want %+v", tt.in, m, got)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, reason string
	}{
		{"", `does not start with "arn:"`},
		{"*", `does not start with "arn:"`},
		{"ARN:aws:s3:::b", `does not start with "arn:"`},
		{"arn", `does not start with "arn:"`},
		{" arn:aws:s3:::b", `does not start with "arn:"`},
		{"arn:aws:s3", "has 2 colons; an ARN has at least five (arn:partition:service:region:account:resource)"},
		{"arn:", "has 1 colon; an ARN has at least five (arn:partition:service:region:account:resource)"},
		{"arn:aws:s3::", "has 4 colons; an ARN has at least five (arn:partition:service:region:account:resource)"},
		{"arn:aws:iam::123456789012", "has 4 colons; an ARN has at least five (arn:partition:service:region:account:resource)"},
		{"arn::s3:::b", "has an empty partition"},
		{"arn:aws-xx:s3:::b", `has unknown partition "aws-xx" (known: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc)`},
		{"arn:AWS:s3:::b", `has unknown partition "AWS" (known: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc)`},
		{"arn:*:s3:::b", `has unknown partition "*" (known: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc)`},
		{"arn:aws::::b", "has an empty service"},
		{"arn:aws:s3:::", "has an empty resource"},
		{"arn:aws:iam::123456789012:", "has an empty resource"},
		{"arn:aws:s3:::b\x00", `contains control character '\x00' at byte 14`},
		{"arn:aws:s3:::b\nc", `contains control character '\n' at byte 14`},
		{"arn:aws:s3:::b\x7f", `contains control character '\x7f' at byte 14`},
		{"arn:aws:s3:::b\u0085", `contains control character '\u0085' at byte 14`},
		{"arn:aws:s3:::b\xff", "is not valid UTF-8"},
		{"arn:aws:s3:::b\xc3", "is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error", tt.in, a)
			}
			if a != (ARN{}) {
				t.Errorf("Parse(%q) returned %+v with error", tt.in, a)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if e.Input != tt.in || e.Reason != tt.reason {
				t.Errorf("error = {%q, %q}, want {%q, %q}", e.Input, e.Reason, tt.in, tt.reason)
			}
			if !strings.HasPrefix(err.Error(), "arn: \"") || !strings.HasSuffix(err.Error(), tt.reason) {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := Parse("arn:aws:s3")
	want := `arn: "arn:aws:s3" has 2 colons; an ARN has at least five (arn:partition:service:region:account:resource)`
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %s", err, want)
	}
	long := "x" + strings.Repeat("y", 10000)
	_, err = Parse(long)
	var e *Error
	if !errors.As(err, &e) || e.Input != long {
		t.Fatalf("long input: %v", err)
	}
	if n := len(err.Error()); n > 400 {
		t.Errorf("Error() of a 10,001-byte input is %d bytes long", n)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		r := recover()
		if _, ok := r.(*Error); !ok {
			t.Errorf("MustParse panicked with %#v, want *Error", r)
		}
	}()
	MustParse("not an arn")
}

func TestPartitions(t *testing.T) {
	want := []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}
	got := Partitions()
	if !slices.Equal(got, want) {
		t.Fatalf("Partitions() = %v, want %v", got, want)
	}
	got[0] = "changed"
	if Partitions()[0] != "aws" {
		t.Error("Partitions() shares its backing array")
	}
	for _, p := range want {
		if !KnownPartition(p) {
			t.Errorf("KnownPartition(%q) = false", p)
		}
	}
	for _, p := range []string{"", "AWS", "aws-", "aws-iso-c", "aws-gov", " aws", "aws*", "*"} {
		if KnownPartition(p) {
			t.Errorf("KnownPartition(%q) = true", p)
		}
	}
}
