package account

import "testing"

// TestWhatCanAdmin checks that an Allow of "*" makes every service of the
// catalog a candidate, grouped by access level.
func TestWhatCanAdmin(t *testing.T) {
	s, err := LoadFiles("../cmd/iamlogic/testdata/account/authorization-details.json")
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnalyzer(s)
	res := a.WhatCan(s.Principal("arn:aws:iam::111122223333:role/admin"), "*")
	n, pm := 0, false
	for _, sa := range res {
		for _, l := range sa.Levels {
			n += len(l.Actions)
			if sa.Service == "iam" && l.Access == "Permissions management" {
				pm = true
			}
		}
	}
	if len(res) < 300 || n < 10000 || !pm {
		t.Errorf("admin: %d services, %d actions, iam permissions management %v; want every service", len(res), n, pm)
	}
}
