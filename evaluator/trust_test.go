package evaluator_test

import (
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
)

func TestIsTrustRequest(t *testing.T) {
	tests := []struct {
		action, resource string
		want             bool
	}{
		{"sts:AssumeRole", "arn:aws:iam::111122223333:role/r", true},
		{"STS:assumerole", "arn:aws:iam::111122223333:role/r", true},
		{"sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111122223333:role/path/r", true},
		{"sts:AssumeRoleWithSAML", "arn:aws:iam::111122223333:role/r", true},
		{"sts:TagSession", "arn:aws-cn:iam::111122223333:role/r", true},
		{"sts:SetSourceIdentity", "arn:aws:iam::111122223333:role/r", true},
		{"sts:*", "arn:aws-us-gov:iam::111122223333:role/r", true},
		// Any sts: action counts, and the rest of the ARN is not checked.
		{"sts:GetCallerIdentity", "arn:aws:iam::111122223333:role/r", true},
		{"sts:", "arn:aws:iam::111122223333:role/r", true},
		{"sts:AssumeRole", "arn:aws:iam::111122223333:role/", true},
		{"sts:AssumeRole", "arn:aws:iam::1:role/r", true},
		{"sts:AssumeRole", "arn:x:iam::not-an-account:role/r:with:colons", true},
		{"sts:a:b", "arn:aws:iam::111122223333:role/r", true},
		// Not a role ARN.
		{"sts:AssumeRole", "arn:aws:iam::111122223333:user/u", false},
		{"sts:AssumeRole", "arn:aws:iam::111122223333:role", false},
		{"sts:AssumeRole", "arn:aws:iam::111122223333:Role/r", false},
		{"sts:AssumeRole", "arn:aws:iam::111122223333:", false},
		{"sts:AssumeRole", "arn:aws:iam::111122223333", false},
		{"sts:AssumeRole", "*", false},
		{"sts:AssumeRole", "", false},
		{"sts:GetCallerIdentity", "*", false},
		{"sts:AssumeRole", "arn:aws:s3:::b/x:iam::1:role/r", false},
		{"sts:AssumeRole", "arn:aws:IAM::111122223333:role/r", false},
		{"sts:AssumeRole", "arn:aws:sts::111122223333:role/r", false},
		{"sts:AssumeRole", "arn:aws:sts::111122223333:assumed-role/r/s", false},
		{"sts:AssumeRole", "arn:aws:iam:us-east-1:111122223333:role/r", false},
		{"sts:AssumeRole", "arn:aws:iam:::role/r", false},
		{"sts:AssumeRole", "arn::iam::111122223333:role/r", false},
		{"sts:AssumeRole", "ARN:aws:iam::111122223333:role/r", false},
		{"sts:AssumeRole", " arn:aws:iam::111122223333:role/r", false},
		// Not an sts: action.
		{"iam:PassRole", "arn:aws:iam::111122223333:role/r", false},
		{"ststs:AssumeRole", "arn:aws:iam::111122223333:role/r", false},
		{"st:AssumeRole", "arn:aws:iam::111122223333:role/r", false},
		{" sts:AssumeRole", "arn:aws:iam::111122223333:role/r", false},
		{":AssumeRole", "arn:aws:iam::111122223333:role/r", false},
		{"sts", "arn:aws:iam::111122223333:role/r", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.action+" "+tt.resource, func(t *testing.T) {
			if got := evaluator.IsTrustRequest(&evaluator.Request{Action: tt.action, Resource: tt.resource}); got != tt.want {
				t.Errorf("IsTrustRequest(%q, %q) = %v, want %v", tt.action, tt.resource, got, tt.want)
			}
		})
	}
	if evaluator.IsTrustRequest(nil) {
		t.Error("IsTrustRequest(nil) = true")
	}
}
