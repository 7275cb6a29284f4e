package evaluator_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	acctA = "111122223333"
	acctB = "444455556666"

	userArn     = "arn:aws:iam::111122223333:user/alice"
	roleArn     = "arn:aws:iam::111122223333:role/app"
	sessionArn  = "arn:aws:sts::111122223333:assumed-role/app/s1"
	fedArn      = "arn:aws:sts::111122223333:federated-user/bob"
	rootArn     = "arn:aws:iam::111122223333:root"
	crossUser   = "arn:aws:iam::444455556666:user/carol"
	bucketObj   = "arn:aws:s3:::bucket/key"
	secretArn   = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"
	trustedRole = "arn:aws:iam::111122223333:role/target"
)

func pol(t testing.TB, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("parse %s: %v", doc, err)
	}
	return p
}

// allow and deny build identity-style policies (no principal).
func allow(action, resource string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":%q,"Resource":%q}]}`, action, resource)
}

func deny(action, resource string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"D","Effect":"Deny","Action":%q,"Resource":%q}]}`, action, resource)
}

// grant builds a resource-based policy granting action to principal JSON.
func grant(principal, action, resource string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"G","Effect":"Allow","Principal":%s,"Action":%q,"Resource":%q}]}`, principal, action, resource)
}

const fullAccess = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

type scenario struct {
	name      string
	req       evaluator.Request
	identity  []string
	resource  string
	trust     bool
	boundary  string
	session   []string
	scps      [][]string
	rcps      [][]string
	endpoints []string
	want      evaluator.Decision
	reason    evaluator.Reason
	blocked   policy.Type
}

func (sc scenario) compile(t testing.TB) *evaluator.Set {
	t.Helper()
	var p evaluator.Policies
	for _, d := range sc.identity {
		p.Identity = append(p.Identity, pol(t, d))
	}
	if sc.resource != "" {
		p.Resource = pol(t, sc.resource)
		if sc.trust {
			p.ResourceType = policy.TypeTrust
		}
	}
	if sc.boundary != "" {
		p.Boundary = pol(t, sc.boundary)
	}
	for _, d := range sc.session {
		p.Session = append(p.Session, pol(t, d))
	}
	for _, lvl := range sc.scps {
		var ps []*policy.Policy
		for _, d := range lvl {
			ps = append(ps, pol(t, d))
		}
		p.SCPs = append(p.SCPs, ps)
	}
	for _, lvl := range sc.rcps {
		var ps []*policy.Policy
		for _, d := range lvl {
			ps = append(ps, pol(t, d))
		}
		p.RCPs = append(p.RCPs, ps)
	}
	for _, d := range sc.endpoints {
		p.Endpoints = append(p.Endpoints, pol(t, d))
	}
	set, err := evaluator.Compile(p)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return set
}

func runScenarios(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			set := sc.compile(t)
			res := set.Evaluate(sc.req)
			if res.Err != nil {
				t.Fatalf("unexpected request error: %v", res.Err)
			}
			if res.Decision != sc.want || res.Reason != sc.reason || res.BlockedBy != sc.blocked {
				t.Errorf("got %v (reason %v, blocked by %q), want %v (reason %v, blocked by %q)\n%v",
					res.Decision, res.Reason, res.BlockedBy, sc.want, sc.reason, sc.blocked, set.Explain(sc.req))
			}
			ex := set.Explain(sc.req)
			if ex.Decision != res.Decision || ex.Reason != res.Reason || ex.BlockedBy != res.BlockedBy {
				t.Errorf("Explain decided %v/%v, Evaluate %v/%v", ex.Decision, ex.Reason, res.Decision, res.Reason)
			}
		})
	}
}

func req(principal, action, resource string) evaluator.Request {
	return evaluator.Request{Principal: principal, Action: action, Resource: resource}
}

func reqIn(principal, action, resource, resourceAccount string) evaluator.Request {
	r := req(principal, action, resource)
	r.ResourceAccount = resourceAccount
	return r
}

var (
	userP    = fmt.Sprintf(`{"AWS":%q}`, userArn)
	roleP    = fmt.Sprintf(`{"AWS":%q}`, roleArn)
	sessionP = fmt.Sprintf(`{"AWS":%q}`, sessionArn)
	fedP     = fmt.Sprintf(`{"AWS":%q}`, fedArn)
	acctAP   = `{"AWS":"111122223333"}`
	starP    = `"*"`
	getAll   = allow("secretsmanager:GetSecretValue", "*")
	s3Only   = allow("s3:*", "*")
)

