package account

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// Analyzer answers questions about a snapshot. It compiles one
// evaluator.Set per distinct combination of policies (principals with the
// same identity policies, boundary and SCPs share one) and is safe for
// concurrent use.
type Analyzer struct {
	S *Snapshot

	mu    sync.Mutex
	sets  map[string]*compiled
	admin map[*Principal]bool
	// synthesized documents: trust policies naming an attacker, the
	// admin-equivalent managed policies of each account.
	trusts   map[*Principal]*Doc
	adminPol map[string][]*ManagedPolicy
	synth    int

	idxOnce  sync.Once
	idx      *index
	trustSvc sync.Map // roleService → bool
}

// NewAnalyzer returns an analyzer of s.
func NewAnalyzer(s *Snapshot) *Analyzer {
	return &Analyzer{S: s, sets: map[string]*compiled{}, admin: map[*Principal]bool{}}
}

// compiled is a Set with the documents behind each PolicyRef.
type compiled struct {
	set      *evaluator.Set
	err      error
	identity []*Doc
	boundary *Doc
	resource *Doc
	scps     [][]*Doc
	rcps     [][]*Doc
}

// Mod is a change to a principal's policies that a technique makes: the
// analysis asks whether the principal would be admin-equivalent after it.
type Mod struct {
	Extra       []*Doc        // identity policies added (attached or inline)
	Replace     map[*Doc]*Doc // identity policies replaced (a new default version)
	Groups      []*Group      // groups the user is added to
	SetBoundary bool          // Boundary replaces the permissions boundary
	Boundary    *Doc          // nil with SetBoundary: the boundary is deleted
}

func (m *Mod) zero() bool {
	return m == nil || (len(m.Extra) == 0 && len(m.Replace) == 0 && len(m.Groups) == 0 && !m.SetBoundary)
}

func (a *Analyzer) managed(arn string) *Doc {
	if mp := a.S.Policies[arn]; mp != nil {
		return mp.Default
	}
	return nil
}

// identityDocs lists the identity policies of p after m: its inline and
// attached policies and, for a user, those of its groups.
func (a *Analyzer) identityDocs(p *Principal, m *Mod) []*Doc {
	var out []*Doc
	add := func(d *Doc) {
		if d == nil {
			return
		}
		if m != nil && m.Replace[d] != nil {
			d = m.Replace[d]
		}
		out = append(out, d)
	}
	groups := p.Groups
	if m != nil && len(m.Groups) > 0 {
		groups = append(groups[:len(groups):len(groups)], m.Groups...)
	}
	for _, d := range p.Inline {
		add(d)
	}
	for _, arn := range p.Attached {
		add(a.managed(arn))
	}
	for _, g := range groups {
		for _, d := range g.Inline {
			add(d)
		}
		for _, arn := range g.Attached {
			add(a.managed(arn))
		}
	}
	if m != nil {
		out = append(out, m.Extra...)
	}
	return out
}

func (a *Analyzer) boundaryDoc(p *Principal, m *Mod) *Doc {
	if m != nil && m.SetBoundary {
		return m.Boundary
	}
	if p.Boundary == "" {
		return nil
	}
	return a.managed(p.Boundary)
}

func docIDs(b *strings.Builder, ds []*Doc) {
	for _, d := range ds {
		b.WriteString(strconv.Itoa(d.id))
		b.WriteByte(',')
	}
}

