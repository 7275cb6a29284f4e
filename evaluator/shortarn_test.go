package evaluator_test

import (
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// TestShortResourceARN covers short resource ARNs (SPEC §2.6, revision 2)
// in every position the evaluator distinguishes: Resource and NotResource,
// Allow and Deny, with and without the documented trailing '*', and in an
// SCP, where every short ARN takes the reading that denies (SPEC §10.1).
func TestShortResourceARN(t *testing.T) {
	const queue = "arn:aws:sqs:us-east-1:111122223333:q"
	const other = "arn:aws:sqs:eu-west-1:111122223333:q"
	stmt := func(effect, elem, value string) string {
		return `{"Effect":"` + effect + `","Action":"sqs:*","` + elem + `":"` + value + `"}`
	}
	doc := func(stmts ...string) string {
		out := `{"Version":"2012-10-17","Statement":[`
		for i, s := range stmts {
			if i > 0 {
				out += ","
			}
			out += s
		}
		return out + "]}"
	}
	allowAll := `{"Effect":"Allow","Action":"*","Resource":"*"}`
	tests := []struct {
		name     string
		identity string
		scp      string
		resource string
		want     evaluator.Decision
	}{
		{"trailing star allows", doc(stmt("Allow", "Resource", "arn:aws:sqs:us-east-1:*")), "", queue, evaluator.Allowed},
		{"trailing star: other region", doc(stmt("Allow", "Resource", "arn:aws:sqs:us-east-1:*")), "", other, evaluator.ImplicitDeny},
		{"trailing star: pseudo-resource", doc(stmt("Allow", "Resource", "arn:aws:sqs:*")), "", "*", evaluator.ImplicitDeny},
		{"no star: Allow matches nothing", doc(stmt("Allow", "Resource", "arn:aws:sqs:us-east-1")), "", queue, evaluator.ImplicitDeny},
		{"no star: Deny matches everything", doc(allowAll, stmt("Deny", "Resource", "arn:aws:sqs:eu-west-1")), "", queue, evaluator.ExplicitDeny},
		{"no star: Allow NotResource excludes everything", doc(stmt("Allow", "NotResource", "arn:aws:sqs:eu-west-1")), "", queue, evaluator.ImplicitDeny},
		{"no star: Deny NotResource excludes nothing", doc(allowAll, stmt("Deny", "NotResource", "arn:aws:sqs:us-east-1")), "", queue, evaluator.ExplicitDeny},
		{"no star: Deny NotResource, pseudo-resource", doc(allowAll, stmt("Deny", "NotResource", "arn:aws:sqs")), "", "*", evaluator.ExplicitDeny},
		{"trailing star: Deny NotResource spares the region", doc(allowAll, stmt("Deny", "NotResource", "arn:aws:sqs:us-east-1:*")), "", queue, evaluator.Allowed},
		{"SCP: short Allow allows nothing", doc(allowAll), doc(stmt("Allow", "Resource", "arn:aws:sqs:*")), queue, evaluator.ImplicitDeny},
		{"SCP: short Deny denies", doc(allowAll), doc(allowAll, stmt("Deny", "Resource", "arn:aws:sqs:eu-west-1:*")), queue, evaluator.ExplicitDeny},
		{"SCP: full ARN Allow allows", doc(allowAll), doc(stmt("Allow", "Resource", "arn:aws:sqs:*:*:*")), queue, evaluator.Allowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := evaluator.Policies{Identity: []*policy.Policy{pol(t, tc.identity)}}
			if tc.scp != "" {
				ps.SCPs = [][]*policy.Policy{{pol(t, tc.scp)}}
			}
			set, err := evaluator.Compile(ps)
			if err != nil {
				t.Fatal(err)
			}
			if got := set.Evaluate(req(userArn, "sqs:SendMessage", tc.resource)).Decision; got != tc.want {
				t.Errorf("decision = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestNotPrincipalWithAllow: accepted in a resource-based policy (with a
// warning, some services accept it), but it grants no one (SPEC §10.1).
func TestNotPrincipalWithAllow(t *testing.T) {
	rp := pol(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"*"}]}`)
	set, err := evaluator.Compile(evaluator.Policies{Resource: rp})
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Evaluate(req(userArn, "s3:GetObject", bucketObj)).Decision; got == evaluator.Allowed {
		t.Errorf("NotPrincipal with Allow granted access")
	}
}

// TestShortResourceAllocs: matching short ARNs allocates nothing.
func TestShortResourceAllocs(t *testing.T) {
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{pol(t,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":["arn:aws:sqs:eu-west-1","arn:aws:sqs:us-east-1:*"]},{"Effect":"Deny","Action":"sqs:*","NotResource":"arn:aws:sqs"}]}`)}})
	if err != nil {
		t.Fatal(err)
	}
	r := req(userArn, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q")
	if n := testing.AllocsPerRun(100, func() { set.Evaluate(r) }); n != 0 {
		t.Errorf("Evaluate allocates %v times", n)
	}
}
