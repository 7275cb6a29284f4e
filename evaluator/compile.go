package evaluator

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/internal/wildcard"
	"github.com/iamlogic/iamlogic/policy"
)

// Policies are the policies that take part in one kind of request. A nil
// field or an empty list means "none of that type".
type Policies struct {
	// Identity holds the caller's identity-based policies: for a user its own
	// and its groups' policies; for a role session the role's; for a
	// federated-user session those of the IAM user who federated.
	Identity []*policy.Policy
	// Resource is the policy of the requested resource: a bucket, queue or
	// key policy, or for sts:AssumeRole* the role's trust policy.
	Resource *policy.Policy
	// ResourceType is the type Resource is validated as: policy.TypeResource
	// (the default when empty) or policy.TypeTrust.
	ResourceType policy.Type
	// Boundary is the permissions boundary of the user or role, if any.
	Boundary *policy.Policy
	// Session holds the session policies passed when the session was created.
	Session []*policy.Policy
	// SCPs holds the service control policies by level of the caller's
	// organization path: root first, account last. FullAWSAccess is not
	// implied: list it where it is attached.
	SCPs [][]*policy.Policy
	// RCPs holds the resource control policies by level of the resource's
	// organization path, root first. RCPFullAWSAccess, which AWS attaches to
	// every level and which cannot be detached, is implied at every level.
	RCPs [][]*policy.Policy
	// Endpoints holds the policies of the VPC endpoints the request passes
	// through; each must allow.
	Endpoints []*policy.Policy
}

// PolicyRef identifies one policy of a Policies value.
type PolicyRef struct {
	Type policy.Type // the role the policy plays: identity, resource, trust, boundary, session, scp, rcp, endpoint
	// Level is the organization level of an SCP or RCP (0 = root); -1 otherwise.
	Level int
	// Index is the policy's index in its list (its level's list for SCPs and
	// RCPs); 0 for Resource and Boundary.
	Index int
}

// String names the policy for messages: "scp[level 1][0]" for an SCP or
// RCP, "resource", "trust" or "boundary" for the single policy of its type,
// "identity[2]" otherwise, and "no policy" for the zero PolicyRef.
func (r PolicyRef) String() string {
	switch {
	case r == (PolicyRef{}):
		return "no policy"
	case r.Type == "":
		r.Type = "policy"
	}
	switch {
	case r.Level >= 0:
		return fmt.Sprintf("%s[level %d][%d]", r.Type, r.Level, r.Index)
	case r.Type == policy.TypeResource || r.Type == policy.TypeTrust || r.Type == policy.TypeBoundary:
		return string(r.Type)
	}
	return fmt.Sprintf("%s[%d]", r.Type, r.Index)
}

// CompileError reports a policy that cannot take part in evaluation because
// it is invalid for its type. Compile refuses the whole set (fail closed).
type CompileError struct {
	Policy PolicyRef
	Err    error // a policy.Findings, or another error
}

// Error names the policy and says why it is invalid.
func (e *CompileError) Error() string {
	return fmt.Sprintf("evaluator: %s policy is invalid: %v", e.Policy, e.Err)
}

// Unwrap returns the policy's findings or other error.
func (e *CompileError) Unwrap() error { return e.Err }

// Set is a compiled, immutable set of policies. It is safe for concurrent
// use by any number of goroutines.
type Set struct {
	identity  *group
	boundary  *group // nil: no boundary
	session   *group // nil: no session policy
	resource  *group // nil: no resource policy
	scps      []*group
	rcps      []*group
	endpoints []*group
	src       Policies
	derives   keySet // the keys AWS always sets that some statement reads (derive.go)
}