// set returns the compiled set for principal p (after m) requesting a
// resource with resource policy res (nil: none; trust: it is a trust
// policy) in account resAcct.
func (a *Analyzer) set(p *Principal, m *Mod, res *Doc, trust bool, resAcct string) *compiled {
	c := &compiled{identity: a.identityDocs(p, m), boundary: a.boundaryDoc(p, m), resource: res}
	if scps, _, _, ok := a.S.Org.Levels(p.Account); ok && p.Account != a.S.Org.ManagementAccount {
		c.scps = scps
	}
	if _, rcps, _, ok := a.S.Org.Levels(resAcct); ok && resAcct != a.S.Org.ManagementAccount {
		c.rcps = rcps
	}
	var kb strings.Builder
	docIDs(&kb, c.identity)
	kb.WriteByte('|')
	if c.boundary != nil {
		docIDs(&kb, []*Doc{c.boundary})
	}
	kb.WriteByte('|')
	if res != nil {
		docIDs(&kb, []*Doc{res})
		if trust {
			kb.WriteByte('t')
		}
	}
	for _, l := range c.scps {
		kb.WriteByte('s')
		docIDs(&kb, l)
	}
	for _, l := range c.rcps {
		kb.WriteByte('r')
		docIDs(&kb, l)
	}
	key := kb.String()
	a.mu.Lock()
	if got := a.sets[key]; got != nil {
		a.mu.Unlock()
		return got
	}
	a.mu.Unlock()
	ps := evaluator.Policies{}
	for _, d := range c.identity {
		ps.Identity = append(ps.Identity, d.Policy)
	}
	if c.boundary != nil {
		ps.Boundary = c.boundary.Policy
	}
	if res != nil {
		ps.Resource = res.Policy
		if trust {
			ps.ResourceType = policy.TypeTrust
		}
	}
	for _, l := range c.scps {
		var lvl []*policy.Policy
		for _, d := range l {
			lvl = append(lvl, d.Policy)
		}
		ps.SCPs = append(ps.SCPs, lvl)
	}
	for _, l := range c.rcps {
		var lvl []*policy.Policy
		for _, d := range l {
			lvl = append(lvl, d.Policy)
		}
		ps.RCPs = append(ps.RCPs, lvl)
	}
	c.set, c.err = evaluator.Compile(ps)
	a.mu.Lock()
	if len(a.sets) > 1<<20 { // bound the cache on huge snapshots
		a.sets = map[string]*compiled{}
	}
	a.sets[key] = c
	a.mu.Unlock()
	return c
}

// Context is a request context: condition keys and their values.
type Context map[string][]string

func (c Context) build() conditions.Context {
	if len(c) == 0 {
		return conditions.Context{}
	}
	m := make(map[string]conditions.Value, len(c))
	for k, v := range c {
		if len(v) == 1 {
			m[k] = conditions.Single(v[0])
		} else {
			m[k] = conditions.Multi(v...)
		}
	}
	return conditions.NewContext(m)
}

// Request builds the evaluator request of principal p (a user, or a
// session of a role) for action on resource.
func (a *Analyzer) Request(p *Principal, action, resource string, ctx Context) evaluator.Request {
	prin, issuer := p.Session()
	r := evaluator.Request{
		Principal: prin, SessionIssuer: issuer, Action: action, Resource: resource,
		Context: ctx.build(), PrincipalTags: evaluator.NewTags(p.Tags),
	}
	if p.ID != "" && len(p.ID) < 128 && !strings.ContainsAny(p.ID, " \t\n") {
		r.PrincipalID = p.ID
		if p.Kind == Role {
			r.PrincipalID = p.ID + ":" + SessionName
		}
	}
	if o := a.S.Org; o != nil {
		if _, _, path, ok := o.Levels(p.Account); ok {
			r.PrincipalOrgID, r.PrincipalOrgPaths = o.ID, []string{path}
			r.Facts.PrincipalInManagementAccount = p.Account == o.ManagementAccount
		}
		resAcct := accountOf(resource)
		if resAcct == "" {
			resAcct = p.Account
		}
		if _, _, _, ok := o.Levels(resAcct); ok {
			r.ResourceOrgID = o.ID
			r.Facts.ResourceInManagementAccount = resAcct == o.ManagementAccount
		}
	}
	return r
}

// Statement is a statement that decided, with the document it belongs to.
type Statement struct {
	Policy   string `json:"policy"`
	Sid      string `json:"sid,omitempty"`
	Effect   string `json:"effect"`
	Position string `json:"position"`
}

