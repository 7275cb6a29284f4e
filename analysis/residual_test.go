package analysis

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// docs are the documents of a policy set, by role, for table tests.
type docs struct {
	identity, session []string
	resource          string
	trust             bool // the resource policy is a role trust policy
	boundary          string
	scps              [][]string
}

func (d docs) policies(t testing.TB) evaluator.Policies {
	t.Helper()
	var ps evaluator.Policies
	for i, doc := range d.identity {
		ps.Identity = append(ps.Identity, mustParse(t, "identity"+string(rune('0'+i))+".json", doc))
	}
	for _, doc := range d.session {
		ps.Session = append(ps.Session, mustParse(t, "session.json", doc))
	}
	if d.resource != "" {
		ps.Resource, ps.ResourceType = mustParse(t, "resource.json", d.resource), policy.TypeResource
		if d.trust {
			ps.ResourceType = policy.TypeTrust
		}
	}
	if d.boundary != "" {
		ps.Boundary = mustParse(t, "boundary.json", d.boundary)
	}
	for _, lvl := range d.scps {
		var l []*policy.Policy
		for _, doc := range lvl {
			l = append(l, mustParse(t, "scp.json", doc))
		}
		ps.SCPs = append(ps.SCPs, l)
	}
	return ps
}

const (
	allowAllDoc = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	auditor     = "arn:aws:iam::444455556666:user/auditor-li"
	auditRole   = "arn:aws:iam::111122223333:role/PartnerAuditRole"
	alice       = "arn:aws:iam::111122223333:user/alice"
)

