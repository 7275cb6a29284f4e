package analysis

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// The vocabularies the fuzzer builds policies and requests from.
var (
	fuzzActions   = []string{"s3:GetObject", "s3:Get*", "s3:*", "s3:Put*", "s3:*Object", "ec2:RunInstances", "ec2:*", "*", "iam:PassRole", "s3:?etObject"}
	fuzzResources = []string{"*", "arn:aws:s3:::a/*", "arn:aws:s3:::a/x", "arn:aws:s3:::*", "arn:aws:ec2:*:111122223333:instance/*", "arn:aws:s3:::b*", "arn:aws:ec2:us-east-1:*:*"}
	fuzzConds     = []string{
		``, `{"Bool":{"aws:SecureTransport":"true"}}`, `{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`,
		`{"StringLike":{"s3:prefix":"home/*"}}`, `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, `{"NumericLessThan":{"s3:max-keys":"10"}}`,
		`{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}`, `{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}}`, `{"Null":{"aws:SourceVpc":"true"}}`,
		`{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, `{"ForAllValues:StringLike":{"aws:TagKeys":["a*"]}}`,
	}
	fuzzReqActions   = []string{"s3:GetObject", "s3:getobject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "ec2:RunInstances", "ec2:StopInstances", "iam:PassRole", "sqs:SendMessage", "s3:SetObject", "s3:Object"}
	fuzzReqResources = []string{"*", "arn:aws:s3:::a/x", "arn:aws:s3:::a/y", "arn:aws:s3:::a", "arn:aws:s3:::bb/k", "arn:aws:s3:::c/k", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", "arn:aws:ec2:us-east-1:444455556666:volume/v"}
)

func fuzzPolicy(r *rand.Rand) string {
	n := 1 + r.IntN(3)
	type st struct {
		Effect    string          `json:"Effect"`
		Action    []string        `json:"Action,omitempty"`
		NotAction []string        `json:"NotAction,omitempty"`
		Resource  []string        `json:"Resource,omitempty"`
		NotRes    []string        `json:"NotResource,omitempty"`
		Condition json.RawMessage `json:"Condition,omitempty"`
	}
	var sts []st
	pick := func(v []string) []string {
		k := 1 + r.IntN(2)
		var out []string
		for range k {
			out = append(out, v[r.IntN(len(v))])
		}
		return out
	}
	for range n {
		s := st{Effect: "Allow"}
		if r.IntN(4) == 0 {
			s.Effect = "Deny"
		}
		if r.IntN(5) == 0 {
			s.NotAction = pick(fuzzActions)
		} else {
			s.Action = pick(fuzzActions)
		}
		if r.IntN(6) == 0 {
			s.NotRes = pick(fuzzResources)
		} else {
			s.Resource = pick(fuzzResources)
		}
		if c := fuzzConds[r.IntN(len(fuzzConds))]; c != "" {
			s.Condition = json.RawMessage(c)
		}
		sts = append(sts, s)
	}
	b, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": sts})
	return string(b)
}

func fuzzRequest(r *rand.Rand) evaluator.Request {
	req := evaluator.Request{
		Principal: []string{"arn:aws:iam::111122223333:user/u", "arn:aws:sts::444455556666:assumed-role/R/s"}[r.IntN(2)],
		Action:    fuzzReqActions[r.IntN(len(fuzzReqActions))],
		Resource:  fuzzReqResources[r.IntN(len(fuzzReqResources))],
	}
	m := map[string]conditions.Value{}
	if r.IntN(2) == 0 {
		m["aws:SecureTransport"] = conditions.Single([]string{"true", "false"}[r.IntN(2)])
	}
	if r.IntN(2) == 0 {
		m["aws:RequestedRegion"] = conditions.Single([]string{"us-east-1", "eu-west-1", "ap-south-1"}[r.IntN(3)])
	}
	if r.IntN(2) == 0 {
		m["s3:prefix"] = conditions.Single([]string{"home/x", "home", "other", ""}[r.IntN(4)])
	}
	if r.IntN(2) == 0 {
		m["aws:SourceIp"] = conditions.Single([]string{"10.1.2.3", "192.168.0.1", "10.255.255.255", "11.0.0.0"}[r.IntN(4)])
	}
	if r.IntN(2) == 0 {
		m["s3:max-keys"] = conditions.Single([]string{"9", "10", "10.5", "-3"}[r.IntN(4)])
	}
	if r.IntN(2) == 0 {
		m["aws:SourceVpc"] = conditions.Single([]string{"vpc-1", "vpc-2"}[r.IntN(2)])
	}
	if r.IntN(2) == 0 {
		tags := [][]string{{}, {"a"}, {"b"}, {"a", "c"}, {"ab"}, {"c"}}[r.IntN(6)]
		m["aws:TagKeys"] = conditions.Multi(tags...)
	}
	req.Context = conditions.NewContext(m)
	return req
}

// FuzzCompare builds random small policy pairs: a Pass must have no
// counterexample among random requests, and a Fail's witnesses replay
// (Compare checks that itself; the fuzzer checks it again).
func FuzzCompare(f *testing.F) {
	for i := range 8 {
		f.Add(uint64(i), uint64(i*7+1))
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		r := rand.New(rand.NewPCG(a, b))
		refDoc, candDoc := fuzzPolicy(r), fuzzPolicy(r)
		ref, err := policy.Parse([]byte(refDoc))
		if err != nil {
			t.Skip()
		}
		cand, err := policy.Parse([]byte(candDoc))
		if err != nil {
			t.Skip()
		}
		ans, err := Compare(policy.TypeIdentity, ref, cand, Options{MaxEvaluations: 300_000})
		if err != nil {
			var ce *evaluator.CompileError
			if asCompileError(err, &ce) {
				t.Skip()
			}
			t.Fatalf("%v\nref %s\ncand %s", err, refDoc, candDoc)
		}
		rs, _ := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{ref}})
		cs, _ := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{cand}})
		switch ans.Verdict {
		case Pass:
			for range 400 {
				req := fuzzRequest(r)
				if cs.Evaluate(req).Decision == evaluator.Allowed && rs.Evaluate(req).Decision != evaluator.Allowed {
					t.Fatalf("Pass, but %+v is new access\nref %s\ncand %s", req, refDoc, candDoc)
				}
			}
		case Fail:
			for _, w := range ans.Witnesses {
				if cs.Evaluate(w.Request).Decision != evaluator.Allowed || rs.Evaluate(w.Request).Decision == evaluator.Allowed {
					t.Fatalf("witness does not replay: %+v", w.Request)
				}
			}
		}
	})
}

