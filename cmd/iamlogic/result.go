package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
)

// reasonText explains each reason of evaluator.Reason, by its name.
var reasonText = map[string]string{
	"invalid-request":          "the request could not be understood",
	"explicit-deny":            "a Deny statement applies to the request",
	"rcp-no-allow":             "a resource control policy level has no Allow statement that applies",
	"scp-no-allow":             "a service control policy level on the caller's organization path has no Allow statement that applies",
	"vpce-no-allow":            "a VPC endpoint policy has no Allow statement that applies",
	"no-identity-allow":        "no identity-based policy allows the action on the resource",
	"boundary-no-allow":        "the permissions boundary does not allow the action on the resource",
	"session-no-allow":         "the session policy does not allow the action (a federated-user session without a session policy allows nothing)",
	"no-resource-allow":        "the resource-based policy does not allow the caller, which is needed across accounts and for callers that are not IAM identities",
	"resource-policy-required": "the role trust policy or key policy must allow the caller, even in the same account",
	"root-cannot-assume-role":  "STS refuses sts:AssumeRole with root user credentials",
	"resource-grant":           "the resource-based policy allows the caller",
	"identity-grant":           "the identity-based policies allow the action",
	"no-permission-required":   "the action needs no permission",
	"aws-owned-resource":       "the resource belongs to AWS (an AWS managed policy, a protected or service-linked role, an alias/aws/ KMS alias); no policy can allow writing it",
	"federated-session-limit":  "a federated-user session (GetFederationToken) cannot call IAM, nor STS other than GetCallerIdentity",
}

func describeReason(r evaluator.Reason) string {
	s := r.String()
	if t, ok := reasonText[s]; ok {
		return s + " (" + t + ")"
	}
	return s
}

// statementLine renders a statement as "FILE:LINE:COL Sid (Effect, policy
// statement N)".
func statementLine(ref evaluator.StatementRef) string {
	sid := ref.Sid
	if sid == "" {
		sid = "<no Sid>"
	}
	return fmt.Sprintf("%s %s (%s, %s statement %d)", where(ref.Pos, ref.Policy), oneLine(sid), ref.Effect, ref.Policy, ref.Statement)
}

// writeResultDetails writes the reason, blockedBy and deciding statements
// of res, each line starting with indent; verbose adds, for a denial, why
// each statement of the blocking policies did not apply.
func writeResultDetails(w io.Writer, res evaluator.Result, indent string, verbose bool) {
	defer func() {
		if verbose {
			writeMisses(w, res, indent)
		}
	}()
	fmt.Fprintf(w, "%sreason: %s\n", indent, describeReason(res.Reason))
	if res.BlockedBy != "" && res.Decision != evaluator.Allowed {
		fmt.Fprintf(w, "%sblocked by: %s policy\n", indent, res.BlockedBy)
	}
	if res.Decision == evaluator.Allowed && res.Grant != evaluator.NoMatch {
		fmt.Fprintf(w, "%sresource policy names the caller: %s match\n", indent, res.Grant)
	}
	if res.Explanation == nil {
		return
	}
	if len(res.Explanation.Deciding) == 0 {
		fmt.Fprintf(w, "%sdeciding statements: none\n", indent)
		return
	}
	fmt.Fprintf(w, "%sdeciding statements:\n", indent)
	for _, d := range res.Explanation.Deciding {
		fmt.Fprintf(w, "%s  %s\n", indent, statementLine(d))
	}
}

// gaps lists what the decision of res did not know for certain (the
// assumptions, the undocumented behaviours it relied on, the condition keys
// the request lacks), one line each, in the words of
// accesstest.Outcome.Gaps, so that eval --strict and a strict access-test
// case say the same thing. The lines hold condition keys from the
// policies: print them through oneLine.
func gaps(res evaluator.Result) []string {
	return accesstest.Outcome{Case: &accesstest.Case{}, Result: res}.Gaps()
}

// writeGapDetails writes what the decision of res did not know for
// certain, each line starting with indent:
//
//	assumed: ASSUMPTION; ASSUMPTION
//	undocumented: NAME (READING)            one line per behaviour
//	missing context keys: "KEY", "KEY"
func writeGapDetails(w io.Writer, res evaluator.Result, indent string) {
	if res.Assumptions != 0 {
		fmt.Fprintf(w, "%sassumed: %s\n", indent, res.Assumptions)
	}
	for _, b := range evaluator.UndocumentedBehaviours() {
		if res.Undocumented&b.Bit != 0 {
			fmt.Fprintf(w, "%sundocumented: %s (%s)\n", indent, b.Name, b.Reading)
		}
	}
	if keys := missingKeys(res); len(keys) > 0 {
		q := make([]string, len(keys))
		for i, k := range keys {
			q[i] = text.Quote(k)
		}
		fmt.Fprintf(w, "%smissing context keys: %s\n", indent, strings.Join(q, ", "))
	}
}

// missingKeys returns the condition keys that statements which matched the
// request test and the request lacks (never nil).
func missingKeys(res evaluator.Result) []string {
	if res.Explanation == nil {
		return []string{}
	}
	return nonNil(res.Explanation.MissingKeys)
}

// whyNot returns, for an implicit deny, the statements of the policies that
// blocked it (all evaluated policies when no type blocked) that did not
// apply. An explicit deny is explained by its deciding Deny statements.
func whyNot(res evaluator.Result) []evaluator.Miss {
	if res.Decision != evaluator.ImplicitDeny || res.Err != nil {
		return nil
	}
	return res.Explanation.Misses(res.BlockedBy)
}