// trustDocs is the cross-account role of id_roles_create_for-user_externalid.md
// with the condition block cond: the partner account's auditor may assume it.
func trustDocs(cond string, callerExtra ...string) docs {
	return docs{
		identity: append([]string{stmts(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` + auditRole + `"}`)}, callerExtra...),
		resource: stmts(`{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":` + cond + `}`),
		trust:    true,
	}
}

var assumeAudit = evaluator.Request{Principal: auditor, Action: "sts:AssumeRole", Resource: auditRole}

// mfaSamples and the others are values tried for a key, by hand, to check
// a residual against the evaluator independently of the cells.
var (
	mfaSamples    = []string{"true", "false", "TRUE"}
	extIDSamples  = []string{"ExampleCorp-7f3a9c", "examplecorp-7f3a9c", "", "other", "ExampleCorp-7f3a9c "}
	ipSamples     = []string{"192.0.2.1", "192.0.2.255", "192.0.3.0", "203.0.113.9", "10.0.0.1", "2001:db8::1"}
	regionSamples = []string{"eu-central-1", "eu-west-1", "us-east-1", "EU-WEST-1"}
	timeSamples   = []string{"2017-06-30T23:59:59Z", "2017-07-01T00:00:00Z", "2017-07-01T00:00:01Z", "2017-10-01T12:00:00Z", "2017-12-31T23:59:59Z", "2018-01-01T00:00:00Z"}
)

func TestConditions(t *testing.T) {
	ec2 := docs{identity: []string{stmts(
		`{"Sid":"AllowAllActionsForEC2","Effect":"Allow","Action":"ec2:*","Resource":"*"}`,
		`{"Sid":"DenyStopAndTerminateWhenMFAIsNotPresent","Effect":"Deny","Action":["ec2:StopInstances","ec2:TerminateInstances"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":false}}}`)}}
	s3Get := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/a.csv"}
	for _, tc := range []struct {
		name    string
		docs    docs
		req     evaluator.Request
		open    []string
		want    string
		unread  []string
		samples map[string][]string
	}{
		// id_roles_create_for-user_externalid.md: the trust policy
		// requires the external ID; with MFA (id_credentials_mfa_configure-api-require.md).
		{"external ID and MFA", trustDocs(`{"StringEquals":{"sts:ExternalId":"ExampleCorp-7f3a9c"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}`),
			assumeAudit, []string{"sts:ExternalId", "aws:MultiFactorAuthPresent", "aws:SourceIp"},
			`allowed when sts:ExternalId equals "ExampleCorp-7f3a9c" and aws:MultiFactorAuthPresent is true`, []string{"aws:SourceIp"},
			map[string][]string{"sts:ExternalId": extIDSamples, "aws:MultiFactorAuthPresent": mfaSamples}},
		// reference_policies_elements_condition_operators.md (…IfExists):
		// BoolIfExists also matches a request that has no MFA key at all.
		{"BoolIfExists lets long-term keys through", trustDocs(`{"StringEquals":{"sts:ExternalId":"ExampleCorp-7f3a9c"},"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`),
			assumeAudit, []string{"sts:ExternalId", "aws:MultiFactorAuthPresent"},
			`allowed when sts:ExternalId equals "ExampleCorp-7f3a9c" and not (aws:MultiFactorAuthPresent is false)`, nil,
			map[string][]string{"sts:ExternalId": extIDSamples, "aws:MultiFactorAuthPresent": mfaSamples}},
		// A caller-side Deny with BoolIfExists false catches both (the
		// Deny's condition enters negated: A and not C).
		{"caller deny without MFA", trustDocs(`{"StringEquals":{"sts:ExternalId":"ExampleCorp-7f3a9c"},"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`,
			stmts(`{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`)),
			assumeAudit, []string{"aws:MultiFactorAuthPresent", "sts:ExternalId"},
			`allowed when aws:MultiFactorAuthPresent is true and sts:ExternalId equals "ExampleCorp-7f3a9c"`, nil,
			map[string][]string{"sts:ExternalId": extIDSamples, "aws:MultiFactorAuthPresent": mfaSamples}},
		// reference_policies_examples_ec2_require-mfa.md.
		{"EC2 stop needs MFA", ec2, evaluator.Request{Principal: alice, Action: "ec2:StopInstances", Resource: "*"},
			[]string{"aws:MultiFactorAuthPresent"}, `allowed when aws:MultiFactorAuthPresent is true`, nil,
			map[string][]string{"aws:MultiFactorAuthPresent": mfaSamples}},
		{"EC2 describe does not", ec2, evaluator.Request{Principal: alice, Action: "ec2:DescribeInstances", Resource: "*"},
			[]string{"aws:MultiFactorAuthPresent"}, `always allowed`, nil,
			map[string][]string{"aws:MultiFactorAuthPresent": mfaSamples}},
		// reference_policies_examples_aws_mfa-dates.md: conditions are AND-ed.
		{"MFA within dates", docs{identity: []string{stmts(`{"Effect":"Allow","Action":["s3:*"],"Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true},"DateGreaterThan":{"aws:CurrentTime":"2017-07-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2017-12-31T23:59:59Z"}}}`)}},
			s3Get, []string{"aws:MultiFactorAuthPresent", "aws:CurrentTime"},
			`allowed when aws:MultiFactorAuthPresent is true and aws:CurrentTime is after 2017-07-01T00:00:00Z and aws:CurrentTime is before 2017-12-31T23:59:59Z`, nil,
			map[string][]string{"aws:MultiFactorAuthPresent": mfaSamples, "aws:CurrentTime": timeSamples}},
		// reference_policies_examples_aws_deny-ip.md, with an Allow: the
		// NotIpAddress Deny enters negated, its values OR-ed.
		{"deny outside IP ranges", docs{identity: []string{stmts(allowAllDoc), stmts(`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}}`)}},
			s3Get, []string{"aws:SourceIp"}, `allowed when aws:SourceIp is in one of 192.0.2.0/24, 203.0.113.0/24`, nil,
			map[string][]string{"aws:SourceIp": ipSamples}},
		// reference_policies_examples_aws_deny-requested-region.md in an
		// SCP, over an identity policy with its own condition
		// (reference_policies_evaluation-logic.md: every level must allow,
		// a Deny anywhere wins).
		{"SCP region lock", docs{
			identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`)},
			scps:     [][]string{{stmts(allowAllDoc), stmts(`{"Sid":"DenyAllOutsideEU","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}}}`)}},
		}, s3Get, []string{"aws:SourceIp", "aws:RequestedRegion"},
			`allowed when aws:SourceIp is in 203.0.113.0/24 and aws:RequestedRegion equals one of "eu-central-1", "eu-west-1"`, nil,
			map[string][]string{"aws:SourceIp": ipSamples, "aws:RequestedRegion": regionSamples}},
		// "*" opens every key the policies read.
		{"SCP region lock, every key open", docs{
			identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}`)},
			scps:     [][]string{{stmts(allowAllDoc), stmts(`{"Sid":"DenyAllOutsideEU","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}}}`)}},
		}, s3Get, []string{"*"},
			`allowed when aws:SourceIp is in 203.0.113.0/24 and aws:RequestedRegion equals one of "eu-central-1", "eu-west-1"`, nil,
			map[string][]string{"aws:SourceIp": ipSamples, "aws:RequestedRegion": regionSamples}},
		// NotAction: the SCP's Deny does not apply to iam: actions.
		{"SCP NotAction exempts IAM", docs{
			identity: []string{stmts(allowAllDoc)},
			scps:     [][]string{{stmts(allowAllDoc), stmts(`{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}}}`)}},
		}, evaluator.Request{Principal: alice, Action: "iam:ListUsers", Resource: "*"}, []string{"aws:RequestedRegion"}, `always allowed`, nil,
			map[string][]string{"aws:RequestedRegion": regionSamples}},
		// NotResource: the Deny covers every bucket but one.
		{"NotResource deny", docs{identity: []string{stmts(allowAllDoc), stmts(`{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`)}},
			s3Get, []string{"aws:SourceVpce"}, `allowed when aws:SourceVpce equals "vpce-1a2b3c4d"`, nil,
			map[string][]string{"aws:SourceVpce": {"vpce-1a2b3c4d", "vpce-other", ""}}},
		{"NotResource exempt", docs{identity: []string{stmts(allowAllDoc), stmts(`{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`)}},
			evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::public/x"}, []string{"aws:SourceVpce"}, `always allowed`, nil,
			map[string][]string{"aws:SourceVpce": {"vpce-1a2b3c4d", "vpce-other"}}},
		// A permissions boundary and a session policy each must allow
		// (access_policies_boundaries.md, the effective permissions).
		{"boundary and session", docs{
			identity: []string{stmts(allowAllDoc)},
			boundary: stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`),
			session:  []string{stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`)},
		}, evaluator.Request{Principal: "arn:aws:sts::111122223333:assumed-role/app/s", Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/a"},
			[]string{"aws:SourceVpce", "aws:SecureTransport"}, `allowed when aws:SourceVpce equals "vpce-1a2b3c4d" and aws:SecureTransport is true`, nil,
			map[string][]string{"aws:SourceVpce": {"vpce-1a2b3c4d", "x"}, "aws:SecureTransport": {"true", "false"}}},
		// Null: the key is present only when MFA was used
		// (reference_policies_condition-keys.md, aws:MultiFactorAuthAge).
		{"Null deny", docs{identity: []string{stmts(allowAllDoc), stmts(`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:MultiFactorAuthAge":"true"}}}`)}},
			s3Get, []string{"aws:MultiFactorAuthAge"}, `allowed when aws:MultiFactorAuthAge is present`, nil,
			map[string][]string{"aws:MultiFactorAuthAge": {"0", "3600", "99999"}}},
		{"MFA age", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}`)}},
			s3Get, []string{"aws:MultiFactorAuthAge"}, `allowed when aws:MultiFactorAuthAge < 3600`, nil,
			map[string][]string{"aws:MultiFactorAuthAge": {"0", "3599.5", "3600", "3601", "-1"}}},
		// StringLike and StringNotLike on one key, the prefix pattern of
		// reference_policies_examples_s3_home-directory-console.md.
		{"prefix patterns", docs{identity: []string{stmts(
			`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"StringLike":{"s3:prefix":["","home/","home/*"]}}}`,
			`{"Effect":"Deny","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/private*"}}}`)}},
			evaluator.Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::amzn-s3-demo-bucket"}, []string{"s3:prefix"},
			`allowed when s3:prefix matches one of "", "home/*" and not (s3:prefix matches "home/private*")`, nil,
			map[string][]string{"s3:prefix": {"", "home/", "home/a", "home/private", "home/privateX", "homer", "x"}}},
		{"never", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`)}},
			s3Get, []string{"aws:SecureTransport"}, `never allowed`, nil, map[string][]string{"aws:SecureTransport": {"true", "false"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := tc.docs.policies(t)
			r, err := Conditions(set, tc.req, tc.open, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !slices.Equal(r.Unread, tc.unread) {
				t.Errorf("unread %q, want %q", r.Unread, tc.unread)
			}
			checkResidual(t, set, tc.req, r)
			checkSamples(t, set, tc.req, r, tc.samples)
		})
	}
}

