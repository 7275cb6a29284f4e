package main

import (
	"testing"
)

const acct = "testdata/account/authorization-details.json"

// TestAccountGolden runs the account commands on a small snapshot: a
// chain through sts:AssumeRole, a Lambda PassRole path, an MFA-guarded
// role (a path only with --conditional), a boundary that blocks
// iam:PutUserPolicy, URL-encoded documents, and usage errors.
func TestAccountGolden(t *testing.T) {
	cases := []goldenCase{
		{"paths-text", []string{"paths", "--account-data", acct}, 0},
		{"paths-json", []string{"paths", "--account-data", acct, "--format", "json"}, 0},
		{"paths-conditional", []string{"paths", "--account-data", acct, "--conditional"}, 0},
		{"paths-to-role", []string{"paths", "--account-data", acct, "--to", "arn:aws:iam::111122223333:role/fn"}, 0},
		{"paths-bad-to", []string{"paths", "--account-data", acct, "--to", "arn:aws:iam::111122223333:role/nope"}, 2},
		{"paths-no-data", []string{"paths"}, 2},
		{"paths-missing-file", []string{"paths", "--account-data", "testdata/account/missing.json"}, 2},
		{"who-can-json", []string{"who-can", "--account-data", acct, "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/admin-mfa", "--format", "json"}, 0},
		{"who-can-text", []string{"who-can", "--account-data", acct, "--action", "iam:PassRole", "--resource", "arn:aws:iam::111122223333:role/fn"}, 0},
		{"who-can-action-twice", []string{"who-can", "--account-data", acct, "--action", "s3:GetObject", "--action", "s3:PutObject", "--resource", "*"}, 2},
		{"can-assume", []string{"can-assume", "--account-data", acct, "--role", "arn:aws:iam::111122223333:role/admin-mfa"}, 0},
		{"can-assume-external", []string{"can-assume", "--account-data", acct, "--role", "arn:aws:iam::111122223333:role/partner", "--format", "json"}, 0},
		{"what-can", []string{"what-can", "--account-data", acct, "--principal", "arn:aws:iam::111122223333:role/partner"}, 0},
		{"what-can-bounded", []string{"what-can", "--account-data", acct, "--principal", "arn:aws:iam::111122223333:user/dave", "--format", "json"}, 0},
		{"what-can-named-resource", []string{"what-can", "--account-data", acct, "--principal", "arn:aws:iam::111122223333:user/bob"}, 0},
		{"what-can-on-arn", []string{"what-can", "--account-data", acct, "--principal", "arn:aws:iam::111122223333:user/bob", "--resource", "arn:aws:iam::111122223333:role/fn", "--format", "json"}, 0},
		{"what-can-sts-on-role", []string{"what-can", "--account-data", acct, "--principal", "arn:aws:iam::111122223333:user/alice", "--resource", "arn:aws:iam::111122223333:role/admin"}, 0},
		{"help-paths", []string{"help", "paths"}, 0},
	}
	runGolden(t, "account-", cases)

}
