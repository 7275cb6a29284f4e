package evaluator_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/internal/race"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// Hostile input: requests and policy sets an attacker may choose. A request
// the evaluator cannot understand is an ImplicitDeny with Err set, never an
// allow and never a panic; a malformed request value in the context makes
// its condition false; Compile refuses any invalid policy; and every call
// takes bounded time.

const (
	hUser    = "arn:aws:iam::111122223333:user/alice"
	hObject  = "arn:aws:s3:::bucket/key"
	hAccount = "111122223333"
)

func hPolicy(t testing.TB, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse(%.200s): %v", doc, err)
	}
	return p
}

// hStmt wraps statement members in a 2012-10-17 policy.
func hStmt(members ...string) string {
	return `{"Version":"2012-10-17","Statement":[{` + strings.Join(members, "},{") + `}]}`
}

// hOpenSet allows every request of every caller: identity full access and a
// resource-based policy granting everything to everyone.
func hOpenSet(t testing.TB) *evaluator.Set {
	t.Helper()
	set, err := evaluator.Compile(evaluator.Policies{
		Identity: []*policy.Policy{hPolicy(t, hStmt(`"Effect":"Allow","Action":"*","Resource":"*"`))},
		Resource: hPolicy(t, hStmt(`"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"`)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// requireInvalid checks that r is an ImplicitDeny with a *RequestError,
// from Evaluate and Explain alike, within the hostile-input time bound (race.Within).
func requireInvalid(t *testing.T, set *evaluator.Set, r evaluator.Request) {
	t.Helper()
	race.Within(t, "Evaluate and Explain", func() {
		for _, res := range []evaluator.Result{set.Evaluate(r), set.Explain(r)} {
			if res.Decision != evaluator.ImplicitDeny || res.Reason != evaluator.ReasonInvalidRequest || res.Err == nil || res.BlockedBy != "" || res.Grant != evaluator.NoMatch {
				t.Fatalf("got %v/%v (err %v), want an implicit deny with an error", res.Decision, res.Reason, res.Err)
			}
			var re *evaluator.RequestError
			if !errors.As(res.Err, &re) || re.Field == "" || re.Reason == "" {
				t.Errorf("error %T %v is not a complete *RequestError", res.Err, res.Err)
			}
			if n := len(res.Err.Error()); n > 2000 {
				t.Errorf("error message of %d bytes", n)
			}
			if s := res.String(); !strings.Contains(s, "implicitDeny") {
				t.Errorf("String() = %q", s)
			}
		}
	})
}

// TestHostileMalformedRequests checks every malformed shape of principal,
// action, resource and accounts against a set that allows everything.
func TestHostileMalformedRequests(t *testing.T) {
	set := hOpenSet(t)
	mib := strings.Repeat("x", 1<<20)
	colons := strings.Repeat(":", 10000)
	principals := []string{
		"arn:aws:sts::111122223333:assumed-role/r/",
		"arn:aws:sts::111122223333:assumed-role//s",
		"arn:aws:sts::111122223333:assumed-role/r/s/extra",
		"arn:aws:sts::111122223333:assumed-role/",
		"arn:aws:iam::111122223333:user/",
		"arn:aws:iam::111122223333:user/path/",
		"arn:aws:iam::111122223333:role/",
		"arn:aws:iam::111122223333:role/path/",
		"arn:aws:sts::111122223333:federated-user/",
		"arn:aws:iam:us-east-1:111122223333:user/u",
		"arn:aws:iam::11112222333a:user/u",
		"arn:aws:iam::1111222233334:user/u",
		"arn:aws:iam::111122223333",
		"arn:aws:iam::111122223333:policy/p",
		"arn:aws:iam::111122223333:group/g",
		"arn:aws:iam::111122223333:Root",
		"arn:aws:s3:::bucket",
		"arn:aws:sts::111122223333:root",
		"arn:" + colons,
		"arn:aws:iam::111122223333:" + colons,
		"arn" + mib,
		"lambda amazonaws.com",
		"lambda.amazonaws.com/x",
		"lambda.amazonaws.com:x",
		"*",
		"*.amazonaws.com",
		"ec2",
		"federated:",
		mib,
	}
	for _, p := range principals {
		t.Run(fmt.Sprintf("principal %.50q", p), func(t *testing.T) {
			requireInvalid(t, set, evaluator.Request{Principal: p, Action: "s3:GetObject", Resource: hObject})
		})
	}
	for _, a := range []string{"", "s3", "s3:", ":GetObject", ":", "s3:Get*", "s3:Get?bject", "s3:*", "*", "s3:a:b", "s3::GetObject", mib, "s3:" + colons} {
		t.Run(fmt.Sprintf("action %.50q", a), func(t *testing.T) {
			requireInvalid(t, set, evaluator.Request{Principal: hUser, Action: a, Resource: hObject})
		})
	}
	t.Run("empty resource", func(t *testing.T) {
		requireInvalid(t, set, evaluator.Request{Principal: hUser, Action: "s3:GetObject"})
	})
	t.Run("principal account differs from the principal ARN", func(t *testing.T) {
		for _, acct := range []string{"444455556666", "11112222333", mib} {
			requireInvalid(t, set, evaluator.Request{Principal: hUser, PrincipalAccount: acct, Action: "s3:GetObject", Resource: hObject})
		}
	})
	t.Run("nil set", func(t *testing.T) {
		var nilSet *evaluator.Set
		requireInvalid(t, nilSet, evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: hObject})
	})
	t.Run("zero request", func(t *testing.T) {
		requireInvalid(t, set, evaluator.Request{})
	})
}

// TestHostileContextValues checks that a malformed request value makes its
// condition false, so a statement that needs it never grants, under
// positive and negated operators alike; and that extreme but valid values
// compare exactly.
func TestHostileContextValues(t *testing.T) {
	allowIf := func(op, key, value string) string {
		return hStmt(fmt.Sprintf(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{%q:{%q:%q}}`, op, key, value))
	}
	tests := []struct {
		op, key, policyValue string
		requestValue         string
		want                 evaluator.Decision
	}{
		// Numbers.
		{"NumericLessThan", "s3:max-keys", "100", "1e400", evaluator.ImplicitDeny},
		{"NumericNotEquals", "s3:max-keys", "100", "1e400", evaluator.ImplicitDeny},
		{"NumericGreaterThan", "s3:max-keys", "100", "-1e400", evaluator.ImplicitDeny},
		{"NumericNotEquals", "s3:max-keys", "100", "Infinity", evaluator.ImplicitDeny},
		{"NumericLessThanIfExists", "s3:max-keys", "100", "NaN", evaluator.ImplicitDeny},
		{"NumericNotEquals", "s3:max-keys", "100", "", evaluator.ImplicitDeny},
		{"NumericLessThan", "s3:max-keys", "100", strings.Repeat("9", 10000), evaluator.ImplicitDeny},
		{"NumericGreaterThan", "s3:max-keys", "100", strings.Repeat("9", 10000), evaluator.Allowed},
		{"NumericLessThan", "s3:max-keys", "1" + strings.Repeat("0", 5000), strings.Repeat("9", 5000), evaluator.Allowed},
		{"NumericLessThan", "s3:max-keys", "100", "-" + strings.Repeat("9", 16000), evaluator.Allowed},
		// Dates.
		{"DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z", "99999-01-01T00:00:00Z", evaluator.ImplicitDeny},
		{"DateNotEquals", "aws:CurrentTime", "2030-01-01T00:00:00Z", "99999-01-01T00:00:00Z", evaluator.ImplicitDeny},
		{"DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z", "2020-13-01T00:00:00Z", evaluator.ImplicitDeny},
		{"DateNotEquals", "aws:CurrentTime", "2020-01-01T00:00:00Z", "2020-13-01", evaluator.ImplicitDeny},
		{"DateLessThan", "aws:EpochTime", "2030-01-01T00:00:00Z", "-1", evaluator.ImplicitDeny},
		{"DateNotEqualsIfExists", "aws:EpochTime", "2030-01-01T00:00:00Z", "-1609459200", evaluator.ImplicitDeny},
		{"DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z", "0000-01-01T00:00:00Z", evaluator.Allowed},
		{"DateLessThan", "aws:EpochTime", "2030-01-01T00:00:00Z", "9223372036854775807", evaluator.ImplicitDeny}, // the largest epoch: far future
		{"DateGreaterThan", "aws:EpochTime", "2030-01-01T00:00:00Z", "9223372036854775807", evaluator.Allowed},
		{"DateGreaterThan", "aws:EpochTime", "2030-01-01T00:00:00Z", strings.Repeat("9", 30), evaluator.ImplicitDeny}, // beyond 64 bits: not a date
		// Addresses.
		{"IpAddress", "aws:SourceIp", "::/0", "fe80::1%eth0", evaluator.ImplicitDeny},
		{"NotIpAddress", "aws:SourceIp", "203.0.113.0/24", "fe80::1%eth0", evaluator.ImplicitDeny},
		{"NotIpAddress", "aws:SourceIp", "203.0.113.0/24", "10.0.0.1%eth0", evaluator.ImplicitDeny},
		{"NotIpAddress", "aws:SourceIp", "203.0.113.0/24", "10.0.0.0/8", evaluator.ImplicitDeny},
		{"IpAddress", "aws:SourceIp", "203.0.113.0/24", "::ffff:203.0.113.7", evaluator.ImplicitDeny},
		{"IpAddress", "aws:SourceIp", "::ffff:203.0.113.0/120", "::ffff:203.0.113.7", evaluator.Allowed},
		{"IpAddress", "aws:SourceIp", "::ffff:203.0.113.0/120", "203.0.113.7", evaluator.ImplicitDeny},
		// Booleans, binaries and ARNs.
		{"Bool", "aws:SecureTransport", "true", "true ", evaluator.ImplicitDeny}, // (a NUL is refused with the request: TestHostileRequestBadBytes)
		{"Bool", "aws:SecureTransport", "false", "", evaluator.ImplicitDeny},
		{"BinaryEquals", "k:bin", "QQ==", "QQ", evaluator.ImplicitDeny},
		{"ArnNotLike", "aws:SourceArn", "arn:aws:s3:::b/*", "not an arn", evaluator.ImplicitDeny},
		{"ArnLike", "aws:SourceArn", "arn:aws:s3:::*", "arn:aws:s3:::" + strings.Repeat(":", 10000), evaluator.Allowed},
	}
	for _, tc := range tests {
		name := fmt.Sprintf("%s %.30q", tc.op, tc.requestValue)
		t.Run(name, func(t *testing.T) {
			var set *evaluator.Set
			race.Within(t, "Compile", func() {
				var err error
				set, err = evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t, allowIf(tc.op, tc.key, tc.policyValue))}})
				if err != nil {
					t.Fatal(err)
				}
			})
			r := evaluator.Request{Principal: hUser, Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket",
				Context: conditions.NewContext(map[string]conditions.Value{tc.key: conditions.Single(tc.requestValue)})}
			race.Within(t, "Evaluate", func() {
				res := set.Evaluate(r)
				if res.Decision != tc.want || res.Err != nil {
					t.Errorf("got %v (reason %v, err %v), want %v", res.Decision, res.Reason, res.Err, tc.want)
				}
				if ex := set.Explain(r); ex.Decision != res.Decision {
					t.Errorf("Explain decided %v, Evaluate %v", ex.Decision, res.Decision)
				}
			})
		})
	}
}

// TestHostileLargeRequests evaluates requests with huge fields against
// ordinary policies.
func TestHostileLargeRequests(t *testing.T) {
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t, hStmt(
		`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*"`,
		`"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::denied/*"`,
		`"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}`,
	))}})
	if err != nil {
		t.Fatal(err)
	}
	colons := strings.Repeat(":", 10000)
	// Request fields and context values longer than the limits are refused
	// (an ImplicitDeny with Err); values just under them are evaluated.
	mib := strings.Repeat("a", 1<<20)
	big := strings.Repeat("a", 16000)
	tests := []struct {
		name string
		r    evaluator.Request
		want evaluator.Decision
	}{
		{"resource of 10,000 colons", evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + colons}, evaluator.Allowed},
		{"10,000 colons after the service", evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:" + colons}, evaluator.Allowed},
		{"10,000 colons, another service", evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:ec2:" + colons}, evaluator.ImplicitDeny},
		{"denied prefix then 10,000 colons", evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::denied/" + colons}, evaluator.ExplicitDeny},
		{"1 MiB resource", evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + mib}, evaluator.ImplicitDeny},
		{"16,000-byte resource", evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + big}, evaluator.Allowed},
		{"1 MiB non-ARN resource", evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: mib}, evaluator.ImplicitDeny},
		{"1 MiB action name", evaluator.Request{Principal: hUser, Action: "s3:" + mib, Resource: hObject}, evaluator.ImplicitDeny},
		{"1 MiB user name", evaluator.Request{Principal: "arn:aws:iam::111122223333:user/" + mib, Action: "s3:GetObject", Resource: hObject}, evaluator.ImplicitDeny},
		{"16,000-byte user name", evaluator.Request{Principal: "arn:aws:iam::111122223333:user/" + big, Action: "s3:GetObject", Resource: hObject}, evaluator.Allowed},
		{"1 MiB prefix", evaluator.Request{Principal: hUser, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: conditions.NewContext(map[string]conditions.Value{
			"aws:username": conditions.Single("alice"), "s3:prefix": conditions.Single("home/alice/" + mib)})}, evaluator.ImplicitDeny},
		{"16,000-byte prefix", evaluator.Request{Principal: hUser, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: conditions.NewContext(map[string]conditions.Value{
			"aws:username": conditions.Single("alice"), "s3:prefix": conditions.Single("home/alice/" + big)})}, evaluator.Allowed},
		{"16,000-byte user name substituted", evaluator.Request{Principal: hUser, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: conditions.NewContext(map[string]conditions.Value{
			"aws:username": conditions.Single(big), "s3:prefix": conditions.Single("home/" + big + "/x")})}, evaluator.Allowed},
		{"10,000 context keys", evaluator.Request{Principal: hUser, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: manyKeys(10000)}, evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			race.Within(t, "Evaluate and Explain", func() {
				res := set.Evaluate(tc.r)
				if res.Decision != tc.want {
					t.Errorf("got %v (reason %v, err %v), want %v", res.Decision, res.Reason, res.Err, tc.want)
				}
				if ex := set.Explain(tc.r); ex.Decision != res.Decision {
					t.Errorf("Explain decided %v, Evaluate %v", ex.Decision, res.Decision)
				}
			})
		})
	}
}

