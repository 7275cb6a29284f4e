package evaluator

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/policy"
)

// FuzzDerivedKeys: for any request, a key AWS always sets decides a
// condition the same whether the evaluator derives it or the caller puts
// the derived value in the context (a key set in the context wins), and
// evaluating never panics. The probe denies exactly when the condition
// holds, for every kind of caller (a resource policy naming everyone and an
// identity policy), so any difference between the two paths shows in the
// decision.
func FuzzDerivedKeys(f *testing.F) {
	f.Add(uint8(0), "arn:aws:iam::111122223333:user/alice", "", "arn:aws:s3:::b/k", "", "", "x", int64(1700000000))
	f.Add(uint8(1), "arn:aws:sts::111122223333:assumed-role/app/s1", "arn:aws:iam::111122223333:role/path/app", "arn:aws:sqs:us-east-1:111122223333:q", "AROAEXAMPLE:s1", "o-abc", "111122223333", int64(0))
	f.Add(uint8(2), "arn:aws:sts::111122223333:federated-user/bob", "arn:aws:iam::111122223333:user/bob", "*", "", "", "FederatedUser", int64(-5))
	f.Add(uint8(5), "lambda.amazonaws.com", "", "arn:aws:s3:::b", "", "", "true", int64(99))
	f.Add(uint8(8), "arn:aws:iam::111122223333:root", "", "arn:aws:kms:eu-west-1:444455556666:key/k", "", "o-x", "2023-11-14T22:13:20Z", int64(1700000000))
	f.Add(uint8(14), "", "", "arn:aws:s3:::b/k", "", "o-a", "o-a/r-b/*", int64(3))
	f.Fuzz(func(t *testing.T, which uint8, principal, issuer, resource, pid, org, want string, sec int64) {
		k := derivedKey(int(which) % int(derivedTag))
		name := derivedNames[k]
		r := Request{Principal: principal, SessionIssuer: issuer, Action: "s3:GetObject", Resource: resource,
			PrincipalID: pid, PrincipalOrgID: org, ResourceOrgID: org}
		if org != "" {
			r.PrincipalOrgPaths = []string{org + "/r-ab12/"}
		}
		if sec != 0 {
			r.Time = time.Unix(sec%(1<<34), 0)
		}
		var c caller
		if _, err := checkRequest(&r); err != nil || classify(&r, &c) != nil {
			return
		}
		var buf [160]byte
		v, multi, _, ok := deriveKey(k, &r, c.kind, &builder{buf: &buf, heap: true})
		given := r
		switch {
		case !ok:
			// Absent: the context holds nothing for it either.
		case multi != nil:
			given.Context = conditions.NewContext(map[string]conditions.Value{name: conditions.Multi(multi...)})
		default:
			given.Context = conditions.NewContext(map[string]conditions.Value{name: conditions.Single(v)})
		}
		for _, value := range []string{want, v} {
			set := derivedProbe(name, value)
			if set == nil {
				continue
			}
			derived, supplied := set.Evaluate(r), set.Evaluate(given)
			if derived.Err != nil {
				return // a request the evaluator refuses whatever the context
			}
			if derived.Decision != supplied.Decision || derived.Reason != supplied.Reason {
				t.Fatalf("%s = %q: derived %v/%v, given in the context %v/%v\nrequest: %+v", name, value, derived.Decision, derived.Reason, supplied.Decision, supplied.Reason, r)
			}
			if ex := set.Explain(r); ex.Decision != derived.Decision || ex.Assumptions != derived.Assumptions {
				t.Fatalf("Explain %v (%v) disagrees with Evaluate %v (%v)", ex.Decision, ex.Assumptions, derived.Decision, derived.Assumptions)
			}
		}
	})
}

// derivedProbe denies s3:GetObject exactly when key equals value (under
// ForAnyValue, so that a multivalued key compares too) and otherwise
// allows it, for every kind of caller; nil when value cannot be a policy
// value.
func derivedProbe(key, value string) *Set {
	q := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value)
	cond := `{"ForAnyValue:StringEquals":{"` + key + `":"` + q + `"}}`
	stmts := `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},` +
		`{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":` + cond + `}`
	rp, err := policy.Parse([]byte(`{"Version":"2008-10-17","Statement":[` + stmts + `]}`))
	if err != nil {
		return nil
	}
	id, err := policy.Parse([]byte(`{"Version":"2008-10-17","Statement":[` + strings.ReplaceAll(stmts, `"Principal":"*",`, "") + `]}`))
	if err != nil {
		return nil
	}
	set, err := Compile(Policies{Resource: rp, Identity: []*policy.Policy{id}})
	if err != nil {
		return nil
	}
	return set
}
