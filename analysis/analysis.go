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
	"github.com/iamlogic/iamlogic/internal/wildcard"
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
func Compare(t policy.Type, reference, candidate *policy.Policy, opts Options) (Answer, error) {
	r, m, err := docPolicies(t, reference)
	if err != nil {
		return Answer{}, err
	}
	c, _, err := docPolicies(t, candidate)
	if err != nil {
		return Answer{}, err
	}
	return check{kind: checkCompare, mode: m, sets: []evaluator.Policies{r, c}, opts: opts, withRoot: t == policy.TypeSCP}.run()
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
	s, m, err := docPolicies(t, p)
	if err != nil {
		return Answer{}, err
	}
	return check{kind: checkNotGranted, mode: m, sets: []evaluator.Policies{s}, actions: actions, resources: resources, opts: opts, withRoot: t == policy.TypeSCP}.run()
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
	s, _, err := docPolicies(policy.TypeResource, p)
	if err != nil {
		return Answer{}, err
	}
	return check{kind: checkPublic, mode: modePublic, sets: []evaluator.Policies{s}, opts: opts}.run()
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

func globMatchAction(pattern, action string) bool {
	if pattern == "*" {
		return true
	}
	ps, pn, ok := strings.Cut(pattern, ":")
	as, an, ok2 := strings.Cut(action, ":")
	return ok && ok2 && strings.EqualFold(ps, as) && wildcard.Match(wildcard.Encode(strings.ToLower(pn)), strings.ToLower(an), true)
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

func (c check) enumerate() (Answer, error) {
	sets := make([]*evaluator.Set, len(c.sets))
	for i, p := range c.sets {
		s, err := evaluator.Compile(p)
		if err != nil {
			return Answer{}, err
		}
		sets[i] = s
	}
	if c.kind == checkNotGranted && len(c.actions) == 0 {
		return Answer{}, errors.New("analysis: NotGranted needs at least one action")
	}
	for _, a := range c.actions {
		if a != "*" && !strings.Contains(a, ":") {
			return Answer{}, fmt.Errorf("analysis: %q is not an action (service:Name)", a)
		}
	}
	var restrictRes []arn.Pattern
	for _, r := range c.resources {
		p, err := arn.CompileResourcePattern(r)
		if err != nil {
			return Answer{}, fmt.Errorf("analysis: resource %q: %w", r, err)
		}
		restrictRes = append(restrictRes, p)
	}
	at, err := collect(c.sets)
	if err != nil {
		return Answer{}, err
	}
	at.literals = append(at.literals, c.resources...)
	budget := c.opts.budget()
	acc := at.accounts()
	fresh := freshAccounts(acc)

	// Actions.
	actions, err := actionReps(at.actions, c.opts.Actions, c.actions)
	if err != nil {
		return Answer{}, err
	}
	if len(c.actions) > 0 {
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
		actions = keep
	}

	// Resources.
	// Pattern i of rp is at.resources[i] ("*" never splits, so it sets no
	// bit: it matches every representative alike).
	rp := append(slices.Clone(at.resources), c.resources...)
	reps, err := arnSpace{patterns: rp, specials: true, acc: acc, maxComb: budget}.build()
	if err != nil {
		return Answer{}, err
	}
	reps = append(reps, arnRep{arn: "*"})
	if len(restrictRes) > 0 {
		var keep []arnRep
		for _, r := range reps {
			for _, p := range restrictRes {
				if p.Match(r.arn) {
					keep = append(keep, r)
					break
				}
			}
		}
		reps = keep
	}

	// Principals.
	prs, err := at.principalReps(acc)
	if err != nil {
		return Answer{}, err
	}
	var keepP []principalRep
	for _, p := range prs {
		iam := p.kind == evaluator.RootUser || p.kind == evaluator.IAMUser || p.kind == evaluator.RoleSession || p.kind == evaluator.FederatedUser
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
	prs = keepP

	// Condition keys.
	var ctxKeys []keyForms
	var porg, rorg []string
	tags := map[string][]*conditions.Value{}
	var tagKeys []string
	var times []time.Time
	var timeVals []string
	for _, k := range at.keyNames {
		uses := at.keys[k]
		switch {
		case k == keyCurrentTime || k == keyEpochTime:
			for _, u := range uses {
				for _, v := range u.values {
					if u.op.Base.Family() == conditions.FamilyNumeric {
						if !isDigits(v) {
							return Answer{}, unsup("the epoch value %q is not modelled", v)
						}
					}
					timeVals = append(timeVals, v)
				}
			}
			continue
		}
		vals, err := valueReps(k, uses, acc, budget)
		if err != nil {
			return Answer{}, err
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
		switch {
		case k == keyPrincipalOrgID:
			porg = vals
			continue
		case k == keyResourceOrgID:
			rorg = vals
			continue
		case strings.HasPrefix(k, tagPrefix):
			f, err := forms(k, uses, vals, false, budget)
			if err != nil {
				return Answer{}, err
			}
			tags[k[len(tagPrefix):]] = f
			tagKeys = append(tagKeys, k[len(tagPrefix):])
			continue
		}
		f, err := forms(k, uses, vals, alwaysPresent[k], budget)
		if err != nil {
			return Answer{}, err
		}
		ctxKeys = append(ctxKeys, keyForms{key: k, forms: f})
	}
	if len(timeVals) > 0 {
		ts, err := dateBoundaries(timeVals)
		if err != nil {
			return Answer{}, err
		}
		times = instantReps(ts)
	} else {
		times = []time.Time{{}}
	}
	ctxs, err := product(ctxKeys, budget)
	if err != nil {
		return Answer{}, err
	}
	var tagForms []keyForms
	for _, k := range tagKeys {
		tagForms = append(tagForms, keyForms{key: k, forms: tags[k]})
	}
	tagCtxs, err := product(tagForms, budget)
	if err != nil {
		return Answer{}, err
	}
	if porg == nil {
		porg = []string{""}
	} else if !slices.Contains(porg, "") {
		porg = append(porg, "")
	}
	if rorg == nil {
		rorg = []string{""}
	} else if !slices.Contains(rorg, "") {
		rorg = append(rorg, "")
	}

	ans := Answer{Assumptions: c.assumptions()}
	ans.Stats = Stats{Actions: len(actions), Resources: len(reps), Principals: len(prs), Contexts: len(ctxs) * len(tagCtxs) * len(porg) * len(rorg), Times: len(times)}
	maxW := max(c.opts.MaxWitnesses, 1)
	var uncertain *evaluator.Request
	var uncertainWhat evaluator.Undocumented
	exhausted := false

	results := make([]evaluator.Result, len(sets))
	visit := func(req *evaluator.Request) (stop bool, err error) {
		if c.mode == modeTrust && !evaluator.IsTrustRequest(req) {
			return false, nil
		}
		if ans.Stats.Points >= budget {
			exhausted = true
			return true, nil
		}
		ans.Stats.Points++
		for i, s := range sets {
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
		if fails {
			w, err := c.replay(sets, *req)
			if err != nil {
				return true, err
			}
			ans.Witnesses = append(ans.Witnesses, w)
			return len(ans.Witnesses) >= maxW, nil
		}
		if !fails && !c.granted(out) && out.Undocumented != 0 && uncertain == nil {
			if c.kind != checkCompare || !c.granted(results[0]) {
				r := *req
				uncertain, uncertainWhat = &r, out.Undocumented
			}
		}
		return false, nil
	}

	// Per action, only the resource patterns of the statements whose Action
	// element takes part can tell resources apart: keep one resource per
	// cell of those (with the account and the evaluator's special shapes).
	perAction := make([][]arnRep, len(actions))
	for i, a := range actions {
		mask := newBits(len(rp))
		for _, st := range at.stmts {
			if st.matchesAction(a) {
				for _, k := range st.resIdx {
					mask.set(k)
				}
			}
		}
		for k := len(at.resources); k < len(rp); k++ {
			mask.set(k)
		}
		svc, _, _ := strings.Cut(strings.ToLower(a), ":")
		special := svc == "iam" || svc == "kms" || svc == "sts"
		seen := map[string]bool{}
		for _, r := range reps {
			key := r.arn
			if r.arn != "*" {
				m := slices.Clone(r.bits)
				for w := range m {
					m[w] &= mask[w]
				}
				key = m.key() + "|" + r.account
				switch {
				case special:
					key += "|" + r.special
				case r.account == "aws":
					// An AWS managed policy is read in the caller's account.
					key += "|" + fmt.Sprint(strings.HasPrefix(r.arn, "arn:") && strings.Contains(r.arn, ":iam::aws:policy/"))
				}
			}
			if !seen[key] {
				seen[key] = true
				perAction[i] = append(perAction[i], r)
			}
		}
	}
	err = c.loop(prs, porg, rorg, tagCtxs, actions, perAction, acc, ctxs, times, visit)
	if err != nil {
		return Answer{}, err
	}
	switch {
	case len(ans.Witnesses) > 0:
		ans.Verdict = Fail
	case exhausted:
		ans.Verdict = Unknown
		ans.Reason = fmt.Sprintf("the request space needs more than %d evaluations (Options.MaxEvaluations)", budget)
	case uncertain != nil:
		ans.Verdict = Unknown
		ans.Reason = fmt.Sprintf("a denial rests on undocumented behaviour (%s), under whose other reading the check fails, e.g. for action %s on %s by %q", uncertainWhat, uncertain.Action, uncertain.Resource, uncertain.Principal)
	default:
		ans.Verdict = Pass
	}
	return ans, nil
}

func isIAMKind(k evaluator.PrincipalKind) bool {
	return k == evaluator.RootUser || k == evaluator.IAMUser || k == evaluator.RoleSession || k == evaluator.FederatedUser
}

func (c check) loop(prs []principalRep, porg, rorg []string, tagCtxs []conditions.Context, actions []string, reps [][]arnRep,
	acc []string, ctxs []conditions.Context, times []time.Time, visit func(*evaluator.Request) (bool, error)) error {
	var req evaluator.Request // one variable, so that no point allocates
	for _, p := range prs {
		iam := isIAMKind(p.kind)
		pOrgs, pTags := porg, tagCtxs
		if !iam {
			pOrgs, pTags = []string{""}, []conditions.Context{{}}
		}
		for _, po := range pOrgs {
			for _, ro := range rorg {
				if c.mode == modePublic && po != "" && po == ro {
					continue
				}
				for _, tg := range pTags {
					for ai, a := range actions {
						for _, r := range reps[ai] {
							ras := resourceAccounts(c.mode, p, iam, r, acc)
							for _, ra := range ras {
								for _, cx := range ctxs {
									for _, t := range times {
										req = evaluator.Request{
											Principal: p.principal, SessionIssuer: p.issuer, Action: a, Resource: r.arn,
											ResourceAccount: ra, Context: cx, Time: t, PrincipalOrgID: po, ResourceOrgID: ro,
											PrincipalTags: tg,
										}
										stop, err := visit(&req)
										if err != nil || stop {
											return err
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
	return nil
}

// resourceAccounts returns the values of Request.ResourceAccount to try for
// a caller and a resource: "" (derived from the ARN) when the ARN names the
// account, else the accounts the mode admits. nil: the pair is outside the
// request space of the mode.
func resourceAccounts(m mode, p principalRep, iam bool, r arnRep, acc []string) []string {
	named := r.account != "" && r.arn != "*"
	switch m {
	case modeIdentity:
		if named {
			if r.account != "aws" && r.account != p.account {
				return nil
			}
			return []string{""}
		}
		return []string{p.account}
	case modeResource, modeTrust, modePublic:
		if named {
			if iam && r.account == p.account {
				return nil
			}
			return []string{""}
		}
		var out []string
		for _, a := range acc {
			if !iam || a != p.account {
				out = append(out, a)
			}
		}
		return out
	}
	if named {
		return []string{""}
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
	compare := c.kind == checkCompare
	w := Witness{Request: req}
	outcome := func(s *evaluator.Set) Outcome {
		r := s.Explain(req)
		o := Outcome{Decision: r.Decision, Reason: r.Reason, Undocumented: r.Undocumented}
		if r.Explanation != nil {
			o.Deciding = r.Explanation.Deciding
		}
		return o
	}
	w.Outcome = outcome(sets[len(sets)-1])
	if !c.granted(sets[len(sets)-1].Explain(req)) {
		return w, fmt.Errorf("analysis: internal error: witness does not replay (Explain says %s)", w.Outcome.Decision)
	}
	if compare {
		ref := outcome(sets[0])
		if c.granted(sets[0].Explain(req)) {
			return w, errors.New("analysis: internal error: witness does not replay (the reference allows it)")
		}
		w.Reference = &ref
	}
	return w, nil
}
