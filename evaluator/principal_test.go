package evaluator_test

import (
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// TestWebIdentityCallerByHost: a web-identity caller named by its
// provider's host matches the OIDC provider ARN of the role's account, and
// no other account's; the ARN form and the providers AWS names without an
// ARN match as written.
func TestWebIdentityCallerByHost(t *testing.T) {
	trust := func(fed string) *evaluator.Set {
		p := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + fed +
			`"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`))
		set, err := evaluator.Compile(evaluator.Policies{Resource: p, ResourceType: policy.TypeTrust})
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	const (
		gh      = "token.actions.githubusercontent.com"
		ghHere  = "arn:aws:iam::111122223333:oidc-provider/" + gh
		ghThere = "arn:aws:iam::444455556666:oidc-provider/" + gh
		role    = "arn:aws:iam::111122223333:role/deploy"
	)
	for _, tc := range []struct {
		fed, caller string
		want        evaluator.Decision
	}{
		{ghHere, "federated:" + gh, evaluator.Allowed},
		{ghHere, "federated:TOKEN.Actions.GitHubUserContent.com", evaluator.Allowed}, // host names are case-insensitive
		{ghHere, "federated:" + ghHere, evaluator.Allowed},
		{ghThere, "federated:" + gh, evaluator.ImplicitDeny},     // another account's provider
		{ghThere, "federated:" + ghHere, evaluator.ImplicitDeny}, // another ARN
		{ghHere, "federated:server.example.com", evaluator.ImplicitDeny},
		{ghHere, "federated:" + gh + "/extra", evaluator.ImplicitDeny},
		{"accounts.google.com", "federated:accounts.google.com", evaluator.Allowed},
		{"arn:aws:iam::111122223333:saml-provider/corp", "federated:corp", evaluator.ImplicitDeny}, // only OIDC hosts
	} {
		res := trust(tc.fed).Evaluate(evaluator.Request{Principal: tc.caller, Action: "sts:AssumeRoleWithWebIdentity", Resource: role})
		if res.Err != nil || res.Decision != tc.want {
			t.Errorf("Federated %s, caller %s: %v (%v), want %v", tc.fed, tc.caller, res.Decision, res.Err, tc.want)
		}
	}
}
