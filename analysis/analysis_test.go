package analysis

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

func mustParse(t testing.TB, name, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.ParseFile(name, []byte(doc))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func stmts(s ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(s, ",") + `]}`
}

// checkAnswer verifies the contract every answer keeps: a Fail carries
// witnesses that replay, anything else carries none.
func checkAnswer(t *testing.T, a Answer) {
	t.Helper()
	if a.Verdict == Fail && len(a.Witnesses) == 0 {
		t.Fatal("Fail without a witness")
	}
	if a.Verdict != Fail && len(a.Witnesses) != 0 {
		t.Fatalf("%s with witnesses", a.Verdict)
	}
	if a.Verdict == Unknown && a.Reason == "" {
		t.Fatal("Unknown without a reason")
	}
}

func TestCompareIdentity(t *testing.T) {
	for _, tc := range []struct {
		name      string
		ref, cand string
		want      Verdict
	}{
		{"same", stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), Pass},
		{"narrower", stmts(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`), stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), Pass},
		{"wildcard action", stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), stmts(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`), Fail},
		{"action case", stmts(`{"Effect":"Allow","Action":"s3:getobject","Resource":"*"}`), stmts(`{"Effect":"Allow","Action":"S3:GetObject","Resource":"*"}`), Pass},
		{"NotAction", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), stmts(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), Fail},
		{"NotAction narrower", stmts(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), Pass},
		{"NotResource", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a/*"}`), stmts(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::b/*"}`), Fail},
		{"resource glob", stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/x*"}`), Pass},
		{"resource glob wider", stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/x*"}`), stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), Fail},
		{"deny removed", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), Fail},
		{"deny added", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}`), Pass},
		{"deny with condition", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}`), Fail},
		{"condition removed", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), Fail},
		{"condition narrowed", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}}`), Pass},
		{"condition widened", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`), Fail},
		{"IfExists widens", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}}}`), Fail},
		{"numeric", stmts(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}}`), stmts(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10"}}}`), Pass},
		{"numeric wider", stmts(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10"}}}`), stmts(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}}`), Fail},
		{"date", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2031-01-01T00:00:00Z"}}}`), Fail},
		{"ForAnyValue", stmts(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}}`), stmts(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}}`), Fail},
		{"ForAllValues narrower", stmts(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}}`), stmts(`{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}}`), Pass},
		{"principal tag", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalTag/team":"b*"}}}`), Fail},
		{"wildcard account", stmts(`{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:*:111122223333:q"}`), stmts(`{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:*:1111*:q"}`), Unknown},
		{"variable", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}`), stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) { expectCompare(t, policy.TypeIdentity, tc.ref, tc.cand, tc.want) })
	}
}

func TestCompareResource(t *testing.T) {
	bucket := func(principal string, extra string) string {
		return stmts(`{"Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"` + extra + `}`)
	}
	for _, tc := range []struct {
		name      string
		typ       policy.Type
		ref, cand string
		want      Verdict
	}{
		{"same", policy.TypeResource, bucket(`{"AWS":"111122223333"}`, ""), bucket(`{"AWS":"111122223333"}`, ""), Pass},
		{"new principal", policy.TypeResource, bucket(`{"AWS":"111122223333"}`, ""), bucket(`{"AWS":["111122223333","444455556666"]}`, ""), Fail},
		{"user with a path", policy.TypeResource, bucket(`{"AWS":"arn:aws:iam::111122223333:user/a"}`, ""), bucket(`{"AWS":["arn:aws:iam::111122223333:user/a","arn:aws:iam::111122223333:user/dev/bob"]}`, ""), Fail},
		{"account to role", policy.TypeResource, bucket(`{"AWS":"111122223333"}`, ""), bucket(`{"AWS":"arn:aws:iam::111122223333:role/R"}`, ""), Pass},
		{"role to account", policy.TypeResource, bucket(`{"AWS":"arn:aws:iam::111122223333:role/R"}`, ""), bucket(`{"AWS":"111122223333"}`, ""), Fail},
		{"star", policy.TypeResource, bucket(`{"AWS":"111122223333"}`, ""), bucket(`"*"`, ""), Fail},
		{"star with org", policy.TypeResource, bucket(`"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}`), bucket(`"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"},"Bool":{"aws:SecureTransport":"true"}}`), Pass},
		{"org removed", policy.TypeResource, bucket(`"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}`), bucket(`"*"`, ""), Fail},
		{"service", policy.TypeResource, bucket(`{"Service":"cloudtrail.amazonaws.com"}`, ""), bucket(`{"Service":["cloudtrail.amazonaws.com","config.amazonaws.com"]}`, ""), Fail},
		{"principal arn", policy.TypeResource, bucket(`"*"`, `,"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin*"}}`), bucket(`"*"`, `,"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`), Pass},
		{"principal arn wider", policy.TypeResource, bucket(`"*"`, `,"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`), bucket(`"*"`, `,"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin*"}}`), Fail},
		{"trust new provider", policy.TypeTrust,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`, Fail},
	} {
		t.Run(tc.name, func(t *testing.T) { expectCompare(t, tc.typ, tc.ref, tc.cand, tc.want) })
	}
}

// expectCompare compares two documents of type typ and checks the answer's
// verdict and its consistency (checkAnswer).
func expectCompare(t *testing.T, typ policy.Type, ref, cand string, want Verdict) {
	t.Helper()
	a, err := Compare(typ, mustParse(t, "ref.json", ref), mustParse(t, "cand.json", cand), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkAnswer(t, a)
	if a.Verdict != want {
		t.Fatalf("got %s (%s), want %s; stats %+v; witnesses %+v", a.Verdict, a.Reason, want, a.Stats, a.Witnesses)
	}
	t.Logf("%s %+v", a.Verdict, a.Stats)
}

func TestCompareSets(t *testing.T) {
	id := mustParse(t, "id.json", stmts(`{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"}`))
	boundary := mustParse(t, "boundary.json", stmts(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`))
	scp := mustParse(t, "scp.json", stmts(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"ec2:*","Resource":"*"}`))
	for _, tc := range []struct {
		name      string
		ref, cand evaluator.Policies
		want      Verdict
	}{
		{"boundary added", evaluator.Policies{Identity: []*policy.Policy{id}}, evaluator.Policies{Identity: []*policy.Policy{id}, Boundary: boundary}, Pass},
		{"boundary removed", evaluator.Policies{Identity: []*policy.Policy{id}, Boundary: boundary}, evaluator.Policies{Identity: []*policy.Policy{id}}, Fail},
		{"scp level added", evaluator.Policies{Identity: []*policy.Policy{id}}, evaluator.Policies{Identity: []*policy.Policy{id}, SCPs: [][]*policy.Policy{{scp}}}, Pass},
		{"scp level removed", evaluator.Policies{Identity: []*policy.Policy{id}, SCPs: [][]*policy.Policy{{scp}}}, evaluator.Policies{Identity: []*policy.Policy{id}}, Fail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := CompareSets(tc.ref, tc.cand, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkAnswer(t, a)
			if a.Verdict != tc.want {
				t.Fatalf("got %s (%s), want %s; witnesses %+v", a.Verdict, a.Reason, tc.want, a.Witnesses)
			}
			t.Logf("%s %+v", a.Verdict, a.Stats)
		})
	}
}
