package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const src = "testdata/sources/"

// TestGoldenSources is TestGolden for policies that live in templates and
// plans: validate, diff, not-granted, public and eval read them through
// package source.
func TestGoldenSources(t *testing.T) {
	cases := []goldenCase{
		{"validate-template-json", []string{"validate", src + "template-error.json"}, 1},
		{"validate-template-yaml", []string{"validate", src + "template-tags.yaml"}, 1},
		{"validate-template-yaml-json", []string{"validate", "--format", "json", src + "template-tags.yaml"}, 1},
		{"validate-plan-unknown", []string{"validate", src + "plan-unknown.json", src + "plan-new-access.json"}, 0},
		{"validate-directory", []string{"validate", src + "dir"}, 1},
		{"validate-plan-typo", []string{"validate", src + "plan-typo.json"}, 1},
		{"diff-plan-invalid", []string{"diff", src + "plan-typo.json"}, 2},
		{"diff-plan-fail", []string{"diff", src + "plan-new-access.json"}, 1},
		{"diff-plan-fail-json", []string{"diff", "--format", "json", src + "plan-new-access.json"}, 1},
		{"diff-plan-unknown", []string{"diff", src + "plan-unknown.json"}, 3},
		// never "no new access" on a guess: a resource diff does not read, a
		// boundary changed, a policy that is not a document, a Deny lost
		{"diff-plan-unread-attachment", []string{"diff", src + "plan-unread-attachment.json"}, 3},
		{"diff-plan-unread-boundary", []string{"diff", src + "plan-unread-boundary.json"}, 3},
		{"diff-plan-policy-object", []string{"diff", src + "plan-policy-object.json"}, 3},
		{"diff-plan-delete-deny", []string{"diff", src + "plan-delete-deny.json"}, 3},
		{"diff-plan-deny-narrowed", []string{"diff", src + "plan-deny-narrowed.json"}, 3},
		{"diff-plan-fail-github", []string{"diff", "--format", "github", src + "plan-new-access.json"}, 1},
		{"diff-plan-fail-sarif", []string{"diff", "--format", "sarif", src + "plan-new-access.json"}, 1},
		{"diff-plan-invalid-sarif", []string{"diff", "--format", "sarif", src + "plan-typo.json"}, 2},
		{"diff-template-unknown", []string{"diff", "--type", "identity", "testdata/analysis/s3-read.json", src + "template-unknown.yaml"}, 3},
		{"diff-template-trust", []string{"diff", "--type", "trust", pol + "trust-ec2.json", src + "template-tags.yaml#AppRole.AssumeRolePolicyDocument"}, 1},
		{"diff-template-several", []string{"diff", src + "template-tags.yaml", src + "template-tags.yaml"}, 2},
		{"diff-template-no-address", []string{"diff", src + "template-tags.yaml#AppRole", pol + "trust-ec2.json"}, 2},
		{"not-granted-template", []string{"not-granted", "--action", "s3:PutObject", src + "template-error.json#ReportsPolicy.PolicyDocument"}, 0},
		{"public-template", []string{"public", src + "template-error.json#ReportsPolicy.PolicyDocument"}, 0},
		{"public-template-trust", []string{"public", src + "template-tags.yaml#AppRole.AssumeRolePolicyDocument"}, 2},
		{"eval-template-trust", []string{"eval", "--principal", "lambda.amazonaws.com", "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/app",
			"--resource-policy", src + "template-tags.yaml"}, 0},
		{"eval-plan-identity", []string{"eval", "--principal", alice, "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", src + "plan-new-access.json"}, 0},
		{"eval-template-invalid", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", src + "template-tags.yaml"}, 1},
		{"eval-template-none", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "*",
			"--boundary", src + "template-error.json"}, 2},
	}
	runGolden(t, "sources/", cases)
}

// TestValidateStdin: "-" reads the document from standard input, and names
// it <stdin>.
func TestValidateStdin(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "sources", "template-tags.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	code, stdout, stderr := runCLI("validate", "-")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	checkGolden(t, "sources/validate-stdin.golden", "-- stdout --\n"+stdout+"-- stderr --\n"+stderr)
	if !strings.HasPrefix(stdout, "<stdin>:18:25: error: ") {
		t.Errorf("the acceptance finding is not at <stdin>:18:25:\n%s", stdout)
	}
}
