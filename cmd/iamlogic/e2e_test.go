package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEnd builds the binary and checks the exit status of each
// subcommand as a CI job sees it.
func TestEndToEnd(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build iamlogic: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "iamlogic")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

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
		{"help", []string{"help"}, 0},
		{"subcommand help", []string{"eval", "-h"}, 0},
		{"no subcommand", nil, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, tc.args...)
			out, err := cmd.CombinedOutput()
			code := 0
			var ee *exec.ExitError
			switch {
			case errors.As(err, &ee):
				code = ee.ExitCode()
			case err != nil:
				t.Fatal(err)
			}
			if code != tc.code {
				t.Errorf("iamlogic %s: exit status %d, want %d\n%s", strings.Join(tc.args, " "), code, tc.code, out)
			}
			if strings.Contains(string(out), "goroutine ") {
				t.Errorf("output holds a Go stack trace:\n%s", out)
			}
		})
	}
}
