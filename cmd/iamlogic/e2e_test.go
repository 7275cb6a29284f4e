package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestEndToEnd builds the binary and checks the exit status of each
// subcommand as a CI job sees it.
func TestEndToEnd(t *testing.T) {
	bin := iamlogicBinary(t)

	cases := []struct {
		name string
		args []string
		code int
	}{
		{"validate valid", []string{"validate", pol + "identity-s3-read.json", pol + "warning-identity.json"}, 0},
		{"validate invalid", []string{"validate", pol + "invalid-identity.json"}, 1},
		{"validate trust flag after file", []string{"validate", pol + "trust-ec2.json", "--type", "trust"}, 0},
		{"validate sarif invalid", []string{"validate", "--format", "sarif", pol + "invalid-identity.json"}, 1},
		{"validate unreadable", []string{"validate", pol + "missing.json"}, 2},
		{"validate bad usage", []string{"validate"}, 2},

		{"eval expect met", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/a",
			"--identity", pol + "identity-s3-read.json", "--expect", "allowed"}, 0},
		{"eval expect missed", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/private/a",
			"--identity", pol + "identity-s3-read.json", "--expect", "allowed"}, 1},
		{"eval without expect", []string{"eval", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::corp-reports/private/a",
			"--identity", pol + "identity-s3-read.json", "--json"}, 0},
		{"eval invalid policy", []string{"eval", "--action", "s3:GetObject", "--resource", "*", "--identity", pol + "invalid-identity.json"}, 1},
		{"eval unreadable", []string{"eval", "--action", "s3:GetObject", "--resource", "*", "--identity", pol + "missing.json"}, 2},
		{"eval bad usage", []string{"eval", "--action", "s3:GetObject"}, 2},

		{"test pass", []string{"test", tests + "pass.jsonl"}, 0},
		{"test fail", []string{"test", tests + "fail.json"}, 1},
		{"test fail github", []string{"test", "--format", "github", tests + "fail.json"}, 1},
		{"test not a test file", []string{"test", tests + "not-a-test.json"}, 2},
		{"test unreadable", []string{"test", tests + "missing.jsonl"}, 2},

		{"version", []string{"version"}, 0},
		{"--version", []string{"--version"}, 0},
		{"test junit", []string{"test", "--format", "junit", tests + "ci.json"}, 1},
		{"diff sarif", []string{"diff", "--type", "identity", "--format", "sarif", apol + "s3-read.json", apol + "s3-read-wide.json"}, 1},
		{"public unknown flag value twice", []string{"public", "--format", "json", "--format", "sarif", apol + "bucket-public.json"}, 2},
		{"help", []string{"help"}, 0},
		{"subcommand help", []string{"eval", "-h"}, 0},
		{"no subcommand", nil, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, code := runCombined(t, exec.Command(bin, tc.args...))
			if code != tc.code {
				t.Errorf("iamlogic %s: exit status %d, want %d\n%s", strings.Join(tc.args, " "), code, tc.code, out)
			}
			if strings.Contains(out, "goroutine ") {
				t.Errorf("output holds a Go stack trace:\n%s", out)
			}
		})
	}
}
