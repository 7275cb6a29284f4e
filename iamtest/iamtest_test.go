package iamtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	ordersRole  = "arn:aws:sts::111122223333:assumed-role/orders/task"
	ordersTable = "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
)

func ordersRequest(action string, keys ...KeyValue) evaluator.Request {
	return evaluator.Request{Principal: ordersRole, Action: action, Resource: ordersTable, Context: Context(keys...)}
}

func parse(t *testing.T, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return p
}

// assertion is one of the four decision helpers.
type assertion func(testing.TB, *evaluator.Set, evaluator.Request) evaluator.Result

// observe runs fn against a fake test and returns it once fn has ended.
func observe(fn func(f *fakeT)) *fakeT {
	f := newFake("fake")
	run(f, fn)
	return f
}

func wantContains(t *testing.T, msg string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("message lacks %q; message:\n%s", p, msg)
		}
	}
}

func TestAssertions(t *testing.T) {
	set := Compile(t, evaluator.Policies{Identity: LoadPolicies(t, "testdata/policies/orders-role.json")})
	read := ordersRequest("dynamodb:GetItem")
	writeOutside := ordersRequest("dynamodb:PutItem")
	writeInside := ordersRequest("dynamodb:PutItem", Key("aws:SourceVpc", "vpc-1a2b3c4d"), MultiKey("aws:TagKeys", "team", "env"))
	drop := ordersRequest("dynamodb:DeleteTable")
	malformed := read
	malformed.Principal = "arn:aws:iam::1111:user/ana"
	linked := read
	linked.Facts = evaluator.Facts{PrincipalIsServiceLinkedRole: true, ResourcePolicyRequired: evaluator.NotRequired}

	tests := []struct {
		name   string
		assert assertion
		req    evaluator.Request
		want   evaluator.Decision
		// fail is empty when the assertion must pass, else the parts its
		// message must contain.
		fail []string
	}{
		{name: "Allowed read", assert: Allowed, req: read, want: evaluator.Allowed},
		{name: "Allowed write from the VPC", assert: Allowed, req: writeInside, want: evaluator.Allowed},
		{name: "Denied write outside the VPC", assert: Denied, req: writeOutside, want: evaluator.ImplicitDeny},
		{name: "Denied delete", assert: Denied, req: drop, want: evaluator.ExplicitDeny},
		{name: "ExplicitlyDenied delete", assert: ExplicitlyDenied, req: drop, want: evaluator.ExplicitDeny},
		{name: "ImplicitlyDenied write outside the VPC", assert: ImplicitlyDenied, req: writeOutside, want: evaluator.ImplicitDeny},
		{
			name: "Allowed fails on an explicit deny", assert: Allowed, req: drop, want: evaluator.ExplicitDeny,
			fail: []string{
				"iamtest.Allowed: want allowed, got explicitDeny",
				"\n  reason:     explicit-deny",
				"\n  blocked by: identity",
				"\n    principal:         " + ordersRole,
				"\n    action:            dynamodb:DeleteTable",
				"\n    resource:          " + ordersTable,
				"\n    context:           (no keys)",
				"\n  deciding statements:\n    Deny identity[0] statement 2 (Sid \"NeverDeleteTables\") at testdata/policies/orders-role.json:17:5",
			},
		},
		{
			name: "Allowed fails on an implicit deny", assert: Allowed, req: writeOutside, want: evaluator.ImplicitDeny,
			fail: []string{
				"iamtest.Allowed: want allowed, got implicitDeny",
				"reason:     no-identity-allow",
				"blocked by: identity",
				"no statement applied to the request",
			},
		},
		{
			name: "Denied fails on an allow", assert: Denied, req: read, want: evaluator.Allowed,
			fail: []string{
				"iamtest.Denied: want denied (explicitDeny or implicitDeny), got allowed",
				"reason:     identity-grant",
				"deciding statements:\n    Allow identity[0] statement 0 (Sid \"ReadOrders\") at testdata/policies/orders-role.json:4:5",
			},
		},
		{
			name: "ExplicitlyDenied fails on an allow and shows the context", assert: ExplicitlyDenied, req: writeInside, want: evaluator.Allowed,
			fail: []string{
				"iamtest.ExplicitlyDenied: want explicitDeny, got allowed",
				`context:           aws:sourcevpc="vpc-1a2b3c4d", aws:tagkeys=["team", "env"]`,
				`Allow identity[0] statement 1 (Sid "WriteOrdersFromVpc") at testdata/policies/orders-role.json:10:5`,
			},
		},
		{
			name: "ExplicitlyDenied fails on an implicit deny", assert: ExplicitlyDenied, req: writeOutside, want: evaluator.ImplicitDeny,
			fail: []string{"iamtest.ExplicitlyDenied: want explicitDeny, got implicitDeny"},
		},
		{
			name: "ImplicitlyDenied fails on an explicit deny", assert: ImplicitlyDenied, req: drop, want: evaluator.ExplicitDeny,
			fail: []string{"iamtest.ImplicitlyDenied: want implicitDeny, got explicitDeny", `Sid "NeverDeleteTables"`},
		},
		{
			name: "Denied fails on a request the evaluator cannot understand", assert: Denied, req: malformed, want: evaluator.ImplicitDeny,
			fail: []string{
				"iamtest.Denied: the evaluator could not understand the request:",
				`"arn:aws:iam::1111:user/ana"`,
				"reason:     invalid-request",
				"principal:         arn:aws:iam::1111:user/ana",
			},
		},
		{
			name: "facts are shown", assert: Denied, req: linked, want: evaluator.Allowed,
			fail: []string{"facts:             principal is a service-linked role, resource policy not required"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res evaluator.Result
			f := observe(func(f *fakeT) { res = tt.assert(f, set, tt.req) })
			if !f.finished || len(f.fatals) > 0 {
				t.Fatalf("the assertion stopped the test: %s", f.messages())
			}
			if res.Decision != tt.want || res.Explanation == nil {
				t.Errorf("returned %v (explanation %v), want %v with an explanation", res.Decision, res.Explanation != nil, tt.want)
			}
			if len(tt.fail) == 0 {
				if f.Failed() {
					t.Errorf("the assertion failed:\n%s", f.messages())
				}
				return
			}
			if len(f.errors) != 1 {
				t.Fatalf("want one failure, got %d: %q", len(f.errors), f.errors)
			}
			wantContains(t, f.errors[0], tt.fail...)
		})
	}
}

