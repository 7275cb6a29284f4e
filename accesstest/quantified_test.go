package accesstest

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/evaluator"
)

// qcase returns a one-line case with the request fields req and expected.
func qcase(req, expected, extra string) string {
	if extra != "" {
		extra = "," + extra
	}
	return `{"name":"q","request":{` + req + `},"identityPolicies":[` + identityPol + `],"expected":"` + expected + `"` + extra + `}`
}

func TestParseQuantified(t *testing.T) {
	const alice = `"principal":"arn:aws:iam::111122223333:user/alice"`
	for _, tt := range []struct {
		name      string
		data      string
		want      *Quantifier
		principal string
		expect    string
	}{
		{"single request", qcase(alice+`,"action":"s3:GetObject","resource":"arn:aws:s3:::b/*"`, "allowed", ""), nil, "arn:aws:iam::111122223333:user/alice", "allowed"},
		{"neverAllowed", qcase(alice+`,"action":"s3:GetObject","resource":"*"`, "neverAllowed", ""), &Quantifier{NeverAllowed: true}, "arn:aws:iam::111122223333:user/alice", "neverAllowed"},
		{"action pattern", qcase(alice+`,"action":"s3:Get*","resource":"*"`, "allowed", ""), &Quantifier{}, "arn:aws:iam::111122223333:user/alice", "allowed"},
		{"any principal", qcase(`"principal":"*","action":"s3:GetObject","resource":"*"`, "neverAllowed", ""), &Quantifier{NeverAllowed: true, AnyPrincipal: true}, "", "neverAllowed"},
		{"account", qcase(`"principal":"111122223333","action":"s3:GetObject","resource":"*"`, "neverAllowed", ""), &Quantifier{NeverAllowed: true, Account: "111122223333"}, "", "neverAllowed"},
		{"open keys", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":["aws:SourceIp","*"]`, "allowed", ""), &Quantifier{Open: []string{"aws:SourceIp", "*"}}, "arn:aws:iam::111122223333:user/alice", "allowed"},
		{"null open", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":null`, "allowed", ""), nil, "arn:aws:iam::111122223333:user/alice", "allowed"},
		// keys fold ASCII letters only: "Ä" and "ä" are two keys
		{"open keys differing in a non-ASCII case", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":["aws:RequestTag/Ä","aws:RequestTag/ä"]`, "allowed", ""), &Quantifier{Open: []string{"aws:RequestTag/Ä", "aws:RequestTag/ä"}}, "arn:aws:iam::111122223333:user/alice", "allowed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, "q.json", tt.data, nil)[0]
			if !reflect.DeepEqual(c.Quantified, tt.want) {
				t.Errorf("Quantified = %+v, want %+v", c.Quantified, tt.want)
			}
			if c.Request.Principal != tt.principal || c.Expectation() != tt.expect {
				t.Errorf("principal %q, expectation %q", c.Request.Principal, c.Expectation())
			}
			if p := c.Pattern(); p.Request.Action != c.Request.Action || (tt.want != nil && (p.Account != tt.want.Account || !reflect.DeepEqual(p.Open, tt.want.Open))) {
				t.Errorf("Pattern = %+v", p)
			}
		})
	}
}

