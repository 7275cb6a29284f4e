package analysis

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// DefaultMaxEvaluations is the budget of Options.MaxEvaluations when it is
// zero.
const DefaultMaxEvaluations = 1_000_000

// Options tune an analysis. The zero value is ready to use.
type Options struct {
	// MaxEvaluations bounds the number of request points evaluated; when the
	// request space needs more, the answer is Unknown (or Fail, when a
	// witness was found first). Zero means DefaultMaxEvaluations.
	MaxEvaluations int
	// Actions are known action names ("s3:GetObject") added to the
	// representatives, e.g. from a catalog of AWS actions. They make
	// witnesses more readable; the proof does not depend on them.
	Actions []string
	// MaxWitnesses is how many witnesses a Fail carries at most (default 1).
	MaxWitnesses int
}

func (o Options) budget() int {
	if o.MaxEvaluations <= 0 {
		return DefaultMaxEvaluations
	}
	return o.MaxEvaluations
}

// Outcome is what the concrete evaluator decided for a witness on one side,
// with the statements that decided (their positions are file:line:col).
type Outcome struct {
	Decision evaluator.Decision
	Reason   evaluator.Reason
	Deciding []evaluator.StatementRef
	// Undocumented are the undocumented behaviours the decision relied on
	// (evaluator.Result.Undocumented).
	Undocumented evaluator.Undocumented
}

// Witness is a complete request that proves a Fail. It has been replayed
// through the concrete evaluator.
type Witness struct {
	Request evaluator.Request
	// Reference is the reference side's outcome (Compare and CompareSets
	// only; nil otherwise).
	Reference *Outcome
	// Outcome is the candidate's outcome (Compare), or that of the policies
	// checked (NotGranted, Public): Allowed.
	Outcome Outcome
}

// Stats describe the work an analysis did.
type Stats struct {
	// Points is the number of requests evaluated (on each side).
	Points int
	// Actions, Resources, Principals and Contexts are the number of
	// representatives of each dimension.
	Actions, Resources, Principals, Contexts, Times int
}

// Answer is the result of an analysis.
type Answer struct {
	Verdict Verdict
	// Witnesses holds at least one replayed witness when Verdict is Fail.
	Witnesses []Witness
	// Reason says why the verdict is Unknown.
	Reason string
	// Assumptions are what a Pass is proved under.
	Assumptions []string
	Stats       Stats
}

type checkKind uint8

const (
	checkCompare checkKind = iota
	checkNotGranted
	checkPublic
)

type mode uint8

const (
	modeSets     mode = iota // whole policy sets, as given
	modeIdentity             // identity policy: same-account callers it is attached to
	modeResource             // resource policy: cross-account callers whose identity policies allow
	modeTrust                // trust policy: as resource, on sts: actions on the role
	modePublic               // resource policy: callers outside the account and organization
)

type check struct {
	kind      checkKind
	mode      mode
	sets      []evaluator.Policies // compare: reference, candidate
	actions   []string             // NotGranted restriction
	resources []string
	opts      Options
	withRoot  bool // an SCP: a member account's root user is a caller too
	gated     bool // every grant needs a statement of the document (liveActions)
	// exhaustive turns off the reductions that rest on the evaluator's
	// structure (liveActions and inertService, mergeActions, the features
	// of a class, the patterns and keys of the statements an action meets,
	// the second fresh account's callers), for the tests that check them
	// against the full enumeration.
	exhaustive bool
}

