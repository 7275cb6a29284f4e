package account

import (
	"sort"
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/policy"
)

// Access is one principal's answer to a who-can question.
type Access struct {
	ARN string `json:"arn"`
	// Decision is "allowed", or "allowed-if" when the request is allowed
	// only with the context values in Conditions (MFA, a source IP, …)
	// that the snapshot does not fix.
	Decision   string      `json:"decision"`
	Conditions []string    `json:"conditions"`
	Statements []Statement `json:"statements"`
	// DependsOn lists condition keys that statements of an allowed
	// decision test and the request did not carry.
	DependsOn []string `json:"depends_on,omitempty"`
}

// WhoCan returns the principals (users, and roles as sessions of the
// role) allowed action on resource, unconditionally or with context.
func (a *Analyzer) WhoCan(action, resource string, ctx Context) []Access {
	ps := a.S.Principals
	each := make([]*Access, len(ps))
	parallel(len(ps), func(i int) {
		p := ps[i]
		if a.S.Broken(p) {
			return
		}
		q := Query{Action: action, Resource: resource, Context: ctx}
		d, conds, ok := a.allowedOne(p, Options{Conditional: true}, q)
		if !ok {
			return
		}
		acc := Access{ARN: p.ARN, Decision: "allowed", Conditions: conds, Statements: d.Statements}
		if acc.Conditions == nil {
			acc.Conditions = []string{}
		} else {
			acc.Decision = "allowed-if"
		}
		if len(conds) == 0 {
			acc.DependsOn = d.MissingKeys
		}
		each[i] = &acc
	})
	var out []Access
	for _, acc := range each {
		if acc != nil {
			out = append(out, *acc)
		}
	}
	return out
}

// Assumer is a principal that can assume a role.
type Assumer struct {
	ARN        string      `json:"arn"`
	Technique  string      `json:"technique"`
	Conditions []string    `json:"conditions"`
	Statements []Statement `json:"statements"`
	// Chain is the shortest chain of hops when the role is reached
	// through other principals.
	Chain []Hop `json:"chain,omitempty"`
}

// CanAssume returns who can assume role: directly (identity side and trust
// policy, decided together), and through chains of act-as hops in g; and
// the principals outside the snapshot the trust policy names.
func (a *Analyzer) CanAssume(role *Principal, g *Graph) (direct []Assumer, external []string) {
	for _, p := range a.S.Principals {
		if p == role || a.S.Broken(p) {
			continue
		}
		var d Decision
		var conds []string
		ok := false
		if a.mayGrantAssume(p, role, newGrants(a.docs(p))) {
			d, conds, ok = a.allowedOne(p, Options{Conditional: true}, Query{Action: "sts:AssumeRole", Resource: role.ARN})
		}
		if ok {
			if conds == nil {
				conds = []string{}
			}
			direct = append(direct, Assumer{ARN: p.ARN, Technique: "sts:AssumeRole", Conditions: conds, Statements: d.Statements})
			continue
		}
		if g != nil {
			if paths := g.PathsTo(role, p); len(paths) > 0 {
				direct = append(direct, Assumer{ARN: p.ARN, Technique: "chain", Conditions: []string{}, Chain: paths[0].Hops})
			}
		}
	}
	if role.Trust != nil {
		seen := map[string]bool{}
		for _, st := range role.Trust.Policy.Statements {
			if st.Principal == nil || st.Effect != policy.Allow {
				continue
			}
			for _, it := range st.Principal.AWS {
				v := it.Value
				if a.S.byARN[v] == nil && !seen[v] {
					seen[v] = true
					external = append(external, v)
				}
			}
			for _, it := range st.Principal.Service {
				if !seen[it.Value] {
					seen[it.Value] = true
					external = append(external, it.Value)
				}
			}
			for _, it := range st.Principal.Federated {
				if !seen[it.Value] {
					seen[it.Value] = true
					external = append(external, "federated:"+it.Value)
				}
			}
		}
	}
	sort.Strings(external)
	return direct, external
}

// ServiceActions is the answer of what-can for one service: its allowed
// actions by access level.
type ServiceActions struct {
	Service string         `json:"service"`
	Levels  []LevelActions `json:"levels"`
}

// LevelActions are the allowed actions of one access level ("List",
// "Read", "Write", "Permissions management", "Tagging").
type LevelActions struct {
	Access  string          `json:"access"`
	Actions []AllowedAction `json:"actions"`

	level catalog.AccessLevel
}

