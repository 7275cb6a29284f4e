package evaluator_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// probe compiles policies that deny s3:GetObject when cond holds and
// otherwise allow it, both as a resource policy naming everyone and as an
// identity policy, so that every kind of caller, in any account and the
// root user included, is explicitly denied exactly when cond holds.
func probe(t testing.TB, cond string) *evaluator.Set {
	t.Helper()
	stmts := `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},` +
		`{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":` + cond + `}`
	doc := `{"Version":"2012-10-17","Statement":[` + stmts + `]}`
	id := `{"Version":"2012-10-17","Statement":[` + strings.ReplaceAll(stmts, `"Principal":"*",`, "") + `]}`
	set, err := evaluator.Compile(evaluator.Policies{Resource: pol(t, doc), Identity: []*policy.Policy{pol(t, id)}})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// derivedValue reports whether key is present for r, and whether it equals
// want (StringEquals).
func derivedValue(t *testing.T, r evaluator.Request, key, want string) (present, equal bool) {
	t.Helper()
	r.Action = "s3:GetObject"
	if r.Resource == "" {
		r.Resource = "arn:aws:s3:::bucket/key"
	}
	null := probe(t, fmt.Sprintf(`{"Null":{%q:"false"}}`, key)).Evaluate(r)
	eq := probe(t, fmt.Sprintf(`{"StringEquals":{%q:%q}}`, key, want)).Evaluate(r)
	if null.Err != nil || eq.Err != nil {
		t.Fatalf("%s: %v %v", key, null.Err, eq.Err)
	}
	return null.Decision == evaluator.ExplicitDeny, eq.Decision == evaluator.ExplicitDeny
}

func TestDerivedKeys(t *testing.T) {
	when := time.Date(2026, 12, 1, 21, 0, 5, 0, time.UTC)
	user := evaluator.Request{Principal: "arn:aws:iam::111122223333:user/path/alice"}
	session := evaluator.Request{Principal: sessionArn}
	issued := evaluator.Request{Principal: sessionArn, SessionIssuer: "arn:aws:iam::111122223333:role/path/app", PrincipalID: "AROAEXAMPLE:s1"}
	fed := evaluator.Request{Principal: fedArn}
	root := evaluator.Request{Principal: rootArn}
	service := evaluator.Request{Principal: "lambda.amazonaws.com"}
	anon := evaluator.Request{}
	org := evaluator.Request{Principal: userArn, PrincipalOrgID: "o-abc", ResourceOrgID: "o-def",
		PrincipalOrgPaths: []string{"o-abc/r-1/ou-2/"}, PrincipalTags: evaluator.NewTags(map[string]string{"Team": "blue"})}
	timed := evaluator.Request{Principal: userArn, Time: when}
	regional := evaluator.Request{Principal: userArn, Resource: secretArn}
	elsewhere := evaluator.Request{Principal: userArn, Resource: "arn:aws:secretsmanager:eu-west-1:444455556666:secret:x"}
	overridden := evaluator.Request{Principal: userArn, Context: conditions.NewContext(map[string]conditions.Value{
		"AWS:SecureTransport": conditions.Single("false"), "aws:PrincipalArn": conditions.Single("arn:aws:iam::111122223333:user/other"),
	})}

	for _, c := range []struct {
		name    string
		r       evaluator.Request
		key     string
		want    string // "" : absent
		present bool
	}{
		{"user arn", user, "aws:PrincipalArn", user.Principal, true},
		{"user account", user, "aws:PrincipalAccount", acctA, true},
		{"user type", user, "aws:PrincipalType", "User", true},
		{"user name", user, "aws:username", "alice", true},
		{"user id unknown", user, "aws:userid", "", false},
		{"user not service", user, "aws:PrincipalIsAWSService", "false", true},
		{"user no service name", user, "aws:PrincipalServiceName", "", false},
		{"session arn is the role's", session, "aws:PrincipalArn", roleArn, true},
		{"session arn with the issuer's path", issued, "aws:PrincipalArn", "arn:aws:iam::111122223333:role/path/app", true},
		{"session type", session, "aws:PrincipalType", "AssumedRole", true},
		{"session has no username", session, "aws:username", "", false},
		{"session id given", issued, "aws:userid", "AROAEXAMPLE:s1", true},
		{"role principal arn", evaluator.Request{Principal: roleArn}, "aws:PrincipalArn", roleArn, true},
		{"federated arn", fed, "aws:PrincipalArn", fedArn, true},
		{"federated type", fed, "aws:PrincipalType", "FederatedUser", true},
		{"federated id", fed, "aws:userid", acctA + ":bob", true},
		{"root arn", root, "aws:PrincipalArn", rootArn, true},
		{"root type", root, "aws:PrincipalType", "Account", true},
		{"root id", root, "aws:userid", acctA, true},
		{"root has no username", root, "aws:username", "", false},
		{"service", service, "aws:PrincipalIsAWSService", "true", true},
		{"service name", service, "aws:PrincipalServiceName", "lambda.amazonaws.com", true},
		{"service has no arn", service, "aws:PrincipalArn", "", false},
		{"anonymous type", anon, "aws:PrincipalType", "Anonymous", true},
		{"anonymous has no id", anon, "aws:userid", "", false},
		{"anonymous has no account", anon, "aws:PrincipalAccount", "", false},
		{"resource account from the caller", user, "aws:ResourceAccount", acctA, true},
		{"resource account from the ARN", elsewhere, "aws:ResourceAccount", acctB, true},
		{"region from the ARN", regional, "aws:RequestedRegion", "us-east-1", true},
		{"no region in an S3 ARN", user, "aws:RequestedRegion", "", false},
		{"secure transport", user, "aws:SecureTransport", "true", true},
		{"not via a service", user, "aws:ViaAWSService", "false", true},
		{"no time", user, "aws:CurrentTime", "", false},
		{"current time", timed, "aws:CurrentTime", "2026-12-01T21:00:05Z", true},
		{"epoch time", timed, "aws:EpochTime", fmt.Sprint(when.Unix()), true},
		{"org id", org, "aws:PrincipalOrgID", "o-abc", true},
		{"resource org id", org, "aws:ResourceOrgID", "o-def", true},
		{"no org", user, "aws:PrincipalOrgID", "", false},
		{"tag, any case", org, "aws:PrincipalTag/team", "blue", true},
		{"no such tag", org, "aws:PrincipalTag/env", "", false},
		{"context wins", overridden, "aws:SecureTransport", "false", true},
		{"context wins for the arn", overridden, "aws:PrincipalArn", "arn:aws:iam::111122223333:user/other", true},
	} {
		present, equal := derivedValue(t, c.r, c.key, c.want)
		if present != c.present || (c.present && !equal) {
			t.Errorf("%s: %s present=%v equal %q=%v, want present=%v", c.name, c.key, present, c.want, equal, c.present)
		}
	}
	// aws:PrincipalOrgPaths is multivalued.
	r := org
	r.Action, r.Resource = "s3:GetObject", bucketObj
	if got := probe(t, `{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-abc/*"}}`).Evaluate(r); got.Decision != evaluator.ExplicitDeny {
		t.Errorf("org paths: %v", got)
	}
	if got := probe(t, `{"StringLike":{"aws:PrincipalOrgPaths":"o-abc/*"}}`).Evaluate(r); got.Decision != evaluator.Allowed {
		t.Errorf("org paths are multivalued: a plain operator must not match: %v", got)
	}
}

// The acceptance case of SPEC §8.3: an SCP that exempts
// OrganizationAccountAccessRole by aws:PrincipalArn lets a session of the
// role through with no context given.
func TestSCPExemptsRoleByPrincipalArn(t *testing.T) {
	for _, op := range []string{"StringNotLike", "ArnNotLike", "StringNotLikeIfExists", "ArnNotLikeIfExists"} {
		scp := `{"Version":"2012-10-17","Statement":[{"Sid":"AllowAll","Effect":"Allow","Action":"*","Resource":"*"},` +
			`{"Sid":"DenyOthers","Effect":"Deny","Action":"*","Resource":"*","Condition":{"` + op +
			`":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrganizationAccountAccessRole"}}}]}`
		set, err := evaluator.Compile(evaluator.Policies{
			Identity: []*policy.Policy{pol(t, fullAccess)},
			SCPs:     [][]*policy.Policy{{pol(t, scp)}},
		})
		if err != nil {
			t.Fatal(err)
		}
		r := req("arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/s", "s3:GetObject", bucketObj)
		if got := set.Evaluate(r); got.Decision != evaluator.Allowed {
			t.Errorf("%s: the role's session: %v", op, got)
		}
		r.Principal = "arn:aws:sts::111122223333:assumed-role/Other/s"
		if got := set.Evaluate(r); got.Decision != evaluator.ExplicitDeny {
			t.Errorf("%s: another role's session: %v", op, got)
		}
	}
}

func TestAssumptions(t *testing.T) {
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` +
		`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},` +
		`{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}`
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{pol(t, deny)}})
	if err != nil {
		t.Fatal(err)
	}
	// An S3 ARN names no account: the caller's is assumed, always reported.
	const s3Acct = evaluator.AssumedResourceAccountFromCaller
	got := set.Evaluate(req(userArn, "s3:GetObject", bucketObj))
	if got.Decision != evaluator.Allowed || got.Assumptions != evaluator.AssumedSecureTransport|s3Acct {
		t.Errorf("s3: %v, assumptions %q", got, got.Assumptions)
	}
	// The ec2 statement reads the time; the s3 statement does not apply.
	got = set.Evaluate(req(userArn, "ec2:RunInstances", "*"))
	if got.Assumptions != evaluator.UnknownTime {
		t.Errorf("ec2: assumptions %q", got.Assumptions)
	}
	if s := got.Assumptions.String(); s != "aws:CurrentTime unknown (Request.Time not set)" {
		t.Errorf("String: %q", s)
	}
	r := req(userArn, "s3:GetObject", bucketObj)
	r.Context = conditions.NewContext(map[string]conditions.Value{"aws:SecureTransport": conditions.Single("true")})
	if got := set.Evaluate(r); got.Assumptions != s3Acct {
		t.Errorf("given in the context: assumptions %q", got.Assumptions)
	}
	r = req(userArn, "iam:ListUsers", "*")
	if got := set.Evaluate(r); got.Assumptions != 0 {
		t.Errorf("no statement reads a key: assumptions %q", got.Assumptions)
	}
	if got := set.Explain(req(userArn, "s3:GetObject", bucketObj)); got.Assumptions != evaluator.AssumedSecureTransport|s3Acct {
		t.Errorf("Explain: assumptions %q", got.Assumptions)
	}
	all := evaluator.Assumptions(0xFFFF).String()
	if n := strings.Count(all, "; ") + 1; n != 8 {
		t.Errorf("String names %d assumptions: %q", n, all)
	}
}

// TestDerivedKeysDoNotAllocate pins the zero-allocation property when
// policies read derived keys, text built in the derived state included (a
// role ARN without the issuer, ACCOUNT:NAME, the time).
func TestDerivedKeysDoNotAllocate(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/${aws:username}/*"},` +
		`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app"},` +
		`"StringEquals":{"aws:PrincipalTag/team":"blue","aws:userid":"${aws:userid}"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"},` +
		`"NumericGreaterThan":{"aws:EpochTime":"1"},"Bool":{"aws:SecureTransport":"true"},"StringEqualsIfExists":{"aws:RequestedRegion":"us-east-1"}}}]}`
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{pol(t, doc)}})
	if err != nil {
		t.Fatal(err)
	}
	tags := evaluator.NewTags(map[string]string{"team": "blue"})
	for _, r := range []evaluator.Request{
		{Principal: sessionArn, Action: "s3:GetObject", Resource: bucketObj, Time: time.Now(), PrincipalTags: tags, PrincipalID: "AROAX:s1"},
		{Principal: fedArn, Action: "s3:GetObject", Resource: bucketObj, Time: time.Now()},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/x"},
	} {
		res := set.Evaluate(r)
		if r.Principal == sessionArn && res.Decision != evaluator.Allowed {
			t.Errorf("%s: %v", r.Principal, set.Explain(r))
		}
		if n := testing.AllocsPerRun(200, func() { set.Evaluate(r) }); n != 0 {
			t.Errorf("%s: Evaluate allocates %.1f times per call", r.Principal, n)
		}
	}
}