func asCompileError(err error, target **evaluator.CompileError) bool {
	ce, ok := err.(*evaluator.CompileError)
	if ok {
		*target = ce
	}
	return ok
}

// fuzzVarStatements are statements with policy variables, which make an
// analysis Unknown where they take part; for the other actions they take
// no part (atoms.takesPart).
var fuzzVarStatements = []string{
	`{"Effect":"Allow","Action":["s3:*"],"Resource":"arn:aws:s3:::a/${aws:username}/*"}`,
	`{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}`,
	`{"Effect":"Allow","Action":["ec2:*"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}`,
	`{"Effect":"Deny","Action":["iam:PassRole"],"Resource":"arn:aws:iam::*:role/${aws:PrincipalTag/team}-*"}`,
}

// FuzzNotGranted builds random identity policies, some with a statement
// holding policy variables, and asks NotGranted for one action: a Pass
// must have no random request for that action that the policy allows, and
// a Fail's witnesses replay.
func FuzzNotGranted(f *testing.F) {
	for i := range 8 {
		f.Add(uint64(i), uint64(i*5+3))
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		r := rand.New(rand.NewPCG(a, b))
		var doc map[string]any
		if err := json.Unmarshal([]byte(fuzzPolicy(r)), &doc); err != nil {
			t.Fatal(err)
		}
		if r.IntN(2) == 0 {
			var st any
			if err := json.Unmarshal([]byte(fuzzVarStatements[r.IntN(len(fuzzVarStatements))]), &st); err != nil {
				t.Fatal(err)
			}
			doc["Statement"] = append(doc["Statement"].([]any), st)
		}
		raw, _ := json.Marshal(doc)
		p, err := policy.Parse(raw)
		if err != nil {
			t.Skip()
		}
		asked := fuzzReqActions[r.IntN(len(fuzzReqActions))]
		ans, err := NotGranted(policy.TypeIdentity, p, []string{asked}, nil, Options{MaxEvaluations: 300_000})
		if err != nil {
			var ce *evaluator.CompileError
			if asCompileError(err, &ce) {
				t.Skip()
			}
			t.Fatalf("%v\npolicy %s", err, raw)
		}
		set, _ := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{p}})
		switch ans.Verdict {
		case Pass:
			for range 400 {
				req := fuzzRequest(r)
				req.Action = asked
				ctx := map[string]conditions.Value{}
				for _, k := range req.Context.Keys() {
					ctx[k], _ = req.Context.Lookup(k)
				}
				if r.IntN(2) == 0 {
					ctx["aws:PrincipalTag/team"] = conditions.Single([]string{"a", "b"}[r.IntN(2)])
				}
				req.Context = conditions.NewContext(ctx)
				if set.Evaluate(req).Decision == evaluator.Allowed {
					t.Fatalf("Pass, but %+v is allowed\npolicy %s", req, raw)
				}
			}
		case Fail:
			for _, w := range ans.Witnesses {
				if set.Evaluate(w.Request).Decision != evaluator.Allowed {
					t.Fatalf("witness does not replay: %+v\npolicy %s", w.Request, raw)
				}
			}
		}
		// The same question restricted to one caller, every key open.
		const caller = "arn:aws:iam::111122223333:user/u"
		pat := RequestPattern{Request: evaluator.Request{Principal: caller, Action: asked, Resource: "arn:aws:*"}, Open: []string{"*"}}
		ans, err = NotGrantedWhere(evaluator.Policies{Identity: []*policy.Policy{p}}, pat, Options{MaxEvaluations: 300_000})
		if err != nil {
			t.Fatalf("%v\npolicy %s", err, raw)
		}
		switch ans.Verdict {
		case Pass:
			for range 400 {
				req := fuzzRequest(r)
				req.Principal, req.Action = caller, asked
				if req.Resource == "*" {
					continue
				}
				if set.Evaluate(req).Decision == evaluator.Allowed {
					t.Fatalf("NotGrantedWhere Pass, but %+v is allowed\npolicy %s", req, raw)
				}
			}
		case Fail:
			for _, w := range ans.Witnesses {
				if set.Evaluate(w.Request).Decision != evaluator.Allowed || w.Request.Principal != caller || !strings.EqualFold(w.Request.Action, asked) {
					t.Fatalf("NotGrantedWhere witness does not replay in the pattern: %+v\npolicy %s", w.Request, raw)
				}
			}
		}
	})
}
