package show

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/iamtest"
	"github.com/iamlogic/iamlogic/policy"
)

func TestDir(t *testing.T) {
	dir, err := Dir(nil)
	if err != nil {
		t.Fatal(err)
	}
	if abs, _ := filepath.Abs("."); dir != abs {
		t.Errorf("Dir() = %q, want this package's folder %q", dir, abs)
	}
	if dir, err := Dir([]string{"-dir", "elsewhere"}); err != nil || dir != "elsewhere" {
		t.Errorf("Dir(-dir elsewhere) = %q, %v", dir, err)
	}
	if _, err := Dir([]string{"-nope"}); err == nil {
		t.Error("Dir accepted an unknown flag")
	}
	if got, want := dirOf("github.com/iamlogic/iamlogic/examples/demo/main.go"), filepath.FromSlash("examples/demo"); got != want {
		t.Errorf("trimmed path: dirOf = %q, want %q", got, want)
	}
}

func TestLoaderErrors(t *testing.T) {
	tests := []struct {
		name string
		load func(l *Loader) error
		want []string
	}{
		{"missing file", func(l *Loader) error { l.Load("missing.json"); return l.Err() }, []string{"missing.json"}},
		{"invalid policy", func(l *Loader) error { l.Load("bad.json"); return l.Err() },
			[]string{"bad.json is not a valid policy:", "\n  bad.json:4:35: ", "[ACTION_FORMAT]"}},
		{"invalid for its type", func(l *Loader) error {
			_, err := l.Compile(evaluator.Policies{Identity: []*policy.Policy{l.Load("with-principal.json")}})
			return err
		}, []string{"with-principal.json is invalid as identity policy:", "with-principal.json:4:38: ", "[PRINCIPAL_PROHIBITED]"}},
		{"first failure sticks", func(l *Loader) error {
			l.Load("missing.json")
			if p := l.Load("allow.json"); p != nil {
				t.Error("Load succeeded after a failure")
			}
			_, err := l.Compile(evaluator.Policies{})
			return err
		}, []string{"missing.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.load(NewLoader("testdata"))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestExplain(t *testing.T) {
	l := NewLoader("testdata")
	allow, scp := l.Load("allow.json"), l.Load("scp-deny.json")
	unnamed, err := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	set, err := l.Compile(evaluator.Policies{Identity: []*policy.Policy{allow}, SCPs: [][]*policy.Policy{{scp}, {}}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := l.Compile(evaluator.Policies{Identity: []*policy.Policy{unnamed}, SCPs: [][]*policy.Policy{{scp}}})
	if err != nil {
		t.Fatal(err)
	}
	user := "arn:aws:iam::111122223333:user/ana"
	tests := []struct {
		name string
		set  *Set
		req  evaluator.Request
		want string
	}{
		{"explicit deny in an SCP", set, evaluator.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::secret/a",
			Context: conditions.NewContext(map[string]conditions.Value{"aws:TagKeys": conditions.Multi("a", "b"), "aws:SourceIp": conditions.Single("192.0.2.1")})},
			`denied
  arn:aws:iam::111122223333:user/ana calls s3:GetObject on arn:aws:s3:::secret/a
  context: aws:sourceip=192.0.2.1 aws:tagkeys=["a" "b"]
  => explicitDeny: explicit-deny (blocked by: scp)
     Deny statement 1 in scp-deny.json:5:5 (SCP level 0)

`},
		{"implicit deny with the statements that applied", set, evaluator.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::open/a"},
			`denied
  arn:aws:iam::111122223333:user/ana calls s3:GetObject on arn:aws:s3:::open/a
  => implicitDeny: scp-no-allow (blocked by: scp)
     statements that applied, but not enough:
     Allow "Read" in allow.json:4:5
     Allow statement 0 in scp-deny.json:4:5 (SCP level 0)

`},
		{"a policy not loaded from a file, an anonymous caller", other, evaluator.Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::open/a"},
			`denied
  an anonymous caller calls s3:GetObject on arn:aws:s3:::open/a
  => implicitDeny: no-resource-allow (blocked by: resource)

`},
		{"allowed by a policy not loaded from a file", other, evaluator.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::open/a"},
			`denied
  arn:aws:iam::111122223333:user/ana calls s3:GetObject on arn:aws:s3:::open/a
  => allowed: identity-grant
     Allow statement 0 in identity[0]

`},
		{"a request the evaluator cannot understand", other, evaluator.Request{Principal: "arn:aws:iam::1:user/x", Action: "s3:GetObject", Resource: "*"},
			`denied
  arn:aws:iam::1:user/x calls s3:GetObject on *
  => implicitDeny: invalid-request
     evaluator: request principal "arn:aws:iam::1:user/x": an IAM or STS principal ARN has an empty region and a 12-digit account

`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			tt.set.Explain(&b, "denied", tt.req)
			if b.String() != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

// TestExampleAccessFiles runs the access-test file of every example, each
// as a subtest named after its folder, as a project would in its own tests.
func TestExampleAccessFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "*", "access.json"))
	if err != nil || len(files) < 6 {
		t.Fatalf("example access files: %v (%v)", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) { iamtest.RunFile(t, f) })
	}
}

var update = flag.Bool("update", false, "rewrite the golden outputs of the example programs")

// TestAccessFilePrograms checks the output of every example program that
// prints its access.json (show.AccessFile) against its golden file in
// testdata/programs; run with -update to rewrite them after a deliberate
// change.
func TestAccessFilePrograms(t *testing.T) {
	for _, name := range []string{
		"assume-role-mfa-externalid", "cross-account-s3", "lambda-service-role",
		"passrole-restricted", "permissions-boundary-delegation",
	} {
		t.Run(name, func(t *testing.T) {
			var b strings.Builder
			if err := AccessFile(&b, filepath.Join("..", "..", name)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "programs", name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s (run with -update after a deliberate change):\n%s", golden, b.String())
			}
		})
	}
}

// TestAccessFileErrors: a case whose decision is not the expected one, an
// unreadable policy and a missing file are errors that name the case.
func TestAccessFileErrors(t *testing.T) {
	for _, tc := range []struct{ dir, want string }{
		{"testdata/wrong-expectation", `access.json:1: case "reads the bucket": expected explicitDeny, got allowed`},
		{"testdata/missing-policy", "missing.json"},
		{"testdata/nowhere", "access.json"},
	} {
		var b strings.Builder
		err := AccessFile(&b, tc.dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("AccessFile(%s) = %v, want an error containing %q", tc.dir, err, tc.want)
		}
	}
}