// BenchmarkDerived measures requests that carry no context against
// policies that read keys AWS always sets: each key read is derived once,
// on the stack.
func BenchmarkDerived(b *testing.B) {
	scp := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` +
		`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrganizationAccountAccessRole"}}},` +
		`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"},"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}]}`
	set, err := evaluator.Compile(evaluator.Policies{
		Identity: []*policy.Policy{pol(b, fullAccess)},
		SCPs:     [][]*policy.Policy{{pol(b, scp)}},
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		r    evaluator.Request
	}{
		{"no-context", req("arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/s", "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/t")},
		{"context", func() evaluator.Request {
			r := req("arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/s", "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/t")
			r.Context = conditions.NewContext(map[string]conditions.Value{
				"aws:PrincipalArn":    conditions.Single("arn:aws:iam::111122223333:role/OrganizationAccountAccessRole"),
				"aws:SecureTransport": conditions.Single("true"),
				"aws:RequestedRegion": conditions.Single("us-east-1"),
			})
			return r
		}()},
	} {
		b.Run(c.name, func(b *testing.B) {
			if got := set.Evaluate(c.r); got.Decision != evaluator.Allowed {
				b.Fatalf("%v", got)
			}
			b.ReportAllocs()
			for b.Loop() {
				set.Evaluate(c.r)
			}
		})
	}
}

// TestDerivedTextSurvivesStackMoves evaluates, on fresh goroutines at
// every recursion depth up to a few kilobytes of stack, requests whose
// derived values are built on the stack (a role ARN without its issuer, the
// time), while the collector runs: the runtime moves the stack under the
// evaluation, and the decision must not change.
func TestDerivedTextSurvivesStackMoves(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{` +
		`"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/app"},` +
		`"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}`
	set, err := evaluator.Compile(evaluator.Policies{Resource: pol(t, strings.Replace(doc, `"Action"`, `"Principal":"*","Action"`, 1))})
	if err != nil {
		t.Fatal(err)
	}
	r := evaluator.Request{Principal: sessionArn, Action: "s3:GetObject", Resource: bucketObj, Time: time.Now()}
	var recurse func(n int) evaluator.Decision
	recurse = func(n int) evaluator.Decision {
		var pad [64]byte
		if n > 0 {
			d := recurse(n - 1)
			pad[n%64] = byte(d)
			return evaluator.Decision(pad[n%64])
		}
		return set.Evaluate(r).Decision
	}
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				runtime.GC()
			}
		}
	}()
	defer close(stop)
	for depth := 0; depth < 100; depth++ {
		done := make(chan evaluator.Decision)
		go func() { done <- recurse(depth) }()
		if got := <-done; got != evaluator.Allowed {
			t.Fatalf("depth %d: %v", depth, got)
		}
	}
}
