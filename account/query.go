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
	docs := a.identityDocs(p, nil)
	services := map[*catalog.Service]bool{}
	allServices := false
	var resources []string
	seenRes := map[string]bool{}
	for _, d := range docs {
		for _, st := range d.Policy.Statements {
			if st.Effect != policy.Allow {
				continue
			}
			if st.ActionsNegated {
				allServices = true
			}
			for _, it := range st.Actions {
				svc, _, ok := strings.Cut(it.Value, ":")
				if !ok || strings.ContainsAny(svc, "*?") {
					allServices = true
					continue
				}
				if s, ok := cat.Service(svc); ok {
					services[s] = true
				}
			}
			if st.ResourcesNegated {
				continue
			}
			for _, it := range st.Resources {
				if v := it.Value; v != "*" && !strings.Contains(v, "${") && !seenRes[v] {
					seenRes[v] = true
					resources = append(resources, v)
				}
			}
		}
	}
	sort.Strings(resources)
	var candidates []*catalog.Action
	for _, s := range cat.Services() {
		if allServices || services[s] {
			candidates = append(candidates, s.Actions...)
		}
	}
	fill := strings.NewReplacer("*", "iamlogic", "?", "x")
	// fits says whether the catalog knows a resource type arn names; an
	// action is asked on such an ARN only when one of its own resource
	// types fits it (by ARN format: STS's role type is IAM's role ARN).
	fits := func(arn string) bool { return len(cat.ResourceTypes(arn)) > 0 }
	takes := func(ac *catalog.Action, arn string) bool {
		for _, r := range ac.Resources {
			if r.Type.Matches(arn) {
				return true
			}
		}
		return false
	}
	knownResource := resource != "*" && fits(resource)
	filled := make([]string, len(resources))
	for i, r := range resources {
		filled[i] = fill.Replace(r)
	}
	opts := Options{Conditional: true}
	decide := func(ac *catalog.Action) (AllowedAction, bool) {
		name := ac.String()
		if resource != "*" {
			if knownResource && !takes(ac, resource) {
				return AllowedAction{}, false
			}
			_, conds, ok := a.allowedOne(p, opts, Query{Action: name, Resource: resource})
			return AllowedAction{Action: name, Conditions: conds}, ok
		}
		if _, conds, ok := a.allowedOne(p, opts, Query{Action: name, Resource: "*"}); ok {
			return AllowedAction{Action: name, Conditions: conds}, true
		}
		if len(ac.Resources) == 0 {
			return AllowedAction{}, false
		}
		for i, r := range resources {
			arn := filled[i]
			if !takes(ac, arn) {
				continue
			}
			if _, conds, ok := a.allowedOne(p, opts, Query{Action: name, Resource: arn}); ok {
				return AllowedAction{Action: name, Resource: r, Conditions: conds}, true
			}
		}
		return AllowedAction{}, false
	}
	allowed := make([]*AllowedAction, len(candidates))
	parallel(len(candidates), func(i int) {
		if r, ok := decide(candidates[i]); ok {
			allowed[i] = &r
		}
	})
	var out []ServiceActions
	for i, ac := range candidates {
		if allowed[i] == nil {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Service != ac.Service.Prefix {
			out = append(out, ServiceActions{Service: ac.Service.Prefix})
		}
		sa := &out[len(out)-1]
		j := 0
		for j < len(sa.Levels) && sa.Levels[j].level != ac.Access {
			j++
		}
		if j == len(sa.Levels) {
			sa.Levels = append(sa.Levels, LevelActions{Access: ac.Access.String(), level: ac.Access})
		}
		sa.Levels[j].Actions = append(sa.Levels[j].Actions, *allowed[i])
	}
	for i := range out {
		sort.SliceStable(out[i].Levels, func(x, y int) bool { return out[i].Levels[x].level < out[i].Levels[y].level })
	}
	return out
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
