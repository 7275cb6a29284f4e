package policy

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
)

func familyOf(i int) conditions.Family { return conditions.Family(i) }

func TestPrincipalProblem(t *testing.T) {
	tests := []struct {
		kind principalKindT
		in   string
		code Code
		msg  string
	}{
		{kindAWS, "*", "", ""},
		{kindAWS, "AIDACKCEVSQ6C2EXAMPLE", "", ""},
		{kindAWS, "AIDA-bad", CodePrincipalFormat, "not valid"},
		{kindAWS, "arn:aws:sts::111122223333:assumed-role/r/s", "", ""},
		{kindAWS, "arn:aws:sts::111122223333:assumed-role/r", CodePrincipalFormat, "ROLE-NAME/SESSION-NAME"},
		{kindAWS, "arn:aws:sts::111122223333:federated-user/f", "", ""},
		{kindAWS, "arn:aws:sts::111122223333:federated-user/", CodePrincipalFormat, "not a supported principal ARN"},
		{kindAWS, "arn:aws:iam::111122223333:user/", CodePrincipalFormat, "not a supported principal ARN"},
		{kindAWS, "arn:aws:iam::111122223333:role/path/", CodePrincipalFormat, "not a supported principal ARN"},
		{kindAWS, "arn:aws:iam:us-east-1:111122223333:root", CodePrincipalFormat, "must not have a region"},
		{kindAWS, "arn:aws-moon:iam::111122223333:root", CodePrincipalFormat, `partition "aws-moon"`},
		{kindAWS, "arn:aws:iam:111122223333:root", CodePrincipalFormat, "not a valid ARN"},
		{kindAWS, "bob", CodePrincipalFormat, "12-digit account ID"},
		{kindAWS, "arn:aws:iam::111122223333:user/a?", CodePrincipalPartialWildcard, "wildcard"},
		{kindService, "ec2.amazonaws.com", "", ""},
		{kindService, ".amazonaws.com", CodePrincipalFormat, "service name"},
		{kindService, "ec2 .amazonaws.com", CodePrincipalFormat, "service name"},
		{kindFederated, "arn:aws:iam::111122223333:oidc-provider/x", "", ""},
		{kindFederated, "arn:aws:iam::1:saml-provider/x", CodePrincipalFormat, "identity provider ARN"},
		{kindFederated, "my idp", CodePrincipalFormat, "accounts.google.com"},
		{kindFederated, "*", CodePrincipalFormat, `Federated principal "*"`},
		{kindCanonicalUser, strings.Repeat("A", 64), "", ""},
		{kindCanonicalUser, strings.Repeat("g", 64), CodePrincipalFormat, "hexadecimal"},
	}
	for _, tc := range tests {
		code, msg := principalProblem(tc.kind, tc.in)
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("principalProblem(%s, %q) = %s %q, want %s containing %q", tc.kind, tc.in, code, msg, tc.code, tc.msg)
		}
	}
	if kindUnknown.String() != "unknown" || principalKind("aws") != kindUnknown {
		t.Error("principal kinds")
	}
}

func TestActionExample(t *testing.T) {
	for in, want := range map[string]string{
		"s3GetObject":     "s3:GetObject",
		"iam.ListUsers":   "iam:ListUsers",
		"ec2/RunInstance": "ec2:RunInstance",
		"GetObject":       "s3:GetObject",
		"S3GetObject":     "s3:GetObject",
		"s3.":             "s3:GetObject",
		"*":               "s3:GetObject",
	} {
		if got := actionExample(in); got != want {
			t.Errorf("actionExample(%q) = %q, want %q", in, got, want)
		}
	}
	if _, msg := actionProblem(""); !strings.Contains(msg, "empty") {
		t.Errorf("empty action: %q", msg)
	}
}

func TestFamilyName(t *testing.T) {
	for i, want := range []string{"these", "String", "Numeric", "Date", "Bool", "Binary", "IP address", "ARN", "Null"} {
		if got := familyName(familyOf(i)); got != want {
			t.Errorf("familyName(%d) = %q, want %q", i, got, want)
		}
	}
	// An unknown type name is echoed the one safe way: escaped, bounded.
	if got := (&TypeError{Name: strings.Repeat("x", 300) + "\n"}).Error(); len(got) > 400 || strings.Contains(got, "\n") || !strings.Contains(got, `"… (301 bytes)`) {
		t.Errorf("TypeError = %q", got)
	}
}

// TestStringProblem: the check Check applies to the strings of a policy
// built in Go finds what Parse's scan finds in a document, with the same
// description.
func TestStringProblem(t *testing.T) {
	tests := []struct {
		in   string
		off  int
		what string
	}{
		{"", -1, ""},
		{"s3:GetObject", -1, ""},
		{"tab\tlf\ncr\r", -1, ""},
		{"Zürich ÿ \x7f \u0080 \u00a0", -1, ""},
		{"\x00", 0, "control character U+0000"},
		{"ab\x1b", 2, "control character U+001B"},
		{"a\xffb", 1, "invalid UTF-8 byte 0xFF"},
		{"é\xe2\x82", 2, "invalid UTF-8 byte 0xE2"},
		{"\xc0\xaf", 0, "invalid UTF-8 byte 0xC0"},
		{"\xed\xa0\x80", 0, "invalid UTF-8 byte 0xED"},
		{"x\u2028", 1, `character '\u2028' (U+2028)`},
		{"\ufeff", 0, `character '\ufeff' (U+FEFF)`},
		{"\U0001F600", 0, `character '😀' (U+1F600)`},
		{"a\x00\xff", 1, "control character U+0000"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			off, what := stringProblem(tc.in)
			if off != tc.off || what != tc.what {
				t.Errorf("stringProblem(%q) = %d, %q; want %d, %q", tc.in, off, what, tc.off, tc.what)
			}
			// Parse describes the same character in the same words.
			_, err := Parse([]byte(`{"Statement":[{"Sid":"` + tc.in + `"}]}`))
			if tc.what != "" && (err == nil || !strings.Contains(err.Error(), tc.what+notAllowed)) {
				t.Errorf("Parse error does not contain %q: %v", tc.what+notAllowed, err)
			}
		})
	}
}