// TestDecisionTableSameAccountUser covers SPEC §6.5, same account, IAM user.
func TestDecisionTableSameAccountUser(t *testing.T) {
	r := reqIn(userArn, "secretsmanager:GetSecretValue", secretArn, acctA)
	runScenarios(t, []scenario{
		{name: "user ARN grant, no identity, boundary denies implicitly", req: r, resource: grant(userP, "secretsmanager:*", "*"), boundary: s3Only, want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "star grant, no identity policy", req: r, resource: grant(starP, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "account grant, identity and boundary allow", req: r, identity: []string{getAll}, resource: grant(acctAP, "secretsmanager:*", "*"), boundary: getAll, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "no resource policy, identity and boundary allow", req: r, identity: []string{getAll}, boundary: getAll, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "account grant, identity allows, boundary does not", req: r, identity: []string{getAll}, resource: grant(acctAP, "secretsmanager:*", "*"), boundary: s3Only, reason: evaluator.ReasonBoundaryNoAllow, blocked: policy.TypeBoundary},
		{name: "no resource policy, boundary does not allow", req: r, identity: []string{getAll}, boundary: s3Only, reason: evaluator.ReasonBoundaryNoAllow, blocked: policy.TypeBoundary},
		{name: "account grant, identity silent", req: r, resource: grant(acctAP, "secretsmanager:*", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "nothing at all", req: r, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "identity deny beats user ARN grant", req: r, identity: []string{deny("secretsmanager:*", "*")}, resource: grant(userP, "secretsmanager:*", "*"), want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeIdentity},
		{name: "boundary deny beats user ARN grant", req: r, resource: grant(userP, "secretsmanager:*", "*"), boundary: deny("secretsmanager:*", "*"), want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeBoundary},
		{name: "resource deny beats identity allow", req: r, identity: []string{getAll}, resource: strings.Replace(grant(starP, "secretsmanager:*", "*"), "Allow", "Deny", 1), want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeResource},
	})
}

// TestDecisionTableSameAccountSession covers SPEC §6.5, same account,
// assumed-role session.
func TestDecisionTableSameAccountSession(t *testing.T) {
	r := reqIn(sessionArn, "secretsmanager:GetSecretValue", secretArn, acctA)
	runScenarios(t, []scenario{
		{name: "session ARN grant ignores boundary and session policy", req: r, resource: grant(sessionP, "secretsmanager:*", "*"), boundary: s3Only, session: []string{s3Only}, want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "star grant ignores boundary and session policy", req: r, resource: grant(starP, "secretsmanager:*", "*"), boundary: s3Only, session: []string{s3Only}, want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "role ARN grant, boundary and session allow, no identity", req: r, resource: grant(roleP, "secretsmanager:*", "*"), boundary: getAll, session: []string{getAll}, want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "role ARN grant, no boundary, no session policy", req: r, resource: grant(roleP, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "role ARN grant limited by boundary", req: r, resource: grant(roleP, "secretsmanager:*", "*"), boundary: s3Only, reason: evaluator.ReasonBoundaryNoAllow, blocked: policy.TypeBoundary},
		{name: "role ARN grant limited by session policy", req: r, resource: grant(roleP, "secretsmanager:*", "*"), session: []string{s3Only}, reason: evaluator.ReasonSessionNoAllow, blocked: policy.TypeSession},
		{name: "account grant, identity, boundary and session allow", req: r, identity: []string{getAll}, resource: grant(acctAP, "secretsmanager:*", "*"), boundary: getAll, session: []string{getAll}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "no resource policy, identity allows, no session policy", req: r, identity: []string{getAll}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "no identity allow", req: r, resource: grant(acctAP, "secretsmanager:*", "*"), session: []string{getAll}, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "boundary does not allow", req: r, identity: []string{getAll}, boundary: s3Only, reason: evaluator.ReasonBoundaryNoAllow, blocked: policy.TypeBoundary},
		{name: "session policy does not allow", req: r, identity: []string{getAll}, session: []string{s3Only}, reason: evaluator.ReasonSessionNoAllow, blocked: policy.TypeSession},
		{name: "any of several session policies allows", req: r, identity: []string{getAll}, session: []string{s3Only, getAll}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "session policy deny beats session ARN grant", req: r, resource: grant(sessionP, "secretsmanager:*", "*"), session: []string{deny("secretsmanager:*", "*")}, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeSession},
	})
}

// TestDecisionTableSameAccountFederatedUser covers SPEC §6.5, same account,
// federated-user session.
func TestDecisionTableSameAccountFederatedUser(t *testing.T) {
	r := reqIn(fedArn, "secretsmanager:GetSecretValue", secretArn, acctA)
	r.SessionIssuer = userArn
	runScenarios(t, []scenario{
		{name: "federated-user ARN grant without session policy", req: r, resource: grant(fedP, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "star grant without session policy", req: r, resource: grant(starP, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "federating user grant, boundary and session allow", req: r, resource: grant(userP, "secretsmanager:*", "*"), session: []string{getAll}, want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "federating user grant without session policy", req: r, resource: grant(userP, "secretsmanager:*", "*"), reason: evaluator.ReasonSessionNoAllow, blocked: policy.TypeSession},
		{name: "federating user grant, session policy silent", req: r, resource: grant(userP, "secretsmanager:*", "*"), session: []string{s3Only}, reason: evaluator.ReasonSessionNoAllow, blocked: policy.TypeSession},
		{name: "federating user grant, boundary silent", req: r, resource: grant(userP, "secretsmanager:*", "*"), session: []string{getAll}, boundary: s3Only, reason: evaluator.ReasonBoundaryNoAllow, blocked: policy.TypeBoundary},
		{name: "identity and session policy allow", req: r, identity: []string{getAll}, session: []string{getAll}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "identity allows, no session policy", req: r, identity: []string{getAll}, reason: evaluator.ReasonSessionNoAllow, blocked: policy.TypeSession},
	})
}

// TestDecisionTableCrossAccount covers SPEC §6.4.2 and §6.5, cross account.
func TestDecisionTableCrossAccount(t *testing.T) {
	r := reqIn(crossUser, "s3:GetObject", bucketObj, acctA)
	crossP := fmt.Sprintf(`{"AWS":%q}`, crossUser)
	get := allow("s3:GetObject", "*")
	runScenarios(t, []scenario{
		{name: "both sides allow (user grant)", req: r, identity: []string{get}, resource: grant(crossP, "s3:GetObject", "*"), want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "both sides allow (account grant)", req: r, identity: []string{get}, resource: grant(`{"AWS":"444455556666"}`, "s3:GetObject", "*"), want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "direct grant does not waive the identity side", req: r, resource: grant(crossP, "s3:GetObject", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "star grant does not waive the identity side", req: r, resource: grant(starP, "s3:GetObject", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "identity alone is not enough", req: r, identity: []string{get}, reason: evaluator.ReasonNoResourceAllow, blocked: policy.TypeResource},
		{name: "boundary limits the identity side", req: r, identity: []string{get}, boundary: getAll, resource: grant(crossP, "s3:GetObject", "*"), reason: evaluator.ReasonBoundaryNoAllow, blocked: policy.TypeBoundary},
		{name: "root of trusted account", req: reqIn("arn:aws:iam::444455556666:root", "s3:GetObject", bucketObj, acctA), resource: grant(`{"AWS":"arn:aws:iam::444455556666:root"}`, "s3:GetObject", "*"), want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
	})
}

// TestNonIAMCallers covers SPEC §6.3 step 4 and §6.8.
func TestNonIAMCallers(t *testing.T) {
	svc := reqIn("cloudtrail.amazonaws.com", "s3:PutObject", bucketObj, acctA)
	anon := reqIn("", "s3:GetObject", bucketObj, acctA)
	idp := reqIn("federated:accounts.google.com", "sts:AssumeRoleWithWebIdentity", trustedRole, acctA)
	runScenarios(t, []scenario{
		{name: "service principal named", req: svc, resource: grant(`{"Service":"cloudtrail.amazonaws.com"}`, "s3:PutObject", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "service principal not named", req: svc, resource: grant(acctAP, "s3:PutObject", "*"), reason: evaluator.ReasonNoResourceAllow, blocked: policy.TypeResource},
		{name: "service principal ignores identity policies and SCPs", req: svc, identity: []string{deny("*", "*")}, scps: [][]string{{deny("*", "*")}}, resource: grant(`{"Service":"cloudtrail.amazonaws.com"}`, "s3:PutObject", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "service principal is subject to RCPs", req: svc, rcps: [][]string{{`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`}}, resource: grant(`{"Service":"cloudtrail.amazonaws.com"}`, "s3:PutObject", "*"), want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeRCP},
		{name: "anonymous with star", req: anon, resource: grant(starP, "s3:GetObject", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "anonymous with account grant", req: anon, resource: grant(acctAP, "s3:GetObject", "*"), reason: evaluator.ReasonNoResourceAllow, blocked: policy.TypeResource},
		{name: "identity provider named in trust policy", req: idp, trust: true, resource: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`, want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "other identity provider", req: idp, trust: true, resource: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`, reason: evaluator.ReasonNoResourceAllow, blocked: policy.TypeTrust},
	})
}

// TestGuardrails covers SCPs (SPEC §6.6), RCPs (§6.7) and endpoint policies
// (§6.10).
func TestGuardrails(t *testing.T) {
	r := reqIn(userArn, "ec2:RunInstances", "*", acctA)
	ec2 := allow("ec2:*", "*")
	rcpDeny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ec2:*","Resource":"*"}]}`
	mgmt := r
	mgmt.Facts.PrincipalInManagementAccount = true
	slr := r
	slr.Principal = "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling"
	slr.Facts.PrincipalIsServiceLinkedRole = true
	slrRCP := slr
	slrRCP.Facts.RCPsApplyToServiceLinkedRoles = true
	mgmtRes := r
	mgmtRes.Facts.ResourceInManagementAccount = true
	noRCP := r
	noRCP.Facts.RCPsNotSupported = true
	root := reqIn(rootArn, "ec2:RunInstances", "*", acctA)
	endpoint := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`
	runScenarios(t, []scenario{
		{name: "SCP allows at every level", req: r, identity: []string{ec2}, scps: [][]string{{fullAccess}, {ec2}, {fullAccess}}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "SCP allow missing at one level", req: r, identity: []string{ec2}, scps: [][]string{{fullAccess}, {s3Only}, {fullAccess}}, reason: evaluator.ReasonSCPNoAllow, blocked: policy.TypeSCP},
		{name: "empty SCP level", req: r, identity: []string{ec2}, scps: [][]string{{fullAccess}, {}}, reason: evaluator.ReasonSCPNoAllow, blocked: policy.TypeSCP},
		{name: "SCP deny", req: r, identity: []string{ec2}, scps: [][]string{{fullAccess, deny("ec2:Run*", "*")}}, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeSCP},
		{name: "SCPs never grant", req: r, scps: [][]string{{fullAccess}}, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "SCP restricts the member account root", req: root, scps: [][]string{{deny("ec2:*", "*"), fullAccess}}, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeSCP},
		{name: "root has full access without SCPs", req: root, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "SCPs do not apply to the management account", req: mgmt, identity: []string{ec2}, scps: [][]string{{deny("*", "*")}}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "SCPs do not apply to service-linked roles", req: slr, identity: []string{ec2}, scps: [][]string{{deny("*", "*")}}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "SCPs limit a resource-policy grant to a member principal", req: reqIn(userArn, "secretsmanager:GetSecretValue", secretArn, acctA), resource: grant(userP, "secretsmanager:*", "*"), scps: [][]string{{ec2}}, reason: evaluator.ReasonSCPNoAllow, blocked: policy.TypeSCP},
		{name: "RCP deny", req: r, identity: []string{ec2}, rcps: [][]string{{rcpDeny}}, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeRCP},
		{name: "RCPFullAWSAccess implied at every level", req: r, identity: []string{ec2}, rcps: [][]string{{}, {}}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "RCPs do not apply to management-account resources", req: mgmtRes, identity: []string{ec2}, rcps: [][]string{{rcpDeny}}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "RCPs do not apply where the service does not support them", req: noRCP, identity: []string{ec2}, rcps: [][]string{{rcpDeny}}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "RCPs do not apply to service-linked roles", req: slr, identity: []string{ec2}, rcps: [][]string{{rcpDeny}}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "RCP exemption of service-linked roles can be turned off", req: slrRCP, identity: []string{ec2}, rcps: [][]string{{rcpDeny}}, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeRCP},
		{name: "RCP applies to the root user", req: root, rcps: [][]string{{rcpDeny}}, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeRCP},
		{name: "endpoint policy without allow", req: r, identity: []string{ec2}, endpoints: []string{endpoint}, reason: evaluator.ReasonEndpointNoAllow, blocked: policy.TypeEndpoint},
		{name: "endpoint policy allows", req: reqIn(userArn, "s3:GetObject", bucketObj, acctA), identity: []string{s3Only}, endpoints: []string{endpoint}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "endpoint policies never grant", req: reqIn(userArn, "s3:GetObject", bucketObj, acctA), endpoints: []string{endpoint}, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
	})
}

// TestTrust covers the role-trust rules of SPEC §7 and KMS key policies.
func TestTrust(t *testing.T) {
	assume := allow("sts:AssumeRole", trustedRole)
	trustUser := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":%q},"Action":"sts:AssumeRole"}]}`, userArn)
	trustAcct := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`
	trustEC2 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	trustCross := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique ID"}}}]}`
	same := reqIn(userArn, "sts:AssumeRole", trustedRole, acctA)
	cross := reqIn(crossUser, "sts:AssumeRole", trustedRole, acctA)
	crossExt := cross
	crossExt.Context = conditions.NewContext(map[string]conditions.Value{"sts:ExternalId": conditions.Single("Unique ID")})
	keyArn := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyAcct := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`
	keyOther := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"kms:*","Resource":"*"}]}`
	kms := reqIn(userArn, "kms:Decrypt", keyArn, acctA)
	kmsRoot := reqIn(rootArn, "kms:Decrypt", keyArn, acctA)
	notRequired := same
	notRequired.Facts.ResourcePolicyRequired = evaluator.NotRequired
	runScenarios(t, []scenario{
		{name: "same account, trust names the user, no identity policy", req: same, trust: true, resource: trustUser, want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "same account, trust names the account, no identity policy", req: same, trust: true, resource: trustAcct, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "same account, trust names the account, identity allows", req: same, trust: true, resource: trustAcct, identity: []string{assume}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "same account, identity alone cannot assume", req: same, trust: true, resource: trustEC2, identity: []string{allow("sts:AssumeRole", "*")}, reason: evaluator.ReasonResourcePolicyRequired, blocked: policy.TypeTrust},
		{name: "same account, no trust policy at all", req: same, identity: []string{assume}, reason: evaluator.ReasonResourcePolicyRequired, blocked: policy.TypeResource},
		{name: "resource policy requirement can be turned off", req: notRequired, identity: []string{assume}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "cross account with external ID", req: crossExt, trust: true, resource: trustCross, identity: []string{assume}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "cross account without external ID", req: cross, trust: true, resource: trustCross, identity: []string{assume}, reason: evaluator.ReasonNoResourceAllow, blocked: policy.TypeTrust},
		{name: "cross account without caller permission", req: crossExt, trust: true, resource: trustCross, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "cross account blocked by caller's SCP", req: crossExt, trust: true, resource: trustCross, identity: []string{assume}, scps: [][]string{{s3Only}}, reason: evaluator.ReasonSCPNoAllow, blocked: policy.TypeSCP},
		{name: "root user cannot assume a role", req: reqIn(rootArn, "sts:AssumeRole", trustedRole, acctA), trust: true, resource: trustAcct, reason: evaluator.ReasonRootCannotAssumeRole, blocked: policy.TypeTrust},
		{name: "KMS key policy enabling IAM policies", req: kms, resource: keyAcct, identity: []string{allow("kms:Decrypt", "*")}, want: evaluator.Allowed, reason: evaluator.ReasonIdentityGrant},
		{name: "KMS identity policy alone", req: kms, resource: keyOther, identity: []string{allow("kms:Decrypt", "*")}, reason: evaluator.ReasonResourcePolicyRequired, blocked: policy.TypeResource},
		{name: "KMS key unusable even for root without the account statement", req: kmsRoot, resource: keyOther, reason: evaluator.ReasonResourcePolicyRequired, blocked: policy.TypeResource},
		{name: "sts:GetCallerIdentity needs no permission, even with a deny", req: reqIn(userArn, "sts:GetCallerIdentity", "*", acctA), identity: []string{deny("*", "*")}, want: evaluator.Allowed, reason: evaluator.ReasonNoPermissionRequired},
	})
}

// TestPrincipalMatching covers SPEC §2.7 and §4.4.
func TestPrincipalMatching(t *testing.T) {
	pathRole := "arn:aws:iam::111122223333:role/team/app"
	withIssuer := reqIn(sessionArn, "secretsmanager:GetSecretValue", secretArn, acctA)
	withIssuer.SessionIssuer = pathRole
	noIssuer := reqIn(sessionArn, "secretsmanager:GetSecretValue", secretArn, acctA)
	byID := reqIn(sessionArn, "secretsmanager:GetSecretValue", secretArn, acctA)
	byID.Context = conditions.NewContext(map[string]conditions.Value{"aws:userid": conditions.Single("AROA3XFRBF535PLBIFPI4:s1")})
	pathP := fmt.Sprintf(`{"AWS":%q}`, pathRole)
	otherPathP := `{"AWS":"arn:aws:iam::111122223333:role/other/app"}`
	runScenarios(t, []scenario{
		{name: "role with path matches session via issuer", req: withIssuer, resource: grant(pathP, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "issuer known: other path does not match", req: withIssuer, resource: grant(otherPathP, "secretsmanager:*", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "issuer unknown: role name decides", req: noIssuer, resource: grant(pathP, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "other session of the role does not match a session grant", req: reqIn("arn:aws:sts::111122223333:assumed-role/app/s2", "secretsmanager:GetSecretValue", secretArn, acctA), resource: grant(sessionP, "secretsmanager:*", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "role unique ID", req: byID, resource: grant(`{"AWS":"AROA3XFRBF535PLBIFPI4"}`, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "other role unique ID", req: byID, resource: grant(`{"AWS":"AROA3XFRBF535PLBIFPI5"}`, "secretsmanager:*", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "account grant does not grant a session by itself", req: noIssuer, resource: grant(`{"AWS":"111122223333"}`, "secretsmanager:*", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "user ARN is case-sensitive", req: reqIn(userArn, "secretsmanager:GetSecretValue", secretArn, acctA), resource: grant(`{"AWS":"arn:aws:iam::111122223333:user/Alice"}`, "secretsmanager:*", "*"), reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
	})
}

// TestNotPrincipalAndNotResource covers SPEC §4.3 and §4.5.
func TestNotPrincipalAndNotResource(t *testing.T) {
	notP := func(list string) string {
		return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Sid":"N","Effect":"Deny","NotPrincipal":{"AWS":%s},"Action":"s3:*","Resource":"*"}]}`, list)
	}
	r := reqIn(userArn, "s3:GetObject", bucketObj, acctA)
	both := fmt.Sprintf(`[%q,"arn:aws:iam::111122223333:root"]`, userArn)
	varNotRes := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::${aws:PrincipalTag/secret}/*"}]}`
	runScenarios(t, []scenario{
		{name: "user and account listed: exempt", req: r, resource: notP(both), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "account missing from the list: denied", req: r, resource: notP(fmt.Sprintf(`[%q]`, userArn)), want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeResource},
		{name: "principal with a boundary is never exempt", req: r, resource: notP(both), boundary: s3Only, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeResource},
		{name: "anonymous is never exempt", req: reqIn("", "s3:GetObject", bucketObj, acctA), resource: notP(both), want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeResource},
		{name: "Allow with NotResource and unresolvable variable fails safe", req: r, identity: []string{varNotRes}, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
	})
}

// TestErrorsNeverAllow injects malformed requests and policy sets: each is
// denied (or refused at compile time), never allowed.
func TestErrorsNeverAllow(t *testing.T) {
	set, err := evaluator.Compile(evaluator.Policies{
		Identity: []*policy.Policy{pol(t, fullAccess)},
		Resource: pol(t, grant(starP, "*", "*")),
	})
	if err != nil {
		t.Fatal(err)
	}
	bad := []evaluator.Request{
		req("arn:aws:iam::111122223333:group/admins", "s3:GetObject", bucketObj),
		req("arn:aws:iam::1111:user/short-account", "s3:GetObject", bucketObj),
		req("arn:aws:sts::111122223333:assumed-role/no-session", "s3:GetObject", bucketObj),
		req("not a principal", "s3:GetObject", bucketObj),
		req("federated:", "sts:AssumeRoleWithWebIdentity", trustedRole),
		req(userArn, "s3GetObject", bucketObj),
		req(userArn, "s3:Get*", bucketObj),
		req(userArn, ":GetObject", bucketObj),
		req(userArn, "s3:GetObject", ""),
		{Principal: userArn, PrincipalAccount: acctB, Action: "s3:GetObject", Resource: bucketObj},
	}
	for _, r := range bad {
		res := set.Evaluate(r)
		if res.Decision != evaluator.ImplicitDeny || res.Err == nil || res.Reason != evaluator.ReasonInvalidRequest {
			t.Errorf("%+v: got %v (err %v), want an implicit deny with an error", r, res.Decision, res.Err)
		}
		var re *evaluator.RequestError
		if !errors.As(res.Err, &re) {
			t.Errorf("%+v: error %T is not a *RequestError", r, res.Err)
		}
	}
	var nilSet *evaluator.Set
	if res := nilSet.Evaluate(req(userArn, "s3:GetObject", bucketObj)); res.Decision != evaluator.ImplicitDeny || res.Err == nil {
		t.Errorf("nil set: got %v", res)
	}

	// Compile refuses invalid policies and policies of the wrong type.
	identityWithPrincipal := pol(t, grant(starP, "s3:*", "*"))
	refused := []evaluator.Policies{
		{Identity: []*policy.Policy{nil}},
		{Identity: []*policy.Policy{identityWithPrincipal}},
		{Resource: pol(t, allow("s3:*", "*"))},
		{Resource: pol(t, grant(starP, "s3:*", "*")), ResourceType: policy.TypeTrust},
		{Resource: pol(t, grant(starP, "s3:*", "*")), ResourceType: policy.TypeSCP},
		{SCPs: [][]*policy.Policy{{identityWithPrincipal}}},
		{RCPs: [][]*policy.Policy{{pol(t, allow("s3:*", "*"))}}},
	}
	for i, p := range refused {
		set, err := evaluator.Compile(p)
		var ce *evaluator.CompileError
		if set != nil || !errors.As(err, &ce) {
			t.Errorf("policies %d: Compile = %v, %v; want a *CompileError", i, set, err)
		}
	}
}

// TestExplanation checks the explanation of each decision path.
func TestExplanation(t *testing.T) {
	type want struct {
		sids    []string // Sids of the deciding statements
		blocked policy.Type
	}
	denyDoc := `{"Version":"2012-10-17","Statement":[{"Sid":"AllowAll","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoLogs","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::*log*"}]}`
	bucket := `{"Version":"2012-10-17","Statement":[{"Sid":"Bucket","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:*","Resource":"*"}]}`
	boundary := `{"Version":"2012-10-17","Statement":[{"Sid":"Edge","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	cases := []struct {
		name string
		sc   scenario
		want want
	}{
		{"explicit deny names the deny", scenario{req: reqIn(userArn, "s3:GetObject", "arn:aws:s3:::app-logs/x", acctA), identity: []string{denyDoc}}, want{sids: []string{"NoLogs"}, blocked: policy.TypeIdentity}},
		{"identity grant names identity and boundary allows", scenario{req: reqIn(userArn, "s3:GetObject", bucketObj, acctA), identity: []string{denyDoc}, boundary: boundary}, want{sids: []string{"AllowAll", "Edge"}}},
		{"resource grant names the resource statement", scenario{req: reqIn(userArn, "s3:GetObject", bucketObj, acctA), resource: bucket}, want{sids: []string{"Bucket"}}},
		{"SCP block names the guardrail", scenario{req: reqIn(userArn, "s3:GetObject", bucketObj, acctA), identity: []string{denyDoc}, scps: [][]string{{allow("ec2:*", "*")}}}, want{blocked: policy.TypeSCP}},
		{"boundary block names the guardrail", scenario{req: reqIn(userArn, "ec2:RunInstances", "*", acctA), identity: []string{denyDoc}, boundary: boundary}, want{blocked: policy.TypeBoundary}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.sc.compile(t).Explain(tc.sc.req)
			if res.Explanation == nil {
				t.Fatal("no explanation")
			}
			var sids []string
			for _, d := range res.Explanation.Deciding {
				sids = append(sids, d.Sid)
				if d.Pos.Line == 0 {
					t.Errorf("deciding statement %v has no position", d)
				}
			}
			if strings.Join(sids, ",") != strings.Join(tc.want.sids, ",") || res.BlockedBy != tc.want.blocked {
				t.Errorf("deciding %v blocked by %q, want %v blocked by %q\n%v", sids, res.BlockedBy, tc.want.sids, tc.want.blocked, res)
			}
			if !strings.Contains(res.String(), res.Decision.String()) {
				t.Errorf("String() = %q lacks the decision", res.String())
			}
		})
	}
}

func TestConcurrentEvaluate(t *testing.T) {
	sc := scenario{identity: []string{allow("s3:Get*", "arn:aws:s3:::bucket/*"), deny("s3:GetObject", "arn:aws:s3:::bucket/secret/*")}}
	set := sc.compile(t)
	reqs := []struct {
		r    evaluator.Request
		want evaluator.Decision
	}{
		{reqIn(userArn, "s3:GetObject", bucketObj, acctA), evaluator.Allowed},
		{reqIn(userArn, "s3:GetObject", "arn:aws:s3:::bucket/secret/x", acctA), evaluator.ExplicitDeny},
		{reqIn(userArn, "s3:PutObject", bucketObj, acctA), evaluator.ImplicitDeny},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				tc := reqs[(g+i)%len(reqs)]
				if got := set.Evaluate(tc.r).Decision; got != tc.want {
					errs <- fmt.Sprintf("%s: got %v want %v", tc.r.Resource, got, tc.want)
					return
				}
				if i%50 == 0 {
					if got := set.Explain(tc.r).Decision; got != tc.want {
						errs <- fmt.Sprintf("explain %s: got %v want %v", tc.r.Resource, got, tc.want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestDecisionText(t *testing.T) {
	var zero evaluator.Decision
	if zero != evaluator.ImplicitDeny {
		t.Fatal("the zero Decision must be ImplicitDeny")
	}
	for _, d := range []evaluator.Decision{evaluator.Allowed, evaluator.ExplicitDeny, evaluator.ImplicitDeny} {
		b, err := d.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back evaluator.Decision
		if err := back.UnmarshalText(b); err != nil || back != d {
			t.Errorf("%v: round trip gave %v, %v", d, back, err)
		}
	}
	if _, err := evaluator.ParseDecision("allow"); err == nil {
		t.Error(`ParseDecision("allow") should fail`)
	}
}

// TestInvalidConditionValues: AWS accepts a Numeric value "ten" (validators
// warn); it never compares equal, so an Allow guarded by it grants nothing
// and a Deny with the negated operator applies.
func TestInvalidConditionValues(t *testing.T) {
	r := reqIn(userArn, "s3:GetObject", bucketObj, acctA)
	r.Context = conditions.NewContext(map[string]conditions.Value{"s3:max-keys": conditions.Single("10")})
	allowTen := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericEquals":{"s3:max-keys":"ten"}}}]}`
	denyNotTen := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NumericNotEquals":{"s3:max-keys":"ten"}}}]}`
	runScenarios(t, []scenario{
		{name: "positive operator with an unparseable value never grants", req: r, identity: []string{allowTen}, reason: evaluator.ReasonNoIdentityAllow, blocked: policy.TypeIdentity},
		{name: "negated operator with an unparseable value denies", req: r, identity: []string{fullAccess, denyNotTen}, want: evaluator.ExplicitDeny, reason: evaluator.ReasonExplicitDeny, blocked: policy.TypeIdentity},
	})
}

// TestRoleARNAsPrincipal: roles never call AWS; a role ARN given as the
// principal is read as a session of that role.
func TestRoleARNAsPrincipal(t *testing.T) {
	r := reqIn(roleArn, "secretsmanager:GetSecretValue", secretArn, acctA)
	runScenarios(t, []scenario{
		{name: "role ARN grant matches", req: r, resource: grant(roleP, "secretsmanager:*", "*"), want: evaluator.Allowed, reason: evaluator.ReasonResourceGrant},
		{name: "session policies apply", req: r, identity: []string{getAll}, session: []string{s3Only}, reason: evaluator.ReasonSessionNoAllow, blocked: policy.TypeSession},
	})
}
