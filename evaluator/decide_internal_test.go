package evaluator

import (
	"testing"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/policy"
)

// The decision steps of SPEC §6.3, each on its own: every table gives the
// evidence a step reads and the Result it returns (noVerdict when the next
// step decides).

var (
	allowed = outcome{allow: true}
	denied  = outcome{deny: true}
)

func grantOf(kind MatchKind) outcome { return outcome{allow: true, kind: kind} }

// noVerdict is the Result of the noVerdict verdict.
var noVerdict = Result{}

func checkStep(t *testing.T, name string, got verdict, want Result) {
	t.Helper()
	if resultOf(got) != want {
		t.Errorf("%s: got %+v, want %+v", name, resultOf(got), want)
	}
}

func TestStepExplicitDeny(t *testing.T) {
	deny := func(by policy.Type) Result {
		return Result{Decision: ExplicitDeny, Reason: ReasonExplicitDeny, BlockedBy: by}
	}
	tests := []struct {
		name string
		e    evidence
		want Result
	}{
		{"nothing denies", evidence{id: allowed, rp: grantOf(DirectMatch)}, noVerdict},
		{"identity", evidence{id: denied}, deny(policy.TypeIdentity)},
		{"boundary", evidence{pb: denied}, deny(policy.TypeBoundary)},
		{"session", evidence{sp: denied}, deny(policy.TypeSession)},
		{"resource", evidence{rp: denied, resType: byResource}, deny(policy.TypeResource)},
		{"trust", evidence{rp: denied, resType: byTrust}, deny(policy.TypeTrust)},
		{"guardrail first", evidence{guard: guardrailOutcome{denyBy: bySCP}, rp: denied, id: denied, resType: byResource}, deny(policy.TypeSCP)},
		{"resource before identity", evidence{rp: denied, id: denied, resType: byResource}, deny(policy.TypeResource)},
		{"identity before boundary and session", evidence{id: denied, pb: denied, sp: denied}, deny(policy.TypeIdentity)},
		{"boundary before session", evidence{pb: denied, sp: denied}, deny(policy.TypeBoundary)},
		{"a missing guardrail allow is not a deny", evidence{guard: guardrailOutcome{rcpFail: true, scpFail: true, epFail: true}}, noVerdict},
	}
	for _, tt := range tests {
		checkStep(t, tt.name, explicitDeny(&tt.e), tt.want)
	}
}

func TestStepGuardrailLevels(t *testing.T) {
	rcp := Result{Reason: ReasonRCPNoAllow, BlockedBy: policy.TypeRCP}
	scp := Result{Reason: ReasonSCPNoAllow, BlockedBy: policy.TypeSCP}
	ep := Result{Reason: ReasonEndpointNoAllow, BlockedBy: policy.TypeEndpoint}
	tests := []struct {
		name          string
		g             guardrailOutcome
		rcp, scp, end Result
	}{
		{"all allow", guardrailOutcome{}, noVerdict, noVerdict, noVerdict},
		{"rcp level", guardrailOutcome{rcpFail: true}, rcp, noVerdict, noVerdict},
		{"scp level", guardrailOutcome{scpFail: true}, noVerdict, scp, noVerdict},
		{"endpoint", guardrailOutcome{epFail: true}, noVerdict, noVerdict, ep},
		{"every one", guardrailOutcome{rcpFail: true, scpFail: true, epFail: true}, rcp, scp, ep},
	}
	for _, tt := range tests {
		e := evidence{guard: tt.g}
		checkStep(t, tt.name+": step 2", rcpLevels(&e), tt.rcp)
		checkStep(t, tt.name+": step 3", scpLevels(&e), tt.scp)
		checkStep(t, tt.name+": §6.10", endpointPolicies(&e), tt.end)
	}
}

func TestStepNonIAMCaller(t *testing.T) {
	grant := Result{Decision: Allowed, Reason: ReasonResourceGrant, Grant: DirectMatch}
	tests := []struct {
		kind    PrincipalKind
		rp      outcome
		resType blocker
		want    Result
	}{
		{ServicePrincipal, grantOf(DirectMatch), byResource, grant},
		{Anonymous, grantOf(DirectMatch), byResource, grant},
		{IdentityProvider, grantOf(DirectMatch), byTrust, grant},
		{ServicePrincipal, grantOf(AccountMatch), byResource, Result{Reason: ReasonNoResourceAllow, BlockedBy: policy.TypeResource}},
		{Anonymous, grantOf(EntityMatch), byResource, Result{Reason: ReasonNoResourceAllow, BlockedBy: policy.TypeResource}},
		{IdentityProvider, outcome{}, byTrust, Result{Reason: ReasonNoResourceAllow, BlockedBy: policy.TypeTrust}},
		{RootUser, outcome{}, byResource, noVerdict},
		{IAMUser, outcome{}, byResource, noVerdict},
		{RoleSession, grantOf(DirectMatch), byResource, noVerdict},
		{FederatedUser, outcome{}, byResource, noVerdict},
	}
	for _, tt := range tests {
		e := evidence{kind: tt.kind, rp: tt.rp, resType: tt.resType}
		checkStep(t, tt.kind.String()+" "+tt.rp.kind.String(), nonIAMCaller(&e), tt.want)
	}
}

