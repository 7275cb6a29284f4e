package accesstest

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/text"
)

// A quantified case is about a set of requests (docs/access-test-format.md,
// "Quantified cases"). Its request is quantified when the principal is "*"
// or an account ID, the action holds a wildcard, or "open" lists condition
// keys; "expected": "neverAllowed" makes any case quantified. Each of these
// is invalid in a single request (the evaluator refuses a wildcard action
// and such a principal), so no single-request case changes meaning.

// open reads request.open: the condition keys the request leaves open.
func (p *parser) open(v gjson.Result, c *Case) error {
	if !v.Exists() || v.Type == gjson.Null {
		return nil
	}
	bad := func(at gjson.Result) error {
		return p.errAt(at, "case %q: request.open must be a non-empty array of condition keys (or \"*\" for every key)", c.Name)
	}
	if !v.IsArray() {
		return bad(v)
	}
	var keys []string
	seen := map[string]bool{}
	var err error
	v.ForEach(func(_, e gjson.Result) bool {
		switch lk := conditions.CanonicalKey(e.Str); {
		case e.Type != gjson.String || e.Str == "" || !text.Clean(e.Str, false):
			err = bad(e)
		case seen[lk]:
			err = p.errAt(e, "case %q: request.open lists %s twice", c.Name, text.Quote(e.Str))
		default:
			seen[lk] = true
			keys = append(keys, e.Str)
			return true
		}
		return false
	})
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return bad(v)
	}
	if c.Quantified == nil {
		c.Quantified = &Quantifier{}
	}
	c.Quantified.Open = keys
	return nil
}

// quantified settles whether c is quantified, reads its principal pattern
// and checks what a quantified case may hold.
func (p *parser) quantified(o object, c *Case) error {
	q := &c.Request
	r := o.get("request")
	pattern := c.Quantified
	if pattern == nil && (q.Principal == "*" || isAccount(q.Principal) || strings.ContainsAny(q.Action, "*?")) {
		pattern = &Quantifier{}
		c.Quantified = pattern
	}
	if pattern == nil {
		return nil
	}
	switch {
	case !pattern.NeverAllowed && c.Expected != evaluator.Allowed:
		return p.errAt(o.get("expected"), "case %q: a quantified request (a principal \"*\" or account ID, an action pattern, open keys) expects \"neverAllowed\" or \"allowed\" (some request of the pattern is), not %q", c.Name, c.Expected)
	case c.ExpectUndocumented:
		return p.errAt(o.get("undocumented"), "case %q: \"undocumented\" concerns one decision; a quantified case has none", c.Name)
	case c.Strict:
		return p.errAt(o.get("settings"), "case %q: settings.strict concerns one decision; a quantified case has none", c.Name)
	case q.Principal == "*":
		pattern.AnyPrincipal, q.Principal = true, ""
		if f := fixedField(c); f != "" {
			return p.errAt(r, "case %q: with principal \"*\" the case is about every request on the action and resource (CheckAccessNotGranted): remove %s", c.Name, f)
		}
	case isAccount(q.Principal):
		pattern.Account, q.Principal = q.Principal, ""
		if q.SessionIssuer != "" || q.PrincipalAccount != "" || q.PrincipalID != "" {
			return p.errAt(r, "case %q: with an account as principal the caller is open: remove sessionIssuer, principalAccount and principalId", c.Name)
		}
	}
	if q.Action != "*" && !strings.Contains(q.Action, ":") {
		return p.errAt(r, "case %q: request.action %s is not service:Action (wildcards allowed)", c.Name, text.Quote(q.Action))
	}
	return nil
}

// fixedField names a field of c a case with principal "*" must not hold.
func fixedField(c *Case) string {
	q := c.Request
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"request.sessionIssuer", q.SessionIssuer != ""}, {"request.principalAccount", q.PrincipalAccount != ""},
		{"request.resourceAccount", q.ResourceAccount != ""}, {"request.principalId", q.PrincipalID != ""},
		{"request.time", !q.Time.IsZero()}, {"request.principalOrgId", q.PrincipalOrgID != ""},
		{"request.principalOrgPaths", len(q.PrincipalOrgPaths) > 0}, {"request.resourceOrgId", q.ResourceOrgID != ""},
		{"request.principalTags", q.PrincipalTags.Len() > 0}, {"request.context", q.Context.Len() > 0},
		{"request.open", len(c.Quantified.Open) > 0}, {"settings", q.Facts != (evaluator.Facts{})},
	} {
		if f.set {
			return f.name
		}
	}
	return ""
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// runQuantified decides a quantified case with the analysis: NotGrantedSet
// for principal "*", NotGrantedWhere otherwise. A witness, an allowed
// request of the set, is explained like a single request.
func runQuantified(c *Case, set *evaluator.Set) Outcome {
	var (
		a   analysis.Answer
		err error
	)
	opts := analysis.Options{}
	if c.Quantified.AnyPrincipal {
		var res []string
		if c.Request.Resource != "*" {
			res = []string{c.Request.Resource}
		}
		a, err = analysis.NotGrantedSet(c.Policies, []string{c.Request.Action}, res, opts)
	} else {
		a, err = analysis.NotGrantedWhere(c.Policies, c.Pattern(), opts)
	}
	if err != nil {
		return Outcome{Case: c, Err: &RequestError{Err: err}}
	}
	o := Outcome{Case: c, Answer: &a}
	if a.Verdict == analysis.Fail {
		w := a.Witnesses[0].Request
		o.Witness = &w
		o.Result = set.Explain(w)
		if o.Result.Decision != evaluator.Allowed || o.Result.Err != nil {
			// The analysis replays every witness; this case reports only
			// what its own replay shows.
			o.Err = fmt.Errorf("accesstest: the witness of %q is not allowed when replayed: %s", c.Name, o.Result.Decision)
		}
	}
	return o
}

// quantifiedProblem is Problem for a quantified case that could be
// analysed.
func (o Outcome) quantifiedProblem() string {
	a := o.Answer
	switch {
	case a == nil:
		return "cannot evaluate: no answer"
	case a.Verdict == analysis.Unknown:
		return "cannot decide: " + a.Reason
	case o.Case.Quantified.NeverAllowed && a.Verdict == analysis.Fail:
		return fmt.Sprintf("expected %s, got %s for a request of the pattern (the witness)", neverAllowed, o.Result.Decision)
	case !o.Case.Quantified.NeverAllowed && a.Verdict == analysis.Pass:
		return fmt.Sprintf("expected some request of the pattern to be allowed, none is (proved over %d requests)", a.Stats.Points)
	}
	return ""
}
