package iamtest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// writeResult writes the reason, the blocking policy type and the grant.
func writeResult(b *strings.Builder, res evaluator.Result) {
	if res.Reason != evaluator.ReasonNone {
		b.WriteString("\n  reason:     ")
		b.WriteString(res.Reason.String())
	}
	if res.BlockedBy != "" {
		b.WriteString("\n  blocked by: ")
		b.WriteString(string(res.BlockedBy))
	}
	if res.Decision == evaluator.Allowed && res.Grant != evaluator.NoMatch {
		b.WriteString("\n  grant:      the resource policy names the caller (")
		b.WriteString(res.Grant.String())
		b.WriteString(" match)")
	}
}

// writeRequest writes every field of the request that is set.
func writeRequest(b *strings.Builder, req evaluator.Request) {
	b.WriteString("\n  request:")
	field := func(name, value string) {
		if value == "" {
			return
		}
		fmt.Fprintf(b, "\n    %-18s %s", name+":", value)
	}
	principal := req.Principal
	if principal == "" {
		principal = "(anonymous)"
	}
	field("principal", principal)
	field("session issuer", req.SessionIssuer)
	field("principal account", req.PrincipalAccount)
	field("action", req.Action)
	field("resource", req.Resource)
	field("resource account", req.ResourceAccount)
	if keys := req.Context.Keys(); len(keys) > 0 {
		parts := make([]string, len(keys))
		for i, k := range keys {
			v, _ := req.Context.Lookup(k)
			if v.IsMulti() {
				vals := v.Values()
				q := make([]string, len(vals))
				for j, s := range vals {
					q[j] = strconv.Quote(s)
				}
				parts[i] = k + "=[" + strings.Join(q, ", ") + "]"
			} else {
				parts[i] = k + "=" + strconv.Quote(v.Values()[0])
			}
		}
		field("context", strings.Join(parts, ", "))
	} else {
		field("context", "(no keys)")
	}
	if f := facts(req.Facts); f != "" {
		field("facts", f)
	}
}

// facts lists the facts that are set.
func facts(f evaluator.Facts) string {
	var out []string
	add := func(set bool, name string) {
		if set {
			out = append(out, name)
		}
	}
	add(f.PrincipalInManagementAccount, "principal in management account")
	add(f.PrincipalIsServiceLinkedRole, "principal is a service-linked role")
	add(f.ResourceInManagementAccount, "resource in management account")
	add(f.RCPsNotSupported, "RCPs not supported")
	add(f.RCPsApplyToServiceLinkedRoles, "RCPs apply to service-linked roles")
	switch f.ResourcePolicyRequired {
	case evaluator.Required:
		out = append(out, "resource policy required")
	case evaluator.NotRequired:
		out = append(out, "resource policy not required")
	}
	return strings.Join(out, ", ")
}

// writeGaps writes what the decision did not know for certain: the
// assumptions about keys AWS always sets, the undocumented behaviours it
// relied on and the condition keys the request lacks, in the words of
// accesstest.Outcome.Gaps (those of a strict access-test case).
func writeGaps(b *strings.Builder, res evaluator.Result) {
	if res.Err != nil {
		return
	}
	gaps := accesstest.Outcome{Case: &accesstest.Case{}, Result: res}.Gaps()
	if len(gaps) == 0 {
		return
	}
	b.WriteString("\n  gaps:")
	for _, g := range gaps {
		b.WriteString("\n    ")
		b.WriteString(g)
	}
}

// writeStatements writes the deciding statements or, when none decided (an
// implicit deny), the statements that applied.
func writeStatements(b *strings.Builder, res evaluator.Result) {
	ex := res.Explanation
	if ex == nil || res.Err != nil {
		return
	}
	if len(ex.Deciding) > 0 {
		b.WriteString("\n  deciding statements:")
		for _, s := range ex.Deciding {
			b.WriteString("\n    ")
			writeStatement(b, s)
		}
		return
	}
	if len(ex.Applicable) == 0 {
		b.WriteString("\n  no statement applied to the request")
		return
	}
	b.WriteString("\n  no statement decided; statements that applied:")
	for _, a := range ex.Applicable {
		b.WriteString("\n    ")
		writeStatement(b, a.StatementRef)
		switch a.Policy.Type {
		case policy.TypeResource, policy.TypeTrust:
			fmt.Fprintf(b, " (principal match: %s)", a.Principal)
		}
	}
}

// writeStatement writes `Deny scp[level 0][1] statement 0 (Sid "X") at f:4:5`.
func writeStatement(b *strings.Builder, s evaluator.StatementRef) {
	fmt.Fprintf(b, "%s %s statement %d", s.Effect, s.Policy, s.Statement)
	if s.Sid != "" {
		fmt.Fprintf(b, " (Sid %q)", s.Sid)
	}
	if s.Pos.IsValid() || s.Pos.File != "" {
		b.WriteString(" at ")
		b.WriteString(s.Pos.String())
	}
}

// writeMisses writes, for an implicit deny, why each statement of the
// policies that blocked it did not apply.
func writeMisses(b *strings.Builder, res evaluator.Result) {
	if res.Decision != evaluator.ImplicitDeny || res.Err != nil {
		return
	}
	ms := res.Explanation.Misses(res.BlockedBy)
	if len(ms) == 0 {
		return
	}
	b.WriteString("\n  statements that did not apply:")
	for _, m := range ms {
		b.WriteString("\n    ")
		writeStatement(b, m.StatementRef)
		b.WriteString(": ")
		b.WriteString(m.String())
	}
}
