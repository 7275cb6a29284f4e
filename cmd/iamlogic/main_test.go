package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// runCLI runs the command line in-process.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// checkGolden compares got with testdata/golden/name, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	checkFile(t, filepath.Join("testdata", "golden", name), got)
}

// checkFile compares got with the file at path, or rewrites the file with
// -update.
func checkFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

const (
	pol   = "testdata/policies/"
	tests = "testdata/tests/"
	alice = "arn:aws:iam::111122223333:user/alice"
	uUser = "arn:aws:iam::111122223333:user/u"
	// shortQueue is a queue that identity-sqs-short.json names by a short
	// ARN (arn:aws:sqs:us-east-1), whose meaning AWS does not document.
	shortQueue = "arn:aws:sqs:us-east-1:111122223333:q"
)

// TestGolden runs subcommands in-process and compares their exit status,
// standard output and standard error with golden files.
func TestGolden(t *testing.T) {
	cases := []goldenCase{
		// validate
		{"validate-text", []string{"validate", pol + "identity-s3-read.json", pol + "invalid-identity.json", pol + "warning-identity.json"}, 1},
		{"validate-valid", []string{"validate", pol + "identity-s3-read.json", pol + "warning-identity.json"}, 0},
		{"validate-json", []string{"validate", "--format", "json", pol + "invalid-identity.json", pol + "warning-identity.json"}, 1},
		{"validate-json-empty", []string{"validate", "--format=json", pol + "identity-s3-read.json"}, 0},
		{"validate-github", []string{"validate", pol + "invalid-identity.json", pol + "warning-identity.json", "--format", "github"}, 1},
		{"validate-sarif", []string{"validate", "--format", "sarif", pol + "invalid-identity.json", pol + "warning-identity.json", pol + "latin1-sid.json"}, 1},
		{"validate-trust", []string{"validate", pol + "trust-ec2.json", "--type", "trust"}, 0},
		{"validate-trust-as-identity", []string{"validate", pol + "trust-ec2.json"}, 1},
		{"validate-scp", []string{"validate", "--type", "SCP", pol + "scp-full.json", pol + "scp-deny-s3-delete.json"}, 0},
		{"validate-syntax", []string{"validate", pol + "syntax-error.json"}, 1},
		{"validate-catalog", []string{"validate", pol + "catalog-mistakes.json"}, 0},
		{"validate-catalog-json", []string{"validate", "--format", "json", pol + "catalog-mistakes.json"}, 0},
		{"validate-catalog-off", []string{"validate", "--catalog-off", pol + "catalog-mistakes.json"}, 0},
		{"validate-catalog-trust", []string{"validate", "--type", "trust", pol + "trust-github-lamda.json"}, 0},
		{"validate-unreadable", []string{"validate", pol + "identity-s3-read.json", pol + "missing.json"}, 2},
		{"validate-unreadable-sarif", []string{"validate", "--format", "sarif", pol + "missing.json"}, 2},
		{"validate-unreadable-json", []string{"validate", "--format", "json", pol + "missing.json", pol + "warning-identity.json"}, 2},
		{"validate-no-files", []string{"validate", "--type", "trust"}, 2},
		{"validate-bad-type", []string{"validate", "--type", "bucket", pol + "trust-ec2.json"}, 2},
		{"validate-bad-format", []string{"validate", "--format", "xml", pol + "trust-ec2.json"}, 2},
		{"validate-help", []string{"validate", "-h"}, 0},
		{"validate-inline-old", []string{"validate", pol + "identity-2008.json", pol + "identity-no-version.json"}, 0},
		{"validate-managed", []string{"validate", pol + "identity-2008.json", "--managed", pol + "identity-no-version.json", pol + "identity-s3-read.json"}, 1},
		{"validate-managed-boundary", []string{"validate", "--type", "boundary", "--managed", pol + "identity-s3-read.json"}, 0},
		{"validate-managed-bad-type", []string{"validate", "--managed", "--type", "trust", pol + "trust-ec2.json"}, 2},

		// eval
		{"eval-pattern", []string{"eval", "--principal", alice, "--action", "s3:*Object", "--resource", "arn:aws:s3:::corp-reports/x.csv", "--identity", pol + "identity-s3-read.json"}, 0},
		{"eval-pattern-json", []string{"eval", "--json", "--principal", alice, "--action", "s3:GetObj?ct", "--resource", "arn:aws:s3:::corp-reports/x.csv", "--identity", pol + "identity-s3-read.json"}, 0},
		{"eval-pattern-expect", []string{"eval", "--expect", "allowed", "--principal", alice, "--action", "s3:*Object", "--resource", "arn:aws:s3:::corp-reports/x.csv", "--identity", pol + "identity-s3-read.json"}, 1},
		{"eval-pattern-none", []string{"eval", "--principal", alice, "--action", "s3:GetObjcet*", "--resource", "arn:aws:s3:::corp-reports/x.csv", "--identity", pol + "identity-s3-read.json"}, 2},
		{"eval-deny", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/private/x.csv",
			"--identity", pol + "identity-s3-read.json", "--scp", pol + "scp-full.json"}, 0},
		{"eval-allow-json", []string{"eval", "--json", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-s3-read.json", "--scp", pol + "scp-full.json", "--scp", pol + "scp-full.json," + pol + "scp-deny-s3-delete.json"}, 0},
		{"eval-scp-deny-json", []string{"eval", "--json", "--principal", alice, "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "allow-all.json", "--scp", pol + "scp-full.json", "--scp", pol + "scp-full.json," + pol + "scp-deny-s3-delete.json", "--expect", "explicitDeny"}, 0},
		{"eval-action-twice", []string{"eval", "--action", "s3:GetObject", "--action", "s3:PutObject", "--resource", "*"}, 2},
		{"eval-resource-policy-twice", []string{"eval", "--action", "s3:GetObject", "--resource", "*",
			"--resource-policy", pol + "trust-ec2.json", "--resource-policy", pol + "allow-all.json"}, 2},
		{"eval-implicit", []string{"eval", "--principal", alice, "--action", "s3:PutObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-s3-read.json"}, 0},
		{"eval-why-not", []string{"eval", "-v", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-ip.json", "--context", "aws:SourceIp=192.0.2.1"}, 0},
		{"eval-why-not-no-value", []string{"eval", "-v", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-ip.json"}, 0},
		{"eval-trust", []string{"eval", "--principal", "ec2.amazonaws.com", "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/app",
			"--resource-policy", pol + "trust-ec2.json"}, 0},
		{"eval-time", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-2026.json", "--time", "2026-12-01T21:00:00Z", "--expect", "allowed"}, 0},
		{"eval-time-outside", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-2026.json", "--time", "2028-01-01T00:00:00Z"}, 0},
		{"eval-bad-time", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-2026.json", "--time", "yesterday"}, 2},
		{"eval-context", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-ip.json", "--context", "aws:SourceIp=10.1.2.3", "--expect", "allowed"}, 0},
		{"eval-context-outside", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-ip.json", "--context", "aws:SourceIp=192.0.2.1", "--expect", "allowed"}, 1},
		{"eval-expect-mismatch", []string{"eval", "--principal", alice, "--action", "s3:PutObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-s3-read.json", "--expect", "allowed"}, 1},
		{"eval-invalid-policy", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-s3-read.json", "--identity", pol + "invalid-identity.json"}, 1},
		{"eval-trust-flag-invalid", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--resource-policy", pol + "identity-s3-read.json", "--trust"}, 1},
		{"eval-unreadable", []string{"eval", "--action", "s3:GetObject", "--resource", "*", "--identity", pol + "missing.json", "--identity", pol + "invalid-identity.json"}, 2},
		{"eval-missing-action", []string{"eval", "--resource", "*"}, 2},
		{"eval-bad-context", []string{"eval", "--action", "s3:GetObject", "--resource", "*", "--context", "aws:SourceIp"}, 2},
		{"eval-bad-expect", []string{"eval", "--action", "s3:GetObject", "--resource", "*", "--expect", "deny"}, 2},
		{"eval-bad-request", []string{"eval", "--principal", "alice", "--action", "s3:GetObject", "--resource", "*"}, 2},
		{"eval-positional", []string{"eval", "--action", "s3:GetObject", "--resource", "*", pol + "identity-s3-read.json"}, 2},
		// what a decision did not know for certain: undocumented behaviour,
		// missing keys, --strict
		{"eval-undocumented", []string{"eval", "--principal", uUser, "--action", "sqs:SendMessage", "--resource", shortQueue,
			"--identity", pol + "identity-sqs-short.json"}, 0},
		{"eval-undocumented-json", []string{"eval", "--json", "--principal", uUser, "--action", "sqs:SendMessage", "--resource", shortQueue,
			"--identity", pol + "identity-sqs-short.json"}, 0},
		{"eval-strict-fail", []string{"eval", "--strict", "--principal", uUser, "--action", "sqs:SendMessage", "--resource", shortQueue,
			"--identity", pol + "identity-sqs-short.json", "--expect", "implicitDeny"}, 1},
		{"eval-missing-key", []string{"eval", "--principal", uUser, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-mfa.json"}, 0},
		{"eval-missing-key-strict-json", []string{"eval", "--json", "--strict", "--principal", uUser, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-mfa.json", "--expect", "allowed"}, 1},
		{"eval-strict-pass", []string{"eval", "--strict", "--principal", uUser, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--resource-account", "111122223333", "--context", "aws:MultiFactorAuthPresent=true", "--identity", pol + "identity-mfa.json", "--expect", "allowed"}, 0},
		{"eval-empty-scp", []string{"eval", "--action", "s3:GetObject", "--resource", "*", "--scp", pol + "scp-full.json,"}, 2},
		{"eval-time-twice", []string{"eval", "--action", "s3:GetObject", "--resource", "*", "--time", "2026-12-01T21:00:00Z", "--time", "2027-01-01T00:00:00Z"}, 2},
		{"eval-json-twice", []string{"eval", "--json", "--action", "s3:GetObject", "--resource", "*", "--json"}, 2},
		// eval --open: the residual of a request with open condition keys
		{"eval-open", []string{"eval", "--principal", "arn:aws:iam::444455556666:user/auditor-li", "--action", "sts:AssumeRole",
			"--resource", "arn:aws:iam::111122223333:role/PartnerAuditRole", "--identity", pol + "identity-assume-audit.json",
			"--resource-policy", pol + "trust-externalid-mfa.json", "--open", "sts:ExternalId", "--open", "aws:MultiFactorAuthPresent", "--open", "aws:SourceVpce"}, 0},
		{"eval-open-json", []string{"eval", "--json", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-mfa.json", "--identity", pol + "identity-ip.json", "--identity", pol + "identity-deny-plain-http.json",
			"--open", "aws:MultiFactorAuthPresent", "--open", "aws:SourceIp", "--open", "aws:SecureTransport", "--context", "aws:SourceIp=10.1.2.3"}, 0},
		{"eval-open-never", []string{"eval", "--principal", alice, "--action", "s3:PutObject", "--resource", "arn:aws:s3:::corp-reports/x.csv",
			"--identity", pol + "identity-mfa.json", "--open", "aws:MultiFactorAuthPresent"}, 0},
		{"eval-open-unknown", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::home/alice/x",
			"--identity", "testdata/analysis/identity-username.json", "--open", "aws:username"}, 3},
		{"eval-open-expect", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "*",
			"--identity", pol + "identity-mfa.json", "--open", "aws:MultiFactorAuthPresent", "--expect", "allowed"}, 2},

		// test
		{"test-pass", []string{"test", tests + "pass.jsonl"}, 0},
		{"test-pass-verbose", []string{"test", tests + "pass.jsonl", "-v"}, 0},
		{"test-fail", []string{"test", tests + "fail.json"}, 1},
		{"test-format-twice", []string{"test", "--format", "json", "--format", "text", tests + "fail.json"}, 2},
		{"test-fail-verbose", []string{"test", "-v", tests + "fail.json"}, 1},
		{"test-fail-json", []string{"test", "--format", "json", tests + "fail.json"}, 1},
		{"test-fail-github", []string{"test", "--format", "github", tests + "fail.json"}, 1},
		{"test-run", []string{"test", "--run", "SCP|private", tests + "fail.json", tests + "pass.jsonl"}, 1},
		{"test-run-none", []string{"test", "--run", "^nothing$", tests + "pass.jsonl"}, 0},
		{"test-bad-run", []string{"test", "--run", "(", tests + "pass.jsonl"}, 2},
		{"test-not-a-test", []string{"test", tests + "not-a-test.json", tests + "pass.jsonl"}, 2},
		{"test-not-a-test-github", []string{"test", "--format", "github", tests + "not-a-test.json"}, 2},
		{"test-unreadable", []string{"test", tests + "missing.jsonl"}, 2},
		{"test-no-files", []string{"test", "-v"}, 2},
		{"test-gaps-verbose", []string{"test", "-v", tests + "gaps.json"}, 0},
		{"test-gaps", []string{"test", tests + "gaps.json"}, 0},
		{"test-strict", []string{"test", tests + "strict.json"}, 1},
		{"test-strict-json", []string{"test", "--format", "json", tests + "strict.json"}, 1},
		{"test-strict-github", []string{"test", "--format", "github", "-v", tests + "strict.json"}, 1},
		// the CI formats: one failing case of four; every kind of failure;
		// files that cannot be used
		{"test-junit", []string{"test", "--format", "junit", tests + "ci.json"}, 1},
		{"test-junit-kinds", []string{"test", "--format", "junit", "-v", tests + "fail.json", tests + "strict.json", tests + "gaps.json"}, 1},
		{"test-junit-bad-files", []string{"test", "--format", "junit", tests + "missing.jsonl", tests + "not-a-test.json", tests + "ci.json"}, 2},
		{"test-tap", []string{"test", "--format", "tap", tests + "ci.json"}, 1},
		{"test-tap-kinds", []string{"test", "--format=tap", "-v", tests + "fail.json", tests + "strict.json", tests + "gaps.json"}, 1},
		{"test-tap-bad-files", []string{"test", "--format", "tap", tests + "missing.jsonl", tests + "not-a-test.json", tests + "ci.json"}, 2},
		{"test-sarif", []string{"test", "--format", "sarif", tests + "fail.json"}, 1},
		{"test-sarif-bad-files", []string{"test", "--format", "sarif", tests + "missing.jsonl", tests + "not-a-test.json"}, 2},
		{"test-json-bad-files", []string{"test", "--format", "json", tests + "missing.jsonl", tests + "not-a-test.json", tests + "pass.jsonl"}, 2},
		{"test-v-twice", []string{"test", "-v", "-v", tests + "pass.jsonl"}, 2},
		// quantified cases: neverAllowed, and allowed for a pattern
		{"test-quantified", []string{"test", "-v", tests + "quantified.json"}, 0},
		{"test-quantified-fail", []string{"test", tests + "quantified-fail.json"}, 1},
		{"test-quantified-fail-json", []string{"test", "--format", "json", tests + "quantified-fail.json"}, 1},

		// top level
		{"help", []string{"help"}, 0},
		{"help-eval", []string{"help", "eval"}, 0},
		{"help-test", []string{"test", "--help"}, 0},
		{"help-unknown", []string{"help", "frobnicate"}, 2},
		{"no-args", nil, 2},
		{"unknown", []string{"frobnicate"}, 2},
		{"version-args", []string{"version", "extra"}, 2},
		{"version", []string{"version"}, 0},
		{"version-flag", []string{"--version"}, 0},
		{"unknown-flag", []string{"validate", "--strict", pol + "trust-ec2.json"}, 2},
	}
	runGolden(t, "", cases)
}

// goldenCase is one run of the CLI whose output is kept in
// testdata/golden/NAME.golden.
type goldenCase struct {
	name string
	args []string
	code int
}

// runGolden runs each case, checks its exit status and compares its output
// with testdata/golden/PREFIXNAME.golden; no output may hold a Go stack
// trace.
func runGolden(t *testing.T, prefix string, cases []goldenCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tc.args...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			checkGolden(t, prefix+tc.name+".golden", "-- stdout --\n"+stdout+"-- stderr --\n"+stderr)
			if strings.Contains(stdout+stderr, "goroutine ") || strings.Contains(stdout+stderr, "panic:") {
				t.Errorf("output holds a Go stack trace:\n%s%s", stdout, stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := runCLI("version")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "iamlogic ") || !strings.HasSuffix(stdout, "\n") || len(strings.TrimSpace(stdout)) <= len("iamlogic") {
		t.Errorf("version output %q, want \"iamlogic VERSION\\n\"", stdout)
	}
}

// TestHelpMentionsExitCodes checks that every subcommand's help documents
// its exit status.
func TestHelpMentionsExitCodes(t *testing.T) {
	for _, c := range commands() {
		if c.usage == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			code, stdout, _ := runCLI(c.name, "-h")
			if code != 0 {
				t.Fatalf("%s -h: exit %d", c.name, code)
			}
			if !strings.Contains(stdout, "Exit status") {
				t.Errorf("%s -h does not document the exit status:\n%s", c.name, stdout)
			}
		})
	}
}