// group is a set of policies whose statements combine into one outcome
// (SPEC §4.6): all identity policies, the boundary, the session policies,
// the resource policy, one SCP level, one RCP level, one endpoint policy.
type group struct {
	typ        policy.Type
	principals bool               // statements carry Principal/NotPrincipal (carriesPrincipal)
	all        []*stmt            // every statement, in document order
	index      map[string][]*stmt // by lower-case service prefix
	any        []*stmt            // statements that may match any service
	// impliedAllow is true for an RCP level (RCPFullAWSAccess).
	impliedAllow bool
}

// stmt is a compiled statement.
type stmt struct {
	ref       StatementRef
	deny      bool
	actions   []actionPattern
	actNot    bool
	resources []resourcePattern
	resNot    bool
	noRes     bool // no Resource element: the attached resource
	principal *principalMatcher
	princNot  bool
	cond      *conditions.Block // nil: no condition
	condReads keySet            // the derived keys the condition reads
	// unknown has bit 1<<e set for each element e (ElementAction, …) that
	// holds a placeholder (policy.IsPlaceholder); a decision that reaches
	// one relies on UndocumentedUnknownValue.
	unknown uint8
}

// Compile validates every policy for the type it plays and compiles the set.
// It refuses a set that contains an invalid policy: the error is a
// *CompileError naming the policy, wrapping its findings.
func Compile(p Policies) (*Set, error) {
	s := &Set{src: p}
	var err error
	if s.identity, err = compileGroup(policy.TypeIdentity, -1, p.Identity); err != nil {
		return nil, err
	}
	if p.Boundary != nil {
		if s.boundary, err = compileGroup(policy.TypeBoundary, -1, []*policy.Policy{p.Boundary}); err != nil {
			return nil, err
		}
	}
	if len(p.Session) > 0 {
		if s.session, err = compileGroup(policy.TypeSession, -1, p.Session); err != nil {
			return nil, err
		}
	}
	if p.Resource != nil {
		t := p.ResourceType
		switch t {
		case "":
			t = policy.TypeResource
		case policy.TypeResource, policy.TypeTrust:
		default:
			return nil, &CompileError{Policy: PolicyRef{Type: t, Level: -1}, Err: fmt.Errorf("a resource-based policy is validated as %q or %q, not %q", policy.TypeResource, policy.TypeTrust, t)}
		}
		if s.resource, err = compileGroup(t, -1, []*policy.Policy{p.Resource}); err != nil {
			return nil, err
		}
	}
	for lvl, ps := range p.SCPs {
		g, err := compileGroup(policy.TypeSCP, lvl, ps)
		if err != nil {
			return nil, err
		}
		s.scps = append(s.scps, g)
	}
	for lvl, ps := range p.RCPs {
		g, err := compileGroup(policy.TypeRCP, lvl, ps)
		if err != nil {
			return nil, err
		}
		g.impliedAllow = true
		s.rcps = append(s.rcps, g)
	}
	for i, ep := range p.Endpoints {
		// Each endpoint policy is a guardrail of its own.
		g, err := compileGroupAt(policy.TypeEndpoint, -1, i, []*policy.Policy{ep})
		if err != nil {
			return nil, err
		}
		s.endpoints = append(s.endpoints, g)
	}
	s.derives = s.reads()
	return s, nil
}

// reads returns the derived keys that the statements of s read.
func (s *Set) reads() keySet {
	var ks keySet
	add := func(g *group) {
		if g == nil {
			return
		}
		for _, st := range g.all {
			ks |= st.condReads
			for i := range st.resources {
				ks |= st.resources[i].reads
			}
			if st.principal != nil {
				ks |= st.principal.reads
			}
		}
	}
	add(s.identity)
	add(s.boundary)
	add(s.session)
	add(s.resource)
	for _, gs := range [][]*group{s.scps, s.rcps, s.endpoints} {
		for _, g := range gs {
			add(g)
		}
	}
	return ks
}

func compileGroup(t policy.Type, level int, ps []*policy.Policy) (*group, error) {
	return compileGroupAt(t, level, 0, ps)
}