// writeMisses writes the why-not lines of a denial: "STATEMENT: what did
// not match".
func writeMisses(w io.Writer, res evaluator.Result, indent string) {
	ms := whyNot(res)
	if len(ms) == 0 {
		return
	}
	fmt.Fprintf(w, "%sstatements that did not apply:\n", indent)
	for _, m := range ms {
		fmt.Fprintf(w, "%s  %s: %s\n", indent, statementLine(m.StatementRef), m)
	}
}

// jsonMiss is a statement that did not apply, in JSON output.
type jsonMiss struct {
	jsonStatement
	// Element is what did not match: action, resource, principal or
	// condition.
	Element evaluator.Element `json:"element"`
	// Condition is, for element condition, the first false clause.
	Condition *jsonClause `json:"condition,omitempty"`
	// Message is the same in one line of text.
	Message string `json:"message"`
}

// jsonClause is a condition clause that was false for the request.
type jsonClause struct {
	Operator      string   `json:"operator"`
	Key           string   `json:"key"`
	PolicyValues  []string `json:"policyValues"`
	Present       bool     `json:"present"`
	RequestValues []string `json:"requestValues"`
}

func missesJSON(res evaluator.Result) []jsonMiss {
	out := []jsonMiss{}
	for _, m := range whyNot(res) {
		j := jsonMiss{jsonStatement: newJSONStatement(m.StatementRef), Element: m.Element, Message: m.String()}
		if m.Element == evaluator.ElementCondition {
			j.Condition = &jsonClause{
				Operator: m.Clause.Operator.String(), Key: m.Clause.Key, PolicyValues: nonNil(m.Clause.Values),
				Present: m.Present, RequestValues: nonNil(m.RequestValues),
			}
		}
		out = append(out, j)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// jsonStatement is a statement in JSON output.
type jsonStatement struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Sid        string `json:"sid"`
	Effect     string `json:"effect"`
	PolicyType string `json:"policyType"`
	// Level is the organization level of an SCP or RCP (0 = root).
	Level *int `json:"level,omitempty"`
	// Statement is the statement's index in its policy, from 0.
	Statement int `json:"statement"`
	// PrincipalMatch is, for an applicable statement of a policy with a
	// Principal, how it named the caller.
	PrincipalMatch string `json:"principalMatch,omitempty"`
}

// jsonResult is the output of `eval --json`.
type jsonResult struct {
	Decision   string          `json:"decision"`
	Reason     string          `json:"reason"`
	BlockedBy  string          `json:"blockedBy"`
	Deciding   []jsonStatement `json:"deciding"`
	Applicable []jsonStatement `json:"applicable"`
	// NotApplied says, for a denial, why each statement of the blocking
	// policies did not apply.
	NotApplied []jsonMiss `json:"notApplied"`
	// Assumptions are what the evaluation took for granted about keys AWS
	// always sets ("aws:SecureTransport defaulted to true", …).
	Assumptions []string `json:"assumptions"`
	// Undocumented names the behaviours AWS does not document that the
	// decision relied on ("short-arn", …), each read as denying.
	Undocumented []string `json:"undocumented"`
	// MissingKeys are the condition keys that matching statements test and
	// the request lacks.
	MissingKeys []string `json:"missingKeys"`
}

func newJSONStatement(ref evaluator.StatementRef) jsonStatement {
	s := jsonStatement{
		File: ref.Pos.File, Line: ref.Pos.Line, Column: ref.Pos.Column, Sid: ref.Sid, Effect: ref.Effect,
		PolicyType: string(ref.Policy.Type), Statement: ref.Statement,
	}
	if ref.Policy.Level >= 0 {
		lvl := ref.Policy.Level
		s.Level = &lvl
	}
	return s
}

func decidingJSON(res evaluator.Result) []jsonStatement {
	out := []jsonStatement{}
	if res.Explanation != nil {
		for _, d := range res.Explanation.Deciding {
			out = append(out, newJSONStatement(d))
		}
	}
	return out
}

func newJSONResult(res evaluator.Result) jsonResult {
	r := jsonResult{
		Decision:   res.Decision.String(),
		Reason:     res.Reason.String(),
		BlockedBy:  string(res.BlockedBy),
		Deciding:   decidingJSON(res),
		Applicable: []jsonStatement{},
		NotApplied: missesJSON(res),

		Assumptions:  nonNil(res.Assumptions.Names()),
		Undocumented: nonNil(res.Undocumented.Names()),
		MissingKeys:  missingKeys(res),
	}
	if res.Decision == evaluator.Allowed {
		r.BlockedBy = ""
	}
	if res.Explanation != nil {
		for _, a := range res.Explanation.Applicable {
			s := newJSONStatement(a.StatementRef)
			if hasPrincipal(a.Policy.Type) {
				s.PrincipalMatch = a.Principal.String()
			}
			r.Applicable = append(r.Applicable, s)
		}
	}
	return r
}

// hasPrincipal reports whether policies of type t name principals, so that
// how they matched the caller means something.
func hasPrincipal(t policy.Type) bool {
	switch t {
	case policy.TypeResource, policy.TypeTrust, policy.TypeRCP, policy.TypeEndpoint:
		return true
	}
	return false
}

// where renders the position of an element of the policy ref, naming the
// policy ("identity[0] policy") when the position has no file (a policy
// built in Go).
func where(p policy.Position, ref evaluator.PolicyRef) string {
	if p.File == "" {
		p.File = ref.String() + " policy"
	}
	return p.String()
}
