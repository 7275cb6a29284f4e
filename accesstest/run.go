package accesstest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamlogic/iamlogic/internal/text"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/evaluator"
)

// Outcome is what running one case found.
type Outcome struct {
	Case *Case
	// Result is the evaluator's decision with its explanation (the deciding
	// and applicable statements, each with the position where it was
	// written). It is the zero Result when Err is set before evaluation.
	Result evaluator.Result
	// Err is set when the case cannot be evaluated: its Case.Err (a
	// *PolicyError or an unreadable policy file), an *evaluator.CompileError,
	// or a *RequestError for a request the evaluator cannot understand.
	Err error
	// Answer is, for a quantified case, the analysis's answer: Pass when no
	// request of the set is allowed, Fail with witnesses, or Unknown.
	Answer *analysis.Answer
	// Witness is, for a quantified case whose set holds an allowed
	// request, that request; Result is then its decision, explained.
	Witness *evaluator.Request
}

// Passed reports whether the case could be evaluated and AWS's decision,
// as the evaluator takes it, is the expected one (for a quantified case:
// no request of the set is allowed, proved, or some is, with a witness);
// for a case with an
// "undocumented" list, the decision relied on exactly those behaviours; for
// a strict case, the decision has no Gaps.
func (o Outcome) Passed() bool { return o.Problem() == "" }

// Problem says on one line what is wrong with a case that did not pass
// ("expected allowed, got implicitDeny", "cannot evaluate: the identity[0]
// policy is invalid", "strict: …"), and "" for a case that passed.
func (o Outcome) Problem() string {
	if o.Case == nil {
		return "cannot evaluate: no case"
	}
	if o.Err != nil {
		var pe *PolicyError
		if errors.As(o.Err, &pe) {
			return fmt.Sprintf("cannot evaluate: the %s policy is invalid", pe.Ref)
		}
		var ce *evaluator.CompileError
		if errors.As(o.Err, &ce) {
			return fmt.Sprintf("cannot evaluate: the %s policy is invalid", ce.Policy)
		}
		return "cannot evaluate: " + o.Err.Error()
	}
	if o.Case.Quantified != nil {
		return o.quantifiedProblem()
	}
	c, r := o.Case, o.Result
	switch {
	case r.Decision != c.Expected:
		return fmt.Sprintf("expected %s, got %s", c.Expected, r.Decision)
	case c.ExpectUndocumented && r.Undocumented != c.Undocumented:
		return fmt.Sprintf("expected the decision to rely on undocumented behaviour [%s], it relied on [%s]", c.Undocumented, r.Undocumented)
	case c.Strict:
		if gaps := o.Gaps(); len(gaps) > 0 {
			return "strict: " + strings.Join(gaps, "; ")
		}
	}
	return ""
}

// Gaps lists what the decision did not know for certain: the assumptions it
// made about keys AWS always sets (evaluator.Assumptions), the undocumented
// behaviours it relied on (SPEC §10.1) and the condition keys it tested
// that the request lacks (Explanation.MissingKeys). A strict case fails
// when there is any.
func (o Outcome) Gaps() []string {
	r := o.Result
	var gaps []string
	for _, a := range r.Assumptions.Names() {
		gaps = append(gaps, "assumed "+a)
	}
	for _, u := range r.Undocumented.Names() {
		gaps = append(gaps, "relied on undocumented behaviour "+u)
	}
	if r.Explanation != nil {
		for _, k := range r.Explanation.MissingKeys {
			gaps = append(gaps, "the request lacks "+text.Quote(k))
		}
	}
	return gaps
}

// RequestError is a request of a case that the evaluator cannot
// understand (an action without a service prefix, a malformed ARN, …).
type RequestError struct{ Err error }

// Error returns "the request is invalid: " and the evaluator's reason.
func (e *RequestError) Error() string { return "the request is invalid: " + e.Err.Error() }

// Unwrap returns the evaluator's error.
func (e *RequestError) Unwrap() error { return e.Err }

// Run compiles the policies of c and decides its request, with an
// explanation; a quantified case is answered by the analysis
// (analysis.NotGrantedWhere, or analysis.NotGrantedSet for principal "*").
// It never panics; a case that cannot be evaluated has Outcome.Err set and
// does not pass.
func Run(c *Case) Outcome {
	if c == nil {
		return Outcome{Case: &Case{}, Err: errors.New("accesstest: nil case")}
	}
	if c.Err != nil {
		return Outcome{Case: c, Err: c.Err}
	}
	set, err := evaluator.Compile(c.Policies)
	if err != nil {
		return Outcome{Case: c, Err: err}
	}
	if c.Quantified != nil {
		return runQuantified(c, set)
	}
	res := set.Explain(c.Request)
	if res.Err != nil {
		return Outcome{Case: c, Result: res, Err: &RequestError{Err: res.Err}}
	}
	return Outcome{Case: c, Result: res}
}

// RunFile reads the access-test file at path with [ReadFile] and runs
// every case, in order. The error is that of ReadFile: the file cannot be
// read or is not an access-test file.
func RunFile(path string) ([]Outcome, error) {
	cases, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, len(cases))
	for i, c := range cases {
		out[i] = Run(c)
	}
	return out, nil
}