// compileGroupAt compiles ps, numbering them from first in PolicyRefs.
func compileGroupAt(t policy.Type, level, first int, ps []*policy.Policy) (*group, error) {
	g := &group{typ: t, principals: carriesPrincipal(t), index: map[string][]*stmt{}}
	for i, p := range ps {
		ref := PolicyRef{Type: t, Level: level, Index: first + i}
		if p == nil {
			return nil, &CompileError{Policy: ref, Err: fmt.Errorf("nil policy")}
		}
		if err := p.Check(t); err != nil {
			return nil, &CompileError{Policy: ref, Err: err}
		}
		vars := p.Version == policy.Version2012
		// Undocumented (SPEC §10.1): short-arn-in-organizations-policy.
		// Whether Organizations accepts short resource ARNs in SCPs and RCPs,
		// and what they match there, is undocumented; every short ARN of
		// such a policy takes the reading that denies (see compileResource).
		orgs := t == policy.TypeSCP || t == policy.TypeRCP
		for si := range p.Statements {
			st, err := compileStatement(&p.Statements[si], ref, vars, orgs)
			if err != nil {
				return nil, &CompileError{Policy: ref, Err: err}
			}
			g.add(st)
		}
	}
	return g, nil
}

// add files st under every service prefix it can match.
func (g *group) add(st *stmt) {
	g.all = append(g.all, st)
	if st.actNot || st.unknown&(1<<ElementAction) != 0 {
		// A placeholder action may stand for any service's: the statement
		// is a candidate for every request, so that its decisions record
		// that they relied on it.
		g.any = append(g.any, st)
		return
	}
	seen := map[string]bool{}
	for _, a := range st.actions {
		if a.all {
			g.any = append(g.any, st)
			return
		}
	}
	for _, a := range st.actions {
		if !seen[a.service] {
			seen[a.service] = true
			g.index[a.service] = append(g.index[a.service], st)
		}
	}
}

// StatementRef identifies a statement and where it was written.
type StatementRef struct {
	Policy    PolicyRef
	Statement int             // index in the policy's Statement list
	Sid       string          // "" when the statement has none
	Effect    string          // "Allow" or "Deny"
	Pos       policy.Position // the statement's opening brace
}

// String names the statement for messages, e.g. `identity[0] statement 2
// (Sid "AllowRead") at 7:5`, and is "no statement" for the zero
// StatementRef.
func (r StatementRef) String() string {
	if r == (StatementRef{}) {
		return "no statement"
	}
	s := fmt.Sprintf("statement %d", r.Statement)
	if r.Policy != (PolicyRef{}) {
		s = r.Policy.String() + " " + s
	}
	if r.Sid != "" {
		s += fmt.Sprintf(" (Sid %q)", r.Sid)
	}
	if r.Pos.IsValid() {
		s += " at " + r.Pos.String()
	}
	return s
}

