package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
)

// The finding codes of package lint. Every finding is a [policy.Warning].
const (
	// CodeServiceUnknown: an action's service prefix is not one AWS has.
	CodeServiceUnknown policy.Code = "ACTION_SERVICE_UNKNOWN"
	// CodeActionUnknown: an action the service does not have.
	CodeActionUnknown policy.Code = "ACTION_UNKNOWN"
	// CodeActionPatternEmpty: an action pattern that covers no action.
	CodeActionPatternEmpty policy.Code = "ACTION_PATTERN_EMPTY"
	// CodeResourceTypeMismatch: none of the statement's actions applies
	// to any of the resources it names, per the resource types of the
	// catalog: the statement grants or denies nothing.
	CodeResourceTypeMismatch policy.Code = "RESOURCE_TYPE_MISMATCH"
	// CodeConditionKeyUnknown: a condition key that is neither global nor
	// one of the key's service.
	CodeConditionKeyUnknown policy.Code = "CONDITION_KEY_UNKNOWN"
	// CodeConditionOperatorType: an operator of the wrong family for the
	// key's type (StringEquals on aws:SourceIp, Date* on a string key).
	CodeConditionOperatorType policy.Code = "CONDITION_OPERATOR_TYPE"
	// CodeConditionSetOnSingle: ForAllValues or ForAnyValue on a
	// single-valued key.
	CodeConditionSetOnSingle policy.Code = "CONDITION_SET_ON_SINGLE_VALUED"
	// CodeConditionPlainOnMulti: an operator without ForAllValues or
	// ForAnyValue on a multivalued key.
	CodeConditionPlainOnMulti policy.Code = "CONDITION_PLAIN_ON_MULTIVALUED"
	// CodePassRoleWildcard: iam:PassRole allowed on every role.
	CodePassRoleWildcard policy.Code = "PASSROLE_WILDCARD"
	// CodeAllowNotAction: Allow with NotAction.
	CodeAllowNotAction policy.Code = "ALLOW_NOT_ACTION"
	// CodeAllowNotResource: Allow with NotResource.
	CodeAllowNotResource policy.Code = "ALLOW_NOT_RESOURCE"
	// CodePrincipalPublic: a resource or trust policy allows every
	// principal without a condition that narrows it.
	CodePrincipalPublic policy.Code = "PRINCIPAL_PUBLIC"
	// CodeOIDCConditions: a trust policy lets an OIDC provider's users
	// assume the role without conditions on the token's audience and
	// subject.
	CodeOIDCConditions policy.Code = "OIDC_TRUST_CONDITIONS"
	// CodeServicePrincipalUnknown: a service principal that looks like a
	// misspelt one.
	CodeServicePrincipalUnknown policy.Code = "SERVICE_PRINCIPAL_UNKNOWN"
)

// Check returns the findings of package lint for p read as a policy of type
// t, using the action catalog c (catalog.Default() for the embedded one). It
// reads p only; positions are those p was parsed with. A nil p or c has no
// findings.
func Check(p *policy.Policy, t policy.Type, c *catalog.Catalog) policy.Findings {
	if p == nil || c == nil {
		return nil
	}
	l := &linter{c: c, t: t}
	for i := range p.Statements {
		s := &p.Statements[i]
		l.actions(s)
		l.resources(s)
		l.conditions(s)
		l.security(s)
	}
	sort.SliceStable(l.out, func(i, j int) bool { return l.out[i].Pos.Offset < l.out[j].Pos.Offset })
	return l.out
}

type linter struct {
	c   *catalog.Catalog
	t   policy.Type
	out policy.Findings
}

func (l *linter) add(code policy.Code, pos policy.Position, pointer, fix, format string, args ...any) {
	l.out = append(l.out, policy.Finding{Code: code, Severity: policy.Warning, Message: fmt.Sprintf(format, args...), Pos: pos, Pointer: pointer, Fix: fix})
}

func pointer(s *policy.Statement, elem string, i int) string {
	if i < 0 {
		return fmt.Sprintf("/Statement/%d/%s", s.Index, elem)
	}
	return fmt.Sprintf("/Statement/%d/%s/%d", s.Index, elem, i)
}

func actionElem(s *policy.Statement) string {
	if s.ActionsNegated {
		return "NotAction"
	}
	return "Action"
}

// hasWildcard reports whether s holds '*' or '?'.
func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// actions reports unknown services and actions and patterns that cover
// nothing.
func (l *linter) actions(s *policy.Statement) {
	for i, it := range s.Actions {
		v := it.Value
		svc, name, ok := strings.Cut(v, ":")
		if v == "*" || !ok || strings.Contains(name, ":") || policy.IsPlaceholder(v) {
			continue // "*", a malformed action package policy reports, or a value not known offline
		}
		ptr := pointer(s, actionElem(s), i)
		if !hasWildcard(svc) {
			if _, known := l.c.Service(svc); !known {
				if sug, ok := l.c.SuggestService(svc); ok {
					l.add(CodeServiceUnknown, it.Pos, ptr, "write "+sug+":"+name, "unknown service prefix %s in %s; did you mean %s?", text.Quote(svc), text.Quote(v), text.Quote(sug))
				} else {
					l.add(CodeServiceUnknown, it.Pos, ptr, "", "unknown service prefix %s in %s: not in AWS's Service Authorization Reference (catalog data %s), a retired service or a typo", text.Quote(svc), text.Quote(v), l.c.Version())
				}
				continue
			}
		}
		if !hasWildcard(v) {
			if _, known := l.c.Action(v); !known {
				if sug, ok := l.c.SuggestAction(v); ok {
					l.add(CodeActionUnknown, it.Pos, ptr, "write "+sug, "unknown action %s; did you mean %s?", text.Quote(v), text.Quote(sug))
				} else {
					l.add(CodeActionUnknown, it.Pos, ptr, "", "unknown action %s: not in AWS's Service Authorization Reference (catalog data %s), a retired action or a typo", text.Quote(v), l.c.Version())
				}
			}
			continue
		}
		if len(l.c.Expand(v)) == 0 {
			l.add(CodeActionPatternEmpty, it.Pos, ptr, "", "the action pattern %s covers no action", text.Quote(v))
		}
	}
}
