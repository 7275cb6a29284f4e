package account

import (
	"sort"
	"strings"

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

// ServiceActions is the answer of what-can for one service.
type ServiceActions struct {
	Service string   `json:"service"`
	Actions []string `json:"actions"`
	// Conditional are actions allowed only with context values.
	Conditional []string `json:"conditional,omitempty"`
}

// WhatCan returns the actions p may perform on resource, grouped by
// service. Without an action catalogue it tries the actions its policies
// name (wildcards are listed as written, e.g. "s3:Get*", decided with the
// pattern's own name filled in): each is decided by the evaluator.
func (a *Analyzer) WhatCan(p *Principal, resource string) []ServiceActions {
	names := map[string]bool{}
	for _, d := range a.identityDocs(p, nil) {
		for _, st := range d.Policy.Statements {
			if st.ActionsNegated {
				continue
			}
			for _, it := range st.Actions {
				names[it.Value] = true
			}
		}
	}
	by := map[string]*ServiceActions{}
	for _, n := range sortedKeys(names) {
		svc, act, ok := strings.Cut(n, ":")
		probe := n
		if !ok {
			svc, probe = "*", "iamlogicprobe:AnyAction"
		} else if strings.ContainsAny(act, "*?") {
			probe = svc + ":" + strings.NewReplacer("*", "X", "?", "X").Replace(act)
			if strings.ContainsAny(svc, "*?") {
				probe = "iamlogicprobe:" + strings.NewReplacer("*", "X", "?", "X").Replace(act)
			}
		}
		_, conds, ok := a.allowedOne(p, Options{Conditional: true}, Query{Action: probe, Resource: resource})
		if !ok {
			continue
		}
		sa := by[strings.ToLower(svc)]
		if sa == nil {
			sa = &ServiceActions{Service: strings.ToLower(svc), Actions: []string{}}
			by[sa.Service] = sa
		}
		if conds != nil {
			sa.Conditional = append(sa.Conditional, n+" (if "+strings.Join(conds, ", ")+")")
		} else {
			sa.Actions = append(sa.Actions, n)
		}
	}
	var out []ServiceActions
	for _, k := range sortedKeys(by) {
		out = append(out, *by[k])
	}
	return out
}