// compileStatement compiles statement ps of policy pref. vars says whether
// policy variables are substituted; orgs that the policy is an SCP or RCP.
func compileStatement(ps *policy.Statement, pref PolicyRef, vars, orgs bool) (*stmt, error) {
	st := &stmt{
		ref:    StatementRef{Policy: pref, Statement: ps.Index, Sid: ps.Sid, Pos: ps.Pos, Effect: "Allow"},
		deny:   ps.Effect == policy.Deny,
		actNot: ps.ActionsNegated,
		resNot: ps.ResourcesNegated,
		noRes:  !ps.HasResource,
	}
	switch ps.Effect {
	case policy.Allow:
	case policy.Deny:
		st.ref.Effect = "Deny"
	default:
		return nil, fmt.Errorf("statement %d: invalid effect", ps.Index)
	}
	// A placeholder, a value the policy's source leaves unknown, never
	// grants: it matches everything where that denies (Deny XOR Not…) and
	// nothing elsewhere, as a short ARN does (compileResource).
	for _, it := range ps.Actions {
		if policy.IsPlaceholder(it.Value) {
			st.unknown |= 1 << ElementAction
			st.actions = append(st.actions, actionPattern{all: st.deny != st.actNot, service: unknownService, kind: nameLiteral})
			continue
		}
		a, err := compileAction(it.Value)
		if err != nil {
			return nil, fmt.Errorf("statement %d: %w", ps.Index, err)
		}
		st.actions = append(st.actions, a)
	}
	if len(st.actions) == 0 {
		return nil, fmt.Errorf("statement %d: no action", ps.Index)
	}
	// A short ARN without a trailing '*' matches everything where that
	// denies (see compileResource).
	shortMatches := st.deny != st.resNot
	for _, it := range ps.Resources {
		if policy.IsPlaceholder(it.Value) {
			st.unknown |= 1 << ElementResource
			st.resources = append(st.resources, resourcePattern{all: shortMatches, vars: !shortMatches, none: !shortMatches})
			continue
		}
		r, err := compileResource(it.Value, vars, orgs, shortMatches)
		if err != nil {
			return nil, fmt.Errorf("statement %d: %w", ps.Index, err)
		}
		st.resources = append(st.resources, r)
	}
	if ps.HasResource && len(st.resources) == 0 {
		return nil, fmt.Errorf("statement %d: empty resource list", ps.Index)
	}
	if ps.Principal != nil {
		var unknown bool
		st.principal, unknown = compilePrincipal(ps.Principal, st.deny && !ps.PrincipalNegated)
		st.princNot = ps.PrincipalNegated
		if unknown {
			st.unknown |= 1 << ElementPrincipal
		}
	}
	if len(ps.Conditions) > 0 {
		clauses := make([]conditions.Clause, 0, len(ps.Conditions))
		for _, c := range ps.Conditions {
			op, err := conditions.ParseOperator(c.Operator)
			if err != nil {
				return nil, fmt.Errorf("statement %d: %w", ps.Index, err)
			}
			vals := make([]string, len(c.Values))
			st.condReads |= keyOf(c.Key)
			for i, v := range c.Values {
				vals[i] = v.Value
				if policy.IsPlaceholder(v.Value) {
					// Its text describes the unknown value; it reads no key.
					st.unknown |= 1 << ElementCondition
					continue
				}
				st.condReads |= variableKeys(v.Value, vars)
			}
			clauses = append(clauses, conditions.Clause{Operator: op, Key: c.Key, Values: vals})
		}
		// Values AWS accepts but that never match (a Numeric "ten") are kept
		// as non-matching; Check has already refused what AWS refuses.
		b, err := conditions.Compile(clauses, conditions.Options{Variables: vars, Lenient: true, Deny: st.deny, Placeholders: true})
		if err != nil {
			return nil, fmt.Errorf("statement %d: %w", ps.Index, err)
		}
		st.cond = b
	}
	return st, nil
}

// actionPattern is a compiled Action/NotAction entry.
type actionPattern struct {
	all bool // "*"
	// ascii is set when the pattern is ASCII (the validator allows Latin-1):
	// the literal and prefix names are then stored in lower case and
	// compared byte by byte, which for an ASCII request action (checkRequest
	// allows no other) is exactly strings.EqualFold.
	ascii   bool
	service string // lower case, literal
	name    string // encoded glob, or the literal text for literal and prefix kinds
	// written is, for the literal and prefix kinds, the name as the policy
	// spells it: a request usually spells a matching action the same way,
	// which one comparison settles.
	written string
	kind    nameKind
}

// unknownService is the service of a placeholder action read as matching
// nothing: no request's action has a service prefix with U+0000.
const unknownService = "\x00"

// nameKind lets the common action shapes skip the glob matcher.
type nameKind uint8

const (
	nameGlob    nameKind = iota
	nameLiteral          // "GetObject"
	namePrefix           // "Get*"
	nameAny              // "*"
)