// checkResidual verifies what every residual promises: a witness per term
// (one for Always) that satisfies it and that Explain allows, no witness
// otherwise, and assumptions.
func checkResidual(t *testing.T, set evaluator.Policies, req evaluator.Request, r Residual) {
	t.Helper()
	want := map[Reach]int{Never: 0, Always: 1, Conditional: len(r.Terms), ReachUnknown: 0}[r.Reach]
	if len(r.Witnesses) != want {
		t.Fatalf("%d witnesses for %s with %d terms", len(r.Witnesses), r.Reach, len(r.Terms))
	}
	if (r.Reach == Conditional) != (len(r.Terms) > 0) || len(r.Assumptions) == 0 || (r.Reach == ReachUnknown) != (r.Reason != "") {
		t.Fatalf("malformed residual %+v", r)
	}
	s, err := evaluator.Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range r.Witnesses {
		if w.Request.Action != req.Action || w.Request.Resource != req.Resource || w.Request.Principal != req.Principal {
			t.Errorf("witness %d changes the request: %+v", i, w.Request)
		}
		if r.Reach == Conditional && !(Residual{Reach: Conditional, Terms: r.Terms[i : i+1]}).Holds(w.Request.Context) {
			t.Errorf("witness %d does not satisfy its term %s", i, TermString(r.Terms[i]))
		}
		if d := s.Evaluate(w.Request).Decision; d != evaluator.Allowed || w.Outcome.Decision != evaluator.Allowed {
			t.Errorf("witness %d: %s", i, d)
		}
	}
}

