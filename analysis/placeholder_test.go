package analysis

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

// withPlaceholders parses a document that may hold placeholders.
func withPlaceholders(t *testing.T, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.ParseMapped([]byte(doc), func(off int) policy.Position {
		return policy.Position{File: "t.yaml", Offset: off, Line: 1, Column: off + 1}
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	return p
}

// TestComparePlaceholders: a placeholder never turns into a Pass it does
// not prove, nor into a Fail whose witness it made up: no witness holds a
// placeholder, a Fail needs a reference whose denial does not rest on one,
// and a created policy (no reference) is compared with nothing.
func TestComparePlaceholders(t *testing.T) {
	const ph = `"\u0000!GetAtt Bucket.Arn"`
	read := stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)
	for _, tc := range []struct {
		name       string
		typ        policy.Type
		ref, cand  string // ref "" is no reference
		want       Verdict
		wantReason string
	}{
		{"unknown action on the candidate", policy.TypeIdentity, read, stmts(`{"Effect":"Allow","Action":["s3:GetObject",` + ph + `],"Resource":"*"}`), Unknown, "unknown-value"},
		{"unknown resource on the candidate", policy.TypeIdentity, read, stmts(`{"Effect":"Allow","Action":"s3:PutObject","Resource":` + ph + `}`), Unknown, "unknown-value"},
		{"unknown Deny on the candidate", policy.TypeIdentity, read, stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:*","Resource":`+ph+`}`), Unknown, "unknown-value"},
		{"known new access besides", policy.TypeIdentity, read, stmts(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}`, `{"Effect":"Allow","Action":"s3:PutObject","Resource":`+ph+`}`), Fail, ""},
		{"unknown on the reference", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":` + ph + `,"Resource":"*"}`), read, Unknown, "unknown-value"},
		{"unknown on the reference, no more access", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":["s3:GetObject",` + ph + `],"Resource":"*"}`), read, Pass, ""},
		{"created identity policy", policy.TypeIdentity, "", read, Fail, ""},
		{"created resource policy", policy.TypeResource, "", stmts(`{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), Fail, ""},
		{"created, unknown", policy.TypeIdentity, "", stmts(`{"Effect":"Allow","Action":` + ph + `,"Resource":"*"}`), Unknown, "unknown-value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ref *policy.Policy
			if tc.ref != "" {
				ref = withPlaceholders(t, tc.ref)
			}
			a, err := Compare(tc.typ, ref, withPlaceholders(t, tc.cand), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != tc.want || !strings.Contains(a.Reason, tc.wantReason) {
				t.Fatalf("%s (%s), want %s (%s)", a.Verdict, a.Reason, tc.want, tc.wantReason)
			}
			for _, w := range a.Witnesses {
				r := w.Request
				for _, v := range append([]string{r.Principal, r.Action, r.Resource}, r.Context.Keys()...) {
					if policy.IsPlaceholder(v) || strings.Contains(v, "\x00") {
						t.Errorf("witness %+v holds a placeholder", r)
					}
				}
			}
		})
	}
	if _, err := Compare(policy.TypeBoundary, nil, withPlaceholders(t, read), Options{}); err == nil {
		t.Error("Compare of a boundary with no reference: no error")
	}
}

// TestNotGrantedPlaceholder: a placeholder in an Allow may grant the
// actions asked about, so never-granted is not proved.
func TestNotGrantedPlaceholder(t *testing.T) {
	p := withPlaceholders(t, stmts(`{"Effect":"Allow","Action":"iam:*","Resource":"\u0000!Ref Roles"}`))
	a, err := NotGranted(policy.TypeIdentity, p, []string{"iam:PassRole"}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkAnswer(t, a)
	if a.Verdict != Unknown {
		t.Errorf("%s (%s), want Unknown", a.Verdict, a.Reason)
	}
}