func compileAction(s string) (actionPattern, error) {
	if s == "*" {
		return actionPattern{all: true}, nil
	}
	svc, name, ok := strings.Cut(s, ":")
	if !ok || svc == "" || strings.ContainsAny(svc, "*?") || strings.IndexByte(name, ':') >= 0 {
		return actionPattern{}, fmt.Errorf("invalid action %q", s)
	}
	a := actionPattern{service: strings.ToLower(svc), name: wildcard.Encode(name), ascii: isASCII(s)}
	switch {
	case name == "*":
		a.kind = nameAny
	case !wildcard.HasWildcard(name):
		a.kind = nameLiteral
	case strings.HasSuffix(name, "*") && !wildcard.HasWildcard(name[:len(name)-1]):
		a.kind, a.name = namePrefix, name[:len(name)-1]
	}
	if a.ascii && a.kind != nameGlob {
		a.written, a.name = a.name, strings.ToLower(a.name)
	}
	return a, nil
}

// isASCII reports whether s is ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// matches reports whether the pattern matches an action split into its
// service prefix and name, both ASCII (checkRequest): case-insensitively
// (SPEC §2.5).
func (a *actionPattern) matches(svc, name string) bool {
	if a.all {
		return true
	}
	if !a.ascii {
		return a.matchesFold(svc, name)
	}
	if !equalLower(a.service, svc) {
		return false
	}
	switch a.kind {
	case nameAny:
		return true
	case nameLiteral:
		if len(name) != len(a.name) {
			return false
		}
	case namePrefix:
		if len(name) < len(a.name) {
			return false
		}
		name = name[:len(a.name)]
	default:
		return wildcard.Match(a.name, name, true)
	}
	// name has the length of a.name. Most names differ from the pattern in
	// their first letter, and most that match are spelled as written:
	// neither takes the loop.
	return len(name) == 0 || text.Lower(name[0]) == a.name[0] && (name == a.written || equalLowerTail(a.name, name))
}

// matchesFold is matches for a pattern that is not ASCII, with Unicode
// case folding (strings.EqualFold), as for every pattern before the ASCII
// path existed.
func (a *actionPattern) matchesFold(svc, name string) bool {
	if !strings.EqualFold(a.service, svc) {
		return false
	}
	switch a.kind {
	case nameAny:
		return true
	case nameLiteral:
		return strings.EqualFold(a.name, name)
	case namePrefix:
		return len(name) >= len(a.name) && strings.EqualFold(a.name, name[:len(a.name)])
	}
	return wildcard.Match(a.name, name, true)
}

// equalLowerTail is equalLower for a name spelled unlike the pattern: the
// rare case, kept out of line so that matches stays short for the others.
//
//go:noinline
func equalLowerTail(lower, s string) bool { return equalLower(lower, s) }