// checkSamples decides every combination of the sample values (and
// absence) of the keys with the evaluator and compares with the residual.
func checkSamples(t *testing.T, set evaluator.Policies, req evaluator.Request, r Residual, samples map[string][]string) {
	t.Helper()
	s, err := evaluator.Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(samples))
	var rec func(i int, m map[string]conditions.Value)
	n := 0
	rec = func(i int, m map[string]conditions.Value) {
		if i == len(keys) {
			q := req
			q.Context = conditions.NewContext(m)
			e := s.Evaluate(q)
			d := e.Decision
			n++
			if d != evaluator.Allowed && e.Undocumented != 0 {
				return // outside what the residual describes (its assumptions)
			}
			if got := r.Holds(q.Context); got != (d == evaluator.Allowed) {
				t.Errorf("with %s the residual says %v, the evaluator %s", contextText(q.Context), got, d)
			}
			return
		}
		if !alwaysPresent[strings.ToLower(keys[i])] {
			rec(i+1, m)
		}
		for _, v := range samples[keys[i]] {
			m2 := maps.Clone(m)
			m2[keys[i]] = conditions.Single(v)
			rec(i+1, m2)
		}
	}
	rec(0, map[string]conditions.Value{})
	if len(samples) > 0 && n < 2 {
		t.Fatal("no samples checked")
	}
}

