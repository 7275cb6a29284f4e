package lint

import (
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
)

// resources reports a statement none of whose actions applies to any of
// the resources it names (s3:GetObject on a bucket ARN): AWS authorizes an
// action against the resource types the Service Authorization Reference
// lists for it, so such a statement never takes part in a decision. Only
// concrete ARNs are judged; a statement with "*", a wildcard, a variable,
// NotAction, NotResource or an action the catalog does not know is not.
func (l *linter) resources(s *policy.Statement) {
	if s.ActionsNegated || s.ResourcesNegated || !s.HasResource || len(s.Resources) == 0 {
		return
	}
	var actions []*catalog.Action
	for _, it := range s.Actions {
		switch {
		case it.Value == "*" || policy.IsPlaceholder(it.Value):
			return
		case hasWildcard(it.Value):
			actions = append(actions, l.c.Expand(it.Value)...)
		default:
			a, ok := l.c.Action(it.Value)
			if !ok {
				return // reported by actions
			}
			actions = append(actions, a)
		}
	}
	if len(actions) == 0 {
		return
	}
	types := make([][]*catalog.ResourceType, len(s.Resources))
	for i, it := range s.Resources {
		if it.Value == "*" || hasWildcard(it.Value) || strings.Contains(it.Value, "${") {
			return
		}
		if types[i] = l.c.ResourceTypes(it.Value); len(types[i]) == 0 {
			return // an ARN of no type the catalog knows: no judgement
		}
	}
	for _, a := range actions {
		for i := range s.Resources {
			if appliesTo(a, types[i]) {
				return
			}
		}
	}
	a, r := actions[0], s.Resources[0]
	msg := "none of the actions of this statement applies to the resources it names: " + a.String() + " applies to " + describeTypes(a)
	msg += ", and " + text.Quote(r.Value) + " is " + typeNames(types[0])
	fix := ""
	if f := closestFormat(a, r.Value); f != "" {
		fix = "name a resource of the form " + f + " for " + a.String() + ", or an action that applies to " + typeNames(types[0])
	}
	l.add(CodeResourceTypeMismatch, s.ResourcesPos, pointer(s, "Resource", -1), fix, "%s", msg)
}

// closestFormat returns the ARN format, among those of the resource types
// of a, closest to the ARN the statement names (the one to suggest instead
// of it), or "" when a has none.
func closestFormat(a *catalog.Action, arn string) string {
	best, bestD := "", -1
	for _, ar := range a.Resources {
		for _, f := range ar.Type.ARNFormats {
			if d := distance(collapsePlaceholders(f), arn); bestD < 0 || d < bestD {
				best, bestD = f, d
			}
		}
	}
	return best
}

// collapsePlaceholders writes each ${…} of an ARN format as "*".
func collapsePlaceholders(f string) string {
	var b strings.Builder
	for {
		i := strings.Index(f, "${")
		if i < 0 {
			b.WriteString(f)
			return b.String()
		}
		j := strings.IndexByte(f[i:], '}')
		if j < 0 {
			b.WriteString(f)
			return b.String()
		}
		b.WriteString(f[:i])
		b.WriteByte('*')
		f = f[i+j+1:]
	}
}

// appliesTo reports whether action a can be authorized against a resource
// of one of the types ts. An action without resource types is authorized
// against "*" only.
func appliesTo(a *catalog.Action, ts []*catalog.ResourceType) bool {
	for _, ar := range a.Resources {
		for _, t := range ts {
			if ar.Type == t {
				return true
			}
		}
	}
	return false
}

func describeTypes(a *catalog.Action) string {
	if len(a.Resources) == 0 {
		return `"*" only (it has no resource types)`
	}
	names := make([]string, len(a.Resources))
	for i, ar := range a.Resources {
		names[i] = ar.Type.Name
	}
	return "resources of type " + strings.Join(names, ", ")
}

func typeNames(ts []*catalog.ResourceType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	if len(names) == 1 {
		return "a " + names[0]
	}
	return "of type " + strings.Join(names, " or ")
}
