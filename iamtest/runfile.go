package iamtest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/evaluator"
)

// RunFile runs the access-test file at path (the format of `iamlogic test`:
// one case, an array of cases, {"cases": [...]}, or one case per line in a
// .jsonl file) with one subtest per case, named after the case. Policies
// given as paths are read relative to the file.
//
// A file that cannot be read or is not an access-test file stops the test.
// A case fails when one of its policies is invalid (each finding is listed
// as file:line:col: message [CODE]), when the evaluator cannot understand
// its request, when the decision differs from the expected one, when a
// strict case's decision has a gap (an assumption, an undocumented
// behaviour, a condition key the request lacks), when the decision of a
// case with an "undocumented" list relied on other behaviours, or when a
// quantified case (a set of requests: principal "*" or an account ID, an
// action pattern, open keys, "neverAllowed") does not hold — a request of
// the set is shown when one is allowed; the message
// then shows the case, the request, both decisions, the reason, the gaps
// and the deciding statements with the file:line:col where each was
// written.
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
	cases, err := accesstest.ReadFile(path)
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
func runCase(t testing.TB, c *accesstest.Case) {
	t.Helper()
	head := caseHeader(c)
	o := accesstest.Run(c)
	var ce *evaluator.CompileError
	var re *accesstest.RequestError
	switch {
	case errors.As(o.Err, &ce):
		t.Fatalf("%s\ncannot be evaluated: %s", head, compileProblem(o.Err))
		return
	case o.Err != nil && !errors.As(o.Err, &re):
		t.Fatalf("%s\ncannot be evaluated: %v", head, o.Err)
		return
	}
	if c.Quantified != nil {
		runQuantified(t, head, o)
		return
	}
	// A request the evaluator cannot understand is reported by check.
	if msg, ok := check(wantOf(c.Expected), o.Result, c.Request); !ok {
		t.Errorf("%s\n%s", head, msg)
		return
	}
	// The decision is the expected one; a strict case also fails on any
	// gap, and a case with an "undocumented" list when the decision relied
	// on other behaviours, as in `iamlogic test`.
	if p := o.Problem(); p != "" {
		var b strings.Builder
		b.WriteString(p)
		writeDecision(&b, o.Result, c.Request)
		t.Errorf("%s\n%s", head, b.String())
	}
}

// runQuantified reports a quantified case that did not pass: the problem
// and, when a request of its set was allowed, that request with its
// decision and deciding statements.
func runQuantified(t testing.TB, head string, o accesstest.Outcome) {
	t.Helper()
	var re *accesstest.RequestError
	if errors.As(o.Err, &re) {
		t.Fatalf("%s\ncannot be analysed: %v", head, o.Err)
		return
	}
	p := o.Problem()
	if p == "" {
		return
	}
	var b strings.Builder
	b.WriteString(p)
	if o.Witness != nil {
		writeDecision(&b, o.Result, *o.Witness)
	}
	t.Errorf("%s\n%s", head, b.String())
}

// caseHeader names a case and where it is written, with its description.
func caseHeader(c *accesstest.Case) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: case %q", c.Pos, c.Name)
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
