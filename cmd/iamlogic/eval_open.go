package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/text"
)

// evalOpenText is the part of eval's usage about --open.
const evalOpenText = `Open condition keys:
  --open KEY                 leave the condition key KEY open (repeatable; '*': every key a policy reads
                             but those AWS derives from the caller, resource and time): instead of one decision,
                             print the residual, the conditions on the open keys under which the
                             request is allowed, as a disjunction of conjunctions:
                               residual: allowed when K1 equals "x" and not (K2 is false), or when K3 is in 192.0.2.0/24
                             ("never allowed", "always allowed", or "unknown: REASON" when it cannot be
                             exact: a policy variable that reads an open key, ForAllValues/ForAnyValue
                             on one, ...). Each term follows with a witness (the open keys' values of a
                             request it allows, replayed by the evaluator) and its deciding statements.
                             A negated constraint "not (K ...)" also holds when K is absent. The values
                             --context gives an open key are ignored; not with --expect, --strict, -v
                             or an action pattern
`

// evalOpenExit are the exit statuses of eval --open.
const evalOpenExit = `With --open: 0 the residual was computed, 2 as above, 3 it is unknown (the reason is printed)
`

// jsonResidual is the output of eval --open --json.
type jsonResidual struct {
	Reach       string     `json:"reach"`
	Residual    string     `json:"residual"`
	Terms       []jsonTerm `json:"terms"`
	Witness     *jsonTerm  `json:"witness,omitempty"`
	Reason      string     `json:"reason,omitempty"`
	Unread      []string   `json:"unread"`
	Assumptions []string   `json:"assumptions"`
	Evaluated   int        `json:"evaluated"`
}

// jsonTerm is one term of a residual and its witness.
type jsonTerm struct {
	Text        string            `json:"text,omitempty"`
	Constraints []jsonConstraint  `json:"constraints,omitempty"`
	Context     map[string]string `json:"context"`
	Decision    string            `json:"decision"`
	Reason      string            `json:"reason"`
	Deciding    []jsonStatement   `json:"deciding"`
}

type jsonConstraint struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"`
	Values   []string `json:"values"`
	Not      bool     `json:"not"`
}

// evalOpen prints the residual of req with the keys open.
func evalOpen(ps evaluator.Policies, req evaluator.Request, open []string, jsonOut bool, stdout, stderr io.Writer) int {
	r, err := analysis.Conditions(ps, req, open, analysis.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "iamlogic eval: %s\n", oneLine(err.Error()))
		return exitUsage
	}
	code := exitOK
	if r.Reach == analysis.ReachUnknown {
		code = exitUnknown
	}
	if jsonOut {
		writeJSON(stdout, newJSONResidual(r, open))
		return code
	}
	fmt.Fprintf(stdout, "residual: %s\n", oneLine(r.String()))
	for i, w := range r.Witnesses {
		if r.Reach == analysis.Conditional {
			fmt.Fprintf(stdout, "term %d: %s\n", i+1, oneLine(analysis.TermString(r.Terms[i])))
		}
		fmt.Fprintf(stdout, "  witness: %s\n", strings.Join(openValues(w.Request.Context, open, r.Unread), " "))
		writeOutcome(stdout, "decision", w.Outcome)
	}
	if len(r.Unread) > 0 {
		q := make([]string, len(r.Unread))
		for i, k := range r.Unread {
			q[i] = text.Quote(k)
		}
		fmt.Fprintf(stdout, "not read by any policy: %s\n", strings.Join(q, ", "))
	}
	fmt.Fprintln(stdout, "assuming:")
	for _, a := range r.Assumptions {
		fmt.Fprintf(stdout, "  - %s\n", a)
	}
	return code
}

// openValues writes the values the context gives the open keys but those
// unread, as KEY=VALUE or "KEY absent", in the order they were given.
func openValues(ctx conditions.Context, open, unread []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range unread {
		seen[conditions.CanonicalKey(k)] = true
	}
	for _, k := range open {
		if seen[conditions.CanonicalKey(k)] {
			continue
		}
		seen[conditions.CanonicalKey(k)] = true
		if v, ok := ctx.Lookup(k); ok {
			out = append(out, oneLine(k)+"="+valueText(v))
		} else {
			out = append(out, oneLine(k)+" absent")
		}
	}
	return out
}

func newJSONResidual(r analysis.Residual, open []string) jsonResidual {
	j := jsonResidual{Reach: r.Reach.String(), Residual: r.String(), Terms: []jsonTerm{}, Reason: r.Reason,
		Unread: nonNil(r.Unread), Assumptions: nonNil(r.Assumptions), Evaluated: r.Stats.Points}
	for i, w := range r.Witnesses {
		t := jsonTerm{Context: map[string]string{}, Decision: w.Outcome.Decision.String(), Reason: w.Outcome.Reason.String(), Deciding: []jsonStatement{}}
		for _, k := range open {
			if v, ok := w.Request.Context.Lookup(k); ok {
				t.Context[k] = strings.Join(v.Values(), ",")
			}
		}
		for _, d := range w.Outcome.Deciding {
			t.Deciding = append(t.Deciding, newJSONStatement(d))
		}
		if r.Reach != analysis.Conditional {
			j.Witness = &t
			continue
		}
		t.Text = analysis.TermString(r.Terms[i])
		for _, c := range r.Terms[i] {
			t.Constraints = append(t.Constraints, jsonConstraint{Key: c.Key, Operator: c.Operator.String(), Values: nonNil(c.Values), Not: c.Not})
		}
		j.Terms = append(j.Terms, t)
	}
	return j
}