// equalLower reports whether ASCII s equals lower, ASCII in lower case,
// ignoring the case of s: strings.EqualFold for these inputs.
func equalLower(lower, s string) bool {
	if len(lower) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if text.Lower(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// resourcePattern is a compiled Resource/NotResource entry.
type resourcePattern struct {
	all    bool        // "*"
	plain  arn.Pattern // the whole entry when it has no variables
	header arn.Pattern // with variables: the entry with its resource part replaced by "*"
	tmpl   conditions.Template
	vars   bool   // match through matchVars: variables, or none below
	none   bool   // a short ARN read as matching nothing (with vars)
	reads  keySet // the derived keys its variables read
	// undoc is the undocumented reading a comparison with the entry
	// takes (a short ARN, a malformed variable); 0 for most entries. Such
	// entries are "*"-like (all) or go through matchVars, so that the
	// plain entries of the hot path pay nothing for it.
	undoc Undocumented
}

// compileResource compiles a Resource or NotResource entry. Variables are
// substituted when vars is set. shortMatches says what a short ARN without
// a trailing '*' matches in this statement: everything when true, nothing
// when false; with orgs (an SCP or RCP) that holds for every short ARN.
func compileResource(s string, vars, orgs, shortMatches bool) (resourcePattern, error) {
	if s == "*" {
		return resourcePattern{all: true}, nil
	}
	if n := arn.ShortParts(s); n > 0 {
		// Short ARNs have no resource part, so no variable is substituted.
		if arn.ShortWildcard(s) && !orgs {
			// Documented: "If the * wildcard is the last character of a
			// resource ARN segment, it can expand to match beyond the colon
			// boundaries" (reference_policies_elements_resource.md).
			p, err := arn.CompileResourcePattern(s)
			if err != nil {
				return resourcePattern{}, err
			}
			return resourcePattern{plain: p}, nil
		}
		// Undocumented (SPEC §10.1): short-arn-without-trailing-wildcard.
		// IAM accepts "arn:aws:sqs:us-east-1" but no AWS page says what it
		// matches, so take the reading that denies: in an Allow it matches
		// nothing (it grants nothing), in a Deny everything (it fails safe);
		// for NotResource the mirror image, so that an Allow with
		// NotResource excludes every resource (it grants no more) and a Deny
		// with NotResource excludes none (it denies no less). The caller
		// passes that choice as shortMatches (Deny XOR NotResource). The
		// zero Pattern matches nothing.
		undoc := UndocumentedShortARN
		if orgs {
			undoc = UndocumentedShortARNInOrgPolicy
		}
		if shortMatches {
			return resourcePattern{all: true, undoc: undoc}, nil
		}
		return resourcePattern{vars: true, none: true, undoc: undoc}, nil
	}
	sec, ok := arn.Split(s)
	if !ok {
		return resourcePattern{}, fmt.Errorf("resource %q is not an ARN", s)
	}
	if vars && strings.Contains(sec.Resource, "${") {
		// Variables are substituted in the resource part only (SPEC §5.11.2).
		hdr, err := arn.CompilePattern(s[:len(s)-len(sec.Resource)] + "*")
		if err != nil {
			return resourcePattern{}, err
		}
		p := resourcePattern{header: hdr, tmpl: conditions.ParseTemplate(sec.Resource, true), vars: true, reads: variableKeys(sec.Resource, true)}
		if len(conditions.CheckVariables(sec.Resource)) != 0 {
			p.undoc = UndocumentedMalformedVariable
		}
		return p, nil
	}
	p, err := arn.CompilePattern(s)
	if err != nil {
		return resourcePattern{}, err
	}
	return resourcePattern{plain: p}, nil
}

// match reports whether the entry matches the request resource of st (whose
// sections are split once per request; resIsARN is false for the
// pseudo-resource "*"). resolved is false when a policy variable in the
// entry has no value (the entry then matches nothing).
func (r *resourcePattern) match(st *evalState) (matched, resolved bool) {
	if r.all {
		if r.undoc != 0 {
			st.undoc |= r.undoc
		}
		return true, true
	}
	if r.vars {
		return r.matchVars(st)
	}
	if !st.resIsARN {
		return false, true
	}
	return r.plain.MatchSections(st.res), true
}

// matchVars is match for an entry with policy variables, or a short ARN
// read as matching nothing; it records the entry's undocumented reading.
func (r *resourcePattern) matchVars(st *evalState) (matched, resolved bool) {
	if r.undoc != 0 {
		st.undoc |= r.undoc
	}
	if r.none || !st.resIsARN {
		return false, true
	}
	sec := &st.res
	if !r.header.MatchSections(*sec) {
		return false, true
	}
	var buf [256]byte
	ctx := st.context(r.reads)
	pat, ok := r.tmpl.AppendGlob(buf[:0], ctx)
	for st.wanted() { // each round derives at least one more key
		pat, ok = r.tmpl.AppendGlob(buf[:0], ctx)
	}
	if !ok {
		return false, false
	}
	return wildcard.Match(pat, sec.Resource, false), true
}
