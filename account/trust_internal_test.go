package account

import "testing"

// TestTrustNamingRefusesBadARN: a snapshot principal whose ARN no trust
// policy can name (a control character) gets no written trust policy, and
// no panic; an ordinary one does.
func TestTrustNamingRefusesBadARN(t *testing.T) {
	a := &Analyzer{}
	if d, ok := a.trustNaming(&Principal{ARN: "arn:aws:iam::111122223333:role/a\x01b"}); ok || d != nil {
		t.Errorf("trustNaming of a control character = %v, %v; want none", d, ok)
	}
	d, ok := a.trustNaming(&Principal{ARN: "arn:aws:iam::111122223333:role/app"})
	if !ok || d == nil || len(d.Policy.Statements) != 1 {
		t.Fatalf("trustNaming of a role = %v, %v", d, ok)
	}
}