// AllowedAction is one action what-can reports.
type AllowedAction struct {
	Action string `json:"action"`
	// Resource, for a what-can on "*", is the resource of the principal's
	// policies the action is allowed on (as the policy writes it) when it
	// is not allowed on "*".
	Resource string `json:"resource,omitempty"`
	// Conditions are the context values the action needs, when the
	// snapshot does not fix them.
	Conditions []string `json:"conditions,omitempty"`
}

// WhatCan returns the actions of the catalog p may perform on resource,
// grouped by service and access level. The candidates are every action of
// the services p's Allow statements name (of every service when one names
// "*", a wildcard service or uses NotAction), each decided by the
// evaluator with p's boundary and SCPs. On a resource ARN only the actions
// with a resource type that ARN fits are asked (every candidate when no
// type of the catalog fits it). On "*", an action is reported when it is
// allowed on "*" or, for an action with resource types, on some resource
// p's policies name (wildcards filled in) of a type the action takes: the
// first such resource is reported with it.
func (a *Analyzer) WhatCan(p *Principal, resource string) []ServiceActions {
	cat := catalog.Default()
	sc := newAllowScope()
	for _, d := range a.identityDocs(p, nil) {
		for i := range d.Policy.Statements {
			sc.addStatement(cat, &d.Policy.Statements[i])
		}
	}
	sort.Strings(sc.resources)
	candidates := sc.candidates(cat)
	w := &whatCan{
		a: a, p: p, resource: resource, resources: sc.resources,
		filled: fillWildcards(sc.resources),
		opts:   Options{Conditional: true},
	}
	// The catalog knows a resource type of resource: an action is asked on
	// it only when one of its own resource types fits it (by ARN format:
	// STS's role type is IAM's role ARN).
	w.knownResource = resource != "*" && len(cat.ResourceTypes(resource)) > 0
	allowed := make([]*AllowedAction, len(candidates))
	parallel(len(candidates), func(i int) {
		if r, ok := w.decide(candidates[i]); ok {
			allowed[i] = &r
		}
	})
	return groupAllowed(candidates, allowed)
}

// allowScope is what the Allow statements of a principal's policies name:
// the services of their actions and the resources they are on.
type allowScope struct {
	services map[*catalog.Service]bool
	// allServices is set when a statement names "*", a wildcard service or
	// uses NotAction.
	allServices bool
	// resources are the statements' resources but "*" and those with a
	// policy variable, once each.
	resources []string
	seenRes   map[string]bool
}

// newAllowScope returns an empty allowScope.
func newAllowScope() *allowScope {
	return &allowScope{services: map[*catalog.Service]bool{}, seenRes: map[string]bool{}}
}

// addStatement adds the services and resources st names, when it is an
// Allow statement.
func (sc *allowScope) addStatement(cat *catalog.Catalog, st *policy.Statement) {
	if st.Effect != policy.Allow {
		return
	}
	if st.ActionsNegated {
		sc.allServices = true
	}
	for _, it := range st.Actions {
		svc, _, ok := strings.Cut(it.Value, ":")
		if !ok || strings.ContainsAny(svc, "*?") {
			sc.allServices = true
			continue
		}
		if s, ok := cat.Service(svc); ok {
			sc.services[s] = true
		}
	}
	if st.ResourcesNegated {
		return
	}
	for _, it := range st.Resources {
		if v := it.Value; v != "*" && !strings.Contains(v, "${") && !sc.seenRes[v] {
			sc.seenRes[v] = true
			sc.resources = append(sc.resources, v)
		}
	}
}

// candidates returns the actions of the catalog's services in the scope,
// in catalog order.
func (sc *allowScope) candidates(cat *catalog.Catalog) []*catalog.Action {
	var candidates []*catalog.Action
	for _, s := range cat.Services() {
		if sc.allServices || sc.services[s] {
			candidates = append(candidates, s.Actions...)
		}
	}
	return candidates
}

// fillWildcards returns resources with their wildcards filled in, so that
// they are ARNs to ask on.
func fillWildcards(resources []string) []string {
	fill := strings.NewReplacer("*", "iamlogic", "?", "x")
	filled := make([]string, len(resources))
	for i, r := range resources {
		filled[i] = fill.Replace(r)
	}
	return filled
}

// whatCan is one run of WhatCan: the principal, the resource asked on and,
// for "*", the resources of p's policies to try.
type whatCan struct {
	a             *Analyzer
	p             *Principal
	resource      string
	knownResource bool
	resources     []string
	filled        []string
	opts          Options
}

