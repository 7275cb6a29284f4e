package principal

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		list                     List
		in                       string
		kind                     Kind
		problem                  Problem
		partition, account, name string
	}{
		{AWS, "*", Everyone, None, "", "", ""},
		{AWS, "111122223333", Account, None, "", "111122223333", ""},
		{AWS, "arn:aws:iam::111122223333:root", Account, None, "aws", "111122223333", ""},
		{AWS, "arn:aws-cn:iam::111122223333:user/path/alice", User, None, "aws-cn", "111122223333", "alice"},
		{AWS, "arn:aws:iam::111122223333:role/a/b/app", Role, None, "aws", "111122223333", "app"},
		{AWS, "arn:aws:sts::111122223333:assumed-role/app/s1", RoleSession, None, "aws", "111122223333", "app"},
		{AWS, "arn:aws:sts::111122223333:federated-user/bob", FederatedUser, None, "aws", "111122223333", "bob"},
		{AWS, "AIDAJQABLZS4A3QDU576Q", UniqueUser, None, "", "", ""},
		{AWS, "AROAJQABLZS4A3QDU576Q", UniqueRole, None, "", "", ""},
		{Service, "ec2.amazonaws.com", ServiceName, None, "", "", ""},
		{Federated, "accounts.google.com", Provider, None, "", "", ""},
		{Federated, "arn:aws:iam::111122223333:saml-provider/corp", Provider, None, "aws", "111122223333", ""},
		{CanonicalUser, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", Canonical, None, "", "", ""},

		{Service, "*", Invalid, StarNotAWS, "", "", ""},
		{AWS, "arn:aws:iam::111122223333:user/*", Invalid, PartialWildcard, "", "", ""},
		{AWS, "1111", Invalid, AccountDigits, "", "", ""},
		{AWS, "alice", Invalid, NotAWS, "", "", ""},
		{AWS, "AIDAshort", Invalid, NotAWS, "", "", ""},
		{AWS, "arn:aws:iam", Invalid, NotARN, "", "", ""},
		{AWS, "arn:aws-xx:iam::111122223333:root", Invalid, BadPartition, "aws-xx", "111122223333", ""},
		{AWS, "arn:aws:s3:::bucket", Invalid, Unsupported, "aws", "", ""},
		{AWS, "arn:aws:iam:us-east-1:111122223333:root", Invalid, Region, "aws", "111122223333", ""},
		{AWS, "arn:aws:iam::1111:root", Invalid, AccountFormat, "aws", "1111", ""},
		{AWS, "arn:aws:iam::111122223333:group/devs", Invalid, Group, "aws", "111122223333", ""},
		{AWS, "arn:aws:iam::111122223333:user/", Invalid, Unsupported, "aws", "111122223333", ""},
		{AWS, "arn:aws:iam::111122223333:user/path/", Invalid, Unsupported, "aws", "111122223333", ""},
		{AWS, "arn:aws:sts::111122223333:assumed-role/app", Invalid, SessionFormat, "aws", "111122223333", ""},
		{AWS, "arn:aws:sts::111122223333:assumed-role/app/s1/x", Invalid, SessionFormat, "aws", "111122223333", ""},
		{AWS, "arn:aws:sts::111122223333:federated-user/", Invalid, Unsupported, "aws", "111122223333", ""},
		{Service, "ec2", Invalid, BadService, "", "", ""},
		{Federated, "arn:aws:iam::111122223333:role/x", Invalid, BadProvider, "", "", ""},
		{CanonicalUser, "abc", Invalid, BadCanonical, "", "", ""},
	}
	for _, tc := range tests {
		v := Parse(tc.list, tc.in)
		if v.Kind != tc.kind || v.Problem != tc.problem || v.Text != tc.in ||
			v.Partition != tc.partition || v.Account != tc.account || v.Name != tc.name {
			t.Errorf("Parse(%d, %q) = %+v, want kind %d problem %d %q %q %q",
				tc.list, tc.in, v, tc.kind, tc.problem, tc.partition, tc.account, tc.name)
		}
	}
}

func TestParseNoAlloc(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() {
		Parse(AWS, "arn:aws:sts::111122223333:assumed-role/app/s1")
		Parse(AWS, "arn:aws:iam::111122223333:group/devs")
	}); n != 0 {
		t.Errorf("allocations = %v, want 0", n)
	}
}
