package lint_test

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/lint"
	"github.com/iamlogic/iamlogic/policy"
)

func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

// TestFindings: one row per finding, with a near miss that must stay quiet.
func TestFindings(t *testing.T) {
	tests := []struct {
		name string
		typ  policy.Type
		doc  string
		code policy.Code // "" for no finding
		text string      // a part of the message or the fix
	}{
		{"misspelt action", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObjcet","Resource":"arn:aws:s3:::b/*"}`), lint.CodeActionUnknown, "s3:GetObject"},
		{"action in another case", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"S3:getobject","Resource":"arn:aws:s3:::b/*"}`), "", ""},
		{"unknown service", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s4:GetObject","Resource":"*"}`), lint.CodeServiceUnknown, "s3"},
		{"pattern covering nothing", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:Fly*","Resource":"*"}`), lint.CodeActionPatternEmpty, "s3:Fly*"},
		{"pattern covering actions", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`), "", ""},
		{"object action on a bucket", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket"}`), lint.CodeResourceTypeMismatch, "bucket"},
		{"object action on objects", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/key"}`), "", ""},
		{"one action applies", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::bucket"}`), "", ""},
		{"StringEquals on an IP key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceIp":"10.0.0.1"}}}`), lint.CodeConditionOperatorType, "IpAddress"},
		{"IpAddress on an IP key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`), "", ""},
		{"Date on a string key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:username":"2020-01-01T00:00:00Z"}}}`), lint.CodeConditionOperatorType, "StringEquals"},
		{"String on an ARN key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}}`), "", ""},
		{"Null on any key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"aws:SourceIp":"true"}}}`), "", ""},
		{"misspelt key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SoruceIp":"x"}}}`), lint.CodeConditionKeyUnknown, "aws:SourceIp"},
		{"provider key", policy.TypeTrust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:o/r:ref:refs/heads/main"}}}]}`, "", ""},
		{"set qualifier on a single-valued key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:username":"x"}}}`), lint.CodeConditionSetOnSingle, "single-valued"},
		{"plain operator on a multivalued key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":"x"}}}`), lint.CodeConditionPlainOnMulti, "ForAnyValue"},
		{"set qualifier on a multivalued key", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":"x"}}}`), "", ""},
		{"PassRole on every role", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}`), lint.CodePassRoleWildcard, "PassRole"},
		{"PassRole by pattern", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"iam:Pass*","Resource":"*"}`), lint.CodePassRoleWildcard, "iam:Pass*"},
		{"PassRole on named roles", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app"}`), "", ""},
		{"PassRole denied", policy.TypeIdentity, doc(`{"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}`), "", ""},
		{"Allow with NotAction", policy.TypeIdentity, doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), lint.CodeAllowNotAction, "NotAction"},
		{"Deny with NotAction", policy.TypeIdentity, doc(`{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}`), "", ""},
		{"Allow with NotResource", policy.TypeIdentity, doc(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}`), lint.CodeAllowNotResource, "NotResource"},
		{"public bucket policy", policy.TypeResource, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), lint.CodePrincipalPublic, "public"},
		{"bucket policy for the organization", policy.TypeResource, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}`), "", ""},
		{"negated narrowing is not narrowing", policy.TypeResource, doc(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}}`), lint.CodePrincipalPublic, "every principal"},
		{"GitHub OIDC without sub", policy.TypeTrust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}`, lint.CodeOIDCConditions, "token.actions.githubusercontent.com:sub"},
		{"misspelt service principal", policy.TypeTrust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lamda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, lint.CodeServicePrincipalUnknown, "lambda.amazonaws.com"},
		{"service principal", policy.TypeTrust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole"}]}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := policy.ParseFile("p.json", []byte(tt.doc))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			fs := lint.Check(p, tt.typ, catalog.Default())
			if tt.code == "" {
				if len(fs) != 0 {
					t.Fatalf("unexpected findings:\n%v", fs)
				}
				return
			}
			for _, f := range fs {
				if f.Code != tt.code {
					continue
				}
				if f.Severity != policy.Warning || !f.Pos.IsValid() || f.Pos.File != "p.json" || f.Pointer == "" {
					t.Errorf("finding %+v: want a positioned warning with a pointer", f)
				}
				if !strings.Contains(f.Message+" "+f.Fix, tt.text) {
					t.Errorf("finding %q (fix %q) does not mention %q", f.Message, f.Fix, tt.text)
				}
				return
			}
			t.Fatalf("no %s finding; got:\n%v", tt.code, fs)
		})
	}
}

// TestNilInputs: no catalog or no policy, no findings and no panic.
func TestNilInputs(t *testing.T) {
	p := policy.MustParse([]byte(doc(`{"Effect":"Allow","Action":"s3:GetObjcet","Resource":"*"}`)))
	if fs := lint.Check(p, policy.TypeIdentity, nil); len(fs) != 0 {
		t.Errorf("nil catalog: %v", fs)
	}
	if fs := lint.Check(nil, policy.TypeIdentity, catalog.Default()); len(fs) != 0 {
		t.Errorf("nil policy: %v", fs)
	}
}