func TestStepSpecialCallers(t *testing.T) {
	tests := []struct {
		kind               PrincipalKind
		action             string
		noPermission, root bool
	}{
		{IAMUser, "sts:GetCallerIdentity", true, false},
		{RoleSession, "STS:getcalleridentity", true, false},
		{FederatedUser, "sts:GetCallerIdentity", true, false},
		{RootUser, "sts:GetCallerIdentity", true, false},
		{ServicePrincipal, "sts:GetCallerIdentity", false, false},
		{Anonymous, "sts:GetCallerIdentity", false, false},
		{IAMUser, "sts:GetSessionToken", false, false},
		{RootUser, "sts:AssumeRole", false, true},
		{RootUser, "Sts:assumerole", false, true},
		{RootUser, "sts:AssumeRoleWithSAML", false, false},
		{IAMUser, "sts:AssumeRole", false, false},
		{RootUser, "iam:AssumeRole", false, false},
	}
	for _, tt := range tests {
		colon := actionColon(tt.action)
		st := evalState{c: caller{kind: tt.kind}, svc: tt.action[:colon], name: tt.action[colon+1:], sts: isSTS(tt.action[:colon])}
		e := evidence{kind: tt.kind, resType: byTrust}
		name := tt.kind.String() + " " + tt.action
		want := noVerdict
		if tt.noPermission {
			want = Result{Decision: Allowed, Reason: ReasonNoPermissionRequired}
		}
		checkStep(t, name+": GetCallerIdentity", noPermissionRequired(&st), want)
		want = noVerdict
		if tt.root {
			want = Result{Reason: ReasonRootCannotAssumeRole, BlockedBy: policy.TypeTrust}
		}
		checkStep(t, name+": root AssumeRole", rootAssumeRole(&st, &e), want)
	}
}