// Decision is the outcome of one request with its explanation.
type Decision struct {
	Result     evaluator.Result
	Statements []Statement
	// MissingKeys are condition keys that statements matching the request
	// test and that the request does not carry: the decision depends on
	// context the snapshot does not fix.
	MissingKeys []string
	Err         error
}

// Allowed reports whether the request was allowed.
func (d Decision) Allowed() bool { return d.Result.Decision == evaluator.Allowed }

func (c *compiled) doc(ref evaluator.PolicyRef) *Doc {
	switch ref.Type {
	case policy.TypeIdentity:
		if ref.Index < len(c.identity) {
			return c.identity[ref.Index]
		}
	case policy.TypeBoundary:
		return c.boundary
	case policy.TypeResource, policy.TypeTrust:
		return c.resource
	case policy.TypeSCP:
		if ref.Level < len(c.scps) && ref.Index < len(c.scps[ref.Level]) {
			return c.scps[ref.Level][ref.Index]
		}
	case policy.TypeRCP:
		if ref.Level < len(c.rcps) && ref.Index < len(c.rcps[ref.Level]) {
			return c.rcps[ref.Level][ref.Index]
		}
	}
	return nil
}

func (c *compiled) statements(refs []evaluator.StatementRef) []Statement {
	out := make([]Statement, 0, len(refs))
	for _, r := range refs {
		st := Statement{Policy: r.Policy.String(), Sid: r.Sid, Effect: r.Effect, Position: r.Pos.String()}
		if d := c.doc(r.Policy); d != nil {
			st.Policy = d.Label
		}
		out = append(out, st)
	}
	return out
}

// Query is one request of a principal of the snapshot.
type Query struct {
	Action, Resource string
	Context          Context
	// Resource policy: nil looks up the snapshot (the trust policy for
	// sts:AssumeRole* on a role of the snapshot, else the resource
	// policies); set Trust to give a trust policy explicitly.
	ResourcePolicy *Doc
	Trust          bool
	// Mod changes the principal's policies before the request.
	Mod *Mod
}

var assumeActions = map[string]bool{"sts:assumerole": true, "sts:tagsession": true, "sts:setsourceidentity": true}

func (a *Analyzer) resourcePolicy(q *Query) (*Doc, bool) {
	if q.ResourcePolicy == noPolicy {
		return nil, false
	}
	if q.ResourcePolicy != nil {
		return q.ResourcePolicy, q.Trust
	}
	if assumeActions[strings.ToLower(q.Action)] {
		if r := a.S.byARN[q.Resource]; r != nil && r.Kind == Role {
			return r.Trust, true
		}
	}
	if d := a.S.ResourcePolicies[q.Resource]; d != nil {
		return d, false
	}
	return nil, false
}

// Evaluate decides q for p without explaining (no allocation in the
// evaluator).
func (a *Analyzer) Evaluate(p *Principal, q Query) evaluator.Result {
	res, trust := a.resourcePolicy(&q)
	c := a.set(p, q.Mod, res, trust, resourceAccount(q.Resource, p))
	if c.err != nil {
		return evaluator.Result{Decision: evaluator.ImplicitDeny, Reason: evaluator.ReasonInvalidRequest, Err: c.err}
	}
	return c.set.Evaluate(a.Request(p, q.Action, q.Resource, q.Context))
}

// Explain decides q for p and names the deciding statements.
func (a *Analyzer) Explain(p *Principal, q Query) Decision {
	res, trust := a.resourcePolicy(&q)
	c := a.set(p, q.Mod, res, trust, resourceAccount(q.Resource, p))
	if c.err != nil {
		return Decision{Err: c.err}
	}
	r := c.set.Explain(a.Request(p, q.Action, q.Resource, q.Context))
	d := Decision{Result: r, Err: r.Err}
	if r.Explanation != nil {
		d.Statements = c.statements(r.Explanation.Deciding)
		d.MissingKeys = r.Explanation.MissingKeys
	}
	return d
}

func resourceAccount(res string, p *Principal) string {
	if acct := accountOf(res); len(acct) == 12 {
		return acct
	}
	return p.Account
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
