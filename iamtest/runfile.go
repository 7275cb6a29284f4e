package iamtest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/casefile"
	"github.com/iamlogic/iamlogic/policy"
)

// RunFile runs the access-test file at path (the format of `iamlogic test`:
// one case, an array of cases, {"cases": [...]}, or one case per line in a
// .jsonl file) with one subtest per case, named after the case. Policies
// given as paths are read relative to the file.
//
// A file that cannot be read or is not an access-test file stops the test.
// A case fails when one of its policies is invalid (each finding is listed
// as file:line:col: message [CODE]), when the evaluator cannot understand
// its request, or when the decision differs from the expected one; the
// message then shows the case, the request, both decisions, the reason and
// the deciding statements with the file:line:col where each was written.
func RunFile(t *testing.T, path string) {
	t.Helper()
	runFile(t, path)
}

// runner is what runFile needs of a test: *testing.T, or a fake in tests.
type runner[T any] interface {
	testing.TB
	Run(name string, f func(T)) bool
}

func runFile[T runner[T]](t T, path string) {
	t.Helper()
	cases, err := casefile.ReadFile(path)
	if err != nil {
		t.Fatalf("iamtest.RunFile: %v", err)
		return
	}
	for _, c := range cases {
		t.Run(c.Name, func(t T) {
			t.Helper()
			runCase(t, c)
		})
	}
}

// runCase evaluates one case and reports a wrong decision.
func runCase(t testing.TB, c *casefile.Case) {
	t.Helper()
	head := caseHeader(c)
	if c.Err != nil {
		t.Fatalf("%s\ncannot be evaluated: %v", head, c.Err)
		return
	}
	set, err := evaluator.Compile(c.Policies)
	if err != nil {
		t.Fatalf("%s\ncannot be evaluated: %s", head, compileProblem(err, func(ref evaluator.PolicyRef) (string, policy.Position, bool) {
			src, ok := c.Sources[ref]
			return src.File, policy.Position{Line: src.Line, Column: src.Column}, ok
		}))
		return
	}
	res := set.Explain(c.Request)
	if msg, ok := check(wantOf(c.Expected), res, c.Request, sourceLocator(c.Sources)); !ok {
		t.Errorf("%s\n%s", head, msg)
	}
}

// caseHeader names a case and where it is written, with its description.
func caseHeader(c *casefile.Case) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: case %q", c.File, c.Line, c.Name)
	if d := strings.TrimSpace(c.Description); d != "" {
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(d, "\n", "\n  "))
	}
	return b.String()
}

func wantOf(d evaluator.Decision) want {
	switch d {
	case evaluator.Allowed:
		return wantAllowed
	case evaluator.ExplicitDeny:
		return wantExplicitDeny
	default:
		return wantImplicitDeny
	}
}
