package analysis

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// Regressions of the value cells the analyses cut condition keys into
// (space.go, openkeys.go): each policy has a context that a cell once
// missed, so that a residual or a Compare claimed what the evaluator
// contradicts for that concrete request.

// residualAgreesAt computes the residual of req over open and checks what
// it says for the context ctx against the evaluator's decision for that
// request; with wantUnknown the residual must be Unknown instead.
func residualAgreesAt(t *testing.T, set evaluator.Policies, req evaluator.Request, open []string, ctx map[string]conditions.Value, wantUnknown string) {
	t.Helper()
	r, err := Conditions(set, req, open, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wantUnknown != "" {
		if r.Reach != ReachUnknown || !strings.Contains(r.Reason, wantUnknown) {
			t.Fatalf("residual %s (%s), want Unknown because %q", r, r.Reason, wantUnknown)
		}
		return
	}
	if r.Reach == ReachUnknown {
		t.Fatalf("residual Unknown: %s", r.Reason)
	}
	s, err := evaluator.Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	q := req
	q.Context = conditions.NewContext(ctx)
	e := s.Evaluate(q)
	if e.Err != nil {
		t.Fatal(e.Err)
	}
	if got := r.Holds(q.Context); got != (e.Decision == evaluator.Allowed) {
		t.Errorf("residual %q says %v with %s; the evaluator says %s (undocumented %v)", r, got, contextText(q.Context), e.Decision, e.Undocumented)
	}
}

func TestCellsResidual(t *testing.T) {
	req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}
	one := func(k, v string) map[string]conditions.Value {
		return map[string]conditions.Value{k: conditions.Single(v)}
	}
	for _, tc := range []struct {
		name        string
		set         docs
		req         evaluator.Request
		open        string
		ctx         map[string]conditions.Value
		wantUnknown string
	}{
		// A Principal naming a unique ID reads aws:userid, though no
		// condition does (evaluator/principal.go).
		{"aws:userid read by a Principal", docs{resource: stmts(`{"Effect":"Allow","Principal":{"AWS":"AIDAJQABLZS4A3QDU576Q"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}`)},
			evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/a", ResourceAccount: "111122223333"},
			"aws:userid", one("aws:userid", "AIDAJQABLZS4A3QDU576Q"), "unique ID in the Principal"},
		// Keys fold ASCII letters only: "Ä" stays.
		{"non-ASCII capital in a key", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/Äpfel":"x"}}}`)}},
			req, "aws:RequestTag/Äpfel", one("aws:RequestTag/Äpfel", "x"), ""},
		// ArnLike and, last, a String operator with Null: the ARN cells
		// stay ARN cells.
		{"ArnLike with String and Null", docs{identity: []string{stmts(
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"k:a":"arn:aws:s3:::a*"}}}`,
			`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"k:a":"arn:aws:s3:::*b"}}}`,
			`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"k:a":"arn:aws:s3:::zzz"},"Null":{"k:a":"true"}}}`)}},
			req, "k:a", one("k:a", "arn:aws:s3:::ab"), ""},
		// Request dates are read to the nanosecond: there is a cell
		// strictly between two boundaries a second apart.
		{"date between whole seconds", docs{identity: []string{stmts(allowAllDoc,
			`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"DateGreaterThan":{"k:d":"2020-01-01T00:00:00Z"},"DateLessThan":{"k:d":"2020-01-01T00:00:01Z"}}}`)}},
			req, "k:d", one("k:d", "2020-01-01T00:00:00.5Z"), ""},
		// Epoch seconds are decimal: "0100" is 100, not octal 64.
		{"epoch with a leading zero", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateGreaterThan":{"k:d":"0100"}}}`)}},
			req, "k:d", one("k:d", "200"), ""},
		// A cell RFC 3339 cannot write is not silently lost.
		{"date beyond year 9999", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateGreaterThanEquals":{"k:d":"253402300800"}}}`)}},
			req, "k:d", one("k:d", "253402300801"), "beyond the years"},
		// BinaryEquals compares bytes: "cR==" is "q", as "cQ==" is, and a
		// value equal to none of the policy's is always a cell.
		{"binary value aliasing the fresh one", docs{identity: []string{stmts(allowAllDoc,
			`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"BinaryEquals":{"k:b":"cR=="}}}`)}},
			req, "k:b", one("k:b", "cXE="), ""},
		{"binary values naming both old fresh ones", docs{identity: []string{stmts(allowAllDoc,
			`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"BinaryEquals":{"k:b":["cQ==","cXE="]}}}`)}},
			req, "k:b", one("k:b", "AAAA"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			residualAgreesAt(t, tc.set.policies(t), tc.req, []string{tc.open}, tc.ctx, tc.wantUnknown)
		})
	}
}