func TestConditionsUnknown(t *testing.T) {
	for _, tc := range []struct {
		name string
		docs docs
		open []string
		opts Options
		why  string // in the reason
	}{
		{"variable reads an open key", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}`)}},
			[]string{"aws:PrincipalTag/team"}, Options{}, "reads an open key"},
		{"variable in an open key's value", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}}`)}},
			[]string{"s3:prefix"}, Options{}, "holds a policy variable"},
		{"variable in Resource", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:PrincipalTag/team}/*"}`)}},
			[]string{"aws:PrincipalTag/team"}, Options{}, "in Resource"},
		{"set operator", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}}`)}},
			[]string{"aws:TagKeys"}, Options{}, "several values"},
		{"mixed families", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"k:x":"1"},"NumericLessThan":{"k:x":"5"}}}`)}},
			[]string{"k:x"}, Options{}, "different families"},
		{"budget", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"k:a":"1","k:b":"2"}}}`)}},
			[]string{"k:a", "k:b"}, Options{MaxEvaluations: 4}, "MaxEvaluations"},
		{"invalid policy value", docs{identity: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"k:n":"ten"}}}]}`}},
			[]string{"k:n"}, Options{}, "not valid"},
		// A malformed policy variable has no value, a reading AWS does not
		// document (internal/variable): the denial it reads may be an
		// allow.
		{"undocumented denial", docs{identity: []string{stmts(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k:s":"x","k:t":"${k:u,'d'}"}}}`)}},
			[]string{"k:s"}, Options{}, "does not document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := tc.docs.policies(t)
			r, err := Conditions(set, evaluator.Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b"}, tc.open, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if r.Reach != ReachUnknown || !strings.Contains(r.Reason, tc.why) {
				t.Fatalf("got %s, want unknown because %q", r, tc.why)
			}
			if !strings.HasPrefix(r.String(), "unknown: ") {
				t.Errorf("String: %s", r)
			}
			checkResidual(t, set, evaluator.Request{}, r)
		})
	}
}

func TestConditionsErrors(t *testing.T) {
	set := docs{identity: []string{stmts(allowAllDoc)}}.policies(t)
	ok := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}
	for _, tc := range []struct {
		name string
		set  evaluator.Policies
		req  evaluator.Request
		open []string
	}{
		{"no open key", set, ok, nil},
		{"empty key", set, ok, []string{""}},
		{"control character", set, ok, []string{"a\nb"}},
		{"invalid request", set, evaluator.Request{Principal: "alice", Action: "s3:GetObject", Resource: "*"}, []string{"aws:SourceIp"}},
		{"invalid policy", evaluator.Policies{Identity: []*policy.Policy{{Statements: []policy.Statement{{}}}}}, ok, []string{"aws:SourceIp"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r, err := Conditions(tc.set, tc.req, tc.open, Options{}); err == nil {
				t.Fatalf("no error: %s", r)
			}
		})
	}
}

// TestConditionsExhaustive computes the residual of every pair of
// statements built from a small grammar of conditions on two keys, and
// checks each against the evaluator on hand-picked values.
func TestConditionsExhaustive(t *testing.T) {
	clauses := []string{
		`{"StringEquals":{"k:a":"x"}}`, `{"StringNotEquals":{"k:a":["x","y"]}}`, `{"StringLike":{"k:a":"x*"}}`,
		`{"StringNotLikeIfExists":{"k:a":"*y"}}`, `{"StringEqualsIgnoreCase":{"k:a":"X"}}`, `{"Null":{"k:a":"false"}}`,
		`{"NumericGreaterThanEquals":{"k:n":"10"}}`, `{"NumericNotEquals":{"k:n":["10","20"]}}`, `{"NumericLessThanIfExists":{"k:n":"15"}}`,
		`{"StringEquals":{"k:a":"x"},"NumericLessThan":{"k:n":"20"}}`, `{"Null":{"k:n":"true"}}`,
	}
	samples := map[string][]string{"k:a": {"x", "y", "X", "xy", "yx", "", "z"}, "k:n": {"5", "10", "10.0", "15", "17", "20", "25"}}
	effects := []string{"Allow", "Deny"}
	n := 0
	for _, c1 := range clauses {
		for _, c2 := range clauses {
			for _, e2 := range effects {
				st := []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":` + c1 + `}`,
					`{"Effect":"` + e2 + `","Action":"s3:*","Resource":"*","Condition":` + c2 + `}`}
				set := docs{identity: []string{stmts(st...)}}.policies(t)
				req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}
				r, err := Conditions(set, req, []string{"k:a", "k:n"}, Options{})
				if err != nil {
					t.Fatalf("%s: %v", st, err)
				}
				if r.Reach == ReachUnknown {
					t.Fatalf("%s: %s", st, r)
				}
				checkResidual(t, set, req, r)
				checkSamples(t, set, req, r, samples)
				n++
			}
		}
	}
	if n != len(clauses)*len(clauses)*2 {
		t.Fatalf("%d residuals", n)
	}
}

func TestConstraintString(t *testing.T) {
	for _, tc := range []struct {
		c    Constraint
		want string
	}{
		{Constraint{Key: "aws:MultiFactorAuthPresent", Operator: conditions.Bool, Values: []string{"true"}}, "aws:MultiFactorAuthPresent is true"},
		{Constraint{Key: "aws:SourceIp", Operator: conditions.IpAddress, Values: []string{"192.0.2.0/24"}, Not: true}, "not (aws:SourceIp is in 192.0.2.0/24)"},
		{Constraint{Key: "k", Operator: conditions.Null, Values: []string{"true"}}, "k is absent"},
		{Constraint{Key: "k", Operator: conditions.Null, Values: []string{"true"}, Not: true}, "k is present"},
		{Constraint{Key: "k\n", Operator: conditions.StringEquals, Values: []string{"a\"b", "c"}}, `"k\n" equals one of "a\"b", "c"`},
		{Constraint{Key: "n", Operator: conditions.NumericLessThanEquals, Values: []string{"1,2"}}, `n <= "1,2"`},
	} {
		if got := tc.c.String(); got != tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
	}
	if (Constraint{Key: "k", Operator: conditions.NumericEquals, Values: []string{"x"}}).Holds(conditions.Context{}) {
		t.Error("an invalid constraint holds")
	}
	if Reach(9).String() != "Reach(9)" || Conditional.String() != "conditional" {
		t.Error("Reach.String")
	}
}

func TestConditionsPrincipalTagOpen(t *testing.T) {
	// A key AWS derives takes the value the residual names: the open
	// principal tag is set in the context, which wins (SPEC §8.3).
	set := docs{identity: []string{stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}`)}}.policies(t)
	req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*", PrincipalTags: evaluator.NewTags(map[string]string{"team": "red"})}
	r, err := Conditions(set, req, []string{"aws:PrincipalTag/team"}, Options{})
	if err != nil || r.String() != `allowed when aws:PrincipalTag/team equals "blue"` {
		t.Fatalf("%s %v", r, err)
	}
	checkResidual(t, set, req, r)
	if errors.Is(err, errSearchBudget) {
		t.Fatal("budget")
	}
}
