package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
)

// TestGoldenActions runs the actions subcommand in-process and compares its
// exit status and output with golden files, as TestGolden does for the
// other subcommands. The output follows the embedded catalog: a refresh of
// its data may change these files (go test . -run TestGolden -update).
func TestGoldenActions(t *testing.T) {
	cases := []goldenCase{
		{"actions-text", []string{"actions", "sts:Assume*", "iam:PassRole"}, 0},
		{"actions-overlap", []string{"actions", "s3:GetObject*Tagging", "S3:getobjecttagging", "s3:GetObject?agging"}, 0},
		{"actions-levels", []string{"actions", "iam:PutRolePolicy", "iam:TagRole", "iam:GetRole", "iam:ListRoles", "iam:CreateRole"}, 0},
		{"actions-service-wildcard", []string{"actions", "ec2*:SendSSH*"}, 0},
		{"actions-json", []string{"actions", "--format", "json", "sts:Assume*", "s3:ListAllMyBuckets"}, 0},
		{"actions-json-none", []string{"actions", "--format=json", "nosuchservice:*"}, 1},
		{"actions-none", []string{"actions", "s3:GetObjcet", "sts:AssumeRole", "lamdba:Invoke*", "s3:Frobnicate*"}, 1},
		{"actions-no-pattern", []string{"actions", "--format", "json"}, 2},
		{"actions-bad-format", []string{"actions", "--format", "sarif", "s3:*"}, 2},
		{"actions-help", []string{"actions", "-h"}, 0},
		{"help-actions", []string{"help", "actions"}, 0},
	}
	runGolden(t, "", cases)

}

// TestActionsEveryAction: "*" lists every action of the catalog, one line
// each, in the catalog's order, and the JSON form holds the same actions.
func TestActionsEveryAction(t *testing.T) {
	all := catalog.Default().Expand("*")
	code, stdout, stderr := runCLI("actions", "*")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(all) {
		t.Fatalf("%d lines, the catalog has %d actions", len(lines), len(all))
	}
	for i, a := range all {
		if want := a.String() + "\t" + a.Access.String(); lines[i] != want {
			t.Fatalf("line %d is %q, want %q", i+1, lines[i], want)
		}
	}
	code, stdout, _ = runCLI("actions", "--format", "json", "*:Describe*")
	var got []jsonAction
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 {
		t.Fatalf("exit %d, %v", code, err)
	}
	want := catalog.Default().Expand("*:Describe*")
	if len(got) != len(want) || len(got) < 1000 {
		t.Fatalf("%d actions in JSON, Expand gives %d", len(got), len(want))
	}
	for i, a := range want {
		if got[i].Action != a.String() || got[i].AccessLevel != a.Access.String() || len(got[i].ResourceTypes) != len(a.Resources) {
			t.Fatalf("JSON entry %d is %+v, want %s", i, got[i], a)
		}
	}
}
