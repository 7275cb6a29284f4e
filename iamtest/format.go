package iamtest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/casefile"
	"github.com/iamlogic/iamlogic/policy"
)

// locator renders where a statement was written: "file:line:col" when the
// policy's file is known, "line:col" (of the policy document) otherwise, or
// "" when the position is unknown.
type locator func(ref evaluator.StatementRef) string

// positionOnly locates a statement inside its policy document; for a policy
// loaded from a file that is the statement's line and column in the file.
func positionOnly(ref evaluator.StatementRef) string {
	if ref.Pos.Line <= 0 {
		return ""
	}
	return strconv.Itoa(ref.Pos.Line) + ":" + strconv.Itoa(ref.Pos.Column)
}

// sourceLocator locates statements of the policies of an access-test case
// in the files that hold them.
func sourceLocator(sources map[evaluator.PolicyRef]casefile.Source) locator {
	return func(ref evaluator.StatementRef) string {
		src, ok := sources[ref.Policy]
		if !ok {
			return positionOnly(ref)
		}
		if ref.Pos.Line <= 0 {
			return src.File
		}
		l, c := casefile.Translate(policy.Position{Line: src.Line, Column: src.Column}, ref.Pos)
		return fmt.Sprintf("%s:%d:%d", src.File, l, c)
	}
}

// writeFinding writes one finding as "file:line:col: message [CODE]". base
// is where the policy starts in file; when the file is not known the
// position is the one inside the policy.
func writeFinding(b *strings.Builder, file string, base policy.Position, known bool, f policy.Finding) {
	switch {
	case !known:
		b.WriteString(f.Error())
		return
	case f.Pos.Line <= 0:
		b.WriteString(file)
	default:
		l, c := casefile.Translate(base, f.Pos)
		fmt.Fprintf(b, "%s:%d:%d", file, l, c)
	}
	fmt.Fprintf(b, ": %s [%s]", f.Message, f.Code)
}

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

// writeStatements writes the deciding statements or, when none decided (an
// implicit deny), the statements that applied.
func writeStatements(b *strings.Builder, res evaluator.Result, loc locator) {
	ex := res.Explanation
	if ex == nil || res.Err != nil {
		return
	}
	if len(ex.Deciding) > 0 {
		b.WriteString("\n  deciding statements:")
		for _, s := range ex.Deciding {
			b.WriteString("\n    ")
			writeStatement(b, s, loc)
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
		writeStatement(b, a.StatementRef, loc)
		switch a.Policy.Type {
		case policy.TypeResource, policy.TypeTrust:
			fmt.Fprintf(b, " (principal match: %s)", a.Principal)
		}
	}
}

// writeStatement writes `Deny scp[level 0][1] statement 0 (Sid "X") at f:4:5`.
func writeStatement(b *strings.Builder, s evaluator.StatementRef, loc locator) {
	fmt.Fprintf(b, "%s %s statement %d", s.Effect, s.Policy, s.Statement)
	if s.Sid != "" {
		fmt.Fprintf(b, " (Sid %q)", s.Sid)
	}
	if where := loc(s); where != "" {
		b.WriteString(" at ")
		b.WriteString(where)
	}
}
