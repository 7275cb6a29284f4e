package main

import (
	"testing"
)

const apol = "testdata/analysis/"

// TestGoldenAnalysis is TestGolden for diff, not-granted and public.
func TestGoldenAnalysis(t *testing.T) {
	cases := []goldenCase{
		{"diff-pass", []string{"diff", "--type", "identity", apol + "s3-read-wide.json", apol + "s3-read.json"}, 0},
		// whole sets: a permissions boundary removed grants new access; added, none
		{"diff-sets-boundary-removed", []string{"diff", "--sets", apol + "sets/with-boundary.json", apol + "sets/without-boundary.json"}, 1},
		{"diff-sets-boundary-added", []string{"diff", "--sets", apol + "sets/without-boundary.json", apol + "sets/with-boundary.json"}, 0},
		{"diff-sets-bad-key", []string{"diff", "--sets", apol + "sets/with-boundary.json", apol + "sets/bad-key.json"}, 2},
		{"diff-sets-with-type", []string{"diff", "--sets", "--type", "identity", apol + "sets/with-boundary.json", apol + "sets/without-boundary.json"}, 2},
		{"diff-fail", []string{"diff", "--type", "identity", apol + "s3-read.json", apol + "s3-read-wide.json"}, 1},
		{"diff-fail-json", []string{"diff", "--type", "identity", "--format", "json", apol + "s3-read.json", apol + "s3-read-wide.json"}, 1},
		{"diff-resource", []string{"diff", "--type", "resource", apol + "bucket-org.json", apol + "bucket-public.json"}, 1},
		{"diff-unknown", []string{"diff", "--type", "identity", apol + "s3-read.json", apol + "identity-username.json"}, 3},
		{"diff-no-type", []string{"diff", apol + "s3-read.json", apol + "s3-read-wide.json"}, 2},
		{"diff-one-file", []string{"diff", "--type", "identity", apol + "s3-read.json"}, 2},
		{"diff-invalid", []string{"diff", "--type", "resource", apol + "s3-read.json", apol + "s3-read.json"}, 2},
		{"diff-missing", []string{"diff", "--type", "identity", apol + "s3-read.json", apol + "missing.json"}, 2},
		{"not-granted-pass", []string{"not-granted", "--type", "identity", "--action", "s3:PutObject", "--action", "iam:PassRole", apol + "s3-read-wide.json"}, 0},
		{"not-granted-fail", []string{"not-granted", "--type", "identity", "--action", "s3:GetObjectAcl", apol + "s3-read-wide.json"}, 1},
		{"not-granted-resource", []string{"not-granted", "--type", "identity", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::other/*", apol + "s3-read-wide.json"}, 0},
		{"not-granted-json", []string{"not-granted", "--format", "json", "--type", "identity", "--action", "s3:Get*", apol + "s3-read.json"}, 1},
		{"not-granted-no-action", []string{"not-granted", "--type", "identity", apol + "s3-read.json"}, 2},
		{"public-pass", []string{"public", apol + "bucket-org.json"}, 0},
		{"public-fail", []string{"public", apol + "bucket-public.json"}, 1},
		{"public-fail-json", []string{"public", "--format", "json", apol + "bucket-public.json"}, 1},
		{"diff-help", []string{"diff", "-h"}, 0},
		// the CI formats: a FAIL at the statement that grants the witness,
		// an UNKNOWN as a warning, a PASS without results
		{"diff-sarif", []string{"diff", "--type", "identity", "--format", "sarif", apol + "s3-read.json", apol + "s3-read-wide.json"}, 1},
		{"diff-github", []string{"diff", "--type", "identity", "--format", "github", apol + "s3-read.json", apol + "s3-read-wide.json"}, 1},
		{"diff-unknown-sarif", []string{"diff", "--type", "identity", "--format", "sarif", apol + "s3-read.json", apol + "identity-username.json"}, 3},
		{"diff-unknown-github", []string{"diff", "--type", "identity", "--format", "github", apol + "s3-read.json", apol + "identity-username.json"}, 3},
		{"not-granted-sarif", []string{"not-granted", "--format", "sarif", "--type", "identity", "--action", "s3:GetObjectAcl", apol + "s3-read-wide.json"}, 1},
		{"not-granted-github", []string{"not-granted", "--format", "github", "--type", "identity", "--action", "s3:GetObjectAcl", apol + "s3-read-wide.json"}, 1},
		{"public-sarif", []string{"public", "--format", "sarif", apol + "bucket-public.json"}, 1},
		{"public-github", []string{"public", "--format", "github", apol + "bucket-public.json"}, 1},
		{"public-pass-sarif", []string{"public", "--format", "sarif", apol + "bucket-org.json"}, 0},
		{"public-pass-github", []string{"public", "--format", "github", apol + "bucket-org.json"}, 0},
		// a file that stops the analysis is a result in the CI formats too
		{"diff-missing-sarif", []string{"diff", "--type", "identity", "--format", "sarif", apol + "s3-read.json", apol + "missing.json"}, 2},
		{"diff-missing-github", []string{"diff", "--type", "identity", "--format", "github", apol + "s3-read.json", apol + "missing.json"}, 2},
		{"diff-invalid-sarif", []string{"diff", "--type", "resource", "--format", "sarif", apol + "s3-read.json", apol + "s3-read.json"}, 2},
		{"public-invalid-github", []string{"public", "--format", "github", apol + "s3-read.json"}, 2},
		{"diff-plan-missing-sarif", []string{"diff", "--format", "sarif", apol + "missing-plan.json"}, 2},
		{"diff-one-missing", []string{"diff", "--type", "identity", apol + "missing.json"}, 2},
		{"diff-one-address", []string{"diff", "--format", "sarif", "testdata/sources/template-tags.yaml#AppRole.AssumeRolePolicyDocument"}, 2},
		{"diff-sets-missing-sarif", []string{"diff", "--sets", "--format", "sarif", apol + "sets/with-boundary.json", apol + "sets/missing.json"}, 2},
		{"diff-max-evaluations-twice", []string{"diff", "--type", "identity", "--max-evaluations", "5", "--max-evaluations", "6", apol + "s3-read.json", apol + "s3-read-wide.json"}, 2},
	}
	runGolden(t, "", cases)
}
