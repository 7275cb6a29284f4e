package analysis

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
)

func TestNotGrantedWhere(t *testing.T) {
	reports := docs{identity: []string{stmts(
		`{"Sid":"Read","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::reports/*"}`,
		`{"Sid":"NoAcl","Effect":"Deny","Action":"s3:GetObjectAcl","Resource":"*"}`,
		`{"Sid":"DeleteWithMFA","Effect":"Allow","Action":"s3:DeleteObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`)}}
	// A bucket in 111122223333 shared with one role of 444455556666
	// (reference_policies_evaluation-logic-cross-account.md: both sides
	// must allow); the callers' identity policies allow everything.
	shared := docs{identity: []string{stmts(allowAllDoc)}, resource: stmts(
		`{"Sid":"Reader","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}`)}
	withMFA := conditions.NewContext(map[string]conditions.Value{"aws:MultiFactorAuthPresent": conditions.Single("true")})
	for _, tc := range []struct {
		name string
		docs docs
		p    RequestPattern
		want Verdict
	}{
		{"action pattern allowed", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:*Object", Resource: "arn:aws:s3:::reports/*"}}, Fail},
		{"action pattern never", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:Put*", Resource: "*"}}, Pass},
		{"denied action", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:GetObjectAcl", Resource: "arn:aws:s3:::reports/*"}}, Pass},
		{"resource pattern never", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::other*"}}, Pass},
		{"resource pattern allowed", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::rep*"}}, Fail},
		{"key absent", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:DeleteObject", Resource: "*"}}, Pass},
		{"key given", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:DeleteObject", Resource: "*", Context: withMFA}}, Fail},
		{"key open", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:DeleteObject", Resource: "*"}, Open: []string{"aws:MultiFactorAuthPresent"}}, Fail},
		{"every key open", reports, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:Delete*", Resource: "*"}, Open: []string{"*"}}, Fail},
		{"account reads", shared, RequestPattern{Request: evaluator.Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*", ResourceAccount: "111122223333"}, Account: "444455556666"}, Fail},
		{"account cannot write", shared, RequestPattern{Request: evaluator.Request{Action: "s3:Put*", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*", ResourceAccount: "111122223333"}, Account: "444455556666"}, Pass},
		// a statement for other actions reads a policy variable, which
		// makes no answer about this action Unknown
		{"variables for other actions", docs{identity: []string{stmts(
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}`,
			`{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:*:111122223333:instance/*"}`)}},
			RequestPattern{Request: evaluator.Request{Principal: alice, Action: "ec2:StartInstances", Resource: "arn:aws:ec2:*:111122223333:instance/*"}, Open: []string{"*"}}, Fail},
		{"variables for other actions, never", docs{identity: []string{stmts(
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}`)}},
			RequestPattern{Request: evaluator.Request{Principal: alice, Action: "ec2:StartInstances", Resource: "arn:aws:ec2:*:111122223333:instance/*"}, Open: []string{"*"}}, Pass},
		{"other account cannot read", shared, RequestPattern{Request: evaluator.Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*", ResourceAccount: "111122223333"}, Account: "777788889999"}, Pass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := tc.docs.policies(t)
			a, err := NotGrantedWhere(set, tc.p, Options{MaxWitnesses: 3})
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != tc.want {
				t.Fatalf("got %s (%s), want %s; witnesses %+v", a.Verdict, a.Reason, tc.want, a.Witnesses)
			}
			s, err := evaluator.Compile(set)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range a.Witnesses {
				checkInPattern(t, tc.p, w.Request)
				// The root user needs no identity-based grant.
				root := strings.HasSuffix(w.Request.Principal, ":root")
				if s.Evaluate(w.Request).Decision != evaluator.Allowed || w.Outcome.Decision != evaluator.Allowed || (len(w.Outcome.Deciding) == 0 && !root) {
					t.Errorf("witness %+v does not replay", w)
				}
			}
			if a.Verdict == Pass && a.Stats.Points == 0 {
				t.Error("a proof that evaluated nothing")
			}
		})
	}
}

// checkInPattern fails unless req is a request of the pattern p.
func checkInPattern(t *testing.T, p RequestPattern, req evaluator.Request) {
	t.Helper()
	q := p.Request
	res, err := arn.CompileResourcePattern(q.Resource)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case !globMatchAction(q.Action, req.Action) || strings.ContainsAny(req.Action, "*?"):
		t.Errorf("action %s is not %s", req.Action, q.Action)
	case !res.Match(req.Resource):
		t.Errorf("resource %s is not %s", req.Resource, q.Resource)
	case p.Account == "" && req.Principal != q.Principal:
		t.Errorf("principal %s is not %s", req.Principal, q.Principal)
	case p.Account != "" && !strings.Contains(req.Principal, ":"+p.Account+":"):
		t.Errorf("principal %s is not of account %s", req.Principal, p.Account)
	case req.ResourceAccount != q.ResourceAccount:
		t.Errorf("resource account %s is not %s", req.ResourceAccount, q.ResourceAccount)
	}
	for _, k := range q.Context.Keys() {
		want, _ := q.Context.Lookup(k)
		got, ok := req.Context.Lookup(k)
		if !ok || strings.Join(got.Values(), ",") != strings.Join(want.Values(), ",") {
			t.Errorf("context key %s changed", k)
		}
	}
	open := map[string]bool{}
	for _, k := range p.Open {
		open[strings.ToLower(k)] = true
	}
	for _, k := range req.Context.Keys() {
		if _, fixed := q.Context.Lookup(k); !fixed && !open[k] && !open["*"] {
			t.Errorf("context key %s is neither given nor open", k)
		}
	}
}

func TestNotGrantedWhereUnknown(t *testing.T) {
	region := docs{identity: []string{stmts(`{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`)}}
	for _, tc := range []struct {
		name string
		docs docs
		p    RequestPattern
		opts Options
		why  string
	}{
		{"region follows the resource", region, RequestPattern{Request: evaluator.Request{Principal: alice, Action: "ec2:StartInstances", Resource: "arn:aws:ec2:*:111122223333:instance/*"}}, Options{}, "aws:RequestedRegion"},
		{"budget", docs{identity: []string{stmts(`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"k:a":["1","2","3"]}}}`)}},
			RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x"}, Open: []string{"k:b", "k:a"}}, Options{MaxEvaluations: 2}, "MaxEvaluations"},
		{"variable in Resource", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}`)}},
			RequestPattern{Request: evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"}}, Options{}, "policy variables"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NotGrantedWhere(tc.docs.policies(t), tc.p, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != Unknown || !strings.Contains(a.Reason, tc.why) {
				t.Fatalf("got %s (%s), want Unknown because %q", a.Verdict, a.Reason, tc.why)
			}
		})
	}
	// With the region open, or given, the same pattern is decided.
	for _, p := range []RequestPattern{
		{Request: evaluator.Request{Principal: alice, Action: "ec2:StartInstances", Resource: "arn:aws:ec2:*:111122223333:instance/*"}, Open: []string{"aws:RequestedRegion"}},
		{Request: evaluator.Request{Principal: alice, Action: "ec2:StartInstances", Resource: "arn:aws:ec2:*:111122223333:instance/*"}, Open: []string{"*"}},
	} {
		a, err := NotGrantedWhere(region.policies(t), p, Options{})
		if err != nil || a.Verdict != Fail {
			t.Fatalf("%+v: %s %s %v", p, a.Verdict, a.Reason, err)
		}
		checkInPattern(t, p, a.Witnesses[0].Request)
	}
}

func TestNotGrantedWhereErrors(t *testing.T) {
	set := docs{identity: []string{stmts(allowAllDoc)}}.policies(t)
	for _, p := range []RequestPattern{
		{Request: evaluator.Request{Principal: alice, Action: "GetObject", Resource: "*"}},
		{Request: evaluator.Request{Principal: alice, Action: "s3:GetObject"}},
		{Request: evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}, Account: "111122223333"},
		{Request: evaluator.Request{Action: "s3:GetObject", Resource: "*"}, Account: "1111"},
		{Request: evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}, Open: []string{""}},
		{Request: evaluator.Request{Principal: "alice", Action: "s3:GetObject", Resource: "*"}},
	} {
		if a, err := NotGrantedWhere(set, p, Options{}); err == nil {
			t.Errorf("%+v: no error, %s", p, a.Verdict)
		}
	}
}

// TestNotGrantedWhereAgreesWithConditions: for a request with open keys
// only, "never allowed" is the residual's Never.
func TestNotGrantedWhereAgreesWithConditions(t *testing.T) {
	req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/a.csv"}
	for _, cond := range []string{
		`{"Bool":{"aws:SecureTransport":"false"}}`, `{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}`,
		`{"Null":{"aws:SourceVpce":"false"}}`, `{"NumericLessThan":{"s3:max-keys":"10"}}`,
	} {
		for _, effect := range []string{"Allow", "Deny"} {
			set := docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`,
				`{"Effect":"`+effect+`","Action":"s3:*","Resource":"*","Condition":`+cond+`}`)}}.policies(t)
			open := []string{"aws:SecureTransport", "aws:SourceVpce", "s3:max-keys"}
			r, err := Conditions(set, req, open, Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := NotGrantedWhere(set, RequestPattern{Request: req, Open: open}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if (r.Reach == Never) != (a.Verdict == Pass) || r.Reach == ReachUnknown || a.Verdict == Unknown {
				t.Errorf("%s %s: residual %s, NotGrantedWhere %s", effect, cond, r, a.Verdict)
			}
		}
	}
}

// TestNotGrantedWhereResourceReads: with a resource pattern, a condition
// that reads the resource's region or account through a policy variable,
// or compares aws:ResourceAccount with a pattern, can be allowed for a
// resource of the pattern that the resource cells do not realise. Each is
// Unknown, never Pass; the concrete request shows that Pass would be
// wrong.
func TestNotGrantedWhereResourceReads(t *testing.T) {
	for _, tc := range []struct {
		name     string
		set      docs
		pattern  evaluator.Request
		concrete string // a resource of the pattern that is allowed
	}{
		{"region through a variable",
			docs{identity: []string{stmts(`{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"ec2:Foo":"${aws:RequestedRegion}"}}}`)}},
			evaluator.Request{Principal: alice, Action: "ec2:StartInstances", Resource: "arn:aws:ec2:*:111122223333:instance/*",
				Context: conditions.NewContext(map[string]conditions.Value{"ec2:Foo": conditions.Single("us-west-2")})},
			"arn:aws:ec2:us-west-2:111122223333:instance/i-1"},
		{"account through a variable",
			docs{identity: []string{stmts(`{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"ec2:Foo":"${aws:ResourceAccount}"}}}`)},
				resource: stmts(`{"Effect":"Allow","Principal":"*","Action":"ec2:StartInstances","Resource":"*"}`)},
			evaluator.Request{Principal: alice, Action: "ec2:StartInstances", Resource: "arn:aws:ec2:us-east-1:*:instance/*",
				Context: conditions.NewContext(map[string]conditions.Value{"ec2:Foo": conditions.Single("444455556666"), "aws:RequestedRegion": conditions.Single("us-east-1")})},
			"arn:aws:ec2:us-east-1:444455556666:instance/i-1"},
		{"account compared by pattern",
			docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceAccount":"111122223333"}}}`)},
				resource: stmts(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:ResourceAccount":"4444*"}}}`)},
			evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:sqs:us-east-1:*:q*"},
			"arn:aws:sqs:us-east-1:444455556666:q1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := tc.set.policies(t)
			s, err := evaluator.Compile(set)
			if err != nil {
				t.Fatal(err)
			}
			r := tc.pattern
			r.Resource = tc.concrete
			if d := s.Evaluate(r).Decision; d != evaluator.Allowed {
				t.Fatalf("the concrete request is %s, want allowed (the case no longer shows the point)", d)
			}
			a, err := NotGrantedWhere(set, RequestPattern{Request: tc.pattern}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Verdict == Pass {
				t.Errorf("NotGrantedWhere = PASS, but %s is allowed", tc.concrete)
			}
		})
	}
}
