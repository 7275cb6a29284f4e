package account

import (
	"encoding/json"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// Hop is one step of a path: Principal uses Technique on Target.
type Hop struct {
	Principal string `json:"principal"`
	Technique string `json:"technique"`
	Target    string `json:"target"`
	// Statements are the statements that allowed the hop's requests.
	Statements []Statement `json:"statements"`
	// Conditions are the context values the hop needs (key=value), when
	// the snapshot does not fix them.
	Conditions []string `json:"conditions,omitempty"`
	// Assumes are facts outside the snapshot the hop relies on.
	Assumes []string `json:"assumes,omitempty"`
}

// Edge is a hop from one principal to another: after it, the attacker acts
// as To (act-as edges) or To is administrator-equivalent (admin edges).
type Edge struct {
	To  *Principal
	Hop Hop
}

// Options tune the graph.
type Options struct {
	// Conditional admits hops that are allowed only with context values
	// the snapshot does not fix (MFA, an external ID written in the trust
	// policy, …); they are reported with their conditions.
	Conditional bool
	// Progress, when set, is called after each principal's edges are
	// computed with the number done and the total, from the goroutine
	// that computed them (it must be safe for concurrent use). The command
	// line uses it for a progress line on a terminal.
	Progress func(done, total int)
}

// Graph holds the act-as and make-admin edges of every principal.
type Graph struct {
	A      *Analyzer
	Opts   Options
	actAs  map[*Principal][]Edge
	admins map[*Principal][]Edge
}

// allowed decides the steps (all needed) and returns the deciding
// statements and conditions; ok is false when a step is denied.
func (a *Analyzer) allowed(p *Principal, opts Options, qs ...Query) (sts []Statement, conds []string, ok bool) {
	for _, q := range qs {
		d, c, ok := a.allowedOne(p, opts, q)
		if !ok {
			return nil, nil, false
		}
		sts = append(sts, d.Statements...)
		conds = append(conds, c...)
	}
	return dedupe(sts), conds, true
}

func dedupe(sts []Statement) []Statement {
	seen := map[Statement]bool{}
	out := sts[:0]
	for _, s := range sts {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// allowedOne decides q; when it is denied only for want of context keys,
// it retries with the values the policies themselves test those keys for
// (or "true" for MFA) and, with opts.Conditional, reports them.
func (a *Analyzer) allowedOne(p *Principal, opts Options, q Query) (Decision, []string, bool) {
	if r := a.Evaluate(p, q); r.Decision == evaluator.Allowed {
		return a.Explain(p, q), nil, true
	} else if !opts.Conditional {
		return Decision{Result: r}, nil, false
	}
	d := a.Explain(p, q)
	if len(d.MissingKeys) == 0 {
		return d, nil, false
	}
	ctx := Context{}
	for k, v := range q.Context {
		ctx[k] = v
	}
	var conds []string
	for _, k := range d.MissingKeys {
		v := a.guess(p, q, k)
		if v == "" {
			return d, nil, false
		}
		ctx[k] = []string{v}
		conds = append(conds, k+"="+v)
	}
	q.Context = ctx
	if d2 := a.Explain(p, q); d2.Allowed() {
		return d2, conds, true
	}
	return d, nil, false
}

// guess returns a value of key that the policies of the request test for:
// the first literal value a condition on key compares with, or "true" for
// boolean keys such as aws:MultiFactorAuthPresent.
func (a *Analyzer) guess(p *Principal, q Query, key string) string {
	docs := a.identityDocs(p, q.Mod)
	if res, _ := a.resourcePolicy(&q); res != nil {
		docs = append(docs, res)
	}
	for _, d := range docs {
		for _, st := range d.Policy.Statements {
			for _, c := range st.Conditions {
				if !strings.EqualFold(c.Key, key) || len(c.Values) == 0 || strings.Contains(c.Values[0].Value, "${") {
					continue
				}
				op := strings.ToLower(c.Operator)
				switch {
				case strings.Contains(op, "not"), strings.Contains(op, "null"):
					continue
				case strings.HasPrefix(op, "bool"):
					return c.Values[0].Value
				case strings.Contains(op, "like") || strings.Contains(op, "arnlike"):
					return strings.NewReplacer("*", "x", "?", "x").Replace(c.Values[0].Value)
				case strings.Contains(op, "ipaddress"):
					v := c.Values[0].Value
					if i := strings.IndexByte(v, '/'); i >= 0 {
						v = v[:i]
					}
					return v
				case strings.Contains(op, "numericless"):
					return "1"
				default:
					return c.Values[0].Value
				}
			}
		}
	}
	if strings.EqualFold(key, "aws:MultiFactorAuthPresent") {
		return "true"
	}
	if strings.EqualFold(key, "aws:MultiFactorAuthAge") {
		return "1"
	}
	return ""
}

// trustsService reports whether role r's trust policy lets service svc
// assume it.
func (a *Analyzer) trustsService(r *Principal, svc string) bool {
	k := roleService{r, svc}
	if v, ok := a.trustSvc.Load(k); ok {
		return v.(bool)
	}
	c := a.trustOnly(r)
	v := c != nil && c.err == nil &&
		c.set.Evaluate(evaluator.Request{Principal: svc, Action: "sts:AssumeRole", Resource: r.ARN, ResourceAccount: r.Account}).Decision == evaluator.Allowed
	a.trustSvc.Store(k, v)
	return v
}

type roleService struct {
	r   *Principal
	svc string
}

var emptyPrincipal = &Principal{}

// trustOnly is the set of r's trust policy alone.
func (a *Analyzer) trustOnly(r *Principal) *compiled {
	if r.Trust == nil {
		return nil
	}
	return a.set(emptyPrincipal, nil, r.Trust, true, r.Account)
}

// mayAssume is a sound pre-filter: false when the trust policy of r does
// not apply to p at all, so sts:AssumeRole cannot be allowed.
func (a *Analyzer) mayAssume(p, r *Principal) bool {
	c := a.trustOnly(r)
	if c == nil || c.err != nil {
		return false
	}
	res := c.set.Evaluate(a.Request(p, "sts:AssumeRole", r.ARN, nil))
	switch res.Reason {
	case evaluator.ReasonResourcePolicyRequired, evaluator.ReasonNoResourceAllow, evaluator.ReasonExplicitDeny, evaluator.ReasonInvalidRequest:
		// With MissingKeys the trust could still apply with context.
		return false
	}
	return true
}

func (a *Analyzer) docs(p *Principal) []*Doc { return a.identityDocs(p, nil) }

// ActAs returns the edges from p to the principals it can act as: roles it
// can assume (directly, after rewriting a trust policy, or by passing them
// to a service that runs its code) and users it can create credentials
// for.
func (a *Analyzer) ActAs(p *Principal, opts Options) []Edge {
	if a.S.Broken(p) {
		return nil
	}
	var out []Edge
	docs := a.docs(p)
	g := newGrants(docs)
	x := a.index()
	canUpdateTrust := g.of("iam:UpdateAssumeRolePolicy").mentioned
	canPass := g.of("iam:PassRole").mentioned
	canCred := false
	for _, t := range credTechniques {
		canCred = canCred || g.of(t.action).mentioned
	}
	for j, r := range a.S.Principals {
		if r == p || a.S.Broken(r) {
			continue
		}
		lr := x.lower[j]
		_, hasRes := a.S.ResourcePolicies[r.ARN]
		if r.Kind == User {
			if canCred {
				out = append(out, a.userCredentials(p, r, g, lr, hasRes, opts)...)
			}
			continue
		}
		if a.mayGrantAssume(p, r, g) {
			if a.mayAssume(p, r) || opts.Conditional {
				if sts, conds, ok := a.allowed(p, opts, Query{Action: "sts:AssumeRole", Resource: r.ARN}); ok {
					out = append(out, Edge{r, Hop{Principal: p.ARN, Technique: "sts-001 sts:AssumeRole", Target: r.ARN, Statements: sts, Conditions: conds}})
					continue
				}
			}
		}
		if canUpdateTrust && p.Account == r.Account && (hasRes || g.may("iam:UpdateAssumeRolePolicy", lr)) {
			if e, ok := a.rewriteTrust(p, r, opts); ok {
				out = append(out, e)
				continue
			}
		}
		if canPass && p.Account == r.Account && g.may("iam:PassRole", lr) {
			out = append(out, a.passRole(p, r, g, opts)...)
		}
	}
	return out
}

// credTechniques are the techniques that give the attacker credentials of
// another user, in the order they are tried.
var credTechniques = []struct{ id, action, assume string }{
	{"iam-002", "iam:CreateAccessKey", "the user has fewer than 2 access keys"},
	{"iam-004", "iam:CreateLoginProfile", "the user has no console password yet"},
	{"iam-006", "iam:UpdateLoginProfile", "the user has a console password"},
}

func (a *Analyzer) userCredentials(p, u *Principal, g *grants, lowered string, hasRes bool, opts Options) []Edge {
	var out []Edge
	for _, t := range credTechniques {
		if !g.of(t.action).mentioned || !(hasRes || g.may(t.action, lowered)) {
			continue
		}
		if sts, conds, ok := a.allowed(p, opts, Query{Action: t.action, Resource: u.ARN}); ok {
			out = append(out, Edge{u, Hop{Principal: p.ARN, Technique: t.id + " " + t.action, Target: u.ARN, Statements: sts, Conditions: conds, Assumes: []string{t.assume}}})
			break
		}
	}
	return out
}

// trustNaming is a trust policy that names p: what iam:UpdateAssumeRolePolicy
// lets the attacker write. It is false for an ARN that no trust policy can
// name (IAM would refuse the document).
func (a *Analyzer) trustNaming(p *Principal) (*Doc, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.trusts == nil {
		a.trusts = map[*Principal]*Doc{}
	}
	if d := a.trusts[p]; d != nil {
		return d, true
	}
	arn, err := json.Marshal(p.ARN)
	if err != nil {
		return nil, false
	}
	label := "a trust policy the attacker writes (names " + p.ARN + ")"
	pol, err := policy.ParseFile(label, []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":`+string(arn)+`},"Action":"sts:AssumeRole"}]}`))
	if err != nil {
		return nil, false
	}
	d := &Doc{Label: label, Policy: pol}
	a.synth--
	d.id = a.synth - 1
	a.trusts[p] = d
	return d, true
}

func (a *Analyzer) rewriteTrust(p, r *Principal, opts Options) (Edge, bool) {
	trust, ok := a.trustNaming(p)
	if !ok {
		return Edge{}, false
	}
	sts, conds, ok := a.allowed(p, opts, Query{Action: "iam:UpdateAssumeRolePolicy", Resource: r.ARN},
		Query{Action: "sts:AssumeRole", Resource: r.ARN, ResourcePolicy: trust, Trust: true})
	if !ok {
		return Edge{}, false
	}
	return Edge{r, Hop{Principal: p.ARN, Technique: "iam-012 iam:UpdateAssumeRolePolicy + sts:AssumeRole", Target: r.ARN, Statements: sts, Conditions: conds}}, true
}

// stepQueries turns a step's templates into queries for p.
func stepQueries(p *Principal, s step) []Query {
	var qs []Query
	for _, r := range s.Resources {
		qs = append(qs, Query{Action: s.Action, Resource: probeResource(r, p.Account), ResourcePolicy: noPolicy})
	}
	return qs
}

func (a *Analyzer) passRole(p, r *Principal, g *grants, opts Options) []Edge {
	var out []Edge
	tried := map[string]bool{}
	for _, t := range passTechniques {
		if p.Account != r.Account || !a.trustsService(r, t.Service) {
			continue
		}
		pass := Query{Action: "iam:PassRole", Resource: r.ARN, ResourcePolicy: noPolicy, Context: Context{"iam:PassedToService": {t.Service}}}
		key := t.Service
		if _, ok := tried[key]; !ok {
			_, _, ok := a.allowed(p, opts, pass)
			tried[key] = ok
		}
		if !tried[key] {
			continue
		}
		sts, conds, ok := a.allowed(p, opts, pass)
		var assumes []string
		for _, alts := range t.Steps {
			found := false
			for _, s := range alts {
				if !g.of(s.Action).mentioned {
					continue
				}
				if s2, c2, ok := a.allowed(p, opts, stepQueries(p, s)...); ok {
					sts, conds, found = append(sts, s2...), append(conds, c2...), true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if t.InstanceProfile && len(r.InstanceProfiles) == 0 {
			ip := "arn:aws:iam::" + p.Account + ":instance-profile/iamlogic"
			s2, c2, ok := a.allowed(p, opts, Query{Action: "iam:CreateInstanceProfile", Resource: ip, ResourcePolicy: noPolicy},
				Query{Action: "iam:AddRoleToInstanceProfile", Resource: ip, ResourcePolicy: noPolicy})
			if !ok {
				continue
			}
			sts, conds = append(sts, s2...), append(conds, c2...)
		}
		if t.Optional != nil {
			if s2, c2, ok := a.allowed(p, opts, stepQueries(p, *t.Optional)...); ok {
				sts, conds = append(sts, s2...), append(conds, c2...)
			} else {
				assumes = append(assumes, t.IfNot)
			}
		}
		assumes = append(assumes, t.Assumes...)
		out = append(out, Edge{r, Hop{Principal: p.ARN, Technique: t.ID + " " + t.Name, Target: r.ARN, Statements: dedupe(sts), Conditions: conds, Assumes: assumes}})
		break // one technique per role suffices
	}
	return out
}

// attachedTo lists the managed policies whose documents take part in p's
// identity policies (its own and its groups').
func (a *Analyzer) attachedTo(p *Principal) []string {
	out := append([]string(nil), p.Attached...)
	for _, g := range p.Groups {
		out = append(out, g.Attached...)
	}
	return out
}

// adminPolicies are the managed policies of the snapshot that are
// administrator-equivalent on their own (for a principal of acct with no
// boundary), candidates for the attach techniques.
func (a *Analyzer) adminPolicies(acct string) []*ManagedPolicy {
	a.mu.Lock()
	if a.adminPol == nil {
		a.adminPol = map[string][]*ManagedPolicy{}
	}
	if v, ok := a.adminPol[acct]; ok {
		a.mu.Unlock()
		return v
	}
	a.mu.Unlock()
	var out []*ManagedPolicy
	probe := &Principal{Kind: User, ARN: "arn:aws:iam::" + acct + ":user/iamlogic-probe", Name: "iamlogic-probe", Account: acct}
	for _, k := range sortedKeys(a.S.Policies) {
		mp := a.S.Policies[k]
		if mp.Default == nil || (mp.Account != acct && mp.Account != "aws") {
			continue
		}
		if a.IsAdmin(probe, &Mod{Extra: []*Doc{mp.Default}}) {
			out = append(out, mp)
		}
	}
	a.mu.Lock()
	a.adminPol[acct] = out
	a.mu.Unlock()
	return out
}

// MakeAdmin returns the edges from p to the principals p can make
// administrator-equivalent by changing their policies.
func (a *Analyzer) MakeAdmin(p *Principal, opts Options) []Edge {
	if a.S.Broken(p) {
		return nil
	}
	m := &makeAdmin{a: a, p: p, opts: opts, gr: newGrants(a.docs(p))}
	if !m.mentionsAny() {
		return nil
	}
	m.created = "arn:aws:iam::" + p.Account + ":policy/iamlogic-escalation"
	for _, t := range a.S.Principals {
		if a.S.Broken(t) || t.Account != p.Account {
			continue
		}
		m.target(t)
	}
	return m.out
}

// makeAdmin is one run of MakeAdmin: the attacker p, its grants, and the
// edges found so far.
type makeAdmin struct {
	a    *Analyzer
	p    *Principal
	opts Options
	gr   *grants
	// created is the ARN of the admin policy the attacker may create.
	created string
	out     []Edge
}

// mentionsAny reports whether p's policies name any of makeAdminActions.
func (m *makeAdmin) mentionsAny() bool {
	for _, ac := range makeAdminActions {
		if m.gr.of(ac).mentioned {
			return true
		}
	}
	return false
}

// has reports whether p's policies name every one of actions.
func (m *makeAdmin) has(actions ...string) bool {
	for _, ac := range actions {
		if !m.gr.of(ac).mentioned {
			return false
		}
	}
	return true
}

// add adds the edge to t by technique tech on target if, with mod
// applied, t is an administrator and p is allowed every one of qs. It
// reports whether it added the edge.
func (m *makeAdmin) add(t *Principal, tech, target string, mod *Mod, qs ...Query) bool {
	// Every query has no resource policy: only p's identity
	// policies can allow it.
	for _, q := range qs {
		if !m.gr.may(q.Action, strings.ToLower(q.Resource)) {
			return false
		}
	}
	if !m.a.IsAdmin(t, mod) {
		return false
	}
	sts, conds, ok := m.a.allowed(m.p, m.opts, qs...)
	if !ok {
		return false
	}
	m.out = append(m.out, Edge{t, Hop{Principal: m.p.ARN, Technique: tech, Target: target, Statements: sts, Conditions: conds}})
	return true
}

// targetActions are the actions, and technique ids, that change the
// policies of a user or of a role.
type targetActions struct {
	attach, put, delBoundary, putBoundary string
	attachID, putID                       string
}

// actionsFor returns the targetActions of a principal of kind k.
func actionsFor(k Kind) targetActions {
	if k == Role {
		return targetActions{"iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam-009", "iam-005"}
	}
	return targetActions{"iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:DeleteUserPermissionsBoundary", "iam:PutUserPermissionsBoundary", "iam-008", "iam-007"}
}

// target adds the edges to t, trying each technique in turn.
func (m *makeAdmin) target(t *Principal) {
	ta := actionsFor(t.Kind)
	if m.has(ta.attach) {
		m.attachPolicy(t, ta)
	}
	if m.has(ta.put) {
		m.add(t, ta.putID+" "+ta.put, t.ARN, &Mod{Extra: []*Doc{adminDoc}}, Query{Action: ta.put, Resource: t.ARN, ResourcePolicy: noPolicy})
	}
	if m.has("iam:CreatePolicyVersion") || m.has("iam:SetDefaultPolicyVersion") {
		m.replaceVersion(t)
	}
	if t.Boundary != "" {
		m.boundary(t, ta)
	}
	if t.Kind != User {
		return
	}
	for _, g := range t.Groups {
		m.groupPolicy(t, g)
	}
	if m.has("iam:AddUserToGroup") {
		m.joinGroup(t)
	}
}

// attachPolicy adds the edge that attaches an existing admin policy to t,
// or else one the attacker creates.
func (m *makeAdmin) attachPolicy(t *Principal, ta targetActions) {
	done := false
	for _, mp := range m.a.adminPolicies(t.Account) {
		if done = m.add(t, ta.attachID+" "+ta.attach+" ("+mp.ARN+")", t.ARN, &Mod{Extra: []*Doc{mp.Default}},
			Query{Action: ta.attach, Resource: t.ARN, ResourcePolicy: noPolicy, Context: Context{"iam:PolicyARN": {mp.ARN}}}); done {
			break
		}
	}
	if !done && m.has("iam:CreatePolicy") {
		m.add(t, "iam:CreatePolicy + "+ta.attachID+" "+ta.attach, t.ARN, &Mod{Extra: []*Doc{adminDoc}},
			Query{Action: "iam:CreatePolicy", Resource: m.created, ResourcePolicy: noPolicy},
			Query{Action: ta.attach, Resource: t.ARN, ResourcePolicy: noPolicy, Context: Context{"iam:PolicyARN": {m.created}}})
	}
}

// replaceVersion adds the edges that make an admin document the default
// version of a customer managed policy attached to t: a new version, or
// else an existing one.
func (m *makeAdmin) replaceVersion(t *Principal) {
	for _, arn := range m.a.attachedTo(t) {
		mp := m.a.S.Policies[arn]
		if mp == nil || mp.Account != t.Account {
			continue // AWS managed policies cannot be changed
		}
		if m.add(t, "iam-001 iam:CreatePolicyVersion ("+arn+")", t.ARN, &Mod{Replace: map[*Doc]*Doc{mp.Default: adminDoc}},
			Query{Action: "iam:CreatePolicyVersion", Resource: arn, ResourcePolicy: noPolicy}) {
			break
		}
		for _, v := range mp.Others {
			if m.add(t, "iam:SetDefaultPolicyVersion ("+v.Label+")", t.ARN, &Mod{Replace: map[*Doc]*Doc{mp.Default: v}},
				Query{Action: "iam:SetDefaultPolicyVersion", Resource: arn, ResourcePolicy: noPolicy}) {
				break
			}
		}
	}
}

// boundary adds the edges that delete t's permissions boundary or replace
// it with an admin policy.
func (m *makeAdmin) boundary(t *Principal, ta targetActions) {
	if m.has(ta.delBoundary) {
		m.add(t, ta.delBoundary, t.ARN, &Mod{SetBoundary: true}, Query{Action: ta.delBoundary, Resource: t.ARN, ResourcePolicy: noPolicy})
	}
	if m.has(ta.putBoundary) {
		for _, mp := range m.a.adminPolicies(t.Account) {
			if m.add(t, ta.putBoundary+" ("+mp.ARN+")", t.ARN, &Mod{SetBoundary: true, Boundary: mp.Default},
				Query{Action: ta.putBoundary, Resource: t.ARN, ResourcePolicy: noPolicy, Context: Context{"iam:PermissionsBoundary": {mp.ARN}}}) {
				break
			}
		}
	}
}

// groupPolicy adds the edges that give g, a group of the user t, an admin
// policy: an attached one or an inline one.
func (m *makeAdmin) groupPolicy(t *Principal, g *Group) {
	if m.has("iam:AttachGroupPolicy") {
		for _, mp := range m.a.adminPolicies(t.Account) {
			if m.add(t, "iam-010 iam:AttachGroupPolicy ("+g.ARN+", "+mp.ARN+")", g.ARN, &Mod{Extra: []*Doc{mp.Default}},
				Query{Action: "iam:AttachGroupPolicy", Resource: g.ARN, ResourcePolicy: noPolicy, Context: Context{"iam:PolicyARN": {mp.ARN}}}) {
				break
			}
		}
	}
	if m.has("iam:PutGroupPolicy") {
		m.add(t, "iam-011 iam:PutGroupPolicy ("+g.ARN+")", g.ARN, &Mod{Extra: []*Doc{adminDoc}},
			Query{Action: "iam:PutGroupPolicy", Resource: g.ARN, ResourcePolicy: noPolicy})
	}
}

// joinGroup adds the edge that adds the user t to a group of its account,
// not yet its own, that makes it an administrator.
func (m *makeAdmin) joinGroup(t *Principal) {
	for _, gk := range sortedKeys(m.a.S.Groups) {
		g := m.a.S.Groups[gk]
		if g.Account != t.Account || inGroup(t, g) {
			continue
		}
		if m.add(t, "iam-013 iam:AddUserToGroup ("+g.ARN+")", g.ARN, &Mod{Groups: []*Group{g}},
			Query{Action: "iam:AddUserToGroup", Resource: g.ARN, ResourcePolicy: noPolicy}) {
			break
		}
	}
}

// makeAdminActions are the actions of MakeAdmin's techniques: a
// principal whose policies name none of them has no make-admin edge.
var makeAdminActions = []string{
	"iam:AttachUserPolicy", "iam:AttachRolePolicy", "iam:AttachGroupPolicy",
	"iam:PutUserPolicy", "iam:PutRolePolicy", "iam:PutGroupPolicy",
	"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
	"iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary",
	"iam:PutUserPermissionsBoundary", "iam:PutRolePermissionsBoundary",
	"iam:AddUserToGroup",
}

func inGroup(u *Principal, g *Group) bool {
	for _, x := range u.Groups {
		if x == g {
			return true
		}
	}
	return false
}

// BuildGraph computes every principal's edges, on workers goroutines.
func (a *Analyzer) BuildGraph(opts Options, workers int) *Graph {
	g := &Graph{A: a, Opts: opts, actAs: map[*Principal][]Edge{}, admins: map[*Principal][]Edge{}}
	if workers < 1 {
		workers = 1
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	done, total := 0, len(a.S.Principals)
	ch := make(chan *Principal)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range ch {
				// An administrator-equivalent principal ends every path
				// that reaches it: its own edges are not needed.
				var e1, e2 []Edge
				if !a.IsAdmin(p, nil) {
					e1, e2 = a.ActAs(p, opts), a.MakeAdmin(p, opts)
				}
				mu.Lock()
				g.actAs[p], g.admins[p] = e1, e2
				done++
				n := done
				mu.Unlock()
				if opts.Progress != nil {
					opts.Progress(n, total)
				}
			}
		}()
	}
	for _, p := range a.S.Principals {
		ch <- p
	}
	close(ch)
	wg.Wait()
	return g
}

// Edges returns the act-as edges of p.
func (g *Graph) Edges(p *Principal) []Edge { return g.actAs[p] }

// Path is a way for From to reach To: "admin" when From itself ends up
// administrator-equivalent, else the ARN of the principal whose rights it
// ends up using.
type Path struct {
	From string `json:"from"`
	To   string `json:"to"`
	Hops []Hop  `json:"hops"`
}

// reach is a breadth-first search over act-as edges: the shortest chain
// of hops from p to every principal it can act as.
func (g *Graph) reach(p *Principal) (order []*Principal, via map[*Principal][]Hop) {
	via = map[*Principal][]Hop{p: nil}
	order = []*Principal{p}
	for i := 0; i < len(order); i++ {
		c := order[i]
		if c != p && g.A.IsAdmin(c, nil) {
			continue // the path ends here
		}
		for _, e := range g.actAs[c] {
			if _, seen := via[e.To]; seen {
				continue
			}
			via[e.To] = append(append([]Hop(nil), via[c]...), e.Hop)
			order = append(order, e.To)
		}
	}
	return order, via
}

// PathsToAdmin returns, for each principal that is not already
// administrator-equivalent, its shortest path to each way of becoming so.
// from, when not nil, limits the search to that principal.
func (g *Graph) PathsToAdmin(from *Principal) []Path {
	ps := g.A.S.Principals
	each := make([][]Path, len(ps))
	parallel(len(ps), func(i int) {
		p := ps[i]
		if (from != nil && p != from) || g.A.S.Broken(p) || g.A.IsAdmin(p, nil) {
			return
		}
		each[i] = g.pathsToAdmin(p)
	})
	var out []Path
	for _, e := range each {
		out = append(out, e...)
	}
	return out
}

// pathsToAdmin is PathsToAdmin for one principal.
func (g *Graph) pathsToAdmin(p *Principal) []Path {
	order, via := g.reach(p)
	best := map[string]Path{}
	keep := func(to string, hops []Hop) {
		if old, ok := best[to]; !ok || len(hops) < len(old.Hops) {
			best[to] = Path{From: p.ARN, To: to, Hops: hops}
		}
	}
	for _, c := range order {
		if c != p && g.A.IsAdmin(c, nil) {
			keep(c.ARN, via[c])
		}
		for _, e := range g.admins[c] {
			after, ok := via[e.To]
			if !ok {
				continue
			}
			hops := append(append([]Hop(nil), via[c]...), e.Hop)
			if e.To != c {
				hops = append(hops, after...)
			}
			to := e.To.ARN
			if e.To == p {
				to = "admin"
			}
			keep(to, hops)
		}
	}
	var out []Path
	for _, k := range sortedKeys(best) {
		out = append(out, best[k])
	}
	return out
}

// parallel runs f(0) … f(n-1) on GOMAXPROCS workers.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// PathsTo returns the shortest chain from each principal to acting as
// target.
func (g *Graph) PathsTo(target *Principal, from *Principal) []Path {
	var out []Path
	for _, p := range g.A.S.Principals {
		if p == target || (from != nil && p != from) {
			continue
		}
		if _, via := g.reach(p); via[target] != nil {
			out = append(out, Path{From: p.ARN, To: target.ARN, Hops: via[target]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}