func TestStepPrincipalPath(t *testing.T) {
	tests := []struct {
		name string
		e    evidence
		want principalSide
	}{
		{"user allowed", evidence{kind: IAMUser, id: allowed}, principalSide{true, true, true}},
		{"user without allow", evidence{kind: IAMUser}, principalSide{false, true, true}},
		{"user, boundary allows", evidence{kind: IAMUser, id: allowed, hasBoundary: true, pb: allowed}, principalSide{true, true, true}},
		{"user, boundary does not allow", evidence{kind: IAMUser, id: allowed, hasBoundary: true}, principalSide{true, false, true}},
		{"user, session policies do not apply", evidence{kind: IAMUser, id: allowed, hasSession: true}, principalSide{true, true, true}},
		{"root needs no identity allow", evidence{kind: RootUser}, principalSide{true, true, true}},
		{"root is not limited by a boundary", evidence{kind: RootUser, hasBoundary: true}, principalSide{true, true, true}},
		{"role session, no session policy", evidence{kind: RoleSession, id: allowed}, principalSide{true, true, true}},
		{"role session, session policy allows", evidence{kind: RoleSession, id: allowed, hasSession: true, sp: allowed}, principalSide{true, true, true}},
		{"role session, session policy does not allow", evidence{kind: RoleSession, id: allowed, hasSession: true}, principalSide{true, true, false}},
		{"federated user, no session policy", evidence{kind: FederatedUser, id: allowed}, principalSide{true, true, false}},
		{"federated user, session policy allows", evidence{kind: FederatedUser, id: allowed, hasSession: true, sp: allowed}, principalSide{true, true, true}},
	}
	for _, tt := range tests {
		if got := principalPath(&tt.e); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestPrincipalSideFail(t *testing.T) {
	tests := []struct {
		p    principalSide
		path bool
		want Result
	}{
		{principalSide{true, true, true}, true, Result{Reason: ReasonSessionNoAllow, BlockedBy: policy.TypeSession}},
		{principalSide{false, false, false}, false, Result{Reason: ReasonNoIdentityAllow, BlockedBy: policy.TypeIdentity}},
		{principalSide{true, false, false}, false, Result{Reason: ReasonBoundaryNoAllow, BlockedBy: policy.TypeBoundary}},
		{principalSide{true, true, false}, false, Result{Reason: ReasonSessionNoAllow, BlockedBy: policy.TypeSession}},
	}
	for _, tt := range tests {
		if got := tt.p.identityPath(); got != tt.path {
			t.Errorf("%+v: identityPath = %v", tt.p, got)
		}
		// fail is only asked of a side that does not allow; the first
		// row pins its default.
		checkStep(t, "fail", tt.p.fail(), tt.want)
	}
}

func TestStepSameAccountGrant(t *testing.T) {
	s3 := func(req Requirement) *evalState {
		return &evalState{r: &Request{Facts: Facts{ResourcePolicyRequired: req}}, svc: "s3", name: "GetObject"}
	}
	assume := &evalState{r: &Request{}, svc: "sts", sts: true, name: "AssumeRole", resIsARN: true,
		res: arn.Sections{Partition: "aws", Service: "iam", Account: "111122223333", Resource: "role/r"}}
	kmsKey := &evalState{r: &Request{}, svc: "kms", name: "Decrypt", resIsARN: true,
		res: arn.Sections{Partition: "aws", Service: "kms", Region: "us-east-1", Account: "111122223333", Resource: "key/k"}}
	all := principalSide{true, true, true}
	var (
		direct   = Result{Decision: Allowed, Reason: ReasonResourceGrant, Grant: DirectMatch}
		entity   = Result{Decision: Allowed, Reason: ReasonResourceGrant, Grant: EntityMatch}
		identity = func(k MatchKind) Result { return Result{Decision: Allowed, Reason: ReasonIdentityGrant, Grant: k} }
		required = func(t policy.Type) Result { return Result{Reason: ReasonResourcePolicyRequired, BlockedBy: t} }
		noID     = Result{Reason: ReasonNoIdentityAllow, BlockedBy: policy.TypeIdentity}
		noPB     = Result{Reason: ReasonBoundaryNoAllow, BlockedBy: policy.TypeBoundary}
		noSP     = Result{Reason: ReasonSessionNoAllow, BlockedBy: policy.TypeSession}
	)
	tests := []struct {
		name string
		st   *evalState
		rp   outcome
		p    principalSide
		want Result
	}{
		{"6a direct grant, nothing else allows", s3(Auto), grantOf(DirectMatch), principalSide{}, direct},
		{"6b entity grant", s3(Auto), grantOf(EntityMatch), principalSide{pbOK: true, spOK: true}, entity},
		{"6b entity grant, boundary does not allow", s3(Auto), grantOf(EntityMatch), principalSide{idOK: true, spOK: true}, noPB},
		{"6b entity grant, session does not allow", s3(Auto), grantOf(EntityMatch), principalSide{idOK: true, pbOK: true}, noSP},
		{"6c identity grant", s3(Auto), outcome{}, all, identity(NoMatch)},
		{"6c account grant delegates to identity", s3(Auto), grantOf(AccountMatch), all, identity(AccountMatch)},
		{"6d account grant, no identity allow", s3(Auto), grantOf(AccountMatch), principalSide{pbOK: true, spOK: true}, noID},
		{"6d no identity allow", s3(Auto), outcome{}, principalSide{pbOK: true, spOK: true}, noID},
		{"6d boundary", s3(Auto), outcome{}, principalSide{idOK: true, spOK: true}, noPB},
		{"6d session", s3(Auto), outcome{}, principalSide{idOK: true, pbOK: true}, noSP},
		{"6c trust policy required", assume, outcome{}, all, required(policy.TypeTrust)},
		{"6c trust policy grants the account", assume, grantOf(AccountMatch), all, identity(AccountMatch)},
		{"6c key policy required", kmsKey, outcome{}, all, required(policy.TypeTrust)},
		{"6c required by the facts", s3(Required), outcome{}, all, required(policy.TypeTrust)},
		{"6c not required by the facts", &evalState{r: &Request{Facts: Facts{ResourcePolicyRequired: NotRequired}}, svc: "sts", sts: true, name: "AssumeRole", resIsARN: true, res: assume.res}, outcome{}, all, identity(NoMatch)},
	}
	for _, tt := range tests {
		e := evidence{rp: tt.rp, resType: byTrust}
		checkStep(t, tt.name, sameAccountGrant(tt.st, &e, tt.p), tt.want)
	}
}

func TestStepCrossAccountGrant(t *testing.T) {
	all := principalSide{true, true, true}
	tests := []struct {
		name string
		rp   outcome
		p    principalSide
		want Result
	}{
		{"both sides allow", grantOf(AccountMatch), all, Result{Decision: Allowed, Reason: ReasonIdentityGrant, Grant: AccountMatch}},
		{"direct grant still needs the identity side", grantOf(DirectMatch), principalSide{pbOK: true, spOK: true}, Result{Reason: ReasonNoIdentityAllow, BlockedBy: policy.TypeIdentity}},
		{"direct grant and identity allow", grantOf(DirectMatch), all, Result{Decision: Allowed, Reason: ReasonIdentityGrant, Grant: DirectMatch}},
		{"boundary", grantOf(EntityMatch), principalSide{idOK: true, spOK: true}, Result{Reason: ReasonBoundaryNoAllow, BlockedBy: policy.TypeBoundary}},
		{"no resource grant", outcome{}, all, Result{Reason: ReasonNoResourceAllow, BlockedBy: policy.TypeResource}},
		{"a resource deny is not a grant", denied, all, Result{Reason: ReasonNoResourceAllow, BlockedBy: policy.TypeResource}},
	}
	for _, tt := range tests {
		e := evidence{rp: tt.rp, resType: byResource}
		checkStep(t, tt.name, crossAccountGrant(&e, tt.p), tt.want)
	}
}

// TestPrepare checks step 0a–0c: the caller's account, the resource's
// account and sameAccount, and the requests prepare refuses.
func TestPrepare(t *testing.T) {
	const (
		user   = "arn:aws:iam::111122223333:user/u"
		a, b   = "111122223333", "444455556666"
		bucket = "arn:aws:s3:::bucket/key"
		queue  = "arn:aws:sqs:us-east-1:444455556666:q"
	)
	tests := []struct {
		name        string
		r           Request
		account     string
		sameAccount bool
		wantErr     string // the RequestError field, "" for none
	}{
		{"account from the principal ARN", Request{Principal: user, Action: "s3:GetObject", Resource: bucket}, a, true, ""},
		{"resource account from the resource ARN", Request{Principal: user, Action: "sqs:SendMessage", Resource: queue}, a, false, ""},
		{"resource account given", Request{Principal: user, Action: "s3:GetObject", Resource: bucket, ResourceAccount: b}, a, false, ""},
		{"an sts: action", Request{Principal: user, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/r"}, a, true, ""},
		{"resource * is in the caller's account", Request{Principal: user, Action: "s3:ListAllMyBuckets", Resource: "*"}, a, true, ""},
		{"principal account agrees", Request{Principal: user, PrincipalAccount: a, Action: "s3:GetObject", Resource: bucket}, a, true, ""},
		{"principal account disagrees", Request{Principal: user, PrincipalAccount: b, Action: "s3:GetObject", Resource: bucket}, "", false, "principalAccount"},
		{"service principal with an account", Request{Principal: "lambda.amazonaws.com", PrincipalAccount: b, Action: "sqs:SendMessage", Resource: queue}, b, true, ""},
		{"service principal without an account", Request{Principal: "lambda.amazonaws.com", Action: "sqs:SendMessage", Resource: queue}, "", false, ""},
		{"anonymous, resource *", Request{Action: "s3:ListAllMyBuckets", Resource: "*"}, "", false, ""},
		{"principal account not an account ID", Request{Principal: "lambda.amazonaws.com", PrincipalAccount: "1234", Action: "s3:GetObject", Resource: bucket}, "", false, "principalAccount"},
		{"resource not an ARN", Request{Principal: user, Action: "s3:GetObject", Resource: "bucket"}, "", false, "resource"},
		{"bad action", Request{Principal: user, Action: "s3", Resource: bucket}, "", false, "action"},
		{"bad principal", Request{Principal: "arn:aws:iam::111122223333:group/g", Action: "s3:GetObject", Resource: bucket}, "", false, "principal"},
	}
	for _, tt := range tests {
		st := evalState{r: &tt.r}
		err := prepare(&st)
		if tt.wantErr != "" {
			re, ok := err.(*RequestError)
			if !ok || re.Field != tt.wantErr {
				t.Errorf("%s: error %v, want a *RequestError of field %s", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if st.c.account != tt.account || st.sameAccount != tt.sameAccount {
			t.Errorf("%s: account %q, sameAccount %v; want %q, %v", tt.name, st.c.account, st.sameAccount, tt.account, tt.sameAccount)
		}
		if colon := actionColon(tt.r.Action); st.svc != tt.r.Action[:colon] || st.name != tt.r.Action[colon+1:] || st.sts != (st.svc == "sts") {
			t.Errorf("%s: action split as %q, %q", tt.name, st.svc, st.name)
		}
	}
}

// TestBlockerTypes checks that every blocker but byNone names a policy type.
func TestBlockerTypes(t *testing.T) {
	seen := map[policy.Type]bool{}
	for b := byNone; b <= bySession; b++ {
		typ := blockerTypes[b]
		if (typ == "") != (b == byNone) || seen[typ] {
			t.Errorf("blocker %d names %q", b, typ)
		}
		seen[typ] = true
	}
	if len(blockerTypes) != int(bySession)+1 {
		t.Errorf("%d blocker types for %d blockers", len(blockerTypes), bySession+1)
	}
}

// resultOf is the Result that Set.evaluate returns for a verdict.
func resultOf(v verdict) Result {
	return Result{Decision: v.decision, Reason: v.reason, Grant: v.grant, BlockedBy: blockerTypes[v.blocked]}
}
