package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/source"
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

// withStdin runs body with standard input read from file.
func withStdin(t *testing.T, file string, body func()) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	body()
}

// TestDiffPlanStdin: "diff -" reads a Terraform plan from standard input
// (terraform show -json plan.out | iamlogic diff -), names it <stdin>, and
// refuses standard input that is not a plan.
func TestDiffPlanStdin(t *testing.T) {
	src := filepath.Join("testdata", "sources")
	var code int
	var stdout, stderr string
	withStdin(t, filepath.Join(src, "plan-new-access.json"), func() { code, stdout, stderr = runCLI("diff", "-") })
	// The same answers as from the file, at positions in <stdin>.
	_, wantOut, wantErr := runCLI("diff", filepath.Join(src, "plan-new-access.json"))
	wantOut = strings.ReplaceAll(wantOut, filepath.Join(src, "plan-new-access.json"), "<stdin>")
	if !strings.Contains(wantOut, "<stdin>:40:91 ") {
		t.Errorf("the file's answer has no position to compare:\n%s", wantOut)
	}
	if code != 1 {
		t.Errorf("diff - of a plan with new access: exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	if stdout != wantOut || stderr != wantErr {
		t.Errorf("diff - prints what diff FILE prints:\n-- stdin --\n%s%s-- file --\n%s%s", stdout, stderr, wantOut, wantErr)
	}
	withStdin(t, filepath.Join(src, "plan-new-access.json"), func() { code, stdout, _ = runCLI("diff", "--format", "sarif", "-") })
	if code != 1 || !strings.Contains(stdout, `"uri": "%3Cstdin%3E"`) {
		t.Errorf("diff --format sarif -: exit %d, want 1 with results at <stdin>:\n%s", code, stdout)
	}
	withStdin(t, filepath.Join("testdata", "analysis", "s3-read.json"), func() { code, stdout, stderr = runCLI("diff", "-") })
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "<stdin> is not a Terraform plan") {
		t.Errorf("diff - of a policy: exit %d, want %d with a message naming <stdin>:\n%s%s", code, exitUsage, stdout, stderr)
	}
}

// TestValidateStdin: "-" reads the document from standard input, and names
// it <stdin>.
func TestValidateStdin(t *testing.T) {
	var code int
	var stdout, stderr string
	withStdin(t, filepath.Join("testdata", "sources", "template-tags.yaml"), func() { code, stdout, stderr = runCLI("validate", "-") })
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	checkGolden(t, "sources/validate-stdin.golden", "-- stdout --\n"+stdout+"-- stderr --\n"+stderr)
	if !strings.HasPrefix(stdout, "<stdin>:18:25: error: ") {
		t.Errorf("the acceptance finding is not at <stdin>:18:25:\n%s", stdout)
	}
}

// TestDiffPlanTooLarge: a plan on standard input larger than
// source.MaxFileBytes is refused for its size, not as "not a Terraform
// plan" (its first bytes were read, not the whole).
func TestDiffPlanTooLarge(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plan.json")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: the test writes no 64 MiB.
	if err := f.Truncate(source.MaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var code int
	var stdout, stderr string
	withStdin(t, file, func() { code, stdout, stderr = runCLI("diff", "-") })
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "more than the limit") {
		t.Errorf("exit %d, want %d with the size limit:\n%s%s", code, exitUsage, stdout, stderr)
	}
}
