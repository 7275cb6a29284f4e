package iamtest

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// want is the decision an assertion expects.
type want uint8

const (
	wantAllowed want = iota
	wantDenied
	wantExplicitDeny
	wantImplicitDeny
)

func (w want) String() string {
	switch w {
	case wantAllowed:
		return "allowed"
	case wantDenied:
		return "denied (explicitDeny or implicitDeny)"
	case wantExplicitDeny:
		return "explicitDeny"
	default:
		return "implicitDeny"
	}
}

func (w want) accepts(d evaluator.Decision) bool {
	switch w {
	case wantAllowed:
		return d == evaluator.Allowed
	case wantDenied:
		return d != evaluator.Allowed
	case wantExplicitDeny:
		return d == evaluator.ExplicitDeny
	default:
		return d == evaluator.ImplicitDeny
	}
}

// Allowed checks that set allows req. Like every check of the package, it
// takes a request without Time as made now. A request the evaluator cannot
// understand (a malformed principal ARN, an action without a service
// prefix, …) is reported as a failure whatever the decision. Allowed
// returns the result of [evaluator.Set.Explain] for further checks.
func Allowed(t testing.TB, set *evaluator.Set, req evaluator.Request) evaluator.Result {
	t.Helper()
	return expect(t, "Allowed", set, req, wantAllowed)
}

// Denied checks that set denies req, explicitly or implicitly. As with
// Allowed, a request the evaluator cannot understand is a failure: it would
// be denied, but not for the reason the test means to check.
func Denied(t testing.TB, set *evaluator.Set, req evaluator.Request) evaluator.Result {
	t.Helper()
	return expect(t, "Denied", set, req, wantDenied)
}

// ExplicitlyDenied checks that an applicable Deny statement denies req.
func ExplicitlyDenied(t testing.TB, set *evaluator.Set, req evaluator.Request) evaluator.Result {
	t.Helper()
	return expect(t, "ExplicitlyDenied", set, req, wantExplicitDeny)
}

// ImplicitlyDenied checks that req is denied because some required Allow is
// missing, not by a Deny statement.
func ImplicitlyDenied(t testing.TB, set *evaluator.Set, req evaluator.Request) evaluator.Result {
	t.Helper()
	return expect(t, "ImplicitlyDenied", set, req, wantImplicitDeny)
}

func expect(t testing.TB, fn string, set *evaluator.Set, req evaluator.Request, w want) evaluator.Result {
	t.Helper()
	if set == nil {
		t.Fatalf("iamtest.%s: the policy set is nil; build it with iamtest.Compile", fn)
		return evaluator.Result{}
	}
	if req.Time.IsZero() {
		// The evaluator never reads the clock; a test that does not say
		// when its request is made means now (aws:CurrentTime).
		req.Time = time.Now()
	}
	res := set.Explain(req)
	if msg, ok := check(w, res, req); !ok {
		t.Errorf("iamtest.%s: %s", fn, msg)
	}
	return res
}

// check compares a result with the expectation and, when they disagree or
// the request was not understood, returns the failure message.
func check(w want, res evaluator.Result, req evaluator.Request) (string, bool) {
	var b strings.Builder
	switch {
	case res.Err != nil:
		b.WriteString("the evaluator could not understand the request: ")
		b.WriteString(res.Err.Error())
		b.WriteString("\n(it denies such a request, but not for the reason the test checks)")
	case !w.accepts(res.Decision):
		b.WriteString("want ")
		b.WriteString(w.String())
		b.WriteString(", got ")
		b.WriteString(res.Decision.String())
	default:
		return "", true
	}
	writeDecision(&b, res, req)
	return b.String(), false
}

// writeDecision describes the decision of res on req, for a failure
// message: the reason, the request, the gaps, the statements that decided
// and, for an implicit deny, why the others did not apply.
func writeDecision(b *strings.Builder, res evaluator.Result, req evaluator.Request) {
	writeResult(b, res)
	writeRequest(b, req)
	writeGaps(b, res)
	writeStatements(b, res)
	writeMisses(b, res)
}

// Compile compiles ps, stopping the test with the findings of every invalid
// policy when it cannot be compiled.
func Compile(t testing.TB, ps evaluator.Policies) *evaluator.Set {
	t.Helper()
	set, err := evaluator.Compile(ps)
	if err != nil {
		t.Fatalf("iamtest.Compile: %s", compileProblem(err))
		return nil
	}
	return set
}

// compileProblem renders a Compile error: the policy that failed and each
// of its findings, at its position (which names the policy's file when the
// policy was read from one).
func compileProblem(err error) string {
	var ce *evaluator.CompileError
	if !errors.As(err, &ce) {
		return err.Error()
	}
	var fs policy.Findings
	if !errors.As(ce.Err, &fs) || len(fs.Errors()) == 0 {
		return ce.Error()
	}
	var b strings.Builder
	b.WriteString("the ")
	b.WriteString(ce.Policy.String())
	b.WriteString(" policy is invalid:")
	for _, f := range fs.Errors() {
		b.WriteString("\n  ")
		b.WriteString(f.Error())
	}
	return b.String()
}

// LoadPolicy reads and parses the policy document at path. It stops the
// test when the file cannot be read or is not a valid policy, listing every
// finding as file:line:col: message [CODE]. Rules that depend on how the
// policy is used (a Principal in an identity-based policy, …) are checked
// by Compile.
func LoadPolicy(t testing.TB, path string) *policy.Policy {
	t.Helper()
	p, problem := load(path)
	if problem != "" {
		t.Fatalf("iamtest.LoadPolicy: %s", problem)
		return nil
	}
	return p
}

// LoadPolicies loads each file with LoadPolicy, in order. It reports the
// problems of every file before stopping the test.
func LoadPolicies(t testing.TB, paths ...string) []*policy.Policy {
	t.Helper()
	out := make([]*policy.Policy, 0, len(paths))
	var problems []string
	for _, path := range paths {
		p, problem := load(path)
		if problem != "" {
			problems = append(problems, problem)
			continue
		}
		out = append(out, p)
	}
	if len(problems) > 0 {
		t.Fatalf("iamtest.LoadPolicies: %s", strings.Join(problems, "\n"))
		return nil
	}
	return out
}

// load reads one policy file; problem is empty on success.
func load(path string) (p *policy.Policy, problem string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err.Error()
	}
	p, err = policy.ParseFile(path, data)
	if err == nil {
		return p, ""
	}
	var fs policy.Findings
	if !errors.As(err, &fs) || len(fs.Errors()) == 0 {
		return nil, path + ": " + err.Error()
	}
	var b strings.Builder
	b.WriteString(path)
	b.WriteString(" is not a valid policy:")
	for _, f := range fs.Errors() {
		b.WriteString("\n  ")
		b.WriteString(f.Error())
	}
	return nil, b.String()
}
