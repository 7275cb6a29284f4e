package analysis

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/internal/race"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

func TestNotGranted(t *testing.T) {
	for _, tc := range []struct {
		name      string
		typ       policy.Type
		doc       string
		actions   []string
		resources []string
		want      Verdict
	}{
		{"not named", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), []string{"s3:PutObject"}, nil, Pass},
		{"wildcard grants", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), []string{"s3:PutObject"}, nil, Fail},
		{"NotAction grants", policy.TypeIdentity, stmts(`{"Effect":"Allow","NotAction":"s3:GetObject","Resource":"*"}`), []string{"iam:PassRole"}, nil, Fail},
		{"denied", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"*"}`), []string{"iam:PassRole"}, nil, Pass},
		{"deny with condition", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}`), []string{"iam:PassRole"}, nil, Fail},
		{"other resource", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a/*"}`), []string{"s3:GetObject"}, []string{"arn:aws:s3:::b/secret"}, Pass},
		{"NotResource", policy.TypeIdentity, stmts(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::a/*"}`), []string{"s3:GetObject"}, []string{"arn:aws:s3:::b/secret"}, Fail},
		{"scp denies", policy.TypeSCP, stmts(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}`), []string{"organizations:LeaveOrganization"}, nil, Pass},
		{"scp root", policy.TypeSCP, stmts(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}`), []string{"s3:GetObject"}, nil, Fail},
		{"bucket policy", policy.TypeResource, stmts(`{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), []string{"s3:DeleteObject"}, nil, Pass},
		{"bucket policy grants", policy.TypeResource, stmts(`{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`), []string{"s3:DeleteObject"}, nil, Fail},
		// A statement that takes part for none of the actions asked tells
		// no requests apart: its policy variables do not make the answer
		// Unknown (the managed policies' StringEquals aws:ResourceAccount
		// ${aws:PrincipalAccount}), whatever it allows or denies.
		{"variables for other actions", policy.TypeIdentity, stmts(
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}`,
			`{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}`), []string{"iam:PassRole"}, nil, Pass},
		{"variables for other actions, a grant", policy.TypeIdentity, stmts(
			`{"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}`,
			`{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/app-*"}`), []string{"iam:PassRole"}, nil, Fail},
		{"variables for the action asked", policy.TypeIdentity, stmts(
			`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}`), []string{"iam:PassRole"}, nil, Unknown},
		{"variables and an action pattern", policy.TypeIdentity, stmts(
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}`), []string{"iam:Pass*"}, nil, Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NotGranted(tc.typ, mustParse(t, "p.json", tc.doc), tc.actions, tc.resources, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != tc.want {
				t.Fatalf("got %s (%s), want %s; witnesses %+v", a.Verdict, a.Reason, tc.want, a.Witnesses)
			}
			for _, w := range a.Witnesses {
				// The root user needs no identity-based grant, so it may
				// have no deciding statement.
				root := strings.HasSuffix(w.Request.Principal, ":root")
				if w.Outcome.Decision != evaluator.Allowed || (len(w.Outcome.Deciding) == 0 && !root) {
					t.Fatalf("witness %+v", w)
				}
			}
		})
	}
	if _, err := NotGranted(policy.TypeIdentity, mustParse(t, "p.json", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)), nil, nil, Options{}); err == nil {
		t.Error("no actions: no error")
	}
}

func TestPublic(t *testing.T) {
	b := func(principal, cond string) string {
		c := ""
		if cond != "" {
			c = `,"Condition":` + cond
		}
		return stmts(`{"Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"` + c + `}`)
	}
	for _, tc := range []struct {
		name string
		doc  string
		want Verdict
	}{
		{"star", b(`"*"`, ""), Fail},
		{"aws star", b(`{"AWS":"*"}`, ""), Fail},
		{"account", b(`{"AWS":"111122223333"}`, ""), Pass},
		{"role", b(`{"AWS":"arn:aws:iam::111122223333:role/R"}`, ""), Pass},
		{"service", b(`{"Service":"cloudfront.amazonaws.com"}`, ""), Pass},
		{"org", b(`"*"`, `{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}`), Pass},
		{"org wildcard", b(`"*"`, `{"StringLike":{"aws:PrincipalOrgID":"o-*"}}`), Fail},
		{"vpce", b(`"*"`, `{"StringEquals":{"aws:SourceVpce":"vpce-1a2b"}}`), Pass},
		{"vpce IfExists", b(`"*"`, `{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b"}}`), Fail},
		{"source ip", b(`"*"`, `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`), Pass},
		{"not source ip", b(`"*"`, `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`), Fail},
		{"source account", b(`"*"`, `{"StringEquals":{"aws:SourceAccount":"111122223333"}}`), Pass},
		{"principal account", b(`"*"`, `{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`), Pass},
		{"principal arn", b(`"*"`, `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/R"}}`), Pass},
		{"principal arn any account", b(`"*"`, `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/R"}}`), Fail},
		{"secure transport only", b(`"*"`, `{"Bool":{"aws:SecureTransport":"true"}}`), Fail},
		{"denied", stmts(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`, `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), Pass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Public(mustParse(t, "bucket.json", tc.doc), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != tc.want {
				t.Fatalf("got %s (%s), want %s; witnesses %+v", a.Verdict, a.Reason, tc.want, a.Witnesses)
			}
		})
	}
}

type quackyCase struct {
	Name       string          `json:"name"`
	PolicyType string          `json:"policyType"`
	Reference  json.RawMessage `json:"reference"`
	Candidate  json.RawMessage `json:"candidate"`
	Expected   string          `json:"expected"`
	Caveats    []string        `json:"caveats"`
}

// TestQuacky runs the Quacky pairs (../shared/compare): their verdicts are
// a research tool's, not AWS's, so disagreement is reported, not failed;
// a witness that does not replay fails (Compare checks it).
func TestQuacky(t *testing.T) {
	f, err := os.Open(quackyPath())
	if err != nil {
		t.Skipf("quacky cases not available: %v", err)
	}
	defer f.Close()
	if testing.Short() {
		t.Skip("short mode")
	}
	if race.Enabled {
		// Two minutes without the detector, ten with it; the run without
		// it checks the same replays.
		t.Skip("the 964 Quacky cases take too long under the race detector; go test ./analysis runs them")
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	counts := map[string]int{}
	shown := 0
	for sc.Scan() {
		var c quackyCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		typ := policy.Type(c.PolicyType)
		ref, err1 := policy.ParseFile("reference.json", c.Reference)
		cand, err2 := policy.ParseFile("candidate.json", c.Candidate)
		if err1 != nil || err2 != nil {
			counts["invalid"]++
			continue
		}
		a, err := Compare(typ, ref, cand, Options{MaxEvaluations: 1_000_000})
		if err != nil {
			counts["error"]++
			t.Logf("%s: %v", c.Name, err)
			continue
		}
		for _, w := range a.Witnesses {
			if w.Outcome.Decision != evaluator.Allowed || w.Reference == nil || w.Reference.Decision == evaluator.Allowed {
				t.Errorf("%s: witness does not show new access: %+v", c.Name, w)
			}
		}
		got := a.Verdict.String()
		switch {
		case got == "UNKNOWN":
			counts["unknown"]++
			r := a.Reason
			if len(r) > 60 {
				r = r[:60]
			}
			counts["unknown: "+r]++
		case got == c.Expected:
			counts["agree"]++
		default:
			counts["disagree"]++
			key := fmt.Sprintf("disagree %s->%s caveats=%v", c.Expected, got, c.Caveats)
			counts[key]++
			if shown < 12 && (len(c.Caveats) == 0 || c.Caveats[0] == "account-principal") {
				shown++
				t.Logf("disagreement %s: quacky %s, iamlogic %s %s", c.Name, c.Expected, got, witnessText(a))
			}
		}
	}
	t.Logf("quacky: %v", counts)
}

func witnessText(a Answer) string {
	if len(a.Witnesses) == 0 {
		return a.Reason
	}
	w := a.Witnesses[0]
	return fmt.Sprintf("witness %s %s on %s (ra %q): reference %s, candidate %s %v", w.Request.Principal, w.Request.Action, w.Request.Resource, w.Request.ResourceAccount, w.Reference.Decision, w.Outcome.Decision, w.Outcome.Deciding)
}

func quackyPath() string {
	if p := os.Getenv("QUACKY"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "shared", "compare", "quacky.jsonl")
}