func manyKeys(n int) conditions.Context {
	m := make(map[string]conditions.Value, n)
	for i := range n {
		m[fmt.Sprintf("aws:PrincipalTag/k%d", i)] = conditions.Multi("a", "b")
	}
	return conditions.NewContext(m)
}

// TestHostileLargePolicies compiles and evaluates statements with 10,000
// actions, 10,000 resources and 1,000 condition clauses, and 1,000
// statements.
func TestHostileLargePolicies(t *testing.T) {
	list := func(n int, format string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = fmt.Sprintf(format, i)
		}
		return strings.Join(parts, ",")
	}
	ctx := map[string]conditions.Value{}
	for i := range 1000 {
		ctx[fmt.Sprintf("aws:PrincipalTag/k%d", i)] = conditions.Single("v")
	}
	full := conditions.NewContext(ctx)
	ctx["aws:PrincipalTag/k999"] = conditions.Single("other")
	lastWrong := conditions.NewContext(ctx)

	tests := []struct {
		name  string
		doc   string
		req   evaluator.Request
		want  evaluator.Decision
		runs  int
		other evaluator.Request // a request the policy must not allow
	}{
		{"10,000 actions", hStmt(`"Effect":"Allow","Action":[` + list(10000, `"s3:Get%d*"`) + `],"Resource":"*"`),
			evaluator.Request{Principal: hUser, Action: "s3:Get9999Object", Resource: hObject}, evaluator.Allowed, 100,
			evaluator.Request{Principal: hUser, Action: "s3:PutObject", Resource: hObject}},
		{"10,000 resources", hStmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":[` + list(10000, `"arn:aws:s3:::b%d/*"`) + `]`),
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::b9999/k"}, evaluator.Allowed, 100,
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::b10000/k"}},
		{"1,000 condition clauses", hStmt(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{` + list(1000, `"aws:PrincipalTag/k%d":"v"`) + `}}`),
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: hObject, Context: full}, evaluator.Allowed, 100,
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: hObject, Context: lastWrong}},
		{"1,000 statements", `{"Version":"2012-10-17","Statement":[` + list(1000, `{"Effect":"Allow","Action":"s3:Get%d","Resource":"*"}`) + `]}`,
			evaluator.Request{Principal: hUser, Action: "s3:Get999", Resource: hObject}, evaluator.Allowed, 100,
			evaluator.Request{Principal: hUser, Action: "s3:Get1000", Resource: hObject}},
		{"999 deny statements with variables", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` +
			list(999, `{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::${aws:PrincipalTag/k%d}/*"}`) + `]}`,
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: hObject, Context: full}, evaluator.Allowed, 10,
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::v/k", Context: full}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var set *evaluator.Set
			race.Within(t, "Parse and Compile", func() {
				var err error
				if set, err = evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t, tc.doc)}}); err != nil {
					t.Fatal(err)
				}
			})
			race.Within(t, fmt.Sprintf("%d evaluations", tc.runs), func() {
				for range tc.runs {
					if res := set.Evaluate(tc.req); res.Decision != tc.want {
						t.Fatalf("got %v (reason %v, err %v), want %v", res.Decision, res.Reason, res.Err, tc.want)
					}
				}
			})
			race.Within(t, "Explain", func() {
				if res := set.Explain(tc.req); res.Decision != tc.want {
					t.Errorf("Explain: got %v, want %v", res.Decision, tc.want)
				}
				if res := set.Explain(tc.other); res.Decision == evaluator.Allowed {
					t.Errorf("other request allowed: %v", res)
				}
			})
		})
	}
}

// TestHostilePathologicalResource bounds one evaluation when a Resource,
// NotResource or StringLike value is the backtracking trap
// *a*a*a*a*a*a*a*b and the request holds 10 KiB of 'a'. The performance target allows
// 100 µs per match; the test allows 5 ms per evaluation so that it holds
// under the race detector.
func TestHostilePathologicalResource(t *testing.T) {
	as := strings.Repeat("a", 10*1024)
	tests := []struct {
		name string
		doc  string
		req  evaluator.Request
		want evaluator.Decision
	}{
		{"Resource", hStmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*a*a*a*a*a*a*a*b"`),
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + as}, evaluator.ImplicitDeny},
		{"Resource, trailing star", hStmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*a*a*a*a*a*a*a*b*"`),
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + as}, evaluator.ImplicitDeny},
		{"Resource with a variable", hStmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${aws:username}*a*a*a*a*a*a*a*b"`),
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + as,
				Context: conditions.NewContext(map[string]conditions.Value{"aws:username": conditions.Single("a")})}, evaluator.ImplicitDeny},
		{"NotResource in a Deny", hStmt(`"Effect":"Allow","Action":"*","Resource":"*"`, `"Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::*a*a*a*a*a*a*a*b"`),
			evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + as}, evaluator.ExplicitDeny},
		{"StringLike", hStmt(`"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"*a*a*a*a*a*a*a*b"}}`),
			evaluator.Request{Principal: hUser, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b",
				Context: conditions.NewContext(map[string]conditions.Value{"s3:prefix": conditions.Single(as)})}, evaluator.ImplicitDeny},
		{"ForAnyValue:StringLike over 10 values", hStmt(`"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":"*a*a*a*a*a*a*a*b"}}`),
			evaluator.Request{Principal: hUser, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b",
				Context: conditions.NewContext(map[string]conditions.Value{"aws:TagKeys": conditions.Multi(as, as, as, as, as, as, as, as, as, as)})}, evaluator.ImplicitDeny},
		{"action", hStmt(`"Effect":"Allow","Action":"s3:*a*a*a*a*a*a*a*b","Resource":"*"`),
			evaluator.Request{Principal: hUser, Action: "s3:" + as, Resource: hObject}, evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t, tc.doc)}})
			if err != nil {
				t.Fatal(err)
			}
			const n = 100
			start := time.Now()
			for range n {
				if res := set.Evaluate(tc.req); res.Decision != tc.want {
					t.Fatalf("got %v (reason %v, err %v), want %v", res.Decision, res.Reason, res.Err, tc.want)
				}
			}
			per := time.Since(start) / n
			if per > 5*time.Millisecond {
				t.Errorf("%v per evaluation, want ≤ 5ms", per)
			}
			t.Logf("%v per evaluation", per)
		})
	}
}

// TestHostileCompileRefusesInvalid checks, for every policy slot, that
// Compile accepts a policy valid for its type and refuses the same policy
// with one invalid date (which AWS rejects) or beyond a safety limit,
// naming the slot.
func TestHostileCompileRefusesInvalid(t *testing.T) {
	const badDate = `,"Condition":{"DateLessThan":{"aws:CurrentTime":"2020-13-01T00:00:00Z"}}`
	identity := `"Effect":"Allow","Action":"s3:GetObject","Resource":"*"`
	resource := `"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"`
	trust := `"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"`
	rcp := `"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"`
	endpoint := `"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"`

	// slot builds Policies with p in one slot; the other slots hold valid
	// policies before it so that the index and level are checked.
	type slot struct {
		name    string
		members string
		put     func(ok, p *policy.Policy) evaluator.Policies
		want    evaluator.PolicyRef
	}
	slots := []slot{
		{"identity", identity, func(ok, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{Identity: []*policy.Policy{ok, p}}
		}, evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1, Index: 1}},
		{"resource", resource, func(_, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{Resource: p}
		}, evaluator.PolicyRef{Type: policy.TypeResource, Level: -1}},
		{"trust", trust, func(_, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{Resource: p, ResourceType: policy.TypeTrust}
		}, evaluator.PolicyRef{Type: policy.TypeTrust, Level: -1}},
		{"boundary", identity, func(_, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{Boundary: p}
		}, evaluator.PolicyRef{Type: policy.TypeBoundary, Level: -1}},
		{"session", identity, func(ok, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{Session: []*policy.Policy{ok, ok, p}}
		}, evaluator.PolicyRef{Type: policy.TypeSession, Level: -1, Index: 2}},
		{"scp", identity, func(ok, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{SCPs: [][]*policy.Policy{{ok}, {ok, p}}}
		}, evaluator.PolicyRef{Type: policy.TypeSCP, Level: 1, Index: 1}},
		{"rcp", rcp, func(ok, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{RCPs: [][]*policy.Policy{{ok}, {ok}, {p}}}
		}, evaluator.PolicyRef{Type: policy.TypeRCP, Level: 2, Index: 0}},
		{"endpoint", endpoint, func(ok, p *policy.Policy) evaluator.Policies {
			return evaluator.Policies{Endpoints: []*policy.Policy{p, ok}}
		}, evaluator.PolicyRef{Type: policy.TypeEndpoint, Level: -1, Index: 0}},
	}
	for _, s := range slots {
		t.Run(s.name, func(t *testing.T) {
			good := hPolicy(t, hStmt(s.members))
			if _, err := evaluator.Compile(s.put(good, good)); err != nil {
				t.Fatalf("a valid %s policy is refused: %v", s.name, err)
			}
			// An invalid date: Parse returns the policy with the error,
			// and Compile must still refuse it.
			bad, err := policy.Parse([]byte(hStmt(s.members + badDate)))
			if bad == nil || err == nil {
				t.Fatalf("Parse of the invalid policy = %v, %v", bad, err)
			}
			// Beyond a safety limit: a policy built in Go with a Resource
			// of 10,000 colons (longer than MaxStringLength).
			parsed := hPolicy(t, hStmt(s.members))
			huge := &policy.Policy{Version: parsed.Version, Statements: []policy.Statement{parsed.Statements[0]}}
			st := &huge.Statements[0]
			if s.name == "trust" {
				st.Actions = []policy.Item{{Value: "sts:" + strings.Repeat("A", 10000)}}
			} else {
				st.Resources = []policy.Item{{Value: "arn:aws:s3:::" + strings.Repeat(":", 10000)}}
				st.HasResource = true
			}
			for name, p := range map[string]*policy.Policy{"invalid date": bad, "over a limit": huge, "nil": nil} {
				if name == "nil" && (s.name == "resource" || s.name == "trust" || s.name == "boundary") {
					continue // a nil Resource or Boundary means "none"
				}
				race.Within(t, "Compile", func() {
					set, err := evaluator.Compile(s.put(good, p))
					var ce *evaluator.CompileError
					if set != nil || !errors.As(err, &ce) {
						t.Fatalf("%s: Compile = %v, %v; want a *CompileError", name, set, err)
					}
					if ce.Policy != s.want {
						t.Errorf("%s: error names %+v, want %+v", name, ce.Policy, s.want)
					}
					var fs policy.Findings
					if name != "nil" && (!errors.As(err, &fs) || !fs.HasErrors()) {
						t.Errorf("%s: error does not wrap the policy's findings: %v", name, err)
					}
					if !strings.Contains(err.Error(), s.want.String()) && !strings.Contains(err.Error(), string(s.want.Type)) {
						t.Errorf("%s: error %q does not name the policy", name, err)
					}
				})
			}
		})
	}
}

// NUL, control characters and invalid UTF-8 in any request field or context
// key/value must be an ImplicitDeny with Err, never an allow. Against a set
// that allows everything, each of these is Allowed today.
func TestHostileRequestBadBytes(t *testing.T) {
	set := hOpenSet(t)
	ctx := func(k, v string) conditions.Context {
		return conditions.NewContext(map[string]conditions.Value{k: conditions.Single(v)})
	}
	o := hObject
	for name, r := range map[string]evaluator.Request{
		"principal NUL":           {Principal: hUser + "\x00", Action: "s3:GetObject", Resource: o},
		"principal invalid UTF-8": {Principal: hUser + "\xff", Action: "s3:GetObject", Resource: o},
		"service principal NUL":   {Principal: "lambda.amazonaws.com\x00", Action: "s3:GetObject", Resource: o},
		"provider NUL":            {Principal: "federated:\x00", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::111122223333:role/r"},
		"action NUL":              {Principal: hUser, Action: "s3:GetObject\x00", Resource: o},
		"action invalid UTF-8":    {Principal: hUser, Action: "s3:GetObject\xff", Resource: o},
		"action service invalid":  {Principal: hUser, Action: "s\xff3:GetObject", Resource: o},
		"action with a space":     {Principal: hUser, Action: "s3:Get Object", Resource: o},
		"resource NUL":            {Principal: hUser, Action: "s3:GetObject", Resource: o + "\x00"},
		"resource invalid UTF-8":  {Principal: hUser, Action: "s3:GetObject", Resource: o + "\xff"},
		"session issuer NUL":      {Principal: "arn:aws:sts::111122223333:assumed-role/r/s", SessionIssuer: "arn:aws:iam::111122223333:role/r\x00", Action: "s3:GetObject", Resource: o},
		"principal account NUL":   {Principal: "lambda.amazonaws.com", PrincipalAccount: "11112222333\x00", Action: "s3:GetObject", Resource: o},
		"resource account bad":    {Principal: hUser, ResourceAccount: "1111\xff", Action: "s3:GetObject", Resource: o},
		"context key NUL":         {Principal: hUser, Action: "s3:GetObject", Resource: o, Context: ctx("aws:username\x00", "v")},
		"context value invalid":   {Principal: hUser, Action: "s3:GetObject", Resource: o, Context: ctx("aws:username", "\xff")},
		"context value NUL":       {Principal: hUser, Action: "s3:GetObject", Resource: o, Context: ctx("aws:username", "a\x00")},
	} {
		t.Run(name, func(t *testing.T) {
			res := set.Evaluate(r)
			var re *evaluator.RequestError
			if res.Decision != evaluator.ImplicitDeny || !errors.As(res.Err, &re) {
				t.Errorf("got %v (reason %v, err %v), want an implicit deny with a *RequestError", res.Decision, res.Reason, res.Err)
			}
		})
	}
}

// CompileError must name the endpoint policy that is invalid: for
// Endpoints[1] it names endpoint[0] (compileGroup is called with a
// one-element slice, so its index is always 0).
func TestHostileCompileErrorNamesEndpointIndex(t *testing.T) {
	ok := hPolicy(t, hStmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"`))
	_, err := evaluator.Compile(evaluator.Policies{Endpoints: []*policy.Policy{ok, nil}})
	var ce *evaluator.CompileError
	if !errors.As(err, &ce) || ce.Policy.Index != 1 {
		t.Errorf("Compile error = %v, want one naming endpoint[1]", err)
	}
}

// One evaluation must stay bounded when an 8 KiB policy glob (within
// MaxStringLength) meets a 1 MiB request resource: the matcher is
// O(len(segment) × len(subject)).
func TestHostileLongSegmentResource(t *testing.T) {
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t,
		hStmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*`+strings.Repeat("a", 8000)+`b*"`))}})
	if err != nil {
		t.Fatal(err)
	}
	r := evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + strings.Repeat("a", 1<<20)}
	race.Within(t, "one evaluation", func() { set.Evaluate(r) })
}

// The same gap bypasses an explicit Deny: "s3:GetObject\x00" is not the
// denied action but is granted by "s3:*".
func TestHostileBadBytesBypassDeny(t *testing.T) {
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t, hStmt(
		`"Effect":"Allow","Action":"s3:*","Resource":"*"`,
		`"Effect":"Deny","Action":"s3:GetObject","Resource":"*"`))}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"s3:GetObject\x00", "s3:GetObject\xff", "s3:GetObject ", "s3:GetObject\n"} {
		if res := set.Evaluate(evaluator.Request{Principal: hUser, Action: a, Resource: hObject}); res.Decision == evaluator.Allowed {
			t.Errorf("action %q: allowed past the Deny of s3:GetObject", a)
		}
	}
}
