package account

import (
	"strings"

	"github.com/iamlogic/iamlogic/policy"
)

// The pair search of BuildGraph would ask the evaluator about every
// principal against every other. The indexes here keep it to the pairs
// that can be allowed at all, with sound pre-filters only: a pair they
// drop is one the evaluator would deny (and deny with any context, so
// Options.Conditional does not bring it back).
//
//   - grants: for one identity policy set (shared by every principal with
//     that set) and one action, the resources an Allow statement naming
//     the action may grant. A request whose resource policy is absent can
//     only be allowed through them.
//   - trustIndex: for each role, the principals its trust policy names
//     directly (ARNs, unique IDs), or open when it names anyone ("*",
//     a wildcard, NotPrincipal, a session ARN). A trust that names only
//     accounts grants nothing on its own: the caller's identity policies
//     must allow sts:AssumeRole too, which grants decides.

// resPatterns are the resources Allow statements grant an action on.
type resPatterns struct {
	mentioned bool     // some Allow statement names the action
	all       bool     // some grants every resource (or cannot be bounded)
	literal   []string // lowercased ARNs
	globs     []string // lowercased patterns with * or ?
}

// grants holds the resPatterns of one identity policy set, by action.
type grants struct {
	docs []*Doc
	by   map[string]*resPatterns
}

func newGrants(docs []*Doc) *grants { return &grants{docs: docs, by: map[string]*resPatterns{}} }

// of returns the patterns of action (not safe for concurrent use: each
// worker builds its own grants).
func (g *grants) of(action string) *resPatterns {
	if r := g.by[action]; r != nil {
		return r
	}
	r := &resPatterns{}
	g.by[action] = r
	for _, d := range g.docs {
		for i := range d.Policy.Statements {
			st := &d.Policy.Statements[i]
			if st.Effect != policy.Allow {
				continue
			}
			named := st.ActionsNegated
			for _, it := range st.Actions {
				if named {
					break
				}
				named = matchAction(it.Value, action)
			}
			if !named {
				continue
			}
			r.mentioned = true
			if st.ResourcesNegated || !st.HasResource {
				r.all = true
				continue
			}
			for _, it := range st.Resources {
				v := strings.ToLower(it.Value)
				switch {
				case strings.Contains(v, "${"), v == "*":
					r.all = true
				case strings.ContainsAny(v, "*?"):
					r.globs = append(r.globs, v)
				default:
					r.literal = append(r.literal, v)
				}
			}
		}
	}
	return r
}

// may reports whether the identity policies may allow action on arn
// (lowered is strings.ToLower(arn)).
func (g *grants) may(action, lowered string) bool {
	r := g.of(action)
	if !r.mentioned {
		return false
	}
	if r.all {
		return true
	}
	for _, l := range r.literal {
		if l == lowered {
			return true
		}
	}
	for _, p := range r.globs {
		if globMatch(p, lowered) {
			return true
		}
	}
	return false
}

// trustIndex says which principals each role's trust policy names.
type trustIndex struct {
	open  []bool           // by principal index: the trust may name anyone
	named map[string][]int // lowercased ARN or unique ID → roles naming it
}

// index holds what the pair search looks up: the principals' lowercased
// ARNs (by position in Snapshot.Principals) and the trust index.
type index struct {
	pos   map[*Principal]int
	lower []string
	trust trustIndex
}

func (a *Analyzer) index() *index {
	a.idxOnce.Do(func() {
		ps := a.S.Principals
		x := &index{pos: make(map[*Principal]int, len(ps)), lower: make([]string, len(ps)), trust: trustIndex{open: make([]bool, len(ps)), named: map[string][]int{}}}
		for i, p := range ps {
			x.pos[p] = i
			x.lower[i] = strings.ToLower(p.ARN)
		}
		for i, r := range ps {
			if r.Kind != Role || r.Trust == nil {
				continue
			}
			seen := map[string]bool{}
			for _, st := range r.Trust.Policy.Statements {
				if st.Effect != policy.Allow {
					continue
				}
				if st.Principal == nil || st.PrincipalNegated || st.Principal.Wildcard {
					x.trust.open[i] = true
					continue
				}
				for _, it := range st.Principal.AWS {
					v := strings.ToLower(it.Value)
					switch {
					case strings.ContainsAny(v, "*?$"), strings.Contains(v, ":sts:") || strings.HasPrefix(v, "arn:") && !strings.Contains(v, ":iam:"):
						x.trust.open[i] = true
					case isAccountID(v), strings.HasSuffix(v, ":root") && strings.Count(v, ":") == 5:
						// an account: the caller's identity policies decide
					default:
						if !seen[v] {
							seen[v] = true
							x.trust.named[v] = append(x.trust.named[v], i)
						}
					}
				}
			}
		}
		a.idx = x
	})
	return a.idx
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// mayGrantAssume is the pre-filter of sts:AssumeRole by p on role r (g
// holds p's identity policies): false when neither r's trust policy names
// p (or anyone) nor p's identity policies may allow it, so the evaluator
// would deny with any context.
func (a *Analyzer) mayGrantAssume(p, r *Principal, g *grants) bool {
	x := a.index()
	j, ok := x.at(r)
	if !ok || x.trust.open[j] {
		return true
	}
	for _, k := range []string{p.ARN, p.ID, p.ID + ":" + SessionName} {
		if k == "" {
			continue
		}
		for _, i := range x.trust.named[strings.ToLower(k)] {
			if i == j {
				return true
			}
		}
	}
	return g.may("sts:AssumeRole", x.lower[j])
}

// at returns the position of p in Snapshot.Principals.
func (x *index) at(p *Principal) (int, bool) {
	i, ok := x.pos[p]
	return i, ok
}
