package account

import (
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// Probe is one request of the admin-equivalence test. ACCOUNT in the
// resource stands for the principal's account.
type Probe struct{ Action, Resource string }

// AdminProbes are the requests a principal must all be allowed, with no
// request context beyond what AWS always sets, to count as
// administrator-equivalent: IAM writes on users, roles and policies of its
// account, passing any role, and actions of several services on resources
// of its account, including an action of a service that does not exist,
// which only an Allow of every action ("*", "*:*", or a NotAction that
// leaves it in) grants. In effect: Action "*" on Resource "*", not limited
// by a Deny, a boundary or an SCP on any probe.
var AdminProbes = []Probe{
	{"iam:CreateUser", "arn:aws:iam::ACCOUNT:user/iamlogic-probe"},
	{"iam:AttachUserPolicy", "arn:aws:iam::ACCOUNT:user/iamlogic-probe"},
	{"iam:PutRolePolicy", "arn:aws:iam::ACCOUNT:role/iamlogic-probe"},
	{"iam:UpdateAssumeRolePolicy", "arn:aws:iam::ACCOUNT:role/iamlogic-probe"},
	{"iam:CreatePolicyVersion", "arn:aws:iam::ACCOUNT:policy/iamlogic-probe"},
	{"iam:PassRole", "arn:aws:iam::ACCOUNT:role/iamlogic-probe"},
	{"ec2:RunInstances", "*"},
	{"s3:GetObject", "arn:aws:s3:::iamlogic-probe-ACCOUNT/probe"},
	{"s3:PutBucketPolicy", "arn:aws:s3:::iamlogic-probe-ACCOUNT"},
	{"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:ACCOUNT:function:iamlogic-probe"},
	{"organizations:ListAccounts", "*"},
	{"iamlogicprobe:AnyAction", "*"},
	{"iamlogicprobe:AnyAction", "arn:aws:iamlogicprobe:us-east-1:ACCOUNT:thing/probe"},
}

func probeResource(r, acct string) string {
	out := make([]byte, 0, len(r)+8)
	for i := 0; i < len(r); i++ {
		if len(r)-i >= len("ACCOUNT") && r[i:i+len("ACCOUNT")] == "ACCOUNT" {
			out = append(out, acct...)
			i += len("ACCOUNT") - 1
			continue
		}
		out = append(out, r[i])
	}
	return string(out)
}

// IsAdmin reports whether p, after m, is administrator-equivalent: every
// AdminProbes request is allowed.
func (a *Analyzer) IsAdmin(p *Principal, m *Mod) bool {
	if m.zero() {
		a.mu.Lock()
		v, ok := a.admin[p]
		a.mu.Unlock()
		if ok {
			return v
		}
	}
	v := !a.S.Broken(p)
	for _, pr := range AdminProbes {
		if !v {
			break
		}
		res := probeResource(pr.Resource, p.Account)
		r := a.Evaluate(p, Query{Action: pr.Action, Resource: res, Mod: m, ResourcePolicy: noPolicy})
		v = r.Decision == evaluator.Allowed
	}
	if m.zero() {
		a.mu.Lock()
		a.admin[p] = v
		a.mu.Unlock()
	}
	return v
}

// noPolicy marks "no resource policy" in a Query (probe resources have
// none).
var noPolicy = &Doc{Label: "none"}

// adminDoc is the policy an attacker writes: Allow * on *.
var adminDoc = mustDoc("a policy the attacker writes (Allow * on *)", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)

func mustDoc(label, text string) *Doc {
	p, err := policy.ParseFile(label, []byte(text))
	if err != nil {
		panic(err)
	}
	return &Doc{Label: label, Policy: p, id: -1}
}