func TestParseQuantifiedErrors(t *testing.T) {
	const alice = `"principal":"arn:aws:iam::111122223333:user/alice"`
	for _, tt := range []struct {
		name, data string
		msg        []string
	}{
		{"pattern expects a deny", qcase(alice+`,"action":"s3:Get*","resource":"*"`, "implicitDeny", ""), []string{`expects "neverAllowed" or "allowed"`, `not "implicitDeny"`}},
		{"open with explicitDeny", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":["k"]`, "explicitDeny", ""), []string{`expects "neverAllowed" or "allowed"`}},
		{"open not an array", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":"aws:SourceIp"`, "allowed", ""), []string{"request.open must be a non-empty array"}},
		{"open empty", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":[]`, "allowed", ""), []string{"request.open must be a non-empty array"}},
		{"open not strings", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":[1]`, "allowed", ""), []string{"request.open must be a non-empty array"}},
		{"open empty key", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":[""]`, "allowed", ""), []string{"request.open must be"}},
		{"open twice", qcase(alice+`,"action":"s3:GetObject","resource":"*","open":["k","K"]`, "allowed", ""), []string{`request.open lists "K" twice`}},
		{"unknown request field", qcase(alice+`,"action":"s3:GetObject","resource":"*","opne":["k"]`, "allowed", ""), []string{`unknown field "opne"`, "open"}},
		{"any principal with context", qcase(`"principal":"*","action":"s3:GetObject","resource":"*","context":{"k":"v"}`, "neverAllowed", ""), []string{"remove request.context"}},
		{"any principal with open", qcase(`"principal":"*","action":"s3:GetObject","resource":"*","open":["k"]`, "neverAllowed", ""), []string{"remove request.open"}},
		{"any principal with settings", qcase(`"principal":"*","action":"s3:GetObject","resource":"*"`, "neverAllowed", `"settings":{"principalInManagementAccount":true}`), []string{"remove settings"}},
		{"account with issuer", qcase(`"principal":"111122223333","sessionIssuer":"arn:aws:iam::111122223333:role/r","action":"s3:GetObject","resource":"*"`, "neverAllowed", ""), []string{"remove sessionIssuer"}},
		{"strict", qcase(alice+`,"action":"s3:Get*","resource":"*"`, "allowed", `"settings":{"strict":true}`), []string{"settings.strict concerns one decision"}},
		{"undocumented", qcase(alice+`,"action":"s3:Get*","resource":"*"`, "neverAllowed", `"undocumented":[]`), []string{`"undocumented" concerns one decision`}},
		{"not an action", qcase(alice+`,"action":"Get*","resource":"*"`, "neverAllowed", ""), []string{"is not service:Action"}},
		{"expected unknown", qcase(alice+`,"action":"s3:Get*","resource":"*"`, "never", ""), []string{`unknown decision "never"`, "neverAllowed"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("q.json", []byte(tt.data), nil)
			var ce *Error
			if !errors.As(err, &ce) || ce.Pos.Line != 1 || ce.Pos.Column < 1 {
				t.Fatalf("error %v, want an *Error at line 1", err)
			}
			for _, m := range tt.msg {
				if !strings.Contains(ce.Msg, m) {
					t.Errorf("message %q does not contain %q", ce.Msg, m)
				}
			}
		})
	}
}

func TestRunQuantified(t *testing.T) {
	const (
		alice  = `"principal":"arn:aws:iam::111122223333:user/alice"`
		mfaPol = `{"Version":"2012-10-17","Statement":[{"Sid":"WriteWithMFA","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`
	)
	with := func(req, expected string) string {
		return `{"name":"q","request":{` + req + `},"identityPolicies":[` + identityPol + `,` + mfaPol + `],"expected":"` + expected + `"}`
	}
	for _, tt := range []struct {
		name, data string
		problem    string // "" when the case passes
		witness    string // the witness's action, when there is one
	}{
		{"never writes without MFA", with(alice+`,"action":"s3:Put*","resource":"*"`, "neverAllowed"), "", ""},
		{"writes with MFA", with(alice+`,"action":"s3:Put*","resource":"*","open":["aws:MultiFactorAuthPresent"]`, "neverAllowed"), "expected neverAllowed, got allowed", "s3:PutObject"},
		{"some write", with(alice+`,"action":"s3:Put*","resource":"*","open":["*"]`, "allowed"), "", "s3:PutObject"},
		{"no delete", with(alice+`,"action":"s3:Delete*","resource":"*","open":["*"]`, "allowed"), "expected some request of the pattern to be allowed, none is", ""},
		{"no one deletes", with(`"principal":"*","action":"s3:DeleteBucket","resource":"*"`, "neverAllowed"), "expected neverAllowed, got allowed", "s3:DeleteBucket"},
		{"the account reads", with(`"principal":"111122223333","action":"s3:GetObject","resource":"arn:aws:s3:::b/*"`, "allowed"), "", "s3:GetObject"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, "q.json", tt.data, nil)[0]
			o := Run(c)
			if o.Err != nil || o.Answer == nil {
				t.Fatalf("err %v, answer %v", o.Err, o.Answer)
			}
			if p := o.Problem(); !strings.HasPrefix(p, tt.problem) || (tt.problem == "") != o.Passed() {
				t.Errorf("problem %q, want %q", p, tt.problem)
			}
			if (o.Witness != nil) != (tt.witness != "") {
				t.Fatalf("witness %+v, want one for %q", o.Witness, tt.witness)
			}
			if o.Witness != nil {
				if !strings.EqualFold(o.Witness.Action, tt.witness) || o.Result.Decision != evaluator.Allowed || o.Result.Explanation == nil {
					t.Errorf("witness %+v decided %s", o.Witness, o.Result.Decision)
				}
			} else if o.Answer.Verdict != analysis.Pass {
				t.Errorf("verdict %s without a witness", o.Answer.Verdict)
			}
		})
	}
	// A request the analysis refuses is a RequestError.
	c := mustParse(t, "q.json", with(`"principal":"alice","action":"s3:Get*","resource":"*"`, "neverAllowed"), nil)[0]
	var re *RequestError
	if o := Run(c); !errors.As(o.Err, &re) || !strings.HasPrefix(o.Problem(), "cannot evaluate") {
		t.Errorf("err %v, problem %q", o.Err, o.Problem())
	}
}