// TestCellsNullOnlyKey: a key tested with Null alone is, when present,
// assumed not empty (what Null makes of "" is undocumented), and the
// residual says so among its assumptions.
func TestCellsNullOnlyKey(t *testing.T) {
	set := docs{identity: []string{stmts(allowAllDoc,
		`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Null":{"k:x":"true"}}}`)}}.policies(t)
	req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}
	r, err := Conditions(set, req, []string{"k:x"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	disclosed := false
	for _, a := range r.Assumptions {
		disclosed = disclosed || strings.Contains(a, "k:x") && strings.Contains(a, "empty")
	}
	if !disclosed {
		t.Errorf("residual %s: no assumption says that k:x is not empty when present: %q", r, r.Assumptions)
	}
	residualAgreesAt(t, set, req, []string{"k:x"}, map[string]conditions.Value{"k:x": conditions.Single("y")}, "")
}

// TestCellsCompare: the same cells serve the walk of Compare, which must
// find the new access in each.
func TestCellsCompare(t *testing.T) {
	for _, tc := range []struct{ name, ref, cand string }{
		{"non-ASCII capital in a key",
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/Äpfel":"x"}}}`,
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/Äpfel":"y"}}}`},
		{"date between whole seconds",
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThanEquals":{"k:d":"2020-01-01T00:00:00Z"}}}`,
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"k:d":"2020-01-01T00:00:01Z"}}}`},
		{"ARN value with an empty resource section",
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnEquals":{"k:a":"arn:aws:s3:::*b"}}}`,
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"k:a":"arn:aws:s3:::"}}}`},
		{"binary aliases",
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"BinaryEquals":{"k:b":["cQ==","cXE="]}}}`,
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Null":{"k:b":"false"}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Compare(policy.TypeIdentity, mustParse(t, "ref.json", stmts(tc.ref)), mustParse(t, "cand.json", stmts(tc.cand)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != Fail {
				t.Fatalf("got %s (%s), want Fail", a.Verdict, a.Reason)
			}
		})
	}
}

// TestCellsMixedOperatorsNeverInternal: Conditions checks its residual
// against the evaluator at values near the policies' (probe); a probe
// outside the residual's assumptions (a non-ARN value of a key compared
// by ARN operators, "" for a key tested with Null) is not a disagreement,
// and a cell the search missed (an ARN value with an empty section) is.
// On random mixes of operators no answer may be an internal error.
func TestCellsMixedOperatorsNeverInternal(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ops := []string{"ArnLike", "ArnNotLike", "StringEquals", "StringLike", "StringNotEquals", "ArnEquals", "ArnLikeIfExists", "Null"}
	vals := []string{"arn:aws:s3:::a*", "arn:aws:s3:::ab", "arn:aws:s3:::*b", "*", "arn:aws:s3:::", "arn:aws::::", "arn:*:*:*:*:*", "true", "false", "x", ""}
	req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}
	for range 3000 {
		var sts []string
		for range 1 + r.IntN(3) {
			sts = append(sts, fmt.Sprintf(`{"Effect":%q,"Action":"s3:*","Resource":"*","Condition":{%q:{"k:a":%q}}}`,
				[]string{"Allow", "Deny"}[r.IntN(2)], ops[r.IntN(len(ops))], vals[r.IntN(len(vals))]))
		}
		p, err := policy.Parse([]byte(stmts(sts...)))
		if err != nil {
			continue
		}
		set := evaluator.Policies{Identity: []*policy.Policy{p}}
		if _, err := evaluator.Compile(set); err != nil {
			continue
		}
		if _, err := Conditions(set, req, []string{"k:a"}, Options{}); err != nil {
			t.Fatalf("%v\n%s", err, strings.Join(sts, "\n"))
		}
	}
}

// TestCellsNotGranted: a request the policy allows, that a cell once
// missed, so that NotGranted answered Pass.
func TestCellsNotGranted(t *testing.T) {
	allow := func(cond string) string {
		return stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + cond + `}`)
	}
	for _, tc := range []struct {
		name, doc string
		want      Verdict
	}{
		// "abcde" is no base64: it must not stand for the bytes of
		// "dGV4dCBhYmNkZQ==" ("text abcde").
		{"binary text beside base64", allow(`{"BinaryEquals":{"s3:x":["abcde","dGV4dCBhYmNkZQ=="]}}`), Fail},
		// time.Parse keeps nine fraction digits; the evaluator all.
		{"date with ten fraction digits", allow(`{"DateEquals":{"s3:x":"2020-01-01T00:00:00.0000000001Z"}}`), Unknown},
		// ARN values are any text in each section.
		{"ARN value with an account no ID", allow(`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:x:t"}}`), Fail},
		{"ARN value with a short account", allow(`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:12345:t"}}`), Fail},
		{"ARN value with another partition", stmts(
			`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:*:s3:::b"}}}`,
			`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws*:s3:::b"}}}`), Fail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NotGranted(policy.TypeIdentity, mustParse(t, "p.json", tc.doc), []string{"s3:GetObject"}, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != tc.want {
				t.Fatalf("got %s (%s), want %s", a.Verdict, a.Reason, tc.want)
			}
		})
	}
}