var allowAll = func() *policy.Policy {
	p, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`))
	if err != nil {
		panic(err)
	}
	return p
}()

// docPolicies places one document of type t in a policy set as the
// analysis of a single document reads it.
func docPolicies(t policy.Type, p *policy.Policy) (evaluator.Policies, mode, error) {
	if p == nil {
		return evaluator.Policies{}, 0, errors.New("analysis: nil policy")
	}
	switch t {
	case policy.TypeIdentity:
		return evaluator.Policies{Identity: []*policy.Policy{p}}, modeIdentity, nil
	case policy.TypeResource:
		return evaluator.Policies{Resource: p, ResourceType: policy.TypeResource, Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{allowAll}}, modeResource, nil
	case policy.TypeTrust:
		return evaluator.Policies{Resource: p, ResourceType: policy.TypeTrust, Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{allowAll}}, modeTrust, nil
	case policy.TypeBoundary:
		return evaluator.Policies{Identity: []*policy.Policy{allowAll}, Boundary: p}, modeIdentity, nil
	case policy.TypeSession:
		return evaluator.Policies{Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{p}}, modeIdentity, nil
	case policy.TypeSCP:
		return evaluator.Policies{Identity: []*policy.Policy{allowAll}, SCPs: [][]*policy.Policy{{p}}}, modeIdentity, nil
	case policy.TypeEndpoint:
		return evaluator.Policies{Identity: []*policy.Policy{allowAll}, Endpoints: []*policy.Policy{p}}, modeIdentity, nil
	}
	return evaluator.Policies{}, 0, fmt.Errorf("analysis: policy type %q is not supported", t)
}

// Compare answers whether candidate allows a request that reference does
// not, for two documents of policy type t (IAM Access Analyzer's
// CheckNoNewAccess): Pass when it allows none, Fail with witnesses, or
// Unknown. For an identity-based policy (and a boundary, session policy,
// SCP or endpoint policy, each with everything else allowing) the callers
// are the IAM users and role sessions of any account, calling in their own
// account; for a resource-based or trust policy the principal is part of
// the request space: every caller, in another account than the resource's,
// whose identity-based policies allow the request. An invalid policy is an
// error.
//
// A nil reference is no policy at all, as before a resource is created:
// for an identity-based, resource-based or trust policy everything the
// candidate allows is new access. For the other types, where no policy
// means no limit, it is an error.
func Compare(t policy.Type, reference, candidate *policy.Policy, opts Options) (Answer, error) {
	return runChecked(compareCheck(t, reference, candidate, opts))
}

// runChecked runs c, or returns err.
func runChecked(c check, err error) (Answer, error) {
	if err != nil {
		return Answer{}, err
	}
	return c.run()
}

// compareCheck is the check of Compare.
func compareCheck(t policy.Type, reference, candidate *policy.Policy, opts Options) (check, error) {
	c, m, err := docPolicies(t, candidate)
	if err != nil {
		return check{}, err
	}
	var r evaluator.Policies
	switch {
	case reference != nil:
		r, _, err = docPolicies(t, reference)
		if err != nil {
			return check{}, err
		}
	case t == policy.TypeIdentity:
	case t == policy.TypeResource || t == policy.TypeTrust:
		// The candidate's set without it: callers whose identity-based
		// policies allow, and a resource without a policy.
		r = c
		r.Resource = nil
	default:
		return check{}, fmt.Errorf("analysis: no reference %s: without one nothing is limited; compare with a policy", t)
	}
	return check{kind: checkCompare, mode: m, sets: []evaluator.Policies{r, c}, opts: opts, withRoot: t == policy.TypeSCP, gated: t != policy.TypeSession}, nil
}

// CompareSets answers whether the candidate set allows a request the
// reference set does not, over every caller, action, resource and context
// (the Facts of a request are left at their zero value: no management
// account, no service-linked role).
func CompareSets(reference, candidate evaluator.Policies, opts Options) (Answer, error) {
	return check{kind: checkCompare, mode: modeSets, sets: []evaluator.Policies{reference, candidate}, opts: opts}.run()
}

// NotGranted answers whether a document of type t never allows one of
// actions (on one of resources, when given) for any caller and context its
// type admits (IAM Access Analyzer's CheckAccessNotGranted). Actions and
// resources may hold wildcards; at least one action is required.
func NotGranted(t policy.Type, p *policy.Policy, actions, resources []string, opts Options) (Answer, error) {
	return runChecked(notGrantedCheck(t, p, actions, resources, opts))
}

// notGrantedCheck is the check of NotGranted.
func notGrantedCheck(t policy.Type, p *policy.Policy, actions, resources []string, opts Options) (check, error) {
	s, m, err := docPolicies(t, p)
	if err != nil {
		return check{}, err
	}
	return check{kind: checkNotGranted, mode: m, sets: []evaluator.Policies{s}, actions: actions, resources: resources, opts: opts, withRoot: t == policy.TypeSCP, gated: t != policy.TypeSession}, nil
}

// NotGrantedSet is NotGranted for a whole policy set.
func NotGrantedSet(set evaluator.Policies, actions, resources []string, opts Options) (Answer, error) {
	return check{kind: checkNotGranted, mode: modeSets, sets: []evaluator.Policies{set}, actions: actions, resources: resources, opts: opts}.run()
}

// Public answers whether a resource-based policy can allow a caller outside
// the resource's account and organization, or an anonymous one (IAM Access
// Analyzer's CheckNoPublicAccess): Pass (not public) or Fail with a
// witness. The outside caller controls nothing the policy pins to fixed
// values: it is in an account and an organization no policy names, and the
// keys that narrow access (aws:SourceIp, aws:VpcSourceIp, aws:SourceVpc,
// aws:SourceVpce, aws:SourceAccount, aws:SourceOwner, aws:SourceArn,
// aws:SourceOrgID, aws:SourceOrgPaths and aws:PrincipalOrgID) are absent
// or hold a value that no fixed policy value (one without wildcards; an
// address outside every CIDR block) matches. Service principals are not
// outside callers.
func Public(p *policy.Policy, opts Options) (Answer, error) {
	return runChecked(publicCheck(p, opts))
}

// publicCheck is the check of Public.
func publicCheck(p *policy.Policy, opts Options) (check, error) {
	s, _, err := docPolicies(policy.TypeResource, p)
	if err != nil {
		return check{}, err
	}
	return check{kind: checkPublic, mode: modePublic, sets: []evaluator.Policies{s}, opts: opts, gated: true}, nil
}

var narrowingKeys = map[string]bool{
	"aws:sourceip": true, "aws:vpcsourceip": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:sourceaccount": true, "aws:sourceowner": true, "aws:sourcearn": true, "aws:sourceorgid": true,
	"aws:sourceorgpaths": true, keyPrincipalOrgID: true,
}

// fixedMatch reports whether a fixed (wildcard-free) positive value of the
// clauses matches v.
func fixedMatch(uses []clauseUse, v string) bool {
	for _, u := range uses {
		b := u.op.Base.Positive()
		for _, pv := range u.values {
			switch b {
			case conditions.StringEquals:
				if pv == v {
					return true
				}
			case conditions.StringEqualsIgnoreCase:
				if strings.EqualFold(pv, v) {
					return true
				}
			case conditions.StringLike, conditions.ArnLike, conditions.ArnEquals:
				if !strings.ContainsAny(pv, "*?") && pv == v {
					return true
				}
			case conditions.IpAddress:
				pf, err := netip.ParsePrefix(pv)
				if err != nil {
					if a, err2 := netip.ParseAddr(pv); err2 == nil {
						pf = netip.PrefixFrom(a, a.BitLen())
					} else {
						continue
					}
				}
				if a, err := netip.ParseAddr(v); err == nil && pf.Masked().Contains(a) {
					return true
				}
			}
		}
	}
	return false
}

// keyForms is the values one context key takes: nil stands for absent.
type keyForms struct {
	key   string
	forms []*conditions.Value
}

func forms(key string, uses []clauseUse, vals []string, present bool, maxComb int) ([]*conditions.Value, error) {
	var out []*conditions.Value
	if !present {
		out = append(out, nil)
	}
	setOps, plain := 0, false
	for _, u := range uses {
		if u.op.Qualifier != conditions.Plain {
			setOps++
		} else {
			plain = true
		}
	}
	if plain || setOps == 0 {
		for _, v := range vals {
			x := conditions.Single(v)
			out = append(out, &x)
		}
	}
	if setOps > 0 {
		// A set of values satisfies a ForAnyValue clause when one element
		// does and violates a ForAllValues clause when one element does;
		// one element per clause realises every combination, so sets of at
		// most setOps distinct representatives suffice.
		bound := min(setOps, len(vals))
		var rec func(start int, cur []string) error
		count := 0
		rec = func(start int, cur []string) error {
			x := conditions.Multi(slices.Clone(cur)...)
			out = append(out, &x)
			count++
			if count > maxComb {
				return unsup("condition key %s needs more value sets than the budget allows", key)
			}
			if len(cur) == bound {
				return nil
			}
			for i := start; i < len(vals); i++ {
				if err := rec(i+1, append(cur, vals[i])); err != nil {
					return err
				}
			}
			return nil
		}
		if err := rec(0, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func product(ks []keyForms, maxComb int) ([]conditions.Context, error) {
	total := 1
	for _, k := range ks {
		total *= len(k.forms)
		if total > maxComb {
			return nil, unsup("the condition keys have more than %d combinations of values", maxComb)
		}
	}
	out := make([]conditions.Context, 0, total)
	idx := make([]int, len(ks))
	for {
		m := map[string]conditions.Value{}
		for i, k := range ks {
			if v := k.forms[idx[i]]; v != nil {
				m[k.key] = *v
			}
		}
		if len(m) == 0 {
			out = append(out, conditions.Context{})
		} else {
			out = append(out, conditions.NewContext(m))
		}
		i := len(ks) - 1
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(ks[i].forms) {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return out, nil
		}
	}
}

func (c check) run() (Answer, error) {
	ans, err := c.enumerate()
	var u *unsupported
	if errors.As(err, &u) || errors.Is(err, errSearchBudget) {
		return Answer{Verdict: Unknown, Reason: err.Error(), Assumptions: c.assumptions()}, nil
	}
	return ans, err
}

func (c check) assumptions() []string {
	a := []string{
		"the evaluator's decision procedure is AWS's (package evaluator); undocumented behaviours take the reading that makes the check fail: a denial that rests on one makes the answer Unknown",
		"request Facts are at their zero value: the caller is not in the management account nor a service-linked role, and RCPs apply",
		"condition keys compared with ForAllValues/ForAnyValue in some policy may carry several values; other keys carry one",
		"aws:SecureTransport, aws:ViaAWSService and aws:RequestedRegion are in every request; other keys may be absent",
	}
	switch c.mode {
	case modeIdentity:
		a = append(a, "the policy is attached to an IAM user or role that calls in its own account (the resource's account is the caller's)")
	case modeResource, modeTrust:
		a = append(a, "a resource-based policy's access is what it grants on its own: callers in another account than the resource's whose identity-based policies allow the request, and non-IAM callers")
	case modePublic:
		a = append(a, "an outside caller is anonymous or an IAM identity of an account no policy names, in an organization no policy names; the keys that narrow access take no value a fixed policy value matches")
	}
	return a
}

// enumerate decides the check by evaluating every representative request:
// it builds the representatives of each dimension of the request space
// from the policies' atoms, then walks their product.
func (c check) enumerate() (Answer, error) {
	sets, err := c.compile()
	if err != nil {
		return Answer{}, err
	}
	if err := c.validateActions(); err != nil {
		return Answer{}, err
	}
	restrictRes, err := c.resourcePatterns()
	if err != nil {
		return Answer{}, err
	}
	at, err := collect(c.sets, c.fixedActions())
	if err != nil {
		return Answer{}, err
	}
	at.literals = append(at.literals, c.resources...)
	sp, stats, err := c.space(at, restrictRes)
	if err != nil {
		return Answer{}, err
	}
	w := &walk{c: c, sets: sets, results: make([]evaluator.Result, len(sets)), budget: c.opts.budget(), maxW: max(c.opts.MaxWitnesses, 1)}
	w.ans = Answer{Assumptions: c.assumptions(), Stats: stats}
	if err := c.loop(sp, w.visit); err != nil {
		return Answer{}, err
	}
	w.setVerdict()
	return w.ans, nil
}

// space builds the request space of the check from the atoms at: the
// actions, the callers, the resources and the inner space of each action.
func (c check) space(at *atoms, restrictRes []arn.Pattern) (*space, Stats, error) {
	budget := c.opts.budget()
	acc := at.accounts()
	actions, err := c.actionSpace(at)
	if err != nil {
		return nil, Stats{}, err
	}
	need := c.needFeatures(actions)

	// Resources. Pattern i of rp is at.resources[i] ("*" never splits, so
	// it sets no bit: it matches every representative alike). Only the
	// patterns of the statements whose Action element matches an action
	// of the walk tell its resources apart (perActionResources): the
	// others are left out of the search.
	rp := append(slices.Clone(at.resources), c.resources...)
	masks, used := actionMasks(at, actions, len(rp), c.exhaustive)
	reps, err := resourceReps(rp, used, need, acc, budget, restrictRes)
	if err != nil {
		return nil, Stats{}, err
	}

	// Principals.
	prs, err := at.principalReps(acc, need&fSSORole != 0)
	if err != nil {
		return nil, Stats{}, err
	}
	prs = c.callers(prs, freshAccounts(acc))

	// Condition keys, organizations and times: those the statements of
	// the walk's actions read (contextSpace.perAction).
	reads, needed := actionReads(at, actions, c.exhaustive)
	cs, err := c.contextSpace(at, acc, budget, needed)
	if err != nil {
		return nil, Stats{}, err
	}
	sp := &space{prs: prs, actions: actions, perAction: c.perActionResources(actions, masks, reps), acc: acc}
	if sp.inner, err = cs.perAction(reads); err != nil {
		return nil, Stats{}, err
	}
	return sp, Stats{Actions: len(actions), Resources: len(reps), Principals: len(prs), Contexts: cs.size(), Times: len(cs.times)}, nil
}

// actionSpace returns the representative actions of the check: one per
// cell of the policies' patterns that the check asks about and that can
// decide it.
func (c check) actionSpace(at *atoms) ([]string, error) {
	actions, err := actionReps(at.actions, c.opts.Actions, c.actions, c.inertService(at))
	if err != nil {
		return nil, err
	}
	actions = c.actionsAsked(actions)
	if c.exhaustive {
		return actions, nil
	}
	return c.liveActions(at, mergeActions(actions, append(slices.Clone(at.actions), c.actions...))), nil
}

// compile compiles the check's policy sets.
func (c check) compile() ([]*evaluator.Set, error) {
	sets := make([]*evaluator.Set, len(c.sets))
	for i, p := range c.sets {
		s, err := evaluator.Compile(p)
		if err != nil {
			return nil, err
		}
		sets[i] = s
	}
	return sets, nil
}

// fixedActions returns the actions of a NotGranted check when each is
// one action, not a pattern: every request of the check names one of
// them (actionsAsked), and collect leaves out the statements that take
// part for none. It returns nil otherwise, for the other checks, and for
// the exhaustive walk that TestReductionsAgreeWithExhaustive compares with.
func (c check) fixedActions() []string {
	if c.kind != checkNotGranted || len(c.actions) == 0 || c.exhaustive {
		return nil
	}
	for _, a := range c.actions {
		if strings.ContainsAny(a, "*?") {
			return nil
		}
	}
	return c.actions
}

// validateActions checks the check's actions: NotGranted needs one, and
// each is "*" or service:Name.
func (c check) validateActions() error {
	if c.kind == checkNotGranted && len(c.actions) == 0 {
		return errors.New("analysis: NotGranted needs at least one action")
	}
	for _, a := range c.actions {
		if a != "*" && !strings.Contains(a, ":") {
			return fmt.Errorf("analysis: %q is not an action (service:Name)", a)
		}
	}
	return nil
}

// resourcePatterns compiles the resources the check is restricted to.
func (c check) resourcePatterns() ([]arn.Pattern, error) {
	var restrictRes []arn.Pattern
	for _, r := range c.resources {
		p, err := arn.CompileResourcePattern(r)
		if err != nil {
			return nil, fmt.Errorf("analysis: resource %q: %w", r, err)
		}
		restrictRes = append(restrictRes, p)
	}
	return restrictRes, nil
}

// actionsAsked returns, when the check names actions, the literal actions
// of actions and of the check's own that one of the check's actions
// matches, once each; otherwise actions.
func (c check) actionsAsked(actions []string) []string {
	if len(c.actions) == 0 {
		return actions
	}
	var keep []string
	for _, a := range append(actions, c.actions...) {
		if strings.ContainsAny(a, "*?") {
			continue
		}
		for _, p := range c.actions {
			if globMatchAction(p, a) && !slices.Contains(keep, a) {
				keep = append(keep, a)
				break
			}
		}
	}
	return keep
}

// resourceReps returns the representative resources of the patterns of
// rp that used holds (the bits of the others are never set), realising the
// features need, with "*", restricted to those one of restrict matches
// when it is not empty.
func resourceReps(rp []string, used bits, need feature, acc []string, budget int, restrict []arn.Pattern) ([]arnRep, error) {
	var sub []string
	var at []int
	for i, p := range rp {
		if used.has(i) {
			sub = append(sub, p)
			at = append(at, i)
		}
	}
	reps, err := arnSpace{patterns: sub, need: need, acc: acc, maxComb: budget}.build()
	if err != nil {
		return nil, err
	}
	for i := range reps {
		b := newBits(len(rp))
		for j, k := range at {
			if reps[i].bits.has(j) {
				b.set(k)
			}
		}
		reps[i].bits = b
	}
	reps = append(reps, arnRep{arn: "*", bits: newBits(len(rp))})
	if len(restrict) == 0 {
		return reps, nil
	}
	var keep []arnRep
	for _, r := range reps {
		for _, p := range restrict {
			if p.Match(r.arn) {
				keep = append(keep, r)
				break
			}
		}
	}
	return keep, nil
}

// callers keeps the representative principals the mode admits: for an
// identity policy its own users and role sessions (and the root user with
// withRoot), for a public check the anonymous caller and the IAM callers
// of the fresh accounts.
//
// The callers of the second fresh account are left out: the two fresh
// accounts are interchangeable. No policy names either (accounts), and no
// predicate the analysis admits tells them apart: account sections of
// resource and ARN patterns are literal or "*", account keys are compared
// as strings with literal or "*" values (checkAccountClause), principal
// entries are literal (a partial wildcard never matches), and the policy
// variables that could relate an account to another value are Unknown.
// The representatives of the other dimensions are the same for both
// accounts (the searches do not read accounts; each account has its own
// cells). So swapping the two accounts in a request's caller, session
// issuer, resource and resource account gives a request the walk visits,
// decided alike: one with its caller in the first fresh account.
func (c check) callers(prs []principalRep, fresh []string) []principalRep {
	var keepP []principalRep
	for _, p := range prs {
		iam := isIAMKind(p.kind)
		if iam && p.account == fresh[1] && !c.exhaustive {
			continue
		}
		switch c.mode {
		case modeIdentity:
			if p.kind != evaluator.IAMUser && p.kind != evaluator.RoleSession && !(c.withRoot && p.kind == evaluator.RootUser) {
				continue
			}
		case modePublic:
			if p.kind != evaluator.Anonymous && !(iam && slices.Contains(fresh, p.account)) {
				continue
			}
		}
		keepP = append(keepP, p)
	}
	return keepP
}

// contextSpace is the part of the request space beyond the principal,
// action and resource: the values of the condition keys, principal tags,
// organization IDs and times to try. Its keys are those of atoms.keyNames,
// by index.
type contextSpace struct {
	ctxKeys, tagKeys []keyForms // a tag key without its prefix
	ctxIdx, tagIdx   []int      // the index of each
	porg, rorg       []string
	times            []time.Time
	porgIdx, rorgIdx int   // -1: no policy reads the key
	timeIdx          []int // aws:CurrentTime, aws:EpochTime
	budget           int
}

// contextSpace builds the contextSpace of the condition keys of at that
// needed holds: the time keys give the times, the organization keys the
// organization IDs, the principal tag keys the tags, and the other keys
// the contexts. The keys left out are absent from every request.
func (c check) contextSpace(at *atoms, acc []string, budget int, needed bits) (*contextSpace, error) {
	cs := &contextSpace{porgIdx: -1, rorgIdx: -1, budget: budget}
	var timeVals []string
	for i, k := range at.keyNames {
		if !needed.has(i) {
			continue
		}
		uses := at.keys[k]
		if k == keyCurrentTime || k == keyEpochTime {
			vs, err := timeValues(uses)
			if err != nil {
				return nil, err
			}
			timeVals = append(timeVals, vs...)
			cs.timeIdx = append(cs.timeIdx, i)
			continue
		}
		vals, err := c.keyValues(k, uses, acc, budget)
		if err != nil {
			return nil, err
		}
		switch {
		case k == keyPrincipalOrgID:
			cs.porg, cs.porgIdx = vals, i
		case k == keyResourceOrgID:
			cs.rorg, cs.rorgIdx = vals, i
		case strings.HasPrefix(k, tagPrefix):
			f, err := forms(k, uses, vals, false, budget)
			if err != nil {
				return nil, err
			}
			cs.tagKeys, cs.tagIdx = append(cs.tagKeys, keyForms{key: k[len(tagPrefix):], forms: f}), append(cs.tagIdx, i)
		default:
			f, err := forms(k, uses, vals, alwaysPresent[k], budget)
			if err != nil {
				return nil, err
			}
			cs.ctxKeys, cs.ctxIdx = append(cs.ctxKeys, keyForms{key: k, forms: f}), append(cs.ctxIdx, i)
		}
	}
	var err error
	if cs.times, err = timeReps(timeVals); err != nil {
		return nil, err
	}
	cs.porg, cs.rorg = withNoOrg(cs.porg), withNoOrg(cs.rorg)
	return cs, nil
}

// size returns the number of combinations of the space's contexts, tags
// and organization IDs (at most one more than the budget).
func (cs *contextSpace) size() int {
	n := len(cs.porg) * len(cs.rorg)
	for _, ks := range [][]keyForms{cs.ctxKeys, cs.tagKeys} {
		for _, k := range ks {
			n = min(n*len(k.forms), cs.budget+1)
		}
	}
	return n
}

// innerSpace is the part of a contextSpace one action needs: the values of
// the keys its statements read, each other key at one value.
type innerSpace struct {
	ctxs, tagCtxs []conditions.Context
	porg, rorg    []string
	times         []time.Time
}

// actionReads returns, for each action, the keys of at.keyNames that the
// Condition elements of the statements whose Action element matches it
// read (with all, of every statement), and their union.
func actionReads(at *atoms, actions []string, all bool) ([]bits, bits) {
	index := make(map[string]int, len(at.keyNames))
	for i, k := range at.keyNames {
		index[k] = i
	}
	reads := make([]bits, len(actions))
	union := newBits(len(at.keyNames))
	for ai, a := range actions {
		read := newBits(len(at.keyNames))
		for _, st := range at.stmts {
			if len(st.keys) > 0 && (all || st.matchesAction(a)) {
				for _, k := range st.keys {
					read.set(index[k])
					union.set(index[k])
				}
			}
		}
		reads[ai] = read
	}
	return reads, union
}

// perAction returns the innerSpace of each action, whose statements read
// the keys reads[i] (actionReads): those keys take all their values, every
// other key one.
//
// Why this hides nothing: the evaluator reads the request context, the
// time, the organization IDs and the principal tags only through condition
// keys (the derived keys of evaluator/derive.go included), and it reads a
// statement's Condition element only once its Action, Resource and
// Principal elements have matched (stmt.firstMiss); policy variables and
// unique IDs, which would read keys elsewhere, are Unknown (collect). So
// two requests that differ only in keys that no such statement reads are
// decided alike, with the same undocumented readings, and every request of
// the full product is decided as the one kept for it.
func (cs *contextSpace) perAction(reads []bits) ([]*innerSpace, error) {
	out := make([]*innerSpace, len(reads))
	cache := map[string]*innerSpace{}
	for ai, read := range reads {
		key := read.key()
		in, ok := cache[key]
		if !ok {
			var err error
			if in, err = cs.restrict(read); err != nil {
				return nil, err
			}
			cache[key] = in
		}
		out[ai] = in
	}
	return out, nil
}

// restrict returns the innerSpace of the keys read: those keys take all
// their values, the others their first (absent, when a key may be).
func (cs *contextSpace) restrict(read bits) (*innerSpace, error) {
	in := &innerSpace{porg: noOrg, rorg: noOrg, times: cs.times[:1]}
	if cs.porgIdx >= 0 && read.has(cs.porgIdx) {
		in.porg = cs.porg
	}
	if cs.rorgIdx >= 0 && read.has(cs.rorgIdx) {
		in.rorg = cs.rorg
	}
	for _, i := range cs.timeIdx {
		if read.has(i) {
			in.times = cs.times
		}
	}
	only := func(ks []keyForms, idx []int) []keyForms {
		out := make([]keyForms, len(ks))
		for j, k := range ks {
			out[j] = k
			if !read.has(idx[j]) {
				out[j].forms = k.forms[:1]
			}
		}
		return out
	}
	var err error
	if in.ctxs, err = product(only(cs.ctxKeys, cs.ctxIdx), cs.budget); err != nil {
		return nil, err
	}
	if in.tagCtxs, err = product(only(cs.tagKeys, cs.tagIdx), cs.budget); err != nil {
		return nil, err
	}
	return in, nil
}

// noOrg is the organization IDs of a dimension no policy reads: none.
var noOrg = []string{""}

// timeValues returns the values of the clauses uses on a time key; a
// Numeric clause's values must be epoch seconds.
func timeValues(uses []clauseUse) ([]string, error) {
	var timeVals []string
	for _, u := range uses {
		for _, v := range u.values {
			if u.op.Base.Family() == conditions.FamilyNumeric {
				if !isDigits(v) {
					return nil, unsup("the epoch value %q is not modelled", v)
				}
			}
			timeVals = append(timeVals, v)
		}
	}
	return timeVals, nil
}

// timeReps returns an instant in every cell of the partition the time
// values make, or the zero time alone when there are none.
func timeReps(timeVals []string) ([]time.Time, error) {
	if len(timeVals) == 0 {
		return []time.Time{{}}, nil
	}
	ts, err := dateBoundaries(timeVals)
	if err != nil {
		return nil, err
	}
	return instantReps(ts), nil
}

// keyValues returns the representative values of key k; for a public
// check, those of a narrowing key that a fixed policy value matches are
// left out.
func (c check) keyValues(k string, uses []clauseUse, acc []string, budget int) ([]string, error) {
	vals, err := valueReps(k, uses, acc, budget)
	if err != nil {
		return nil, err
	}
	if c.mode == modePublic && narrowingKeys[k] {
		var keep []string
		for _, v := range vals {
			if !fixedMatch(uses, v) {
				keep = append(keep, v)
			}
		}
		vals = keep
	}
	return vals, nil
}

// withNoOrg returns the organization IDs orgs with "", no organization,
// among them.
func withNoOrg(orgs []string) []string {
	if orgs == nil {
		return []string{""}
	}
	if !slices.Contains(orgs, "") {
		return append(orgs, "")
	}
	return orgs
}

// walk is the state of enumerate's walk over the request space: the
// answer so far, whether the budget ran out, and the first denial that
// rests on undocumented behaviour.
type walk struct {
	c             check
	sets          []*evaluator.Set
	results       []evaluator.Result
	budget, maxW  int
	ans           Answer
	uncertain     *evaluator.Request
	uncertainWhat evaluator.Undocumented
	exhausted     bool
}

// visit evaluates one request on every set and records a witness when the
// check fails on it; it stops the walk at maxW witnesses, when the budget
// runs out, or on an error.
func (w *walk) visit(req *evaluator.Request) (stop bool, err error) {
	c := w.c
	if c.mode == modeTrust && !evaluator.IsTrustRequest(req) {
		return false, nil
	}
	if w.ans.Stats.Points >= w.budget {
		w.exhausted = true
		return true, nil
	}
	w.ans.Stats.Points++
	results := w.results
	for i, s := range w.sets {
		results[i] = s.Evaluate(*req)
		if results[i].Err != nil {
			return true, fmt.Errorf("analysis: internal error: a representative request is invalid: %w", results[i].Err)
		}
	}
	out := results[len(results)-1]
	fails := c.granted(out)
	if c.kind == checkCompare && c.granted(results[0]) {
		fails = false
	}
	if fails && c.kind == checkCompare && results[0].Undocumented&evaluator.UndocumentedUnknownValue != 0 {
		// The reference's denial rests on a value its source leaves
		// unknown, which might allow the request: no witness.
		fails = false
		if w.uncertain == nil {
			r := *req
			w.uncertain, w.uncertainWhat = &r, evaluator.UndocumentedUnknownValue
		}
		return false, nil
	}
	if fails {
		wi, err := c.replay(w.sets, *req)
		if err != nil {
			return true, err
		}
		w.ans.Witnesses = append(w.ans.Witnesses, wi)
		return len(w.ans.Witnesses) >= w.maxW, nil
	}
	if !fails && !c.granted(out) && out.Undocumented != 0 && w.uncertain == nil {
		if c.kind != checkCompare || !c.granted(results[0]) {
			r := *req
			w.uncertain, w.uncertainWhat = &r, out.Undocumented
		}
	}
	return false, nil
}

// setVerdict sets the answer's verdict, and its reason when Unknown, once
// the walk is over.
func (w *walk) setVerdict() {
	ans := &w.ans
	switch {
	case len(ans.Witnesses) > 0:
		ans.Verdict = Fail
	case w.exhausted:
		ans.Verdict = Unknown
		ans.Reason = fmt.Sprintf("the request space needs more than %d evaluations (Options.MaxEvaluations)", w.budget)
	case w.uncertain != nil && w.uncertainWhat&evaluator.UndocumentedUnknownValue != 0:
		ans.Verdict = Unknown
		ans.Reason = fmt.Sprintf("a denial rests on a value the policy's source leaves unknown offline (%s), which might allow the request, e.g. for action %s on %s by %q", w.uncertainWhat, w.uncertain.Action, w.uncertain.Resource, w.uncertain.Principal)
	case w.uncertain != nil:
		ans.Verdict = Unknown
		ans.Reason = fmt.Sprintf("a denial rests on undocumented behaviour (%s), under whose other reading the check fails, e.g. for action %s on %s by %q", w.uncertainWhat, w.uncertain.Action, w.uncertain.Resource, w.uncertain.Principal)
	default:
		ans.Verdict = Pass
	}
}

func isIAMKind(k evaluator.PrincipalKind) bool {
	return k == evaluator.RootUser || k == evaluator.IAMUser || k == evaluator.RoleSession || k == evaluator.FederatedUser
}

// space is the request space enumerate walks: the callers, the actions,
// the resources and the inner space of each action, and the accounts.
type space struct {
	prs       []principalRep
	actions   []string
	perAction [][]arnRep
	inner     []*innerSpace
	acc       []string
}

// noTags is the principal tags of a caller that has none.
var noTags = []conditions.Context{{}}

// loop visits every request of the space sp, callers first, then actions,
// resources, resource accounts and the inner space of the action.
func (c check) loop(sp *space, visit func(*evaluator.Request) (bool, error)) error {
	var req evaluator.Request // one variable, so that no point allocates
	for _, p := range sp.prs {
		iam := isIAMKind(p.kind)
		unnamed := unnamedAccounts(c.mode, p, iam, sp.acc)
		for ai, a := range sp.actions {
			in := sp.inner[ai]
			pOrgs, pTags := in.porg, in.tagCtxs
			if !iam {
				pOrgs, pTags = noOrg, noTags
			}
			for _, r := range sp.perAction[ai] {
				for _, ra := range resourceAccounts(c.mode, p, iam, r, unnamed) {
					req = evaluator.Request{Principal: p.principal, SessionIssuer: p.issuer, Action: a, Resource: r.arn, ResourceAccount: ra}
					if stop, err := c.visitInner(&req, in, pOrgs, pTags, visit); stop || err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// visitInner visits req with every combination of the inner space in, with
// the caller's organizations pOrgs and tags pTags.
func (c check) visitInner(req *evaluator.Request, in *innerSpace, pOrgs []string, pTags []conditions.Context, visit func(*evaluator.Request) (bool, error)) (bool, error) {
	for _, po := range pOrgs {
		for _, ro := range in.rorg {
			if c.mode == modePublic && po != "" && po == ro {
				continue
			}
			for _, tg := range pTags {
				for _, cx := range in.ctxs {
					for _, t := range in.times {
						req.PrincipalOrgID, req.ResourceOrgID, req.PrincipalTags, req.Context, req.Time = po, ro, tg, cx, t
						if stop, err := visit(req); stop || err != nil {
							return true, err
						}
					}
				}
			}
		}
	}
	return false, nil
}

// resourceAccounts returns the values of Request.ResourceAccount to try for
// a caller and a resource: "" (derived from the ARN) when the ARN names the
// account, else unnamed, the accounts the mode admits (unnamedAccounts).
// nil: the pair is outside the request space of the mode.
func resourceAccounts(m mode, p principalRep, iam bool, r arnRep, unnamed []string) []string {
	if r.account == "" || r.arn == "*" {
		return unnamed
	}
	switch m {
	case modeIdentity:
		if r.account != "aws" && r.account != p.account {
			return nil
		}
	case modeResource, modeTrust, modePublic:
		if iam && r.account == p.account {
			return nil
		}
	}
	return derivedAccount
}

// derivedAccount is the resource account of a resource whose ARN names it.
var derivedAccount = []string{""}

// unnamedAccounts returns the resource accounts the mode admits for a
// caller and a resource whose ARN names no account: the caller's own for
// an identity policy, any other (any, for a caller outside IAM) for a
// resource policy, any for a policy set.
func unnamedAccounts(m mode, p principalRep, iam bool, acc []string) []string {
	switch m {
	case modeIdentity:
		return []string{p.account}
	case modeResource, modeTrust, modePublic:
		var out []string
		for _, a := range acc {
			if !iam || a != p.account {
				out = append(out, a)
			}
		}
		return out
	}
	return acc
}

// granted reports whether a result is access the checked policies grant.
// For a resource-based or trust policy the access must come through the
// policy (its Principal named the caller): not from the identity-based
// policies alone (an AWS managed policy, which every account reads) nor
// from needing no permission (sts:GetCallerIdentity).
func (c check) granted(r evaluator.Result) bool {
	if r.Decision != evaluator.Allowed {
		return false
	}
	switch c.mode {
	case modeResource, modeTrust, modePublic:
		return r.Grant != evaluator.NoMatch
	}
	return true
}

// replay decides the witness again with Explain on every side and checks
// that the decisions are the ones the search saw.
func (c check) replay(sets []*evaluator.Set, req evaluator.Request) (Witness, error) {
	w := Witness{Request: req}
	outcome := func(s *evaluator.Set) (Outcome, bool) {
		r := s.Explain(req)
		o := Outcome{Decision: r.Decision, Reason: r.Reason, Undocumented: r.Undocumented}
		if r.Explanation != nil {
			o.Deciding = r.Explanation.Deciding
		}
		return o, c.granted(r)
	}
	var granted bool
	if w.Outcome, granted = outcome(sets[len(sets)-1]); !granted {
		return w, fmt.Errorf("analysis: internal error: witness does not replay (Explain says %s)", w.Outcome.Decision)
	}
	if c.kind == checkCompare {
		ref, refGranted := outcome(sets[0])
		if refGranted {
			return w, errors.New("analysis: internal error: witness does not replay (the reference allows it)")
		}
		w.Reference = &ref
	}
	return w, nil
}
