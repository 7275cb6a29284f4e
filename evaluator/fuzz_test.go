package evaluator_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// gen turns fuzz bytes into choices; it never runs out (it yields zeros).
type gen struct{ b []byte }

func (g *gen) next(n int) int {
	if len(g.b) == 0 || n <= 0 {
		return 0
	}
	v := int(g.b[0]) % n
	g.b = g.b[1:]
	return v
}

func (g *gen) pick(xs []string) string { return xs[g.next(len(xs))] }

var (
	fzActions    = []string{"*", "s3:*", "s3:GetObject", "s3:Get*", "s3:PutObject", "ec2:*", "sts:AssumeRole", "iam:PassRole", "kms:Decrypt", "S3:getobject", "s3:?etObject"}
	fzResources  = []string{"*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", "arn:aws:s3:::*", "arn:aws:s3:::other/*", "arn:aws:iam::111122223333:role/target", "arn:aws:kms:us-east-1:111122223333:key/k1", "arn:aws:s3:::${aws:username}/*", "arn:aws:ec2:*:111122223333:instance/*", "arn:aws:s3:*", "arn:aws:kms:us-east-1", "arn:aws:ec2:us-east-1:*"}
	fzPrincipals = []string{`"*"`, `{"AWS":"111122223333"}`, `{"AWS":"444455556666"}`, `{"AWS":"arn:aws:iam::111122223333:user/alice"}`, `{"AWS":"arn:aws:iam::111122223333:role/app"}`, `{"AWS":"arn:aws:sts::111122223333:assumed-role/app/s1"}`, `{"Service":"lambda.amazonaws.com"}`, `{"AWS":"arn:aws:iam::444455556666:root"}`}
	fzConditions = []string{
		``,
		`,"Condition":{"StringEquals":{"aws:username":"alice"}}`,
		`,"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}}`,
		`,"Condition":{"Bool":{"aws:SecureTransport":"false"}}`,
		`,"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`,
		`,"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`,
		`,"Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":"a*"}}`,
		`,"Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`,
		`,"Condition":{"Null":{"aws:TokenIssueTime":"true"}}`,
		`,"Condition":{"StringLikeIfExists":{"s3:prefix":"home/${aws:username}/*"}}`,
		// Keys AWS always sets, derived when the context lacks them.
		`,"Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app"}}`,
		`,"Condition":{"StringEquals":{"aws:PrincipalType":["User","AssumedRole"]}}`,
		`,"Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}`,
		`,"Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`,
		`,"Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}`,
		`,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:userid":"${aws:userid}"}}`,
		`,"Condition":{"Bool":{"aws:PrincipalIsAWSService":"true"}}`,
		`,"Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-1/*"}}`,
		// Undocumented behaviours (SPEC §10.1): the reading that denies.
		`,"Condition":{"NumericNotEquals":{"aws:MultiFactorAuthAge":"ten"}}`,
		`,"Condition":{"ForAnyValue:Null":{"aws:TagKeys":"true"}}`,
		`,"Condition":{"StringEquals":{"s3:prefix":"${aws:username,'x'}"}}`,
	}
	fzRequestPrincipals = []string{"arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:assumed-role/app/s1", "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:user/carol", "lambda.amazonaws.com", "", "arn:aws:sts::111122223333:federated-user/bob"}
	fzRequestActions    = []string{"s3:GetObject", "s3:PutObject", "ec2:RunInstances", "sts:AssumeRole", "kms:Decrypt", "iam:PassRole"}
	fzRequestResources  = []string{"arn:aws:s3:::bucket/key", "arn:aws:s3:::alice/x", "*", "arn:aws:iam::111122223333:role/target", "arn:aws:kms:us-east-1:111122223333:key/k1", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"}
)

type fzStatement struct {
	deny      bool
	principal string // "" for policies without principals
	action    string
	notAction bool
	resource  string
	notRes    bool
	cond      string
}

func (s fzStatement) json() string {
	var sb strings.Builder
	eff := "Allow"
	if s.deny {
		eff = "Deny"
	}
	fmt.Fprintf(&sb, `{"Effect":%q`, eff)
	if s.principal != "" {
		fmt.Fprintf(&sb, `,"Principal":%s`, s.principal)
	}
	a, r := "Action", "Resource"
	if s.notAction {
		a = "NotAction"
	}
	if s.notRes {
		r = "NotResource"
	}
	fmt.Fprintf(&sb, `,%q:%q,%q:%q%s}`, a, s.action, r, s.resource, s.cond)
	return sb.String()
}

func fzDoc(stmts []fzStatement) string {
	parts := make([]string, len(stmts))
	for i, s := range stmts {
		parts[i] = s.json()
	}
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(parts, ",") + `]}`
}

func (g *gen) statement(withPrincipal bool) fzStatement {
	s := fzStatement{
		deny:      g.next(3) == 0,
		action:    g.pick(fzActions),
		notAction: g.next(6) == 0,
		resource:  g.pick(fzResources),
		notRes:    g.next(8) == 0,
		cond:      g.pick(fzConditions),
	}
	if withPrincipal {
		s.principal = g.pick(fzPrincipals)
	}
	return s
}

// fzSet is a generated policy set whose statements can be edited.
type fzSet struct {
	identity, boundary, resource, session []fzStatement
	scps                                  [][]fzStatement
	hasBoundary, hasResource, hasSession  bool
}

func (g *gen) set() fzSet {
	var s fzSet
	for i := g.next(4); i > 0; i-- {
		s.identity = append(s.identity, g.statement(false))
	}
	if s.hasBoundary = g.next(3) == 0; s.hasBoundary {
		s.boundary = []fzStatement{g.statement(false), g.statement(false)}
	}
	if s.hasResource = g.next(2) == 0; s.hasResource {
		for i := 1 + g.next(3); i > 0; i-- {
			s.resource = append(s.resource, g.statement(true))
		}
	}
	if s.hasSession = g.next(4) == 0; s.hasSession {
		s.session = []fzStatement{g.statement(false)}
	}
	for i := g.next(3); i > 0; i-- {
		s.scps = append(s.scps, []fzStatement{{action: "*", resource: "*"}, g.statement(false)})
	}
	return s
}

func (s fzSet) compile(t *testing.T) (*evaluator.Set, bool) {
	var p evaluator.Policies
	parse := func(stmts []fzStatement) *policy.Policy {
		if len(stmts) == 0 {
			return nil
		}
		pol, err := policy.Parse([]byte(fzDoc(stmts)))
		if err != nil {
			return nil
		}
		return pol
	}
	if id := parse(s.identity); id != nil {
		p.Identity = []*policy.Policy{id}
	}
	if s.hasBoundary {
		p.Boundary = parse(s.boundary)
	}
	if s.hasResource {
		p.Resource = parse(s.resource)
	}
	if s.hasSession {
		if sp := parse(s.session); sp != nil {
			p.Session = []*policy.Policy{sp}
		}
	}
	for _, lvl := range s.scps {
		if sp := parse(lvl); sp != nil {
			p.SCPs = append(p.SCPs, []*policy.Policy{sp})
		}
	}
	set, err := evaluator.Compile(p)
	if err != nil {
		return nil, false
	}
	return set, true
}

func (g *gen) request() evaluator.Request {
	r := evaluator.Request{
		Principal: g.pick(fzRequestPrincipals),
		Action:    g.pick(fzRequestActions),
		Resource:  g.pick(fzRequestResources),
	}
	if g.next(2) == 0 {
		r.ResourceAccount = "111122223333"
	}
	m := map[string]conditions.Value{}
	if g.next(2) == 0 {
		m["aws:username"] = conditions.Single("alice")
	}
	if g.next(2) == 0 {
		m["aws:SecureTransport"] = conditions.Single([]string{"true", "false"}[g.next(2)])
	}
	if g.next(2) == 0 {
		m["aws:SourceIp"] = conditions.Single([]string{"10.1.2.3", "203.0.113.9", "::1", "bogus"}[g.next(4)])
	}
	if g.next(2) == 0 {
		m["aws:TagKeys"] = conditions.Multi([][]string{{}, {"a"}, {"a", "c"}, {"", "a"}}[g.next(4)]...)
	}
	if g.next(3) == 0 {
		m["aws:MultiFactorAuthAge"] = conditions.Single([]string{"10", "99999", "x"}[g.next(3)])
	}
	if g.next(3) == 0 {
		// Most requests carry no context: the keys AWS always sets are
		// derived.
		r.Context = conditions.NewContext(m)
	}
	if g.next(2) == 0 {
		r.Time = time.Unix(1700000000+int64(g.next(256))*86400, 0)
	}
	if g.next(2) == 0 {
		r.PrincipalID = "AIDAEXAMPLE"
		r.PrincipalOrgID, r.PrincipalOrgPaths = "o-1", []string{"o-1/r-1/"}
		r.PrincipalTags = evaluator.NewTags(map[string]string{"Team": "blue"})
	}
	r.Facts.PrincipalIsServiceLinkedRole = g.next(8) == 0
	return r
}

// FuzzEvaluate builds random policy sets and requests. Evaluation never
// panics, Explain agrees with Evaluate, and two monotonicity properties hold:
// adding a Deny statement never turns a deny into an allow, and removing an
// Allow statement never turns a deny into an allow.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte("the quick brown fox jumps over the lazy dog, twice over"))
	f.Add([]byte{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &gen{b: data}
		s := g.set()
		r := g.request()
		set, ok := s.compile(t)
		if !ok {
			return
		}
		base := set.Evaluate(r)
		if ex := set.Explain(r); ex.Decision != base.Decision || ex.Reason != base.Reason || ex.Assumptions != base.Assumptions || ex.Undocumented != base.Undocumented {
			t.Fatalf("Explain %v/%v (%v; %v) disagrees with Evaluate %v/%v (%v; %v)", ex.Decision, ex.Reason, ex.Assumptions, ex.Undocumented, base.Decision, base.Reason, base.Assumptions, base.Undocumented)
		}
		if base.Err != nil && base.Decision == evaluator.Allowed {
			t.Fatalf("allowed with an error: %v", base.Err)
		}
		if base.Decision == evaluator.Allowed {
			return
		}
		// Property 1: add a Deny statement somewhere.
		extra := g.statement(false)
		extra.deny = true
		withDeny := s
		switch g.next(3) {
		case 0:
			withDeny.identity = append(append([]fzStatement(nil), s.identity...), extra)
		case 1:
			if s.hasResource {
				extra.principal = g.pick(fzPrincipals)
				withDeny.resource = append(append([]fzStatement(nil), s.resource...), extra)
			}
		default:
			if s.hasBoundary {
				withDeny.boundary = append(append([]fzStatement(nil), s.boundary...), extra)
			}
		}
		if set2, ok := withDeny.compile(t); ok {
			if got := set2.Evaluate(r).Decision; got == evaluator.Allowed {
				t.Fatalf("adding a Deny turned %v into allowed\nbefore: %+v\nafter: %+v\nrequest: %+v", base.Decision, s, withDeny, r)
			}
		}
		// Property 2: remove one Allow statement. A policy keeps at least
		// one statement: removing a whole boundary or session policy is not
		// removing an Allow (an absent boundary restricts nothing).
		without := s
		lists := []*[]fzStatement{&without.identity, &without.resource, &without.boundary, &without.session}
		l := lists[g.next(len(lists))]
		if len(*l) < 2 {
			return
		}
		for i, st := range *l {
			if !st.deny {
				cp := append([]fzStatement(nil), (*l)[:i]...)
				*l = append(cp, (*l)[i+1:]...)
				break
			}
		}
		if set3, ok := without.compile(t); ok {
			if got := set3.Evaluate(r).Decision; got == evaluator.Allowed {
				t.Fatalf("removing an Allow turned %v into allowed\nbefore: %+v\nafter: %+v\nrequest: %+v", base.Decision, s, without, r)
			}
		}
	})
}
