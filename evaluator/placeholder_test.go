package evaluator_test

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// mapped parses a document that may hold placeholders, as a template
// reader gives it: every offset is placed on line 1 of "t".
func mapped(t *testing.T, doc string) *policy.Policy {
	t.Helper()
	at := func(off int) policy.Position {
		return policy.Position{File: "t", Offset: off, Line: 1, Column: off + 1}
	}
	p, err := policy.ParseMapped([]byte(doc), at)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPlaceholderNeverGrants: a placeholder, a value the policy's source
// leaves unknown, matches nothing in an Allow statement and everything in
// a Deny statement (the mirror image in NotAction, NotResource,
// NotPrincipal and under negated operators), in every element; a decision
// says it relied on unknown-value when an Allow's check reached one, or a
// Deny that holds one applied.
func TestPlaceholderNeverGrants(t *testing.T) {
	const ph = `"\u0000!Ref Unknown"`
	id := func(stmts ...string) string {
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	}
	allowAll := `{"Effect":"Allow","Action":"*","Resource":"*"}`
	other := `{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}`
	get := req(userArn, "s3:GetObject", "arn:aws:s3:::b/k")
	inVpc := withContext(get, "aws:SourceVpc", "vpc-1")
	cross := req("arn:aws:iam::444455556666:user/bob", "s3:GetObject", "arn:aws:s3:::b/k")
	cross.ResourceAccount = "111122223333"
	const unknown = evaluator.UndocumentedUnknownValue
	tests := []struct {
		name     string
		identity string
		resource string
		r        evaluator.Request
		want     evaluator.Decision
		undoc    evaluator.Undocumented
	}{
		{"Allow Action", id(`{"Effect":"Allow","Action":` + ph + `,"Resource":"*"}`), "", get, evaluator.ImplicitDeny, unknown},
		{"Allow Action entry", id(`{"Effect":"Allow","Action":["s3:PutObject",` + ph + `],"Resource":"*"}`), "", get, evaluator.ImplicitDeny, unknown},
		{"Allow Action, known entry decides", id(`{"Effect":"Allow","Action":["s3:GetObject",` + ph + `],"Resource":"*"}`), "", get, evaluator.Allowed, unknown},
		{"Allow NotAction", id(`{"Effect":"Allow","NotAction":` + ph + `,"Resource":"*"}`), "", get, evaluator.ImplicitDeny, unknown},
		{"Allow Resource", id(`{"Effect":"Allow","Action":"s3:GetObject","Resource":` + ph + `}`), "", get, evaluator.ImplicitDeny, unknown},
		{"Allow NotResource", id(`{"Effect":"Allow","Action":"s3:GetObject","NotResource":` + ph + `}`), "", get, evaluator.ImplicitDeny, unknown},
		{"Allow StringEquals", id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":` + ph + `}}}`), "", inVpc, evaluator.ImplicitDeny, unknown},
		{"Allow StringEquals, known value decides", id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":["vpc-1",` + ph + `]}}}`), "", inVpc, evaluator.Allowed, unknown},
		{"Allow StringNotEquals", id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":` + ph + `}}}`), "", inVpc, evaluator.ImplicitDeny, unknown},
		{"Allow Null", id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"aws:SourceVpc":` + ph + `}}}`), "", get, evaluator.ImplicitDeny, unknown},
		{"Allow NumericLessThan", id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":` + ph + `}}}`), "", withContext(get, "s3:max-keys", "1"), evaluator.ImplicitDeny, unknown},
		{"Deny Action", id(allowAll, `{"Effect":"Deny","Action":`+ph+`,"Resource":"*"}`), "", get, evaluator.ExplicitDeny, unknown},
		{"Deny NotAction", id(allowAll, `{"Effect":"Deny","NotAction":`+ph+`,"Resource":"*"}`), "", get, evaluator.ExplicitDeny, unknown},
		{"Deny Resource", id(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":`+ph+`}`), "", get, evaluator.ExplicitDeny, unknown},
		{"Deny NotResource", id(allowAll, `{"Effect":"Deny","Action":"s3:*","NotResource":`+ph+`}`), "", get, evaluator.ExplicitDeny, unknown},
		{"Deny StringEquals", id(allowAll, `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":`+ph+`}}}`), "", inVpc, evaluator.ExplicitDeny, unknown},
		{"Deny StringNotEquals", id(allowAll, `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":`+ph+`}}}`), "", inVpc, evaluator.ExplicitDeny, unknown},
		{"Deny StringNotEquals, known value decides", id(allowAll, `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":["vpc-1",`+ph+`]}}}`), "", inVpc, evaluator.Allowed, 0},
		{"Deny StringEquals, key absent", id(allowAll, `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":`+ph+`}}}`), "", get, evaluator.Allowed, 0},
		{"Deny Null", id(allowAll, `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:SourceVpc":`+ph+`}}}`), "", inVpc, evaluator.ExplicitDeny, unknown},
		{"not reached: another service's statement", id(allowAll, `{"Effect":"Deny","Action":"iam:*","Resource":`+ph+`}`), "", get, evaluator.Allowed, 0},
		{"not reached, indexed group", id(other, other, other, other, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":`+ph+`}`), "", get, evaluator.Allowed, 0},
		{"Allow Action, indexed group", id(other, other, other, other, `{"Effect":"Allow","Action":`+ph+`,"Resource":"*"}`), "", get, evaluator.ImplicitDeny, unknown},
		{"Allow Principal", id(allowAll), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":` + ph + `},"Action":"s3:GetObject","Resource":"*"}]}`, cross, evaluator.ImplicitDeny, unknown},
		{"Allow whole Principal", id(allowAll), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + ph + `,"Action":"s3:GetObject","Resource":"*"}]}`, cross, evaluator.ImplicitDeny, unknown},
		{"Allow Principal, known entry decides", id(allowAll), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["444455556666",` + ph + `]},"Action":"s3:GetObject","Resource":"*"}]}`, cross, evaluator.Allowed, unknown},
		{"Deny Principal", id(allowAll), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Principal":{"Service":` + ph + `},"Action":"s3:GetObject","Resource":"*"}]}`, cross, evaluator.ExplicitDeny, unknown},
		{"Deny NotPrincipal", id(allowAll), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":` + ph + `},"Action":"s3:GetObject","Resource":"*"}]}`, cross, evaluator.ExplicitDeny, unknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := evaluator.Policies{Identity: []*policy.Policy{mapped(t, tc.identity)}}
			if tc.resource != "" {
				ps.Resource = mapped(t, tc.resource)
			}
			requireDecision(t, ps, tc.r, tc.want, tc.undoc)
		})
	}
}

// TestPlaceholderOnlyMapped: a document parsed without ParseMapped cannot
// hold a placeholder, so the evaluator never reads ordinary text as one.
func TestPlaceholderOnlyMapped(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"\u0000x","Resource":"*"}]}`
	if p, err := policy.Parse([]byte(doc)); err == nil {
		t.Fatalf("Parse accepted a placeholder: %+v", p)
	}
	built := &policy.Policy{Version: policy.Version2012, Statements: []policy.Statement{{
		Effect: policy.Deny, Actions: []policy.Item{{Value: policy.Placeholder("x")}}, HasResource: true, Resources: []policy.Item{{Value: "*"}},
	}}}
	if _, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{built}}); err == nil {
		t.Fatal("Compile accepted a placeholder in a policy built in Go")
	}
}