// takes reports whether one of ac's resource types fits arn.
func takes(ac *catalog.Action, arn string) bool {
	for _, r := range ac.Resources {
		if r.Type.Matches(arn) {
			return true
		}
	}
	return false
}

// decide reports whether p may perform ac on the resource asked on, and
// how it is reported.
func (w *whatCan) decide(ac *catalog.Action) (AllowedAction, bool) {
	name := ac.String()
	if w.resource != "*" {
		if w.knownResource && !takes(ac, w.resource) {
			return AllowedAction{}, false
		}
		_, conds, ok := w.a.allowedOne(w.p, w.opts, Query{Action: name, Resource: w.resource})
		return AllowedAction{Action: name, Conditions: conds}, ok
	}
	return w.decideAnywhere(ac, name)
}

// decideAnywhere decides ac, named name, on "*": allowed on "*" itself or,
// failing that, on the first of p's policies' resources it takes.
func (w *whatCan) decideAnywhere(ac *catalog.Action, name string) (AllowedAction, bool) {
	if _, conds, ok := w.a.allowedOne(w.p, w.opts, Query{Action: name, Resource: "*"}); ok {
		return AllowedAction{Action: name, Conditions: conds}, true
	}
	if len(ac.Resources) == 0 {
		return AllowedAction{}, false
	}
	for i, r := range w.resources {
		arn := w.filled[i]
		if !takes(ac, arn) {
			continue
		}
		if _, conds, ok := w.a.allowedOne(w.p, w.opts, Query{Action: name, Resource: arn}); ok {
			return AllowedAction{Action: name, Resource: r, Conditions: conds}, true
		}
	}
	return AllowedAction{}, false
}

// groupAllowed groups the allowed candidates (allowed[i] for candidates[i],
// nil when denied) by service, in candidate order, and then by access
// level, in level order.
func groupAllowed(candidates []*catalog.Action, allowed []*AllowedAction) []ServiceActions {
	var out []ServiceActions
	for i, ac := range candidates {
		if allowed[i] == nil {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Service != ac.Service.Prefix {
			out = append(out, ServiceActions{Service: ac.Service.Prefix})
		}
		lv := out[len(out)-1].level(ac.Access)
		lv.Actions = append(lv.Actions, *allowed[i])
	}
	for i := range out {
		sort.SliceStable(out[i].Levels, func(x, y int) bool { return out[i].Levels[x].level < out[i].Levels[y].level })
	}
	return out
}

// level returns the LevelActions of sa for access level l, added at the
// end when sa has none yet.
func (sa *ServiceActions) level(l catalog.AccessLevel) *LevelActions {
	j := 0
	for j < len(sa.Levels) && sa.Levels[j].level != l {
		j++
	}
	if j == len(sa.Levels) {
		sa.Levels = append(sa.Levels, LevelActions{Access: l.String(), level: l})
	}
	return &sa.Levels[j]
}

// Trustee is a principal a role's trust policy allows, with the conditions
// of the statement that names it.
type Trustee struct {
	// Principal is an ARN or account of the AWS element, a service, or
	// "federated:" and the provider.
	Principal string `json:"principal"`
	// Conditions are the statement's conditions, "Operator Key=V1|V2".
	Conditions []string `json:"conditions"`
	// Actions are the statement's actions (sts:AssumeRole, …).
	Actions []string `json:"actions"`
}

// TrustedBy lists, for each Allow statement of role's trust policy, the
// principals it names with its conditions, in document order.
func (a *Analyzer) TrustedBy(role *Principal) []Trustee {
	if role.Trust == nil {
		return nil
	}
	var out []Trustee
	for _, st := range role.Trust.Policy.Statements {
		if st.Effect != policy.Allow || st.Principal == nil {
			continue
		}
		conds := []string{}
		for _, c := range st.Conditions {
			var vs []string
			for _, v := range c.Values {
				vs = append(vs, v.Value)
			}
			conds = append(conds, c.Operator+" "+c.Key+"="+strings.Join(vs, "|"))
		}
		acts := []string{}
		for _, it := range st.Actions {
			acts = append(acts, it.Value)
		}
		add := func(p string) { out = append(out, Trustee{Principal: p, Conditions: conds, Actions: acts}) }
		if st.Principal.Wildcard {
			add("*")
		}
		for _, it := range st.Principal.AWS {
			add(it.Value)
		}
		for _, it := range st.Principal.Service {
			add(it.Value)
		}
		for _, it := range st.Principal.Federated {
			add("federated:" + it.Value)
		}
	}
	return out
}
