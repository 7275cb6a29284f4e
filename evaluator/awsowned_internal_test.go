package evaluator

import (
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

// TestAWSOwnedSteps runs the steps of SPEC §6.12 and §6.13 on prepared
// requests: each either refuses with its reason or leaves the request to
// the next step.
func TestAWSOwnedSteps(t *testing.T) {
	const (
		acct  = "111122223333"
		user  = "arn:aws:iam::" + acct + ":user/admin"
		fed   = "arn:aws:sts::" + acct + ":federated-user/Bob"
		amp   = "arn:aws:iam::aws:policy/AdministratorAccess"
		sso   = "arn:aws:iam::" + acct + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef"
		slr   = "arn:aws:iam::" + acct + ":role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk"
		slrSS = "arn:aws:iam::" + acct + ":role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO"
		alias = "arn:aws:kms:us-east-1:" + acct + ":alias/"
	)
	owned := Result{Reason: ReasonAWSOwnedResource}
	limited := Result{Reason: ReasonFederatedSessionLimit}
	tests := []struct {
		name                        string
		r                           Request
		wantOwned, wantFederatedLim Result
	}{
		{"managed policy: CreatePolicy", Request{Principal: user, Action: "iam:CreatePolicy", Resource: amp}, owned, noVerdict},
		{"managed policy: CreatePolicyVersion", Request{Principal: user, Action: "iam:CreatePolicyVersion", Resource: amp}, owned, noVerdict},
		{"managed policy: DeletePolicy in another case", Request{Principal: user, Action: "IAM:deletepolicy", Resource: amp}, owned, noVerdict},
		{"managed policy: DeletePolicyVersion", Request{Principal: user, Action: "iam:DeletePolicyVersion", Resource: amp}, owned, noVerdict},
		{"managed policy: SetDefaultPolicyVersion", Request{Principal: user, Action: "iam:SetDefaultPolicyVersion", Resource: amp}, owned, noVerdict},
		{"managed policy: TagPolicy", Request{Principal: user, Action: "iam:TagPolicy", Resource: amp}, owned, noVerdict},
		{"managed policy: UntagPolicy, resource account given", Request{Principal: user, Action: "iam:UntagPolicy", Resource: amp, ResourceAccount: acct}, owned, noVerdict},
		{"managed policy in aws-cn", Request{Principal: "arn:aws-cn:iam::" + acct + ":user/a", Action: "iam:CreatePolicyVersion", Resource: "arn:aws-cn:iam::aws:policy/ReadOnlyAccess"}, owned, noVerdict},
		{"managed policy: GetPolicy", Request{Principal: user, Action: "iam:GetPolicy", Resource: amp}, noVerdict, noVerdict},
		{"managed policy: GetPolicyVersion", Request{Principal: user, Action: "iam:GetPolicyVersion", Resource: amp}, noVerdict, noVerdict},
		{"customer policy: CreatePolicyVersion", Request{Principal: user, Action: "iam:CreatePolicyVersion", Resource: "arn:aws:iam::" + acct + ":policy/aws"}, noVerdict, noVerdict},
		{"reserved role: PutRolePolicy", Request{Principal: user, Action: "iam:PutRolePolicy", Resource: sso}, owned, noVerdict},
		{"reserved role: UpdateRole", Request{Principal: user, Action: "iam:UpdateRole", Resource: sso}, owned, noVerdict},
		{"reserved role: UpdateRoleDescription", Request{Principal: user, Action: "iam:updateroledescription", Resource: sso}, owned, noVerdict},
		{"reserved role: DeleteRolePermissionsBoundary", Request{Principal: user, Action: "iam:DeleteRolePermissionsBoundary", Resource: sso}, owned, noVerdict},
		{"reserved role: GetRole", Request{Principal: user, Action: "iam:GetRole", Resource: sso}, noVerdict, noVerdict},
		{"reserved role: sts:AssumeRole", Request{Principal: user, Action: "sts:AssumeRole", Resource: sso}, noVerdict, noVerdict},
		{"reserved role: by Identity Center's service-linked role", Request{Principal: "arn:aws:sts::" + acct + ":assumed-role/AWSServiceRoleForSSO/sso", SessionIssuer: slrSS, Action: "iam:AttachRolePolicy", Resource: sso}, noVerdict, noVerdict},
		// The fact names no service: it exempts nothing (the reading that denies).
		{"reserved role: by a caller the facts call service-linked", Request{Principal: "arn:aws:sts::" + acct + ":assumed-role/AWSServiceRoleForSSO/sso", Action: "iam:AttachRolePolicy", Resource: sso, Facts: Facts{PrincipalIsServiceLinkedRole: true}}, owned, noVerdict},
		{"service-linked role: changed by another service's service-linked role", Request{Principal: "arn:aws:sts::" + acct + ":assumed-role/AWSServiceRoleForSSO/sso", SessionIssuer: slrSS, Action: "iam:AttachRolePolicy", Resource: slr}, owned, noVerdict},
		{"service-linked role: DeleteRole", Request{Principal: user, Action: "iam:DeleteRole", Resource: slr}, owned, noVerdict},
		{"service-linked role: AttachRolePolicy", Request{Principal: user, Action: "iam:AttachRolePolicy", Resource: slr}, owned, noVerdict},
		{"service-linked role: DetachRolePolicy", Request{Principal: user, Action: "iam:DetachRolePolicy", Resource: slr}, owned, noVerdict},
		{"service-linked role: PutRolePermissionsBoundary", Request{Principal: user, Action: "iam:PutRolePermissionsBoundary", Resource: slr}, owned, noVerdict},
		{"service-linked role: UpdateAssumeRolePolicy", Request{Principal: user, Action: "iam:UpdateAssumeRolePolicy", Resource: slr}, owned, noVerdict},
		{"service-linked role: UntagRole", Request{Principal: user, Action: "iam:UntagRole", Resource: slr}, owned, noVerdict},
		{"service-linked role: DeleteServiceLinkedRole", Request{Principal: user, Action: "iam:DeleteServiceLinkedRole", Resource: slr}, noVerdict, noVerdict},
		{"service-linked role: UpdateRoleDescription", Request{Principal: user, Action: "iam:UpdateRoleDescription", Resource: slr}, noVerdict, noVerdict},
		{"service-linked role: UpdateRole", Request{Principal: user, Action: "iam:UpdateRole", Resource: slr}, noVerdict, noVerdict},
		{"service role: DeleteRole", Request{Principal: user, Action: "iam:DeleteRole", Resource: "arn:aws:iam::" + acct + ":role/service-role/R"}, noVerdict, noVerdict},
		{"role path in another case is a customer path", Request{Principal: user, Action: "iam:DeleteRole", Resource: "arn:aws:iam::" + acct + ":role/AWS-Service-Role/R"}, noVerdict, noVerdict},
		{"an s3 action on an iam ARN", Request{Principal: user, Action: "s3:DeleteRole", Resource: slr}, noVerdict, noVerdict},
		{"kms: DeleteAlias alias/aws/s3", Request{Principal: user, Action: "kms:DeleteAlias", Resource: alias + "aws/s3"}, owned, noVerdict},
		{"kms: CreateAlias alias/aws/x", Request{Principal: user, Action: "KMS:createalias", Resource: alias + "aws/x"}, owned, noVerdict},
		{"kms: UpdateAlias alias/AWS/x (the reading that denies)", Request{Principal: user, Action: "kms:UpdateAlias", Resource: alias + "AWS/x"}, owned, noVerdict},
		{"kms: DeleteAlias alias/mine", Request{Principal: user, Action: "kms:DeleteAlias", Resource: alias + "mine"}, noVerdict, noVerdict},
		{"kms: DeleteAlias alias/awsome", Request{Principal: user, Action: "kms:DeleteAlias", Resource: alias + "awsome"}, noVerdict, noVerdict},
		{"kms: DeleteAlias alias/aws", Request{Principal: user, Action: "kms:DeleteAlias", Resource: alias + "aws"}, noVerdict, noVerdict},
		{"kms: Decrypt through alias/aws/s3", Request{Principal: user, Action: "kms:Decrypt", Resource: alias + "aws/s3"}, noVerdict, noVerdict},
		{"federated: s3", Request{Principal: fed, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, noVerdict, noVerdict},
		{"federated: iam:ListUsers", Request{Principal: fed, Action: "iam:ListUsers", Resource: "*"}, noVerdict, limited},
		{"federated: IAM in another case", Request{Principal: fed, Action: "Iam:GetUser", Resource: "*"}, noVerdict, limited},
		{"federated: sts:AssumeRole", Request{Principal: fed, Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + acct + ":role/R"}, noVerdict, limited},
		{"federated: sts:GetSessionToken", Request{Principal: fed, Action: "STS:GetSessionToken", Resource: "*"}, noVerdict, limited},
		{"federated: sts:GetCallerIdentity", Request{Principal: fed, Action: "sts:getCallerIdentity", Resource: "*"}, noVerdict, noVerdict},
		{"federated: kms", Request{Principal: fed, Action: "kms:Decrypt", Resource: "*"}, noVerdict, noVerdict},
		{"user: iam", Request{Principal: user, Action: "iam:ListUsers", Resource: "*"}, noVerdict, noVerdict},
		{"role session: sts", Request{Principal: "arn:aws:sts::" + acct + ":assumed-role/R/s", Action: "sts:AssumeRole", Resource: "*"}, noVerdict, noVerdict},
	}
	for _, tt := range tests {
		st := evalState{r: &tt.r}
		if err := prepare(&st); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkStep(t, tt.name+": aws-owned", awsOwnedResource(&st), tt.wantOwned)
		checkStep(t, tt.name+": federated", federatedSessionLimit(&st), tt.wantFederatedLim)
	}
}

// TestAWSOwnedDecisions checks where the steps sit in the procedure: after
// the explicit deny, before every grant, and that AWS managed policies stay
// readable with an identity-based policy alone.
func TestAWSOwnedDecisions(t *testing.T) {
	const (
		acct = "111122223333"
		user = "arn:aws:iam::" + acct + ":user/admin"
		fed  = "arn:aws:sts::" + acct + ":federated-user/Bob"
		amp  = "arn:aws:iam::aws:policy/AdministratorAccess"
		all  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
		deny = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["iam:*","kms:*"],"Resource":"*"}]}`
		scp  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	)
	parse := func(doc string) *policy.Policy {
		p, err := policy.Parse([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	admin := Policies{Identity: []*policy.Policy{parse(all)}}
	denied := Policies{Identity: []*policy.Policy{parse(all), parse(deny)}}
	fedAll := Policies{Identity: []*policy.Policy{parse(all)}, Session: []*policy.Policy{parse(all)}}
	scpS3 := Policies{Identity: []*policy.Policy{parse(all)}, SCPs: [][]*policy.Policy{{parse(scp)}}}
	tests := []struct {
		name string
		p    Policies
		r    Request
		want Result
	}{
		{"write to a managed policy", admin, Request{Principal: user, Action: "iam:CreatePolicyVersion", Resource: amp}, Result{Reason: ReasonAWSOwnedResource}},
		{"write to a managed policy, resource account the caller's", admin, Request{Principal: user, Action: "iam:CreatePolicyVersion", Resource: amp, ResourceAccount: acct}, Result{Reason: ReasonAWSOwnedResource}},
		{"write to a managed policy, resource account aws", admin, Request{Principal: user, Action: "iam:CreatePolicyVersion", Resource: amp, ResourceAccount: "aws"}, Result{Reason: ReasonAWSOwnedResource}},
		{"a deny still decides", denied, Request{Principal: user, Action: "iam:CreatePolicyVersion", Resource: amp}, Result{Decision: ExplicitDeny, Reason: ReasonExplicitDeny, BlockedBy: policy.TypeIdentity}},
		{"before the SCPs", scpS3, Request{Principal: user, Action: "kms:DeleteAlias", Resource: "arn:aws:kms:us-east-1:" + acct + ":alias/aws/s3"}, Result{Reason: ReasonAWSOwnedResource}},
		{"read a managed policy", admin, Request{Principal: user, Action: "iam:GetPolicy", Resource: amp}, Result{Decision: Allowed, Reason: ReasonIdentityGrant}},
		{"read a managed policy, resource account the caller's", admin, Request{Principal: user, Action: "iam:GetPolicyVersion", Resource: amp, ResourceAccount: acct}, Result{Decision: Allowed, Reason: ReasonIdentityGrant}},
		{"read a managed policy as root", Policies{}, Request{Principal: "arn:aws:iam::" + acct + ":root", Action: "iam:GetPolicy", Resource: amp}, Result{Decision: Allowed, Reason: ReasonIdentityGrant}},
		{"read a managed policy without an allow", Policies{}, Request{Principal: user, Action: "iam:GetPolicy", Resource: amp}, Result{Reason: ReasonNoIdentityAllow, BlockedBy: policy.TypeIdentity}},
		{"federated user calls IAM", fedAll, Request{Principal: fed, Action: "iam:ListUsers", Resource: "*"}, Result{Reason: ReasonFederatedSessionLimit}},
		{"federated user, deny first", Policies{Identity: denied.Identity, Session: fedAll.Session}, Request{Principal: fed, Action: "iam:ListUsers", Resource: "*"}, Result{Decision: ExplicitDeny, Reason: ReasonExplicitDeny, BlockedBy: policy.TypeIdentity}},
		{"federated user calls GetCallerIdentity", Policies{}, Request{Principal: fed, Action: "sts:GetCallerIdentity", Resource: "*"}, Result{Decision: Allowed, Reason: ReasonNoPermissionRequired}},
		{"federated user calls S3", fedAll, Request{Principal: fed, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, Result{Decision: Allowed, Reason: ReasonIdentityGrant, Assumptions: AssumedResourceAccountFromCaller}},
	}
	for _, tt := range tests {
		set, err := Compile(tt.p)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := set.Evaluate(tt.r); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestResourceAccountAWS: "aws" is the resource account only of a resource
// whose ARN names it.
func TestResourceAccountAWS(t *testing.T) {
	set, err := Compile(Policies{})
	if err != nil {
		t.Fatal(err)
	}
	res := set.Evaluate(Request{Principal: "arn:aws:iam::111122223333:user/u", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "aws"})
	if res.Err == nil || res.Reason != ReasonInvalidRequest {
		t.Errorf("resourceAccount aws for an S3 object: got %+v, want an invalid request", res)
	}
	for _, s := range []string{ReasonAWSOwnedResource.String(), ReasonFederatedSessionLimit.String()} {
		if s == "none" {
			t.Errorf("a new reason has no name")
		}
	}
}
