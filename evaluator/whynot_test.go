package evaluator_test

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

func TestWhyNot(t *testing.T) {
	id := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
 {"Sid":"Write","Effect":"Allow","Action":"s3:PutObject","Resource":"*"},
 {"Sid":"OtherBucket","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"},
 {"Sid":"Team","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":["blue","red"]}}},
 {"Sid":"Mfa","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`))
	bucket := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
 {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`))
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{id}, Resource: bucket})
	if err != nil {
		t.Fatal(err)
	}
	req := evaluator.Request{
		Principal: "arn:aws:iam::111122223333:user/ana", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
		ResourceAccount: "111122223333",
		Context:         conditions.NewContext(map[string]conditions.Value{"aws:MultiFactorAuthPresent": conditions.Single("false")}),
	}
	res := set.Explain(req)
	if res.Decision != evaluator.ImplicitDeny || res.BlockedBy != policy.TypeIdentity {
		t.Fatalf("decision %v blocked by %q, want implicitDeny by identity", res.Decision, res.BlockedBy)
	}
	want := []struct {
		sid  string
		el   evaluator.Element
		text string
	}{
		{"Write", evaluator.ElementAction, "action: not covered by the statement's Action"},
		{"OtherBucket", evaluator.ElementResource, "resource: not covered by the statement's Resource"},
		{"Team", evaluator.ElementCondition, `condition StringEquals "aws:PrincipalTag/team": the request has no value (policy: "blue", "red")`},
		{"Mfa", evaluator.ElementCondition, `condition Bool "aws:MultiFactorAuthPresent": the request has "false" (policy: "true")`},
	}
	got := res.Explanation.Misses(policy.TypeIdentity)
	if len(got) != len(want) {
		t.Fatalf("identity misses = %v, want %d", got, len(want))
	}
	for i, w := range want {
		m := got[i]
		if m.Sid != w.sid || m.Element != w.el || m.String() != w.text {
			t.Errorf("miss %d = %s %v %q, want %s %v %q", i, m.Sid, m.Element, m.String(), w.sid, w.el, w.text)
		}
	}
	if m := got[3]; !m.Present || len(m.RequestValues) != 1 || m.Clause.Key != "aws:MultiFactorAuthPresent" {
		t.Errorf("Mfa miss = %+v", m)
	}
	if m := got[2]; m.Present || m.RequestValues != nil {
		t.Errorf("Team miss = %+v, want no request value", m)
	}
	// The bucket policy's statement covers the resource but names another
	// account: it misses on the principal.
	rm := res.Explanation.Misses(policy.TypeResource)
	if len(rm) != 1 || rm[0].Element != evaluator.ElementPrincipal {
		t.Errorf("resource misses = %v, want one on the principal", rm)
	}
	if all := res.Explanation.Misses(""); len(all) != len(got)+len(rm) {
		t.Errorf("Misses(\"\") = %d, want %d", len(all), len(got)+len(rm))
	}
	// Evaluate decides the same without an explanation.
	if ev := set.Evaluate(req); ev.Decision != res.Decision || ev.Explanation != nil {
		t.Errorf("Evaluate = %v", ev)
	}
	// An allowed request has no identity misses for the statement that applied.
	req.Context = conditions.NewContext(map[string]conditions.Value{"aws:PrincipalTag/team": conditions.Single("red")})
	res = set.Explain(req)
	if res.Decision != evaluator.Allowed {
		t.Fatalf("with team=red: %v", res)
	}
	for _, m := range res.Explanation.Misses(policy.TypeIdentity) {
		if m.Sid == "Team" {
			t.Errorf("Team is listed as not applied: %v", m)
		}
	}
}

func TestElementAndMissText(t *testing.T) {
	for e, want := range map[evaluator.Element]string{
		evaluator.ElementNone: "none", evaluator.ElementAction: "action", evaluator.ElementResource: "resource",
		evaluator.ElementPrincipal: "principal", evaluator.ElementCondition: "condition", 9: "Element(9)",
	} {
		if got := e.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", e, got, want)
		}
	}
	for _, e := range []evaluator.Element{evaluator.ElementNone, evaluator.ElementAction, evaluator.ElementCondition} {
		b, err := e.MarshalText()
		var back evaluator.Element = 7
		if err != nil || back.UnmarshalText(b) != nil || back != e {
			t.Errorf("text round trip of %v: %s %v -> %v", e, b, err, back)
		}
	}
	if _, err := evaluator.Element(9).MarshalText(); err == nil {
		t.Error("an invalid element marshals")
	}
	var e evaluator.Element
	if e.UnmarshalText([]byte("Action")) == nil {
		t.Error("UnmarshalText accepts a name in another case")
	}
	// Values are quoted the safe way: a newline cannot forge a line.
	m := evaluator.Miss{Element: evaluator.ElementCondition, Present: true, RequestValues: []string{"a\nFORGED"},
		Clause: conditions.Clause{Key: "k\n", Values: nil}}
	if s := m.String(); strings.Contains(s, "\n") || !strings.Contains(s, `"a\nFORGED"`) || !strings.HasSuffix(s, "(policy: [])") {
		t.Errorf("Miss.String() = %q", s)
	}
}
