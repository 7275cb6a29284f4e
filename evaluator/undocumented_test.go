package evaluator_test

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// TestUndocumentedRecorded: each undocumented behaviour of SPEC §10.1 is
// reported in Result.Undocumented when a decision reaches it, with the
// decision the reading that denies gives, and nothing is reported where
// AWS documents the outcome.
func TestUndocumentedRecorded(t *testing.T) {
	const queue = "arn:aws:sqs:us-east-1:111122223333:q"
	id := func(stmts ...string) string {
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	}
	allowAll := `{"Effect":"Allow","Action":"*","Resource":"*"}`
	tests := []struct {
		name     string
		identity string
		resource string // resource policy, if any
		scp      string
		r        evaluator.Request
		want     evaluator.Decision
		undoc    evaluator.Undocumented
	}{
		{name: "short ARN in an Allow", identity: id(`{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1"}`),
			r: req(userArn, "sqs:SendMessage", queue), want: evaluator.ImplicitDeny, undoc: evaluator.UndocumentedShortARN},
		{name: "short ARN not reached", identity: id(`{"Effect":"Allow","Action":"sqs:*","Resource":["*","arn:aws:sqs:us-east-1"]}`),
			r: req(userArn, "sqs:SendMessage", queue), want: evaluator.Allowed},
		{name: "short ARN of another service's statement", identity: id(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:sqs:us-east-1"}`),
			r: req(userArn, "sqs:SendMessage", queue), want: evaluator.Allowed},
		{name: "documented trailing star", identity: id(`{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1:*"}`),
			r: req(userArn, "sqs:SendMessage", queue), want: evaluator.Allowed},
		{name: "short ARN in an SCP", identity: id(allowAll), scp: id(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:sqs:*"}`),
			r: req(userArn, "sqs:SendMessage", queue), want: evaluator.ImplicitDeny, undoc: evaluator.UndocumentedShortARNInOrgPolicy},
		{name: "negated operator on a value it cannot compare", identity: id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericNotEquals":{"s3:max-keys":"10"}}}`),
			r: withContext(req(userArn, "s3:ListBucket", "arn:aws:s3:::b"), "s3:max-keys", "ten"), want: evaluator.ImplicitDeny, undoc: evaluator.UndocumentedUncomparable},
		{name: "negated operator on a number", identity: id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericNotEquals":{"s3:max-keys":"10"}}}`),
			r: withContext(req(userArn, "s3:ListBucket", "arn:aws:s3:::b"), "s3:max-keys", "11"), want: evaluator.Allowed},
		{name: "Bool on yes in a Deny", identity: id(allowAll, `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
			r: withContext(req(userArn, "s3:ListBucket", "arn:aws:s3:::b"), "aws:SecureTransport", "yes"), want: evaluator.ExplicitDeny, undoc: evaluator.UndocumentedUncomparable},
		{name: "Null on an empty string", identity: id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}}`),
			r: withContext(req(userArn, "s3:ListBucket", "arn:aws:s3:::b"), "aws:TokenIssueTime", ""), want: evaluator.ImplicitDeny, undoc: evaluator.UndocumentedNullEmpty},
		{name: "Null on an absent key", identity: id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}}`),
			r: req(userArn, "s3:ListBucket", "arn:aws:s3:::b"), want: evaluator.Allowed},
		{name: "malformed variable in a condition", identity: id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"${aws:username,'x'}"}}}`),
			r: withContext(req(userArn, "s3:ListBucket", "arn:aws:s3:::b"), "s3:prefix", "x"), want: evaluator.ImplicitDeny, undoc: evaluator.UndocumentedMalformedVariable},
		{name: "malformed variable in a resource", identity: id(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/${aws:username,'x'}"}`),
			r: req(userArn, "s3:GetObject", "arn:aws:s3:::b/x"), want: evaluator.ImplicitDeny, undoc: evaluator.UndocumentedMalformedVariable},
		{name: "NotPrincipal names the user, not the account", identity: id(allowAll),
			resource: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"` + userArn + `"},"Action":"*","Resource":"*"}]}`,
			r:        req(userArn, "s3:GetObject", "arn:aws:s3:::b/x"), want: evaluator.ExplicitDeny, undoc: evaluator.UndocumentedNotPrincipalAccount},
		{name: "NotPrincipal names the user and the account", identity: id(allowAll),
			resource: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["` + userArn + `","arn:aws:iam::111122223333:root"]},"Action":"*","Resource":"*"}]}`,
			r:        req(userArn, "s3:GetObject", "arn:aws:s3:::b/x"), want: evaluator.Allowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := evaluator.Policies{Identity: []*policy.Policy{pol(t, tc.identity)}}
			if tc.resource != "" {
				ps.Resource = pol(t, tc.resource)
			}
			if tc.scp != "" {
				ps.SCPs = [][]*policy.Policy{{pol(t, tc.scp)}}
			}
			requireDecision(t, ps, tc.r, tc.want, tc.undoc)
		})
	}
}

// requireDecision compiles ps and checks that Evaluate and Explain decide
// r as want, relying on the undocumented behaviours undoc.
func requireDecision(t *testing.T, ps evaluator.Policies, r evaluator.Request, want evaluator.Decision, undoc evaluator.Undocumented) {
	t.Helper()
	set, err := evaluator.Compile(ps)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []evaluator.Result{set.Evaluate(r), set.Explain(r)} {
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		if res.Decision != want || res.Undocumented != undoc {
			t.Errorf("got %v relying on [%v], want %v relying on [%v]", res.Decision, res.Undocumented, want, undoc)
		}
	}
}

// TestUndocumentedTable: the table names every bit once, in order, and the
// bits of condition evaluation are those of package conditions.
func TestUndocumentedTable(t *testing.T) {
	seen := map[string]bool{}
	for i, b := range evaluator.UndocumentedBehaviours() {
		if b.Bit != 1<<i {
			t.Errorf("entry %d (%s) has bit %b", i, b.Name, b.Bit)
		}
		if b.Name == "" || b.Behaviour == "" || b.Reading == "" || b.Where == "" || seen[b.Name] {
			t.Errorf("entry %d is incomplete or repeats a name: %+v", i, b)
		}
		seen[b.Name] = true
	}
	if evaluator.UndocumentedUncomparable != evaluator.Undocumented(conditions.UndocumentedUncomparable) ||
		evaluator.UndocumentedMalformedVariable != evaluator.Undocumented(conditions.UndocumentedMalformedVariable) {
		t.Error("the condition bits differ from package conditions'")
	}
	u := evaluator.UndocumentedShortARN | evaluator.UndocumentedNullEmpty
	if got := u.String(); got != "null-on-empty, short-arn" {
		t.Errorf("String = %q", got)
	}
}

// withContext returns r with the one context key k set to v.
func withContext(r evaluator.Request, k, v string) evaluator.Request {
	r.Context = conditions.NewContext(map[string]conditions.Value{k: conditions.Single(v)})
	return r
}
