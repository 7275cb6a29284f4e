package accesstest

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
)

// TestStrictAndUndocumented: settings.strict fails a case whose decision has
// gaps (an assumption, an undocumented behaviour, a missing condition key),
// and an "undocumented" list asserts the exact behaviours the decision
// relied on.
func TestStrictAndUndocumented(t *testing.T) {
	const shortARN = `"identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1"}]}]`
	const mfa = `"identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}]`
	const sqsReq = `"request":{"principal":"arn:aws:iam::111122223333:user/u","action":"sqs:SendMessage","resource":"arn:aws:sqs:us-east-1:111122223333:q"}`
	const s3Req = `"request":{"principal":"arn:aws:iam::111122223333:user/u","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}`
	const s3ReqMFA = `"request":{"principal":"arn:aws:iam::111122223333:user/u","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resourceAccount":"111122223333","context":{"aws:MultiFactorAuthPresent":"true"}}`
	tests := []struct {
		name    string
		extra   string
		pass    bool
		problem string // a part of Problem when the case fails
	}{
		{"lenient with gaps passes", sqsReq + `,` + shortARN + `,"expected":"implicitDeny"`, true, ""},
		{"strict, undocumented", sqsReq + `,` + shortARN + `,"expected":"implicitDeny","settings":{"strict":true}`, false, "strict: relied on undocumented behaviour short-arn"},
		{"expected undocumented", sqsReq + `,` + shortARN + `,"expected":"implicitDeny","undocumented":["short-arn"]`, true, ""},
		{"expected none", sqsReq + `,` + shortARN + `,"expected":"implicitDeny","undocumented":[]`, false, "expected the decision to rely on undocumented behaviour [], it relied on [short-arn]"},
		{"strict, missing key", s3Req + `,` + mfa + `,"expected":"implicitDeny","settings":{"strict":true}`, false, "the request lacks \"aws:MultiFactorAuthPresent\""},
		{"strict, assumed account", s3Req + `,` + mfa + `,"expected":"implicitDeny","settings":{"strict":true}`, false, "assumed resource account taken from the caller"},
		{"strict, complete request", s3ReqMFA + `,` + mfa + `,"expected":"allowed","settings":{"strict":true}`, true, ""},
		{"wrong decision first", s3ReqMFA + `,` + mfa + `,"expected":"implicitDeny","settings":{"strict":true}`, false, "expected implicitDeny, got allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, "c.json", `{"name":"x",`+tt.extra+`}`, nil)[0]
			o := Run(c)
			if o.Passed() != tt.pass {
				t.Fatalf("Passed = %v, want %v (problem %q, gaps %q)", o.Passed(), tt.pass, o.Problem(), o.Gaps())
			}
			if !strings.Contains(o.Problem(), tt.problem) || (tt.pass && o.Problem() != "") {
				t.Errorf("Problem = %q, want it to contain %q", o.Problem(), tt.problem)
			}
		})
	}
}

// TestUndocumentedErrors: the list must hold known names.
func TestUndocumentedErrors(t *testing.T) {
	for _, u := range []string{`"short-arn"`, `[1]`, `["no-such-thing"]`} {
		_, err := Parse("c.json", []byte(`{"name":"x",`+okRequest+`,"expected":"allowed","undocumented":`+u+`}`), nil)
		if err == nil {
			t.Errorf("undocumented %s: no error", u)
			continue
		}
		if !strings.Contains(err.Error(), "undocumented") {
			t.Errorf("undocumented %s: %v", u, err)
		}
	}
	c := mustParse(t, "c.json", `{"name":"x",`+okRequest+`,"expected":"allowed","undocumented":["short-arn","null-on-empty"]}`, nil)[0]
	if want := evaluator.UndocumentedShortARN | evaluator.UndocumentedNullEmpty; c.Undocumented != want || !c.ExpectUndocumented {
		t.Errorf("Undocumented = %v (%v), want %v", c.Undocumented, c.ExpectUndocumented, want)
	}
}