// An implicit deny shows the statements that applied, and how the resource
// policy named the caller.
func TestAssertionShowsApplicableStatements(t *testing.T) {
	full := parse(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	s3Only := parse(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`)
	set := Compile(t, evaluator.Policies{
		Identity: LoadPolicies(t, "testdata/policies/orders-role.json"),
		SCPs:     [][]*policy.Policy{{full}, {s3Only}},
	})
	f := observe(func(f *fakeT) { Allowed(f, set, ordersRequest("dynamodb:GetItem")) })
	wantContains(t, f.messages(),
		"want allowed, got implicitDeny",
		"reason:     scp-no-allow",
		"blocked by: scp",
		"no statement decided; statements that applied:",
		"Allow scp[level 0][0] statement 0 at 1:41",
		`Allow identity[0] statement 0 (Sid "ReadOrders") at testdata/policies/orders-role.json:4:5`,
	)

	bucket := parse(t, `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "PartnerAccount",
    "Effect": "Allow",
    "Principal": {"AWS": "444455556666"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::reports/*"
  }]
}`)
	cross := Compile(t, evaluator.Policies{Resource: bucket})
	req := evaluator.Request{
		Principal:       "arn:aws:iam::444455556666:user/auditor",
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::reports/q1.csv",
		ResourceAccount: "111122223333",
	}
	f = observe(func(f *fakeT) { Allowed(f, cross, req) })
	wantContains(t, f.messages(),
		"reason:     no-identity-allow",
		"resource account:  111122223333",
		`Allow resource statement 0 (Sid "PartnerAccount") at 3:17 (principal match: account)`,
	)

	direct := Compile(t, evaluator.Policies{Resource: parse(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:user/ana"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`)})
	req = evaluator.Request{Principal: "arn:aws:iam::111122223333:user/ana", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv", ResourceAccount: "111122223333"}
	f = observe(func(f *fakeT) { Denied(f, direct, req) })
	wantContains(t, f.messages(),
		"reason:     resource-grant",
		"grant:      the resource policy names the caller (direct match)",
		"Allow resource statement 0 at 1:41",
	)

	anon := req
	anon.Principal = ""
	f = observe(func(f *fakeT) { Allowed(f, direct, anon) })
	wantContains(t, f.messages(), "principal:         (anonymous)")
}

// A failure names what the decision did not know for certain: the keys
// it assumed, the undocumented behaviours it relied on, the condition keys
// the request lacks.
func TestAssertionShowsGaps(t *testing.T) {
	set := Compile(t, evaluator.Policies{Identity: []*policy.Policy{parse(t, `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
  {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1"}]}`)}})
	read := evaluator.Request{Principal: "arn:aws:iam::111122223333:user/ana", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv"}
	f := observe(func(f *fakeT) { Allowed(f, set, read) })
	wantContains(t, f.messages(),
		"want allowed, got implicitDeny",
		"\n  gaps:\n    assumed resource account taken from the caller because the ARN has none\n    the request lacks \"aws:MultiFactorAuthPresent\"\n",
	)

	send := evaluator.Request{Principal: "arn:aws:iam::111122223333:user/ana", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q"}
	f = observe(func(f *fakeT) { Allowed(f, set, send) })
	wantContains(t, f.messages(), "\n  gaps:\n    relied on undocumented behaviour short-arn")

	// A decision without gaps says nothing of them.
	read.ResourceAccount = "111122223333"
	read.Context = Context(Key("aws:MultiFactorAuthPresent", "false"))
	f = observe(func(f *fakeT) { Allowed(f, set, read) })
	if msg := f.messages(); !strings.Contains(msg, "want allowed, got implicitDeny") || strings.Contains(msg, "gaps:") {
		t.Errorf("want a failure without gaps; message:\n%s", msg)
	}
}

func TestAssertionNilSet(t *testing.T) {
	for name, assert := range map[string]assertion{
		"Allowed": Allowed, "Denied": Denied, "ExplicitlyDenied": ExplicitlyDenied, "ImplicitlyDenied": ImplicitlyDenied,
	} {
		f := observe(func(f *fakeT) { assert(f, nil, ordersRequest("dynamodb:GetItem")) })
		if f.finished || len(f.fatals) != 1 {
			t.Fatalf("%s(nil set): finished=%v fatals=%q", name, f.finished, f.fatals)
		}
		wantContains(t, f.fatals[0], "iamtest."+name+": the policy set is nil")
	}
}

func TestLoadPolicy(t *testing.T) {
	p := LoadPolicy(t, "testdata/policies/orders-role.json")
	if len(p.Statements) != 3 || p.Statements[2].Sid != "NeverDeleteTables" {
		t.Fatalf("loaded %d statements", len(p.Statements))
	}

	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want []string
	}{
		{"missing file", "testdata/policies/missing.json", []string{"iamtest.LoadPolicy: ", "testdata/policies/missing.json"}},
		{"invalid policy", "testdata/policies/invalid.json", []string{
			"iamtest.LoadPolicy: testdata/policies/invalid.json is not a valid policy:",
			"\n  testdata/policies/invalid.json:5:17: Effect \"Permit\"",
			"[EFFECT_INVALID]",
			"\n  testdata/policies/invalid.json:6:17: Action \"GetItem\"",
			"[ACTION_FORMAT]",
		}},
		{"not JSON", broken, []string{broken + " is not a valid policy:", broken + ":", "[SYNTAX]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *policy.Policy
			f := observe(func(f *fakeT) { got = LoadPolicy(f, tt.path) })
			if f.finished || got != nil || len(f.fatals) != 1 || len(f.errors) != 0 {
				t.Fatalf("finished=%v policy=%v fatals=%q errors=%q", f.finished, got != nil, f.fatals, f.errors)
			}
			wantContains(t, f.fatals[0], tt.want...)
		})
	}
}

func TestLoadPolicies(t *testing.T) {
	ps := LoadPolicies(t, "testdata/policies/orders-role.json", "testdata/policies/with-principal.json")
	if len(ps) != 2 || ps[0] == nil || ps[1] == nil {
		t.Fatalf("loaded %v", ps)
	}
	if got := LoadPolicies(t); len(got) != 0 {
		t.Errorf("LoadPolicies() = %v, want none", got)
	}

	f := observe(func(f *fakeT) {
		LoadPolicies(f, "testdata/policies/invalid.json", "testdata/policies/orders-role.json", "testdata/policies/missing.json")
	})
	if f.finished || len(f.fatals) != 1 {
		t.Fatalf("finished=%v fatals=%q", f.finished, f.fatals)
	}
	wantContains(t, f.fatals[0],
		"iamtest.LoadPolicies: testdata/policies/invalid.json is not a valid policy:",
		"testdata/policies/invalid.json:5:17:",
		"\nopen testdata/policies/missing.json", // the second problem, on its own line
	)
	if strings.Contains(f.fatals[0], "orders-role.json") {
		t.Errorf("a valid file is reported: %s", f.fatals[0])
	}
}

func TestCompile(t *testing.T) {
	f := observe(func(f *fakeT) {
		Compile(f, evaluator.Policies{Identity: LoadPolicies(f, "testdata/policies/with-principal.json")})
	})
	if f.finished || len(f.fatals) != 1 {
		t.Fatalf("finished=%v fatals=%q", f.finished, f.fatals)
	}
	wantContains(t, f.fatals[0], "iamtest.Compile: the identity[0] policy is invalid:", "\n  testdata/policies/with-principal.json:6:20: ", "[PRINCIPAL_PROHIBITED]")

	// A policy built in Go, without positions.
	bare := &policy.Policy{Version: policy.Version2012, Statements: []policy.Statement{{
		Effect:      policy.Allow,
		Actions:     []policy.Item{{Value: "s3:GetObject"}},
		Resources:   []policy.Item{{Value: "*"}},
		HasResource: true,
	}}}
	set := Compile(t, evaluator.Policies{Identity: []*policy.Policy{bare}})
	f = observe(func(f *fakeT) {
		Denied(f, set, evaluator.Request{Principal: "arn:aws:iam::111122223333:user/ana", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
	})
	if msg := f.messages(); !strings.HasSuffix(msg, "\n    Allow identity[0] statement 0") {
		t.Errorf("want the statement without a position last; message:\n%s", msg)
	}
	if strings.Contains(f.messages(), "statement 0 at") {
		t.Errorf("a statement without position is located: %s", f.messages())
	}
}

func TestRunFile(t *testing.T) {
	RunFile(t, "testdata/access.json")
}

func TestRunFileFailures(t *testing.T) {
	f := observe(func(f *fakeT) { runFile(f, "testdata/failing.json") })
	if !f.finished || len(f.subs) != 9 {
		t.Fatalf("finished=%v, %d subtests: %s", f.finished, len(f.subs), f.messages())
	}
	tests := []struct {
		name  string
		fatal bool
		want  []string
	}{
		{name: "passes"},
		{name: "deny expected but the role may read", want: []string{
			"testdata/failing.json:12: case \"deny expected but the role may read\"",
			"\n  The orders role reads the table;\n  this expectation is wrong on purpose.",
			"\nwant implicitDeny, got allowed",
			"reason:     identity-grant",
			"action:            dynamodb:Query",
			`Allow identity[0] statement 0 (Sid "ReadOrders") at testdata/policies/orders-role.json:4:5`,
		}},
		{name: "allow expected but an inline SCP denies", want: []string{
			"testdata/failing.json:23: case",
			"want allowed, got explicitDeny",
			"blocked by: scp",
			`context:           aws:requestedregion="eu-west-1", aws:tagkeys=["team", "env"]`,
			`Deny scp[level 0][1] statement 0 (Sid "NoDynamo") at testdata/failing.json:35:9`,
		}},
		{name: "invalid policy file", fatal: true, want: []string{
			"testdata/failing.json:40: case \"invalid policy file\"\ncannot be evaluated:",
			"testdata/policies/invalid.json:5:17: Effect \"Permit\"",
			"testdata/policies/invalid.json:6:17: Action \"GetItem\"",
		}},
		{name: "invalid inline policy", fatal: true, want: []string{
			"testdata/failing.json:50: case",
			"testdata/failing.json:57:66: the statement has neither Resource nor NotResource",
			"[RESOURCE_MISSING]",
		}},
		{name: "request the evaluator cannot understand", want: []string{
			"testdata/failing.json:60: case",
			"the evaluator could not understand the request",
		}},
		{name: "strict case whose request lacks a key", want: []string{
			"testdata/failing.json:70: case",
			"\nstrict: the request lacks \"aws:SourceVpc\"",
			"reason:     no-identity-allow",
			"\n  gaps:\n    the request lacks \"aws:SourceVpc\"",
			`Allow identity[0] statement 1 (Sid "WriteOrdersFromVpc") at testdata/policies/orders-role.json:10:5: condition StringEquals "aws:SourceVpc": the request has no value`,
		}},
		{name: "strict case with every key"},
		{name: "short ARN the case does not list as undocumented", want: []string{
			"testdata/failing.json:93: case",
			"\nexpected the decision to rely on undocumented behaviour [], it relied on [short-arn]",
			"\n  gaps:\n    relied on undocumented behaviour short-arn",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := f.sub(t, tt.name)
			if len(tt.want) == 0 {
				if s.Failed() || !s.finished {
					t.Fatalf("failed: %s", s.messages())
				}
				return
			}
			if tt.fatal != (len(s.fatals) == 1) || s.finished == tt.fatal || len(s.errors)+len(s.fatals) != 1 {
				t.Fatalf("want fatal=%v, got errors=%q fatals=%q finished=%v", tt.fatal, s.errors, s.fatals, s.finished)
			}
			wantContains(t, s.messages(), tt.want...)
		})
	}
}

func TestRunFileQuantified(t *testing.T) {
	f := observe(func(f *fakeT) { runFile(f, "testdata/quantified.json") })
	if !f.finished || len(f.subs) != 3 {
		t.Fatalf("finished=%v, %d subtests: %s", f.finished, len(f.subs), f.messages())
	}
	if s := f.sub(t, "the orders role never deletes a table"); s.Failed() {
		t.Errorf("failed: %s", s.messages())
	}
	for name, want := range map[string][]string{
		"the orders role never writes": {
			"testdata/quantified.json:9: case \"the orders role never writes\"",
			"\nexpected neverAllowed, got allowed",
			"action:            dynamodb:put",
			`context:           aws:sourcevpc="vpc-1a2b3c4d"`,
			`Allow identity[0] statement 1 (Sid "WriteOrdersFromVpc") at testdata/policies/orders-role.json:10:5`,
		},
		"the orders role scans some table": {"\nexpected some request of the pattern to be allowed, none is (proved over "},
	} {
		s := f.sub(t, name)
		if len(s.errors) != 1 || len(s.fatals) != 0 {
			t.Fatalf("%s: errors=%q fatals=%q", name, s.errors, s.fatals)
		}
		wantContains(t, s.messages(), want...)
	}
}

func TestRunFileBadFile(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"testdata/missing.json", "iamtest.RunFile: open testdata/missing.json"},
		{"testdata/not-cases.json", `iamtest.RunFile: testdata/not-cases.json:1:1: case: unknown field "hello"`},
	} {
		f := observe(func(f *fakeT) { runFile(f, tt.path) })
		if f.finished || len(f.fatals) != 1 || len(f.subs) != 0 {
			t.Fatalf("%s: finished=%v fatals=%q subtests=%d", tt.path, f.finished, f.fatals, len(f.subs))
		}
		wantContains(t, f.fatals[0], tt.want)
	}
}

func TestContext(t *testing.T) {
	ctx := Context(
		Key("aws:SourceIp", "192.0.2.1"),
		MultiKey("aws:TagKeys", "team", "env"),
		Key("aws:SourceIp", "203.0.113.7"),
		MultiKey("aws:PrincipalServiceNamesList"),
	)
	if ctx.Len() != 3 {
		t.Fatalf("Len = %d, want 3 (%v)", ctx.Len(), ctx.Keys())
	}
	if v, ok := ctx.Lookup("AWS:SOURCEIP"); !ok || v.IsMulti() || v.Values()[0] != "203.0.113.7" {
		t.Errorf("aws:SourceIp = %v %v, want the last single value", v.Values(), ok)
	}
	if v, ok := ctx.Lookup("aws:tagkeys"); !ok || !v.IsMulti() || strings.Join(v.Values(), ",") != "team,env" {
		t.Errorf("aws:TagKeys = %v %v", v.Values(), ok)
	}
	if v, ok := ctx.Lookup("aws:PrincipalServiceNamesList"); !ok || !v.IsMulti() || len(v.Values()) != 0 {
		t.Errorf("empty multi key = %v %v", v.Values(), ok)
	}
	if Context().Len() != 0 {
		t.Error("Context() is not empty")
	}
	if v, _ := Context(Key("a:K", "1"), Key("a:k", "2")).Lookup("a:k"); !v.IsMulti() || len(v.Values()) != 2 {
		t.Errorf("case variants = %v, want one multi value of both", v.Values())
	}
}

// A case whose policies pass the reader's checks but do not compile is
// reported with the file positions of the findings.
func TestRunCaseCompileError(t *testing.T) {
	// The policy is written inline in cases.json, from line 10, column 9.
	data, err := os.ReadFile("testdata/policies/with-principal.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.ParseAt(policy.Position{File: "cases.json", Line: 10, Column: 9}, data)
	if err != nil {
		t.Fatal(err)
	}
	c := &accesstest.Case{
		Name:     "principal in an identity policy",
		Pos:      policy.Position{File: "cases.json", Line: 7},
		Request:  ordersRequest("dynamodb:GetItem"),
		Policies: evaluator.Policies{Identity: []*policy.Policy{p}},
	}
	f := observe(func(f *fakeT) { runCase(f, c) })
	if f.finished || len(f.fatals) != 1 {
		t.Fatalf("finished=%v fatals=%q", f.finished, f.fatals)
	}
	wantContains(t, f.fatals[0],
		"cases.json:7: case \"principal in an identity policy\"\ncannot be evaluated: the identity[0] policy is invalid:",
		"\n  cases.json:15:20: Policy document should not specify a principal",
	)
}

// An implicit deny says, for each statement of the blocking policies, what
// did not match.
func TestAssertionShowsWhyNot(t *testing.T) {
	set := Compile(t, evaluator.Policies{Identity: LoadPolicies(t, "testdata/policies/orders-role.json")})
	f := observe(func(f *fakeT) { Allowed(f, set, ordersRequest("dynamodb:PutItem")) })
	wantContains(t, f.messages(),
		"want allowed, got implicitDeny",
		"\n  statements that did not apply:",
		`Allow identity[0] statement 0 (Sid "ReadOrders") at testdata/policies/orders-role.json:4:5: action: not covered by the statement's Action`,
		`Allow identity[0] statement 1 (Sid "WriteOrdersFromVpc") at testdata/policies/orders-role.json:10:5: condition `,
		"the request has no value",
	)
}
