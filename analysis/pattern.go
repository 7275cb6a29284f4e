package analysis

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
)

// RequestPattern is a set of requests: those that agree with Request on
// every field the pattern does not leave open.
type RequestPattern struct {
	// Request holds the fields every request of the pattern has. Its
	// Action and Resource are patterns, with the wildcards '*' and '?' of
	// policies (an action compared without regard to case); a Resource of
	// "*" matches every resource, and the "*" of actions without a
	// resource type.
	Request evaluator.Request
	// Account, when not empty, leaves the caller open to every IAM
	// identity of that account: its root user, users, role sessions and
	// federated users. Request.Principal and Request.SessionIssuer must
	// then be empty.
	Account string
	// Open are the condition keys left open: each may take any value, or
	// be absent. "*" opens every key a policy reads that Request.Context
	// does not set, but those AWS derives from the caller, the resource
	// and the time (aws:PrincipalArn, aws:ResourceAccount, aws:CurrentTime,
	// aws:PrincipalTag/…, …), which follow those fields. A key neither
	// open nor in Request.Context is absent, as in a single request.
	Open []string
}

// derivedKeys are the keys AWS derives from the caller, the resource and
// the time, which Open "*" leaves to follow those fields (SPEC §8.3).
var derivedKeys = map[string]bool{
	keyPrincipalArn: true, keyPrincipalAccount: true, "aws:principaltype": true, "aws:username": true,
	"aws:userid": true, "aws:principalisawsservice": true, keyServiceName: true, keyResourceAccount: true,
	keyCurrentTime: true, keyEpochTime: true, keyPrincipalOrgID: true, "aws:principalorgpaths": true,
	keyResourceOrgID: true,
}

// NotGrantedWhere answers whether no request of the pattern p is allowed by
// the policies of set: Pass when none is, proved over every cell of the
// pattern (the actions and resources its patterns cover, cut as
// NotGrantedSet cuts them, the callers of its account, and the cells of its
// open keys, as Conditions cuts them); Fail with witnesses, allowed
// requests of the pattern replayed through the evaluator; or Unknown, with
// the reason. It is NotGrantedSet restricted to a set of requests: fields
// the pattern fixes stay fixed.
func NotGrantedWhere(set evaluator.Policies, p RequestPattern, opts Options) (Answer, error) {
	if err := p.validate(); err != nil {
		return Answer{}, err
	}
	s, err := evaluator.Compile(set)
	if err != nil {
		return Answer{}, err
	}
	pc := patternCheck{set: set, s: s, p: p, opts: opts, budget: opts.budget()}
	ans, err := pc.run()
	var u *unsupported
	if errors.As(err, &u) || errors.Is(err, errSearchBudget) {
		return Answer{Verdict: Unknown, Reason: err.Error(), Assumptions: pc.assumptions()}, nil
	}
	if err != nil {
		return Answer{}, err
	}
	return ans, nil
}

// validate checks the fields a pattern needs.
func (p RequestPattern) validate() error {
	q := p.Request
	switch {
	case q.Action == "" || (q.Action != "*" && !strings.Contains(q.Action, ":")):
		return fmt.Errorf("analysis: the action %s is not service:Name", text.Quote(q.Action))
	case q.Resource == "":
		return errors.New("analysis: a request pattern needs a resource (\"*\" for any)")
	case p.Account != "" && (len(p.Account) != 12 || !isDigits(p.Account)):
		return fmt.Errorf("analysis: the account %s is not 12 digits", text.Quote(p.Account))
	case p.Account != "" && (q.Principal != "" || q.SessionIssuer != ""):
		return errors.New("analysis: a request pattern with an account leaves the principal open: it has no principal or session issuer")
	}
	for _, k := range p.Open {
		if k == "" || !text.Clean(k, false) {
			return fmt.Errorf("analysis: the open key %s is not a condition key", text.Quote(k))
		}
	}
	return nil
}

// patternCheck is one NotGrantedWhere.
type patternCheck struct {
	set    evaluator.Policies
	s      *evaluator.Set
	p      RequestPattern
	opts   Options
	budget int
}

func (pc patternCheck) assumptions() []string {
	a := residualAssumptions(nil)
	a = append(a, "the request's fields the pattern does not leave open are as given; a key neither open nor given is absent")
	if pc.p.Account != "" {
		a = append(a, "the callers of the account are its root user, users, role sessions and federated users, with the organization and tags the request gives")
	}
	return a
}

func (pc patternCheck) run() (Answer, error) {
	q := pc.p.Request
	actionPat := strings.ContainsAny(q.Action, "*?")
	resPat := strings.ContainsAny(q.Resource, "*?")
	open, err := pc.openKeys(resPat)
	if err != nil {
		return Answer{}, err
	}
	sp, err := newOpenSpace(pc.set, open, pc.budget)
	if err != nil {
		return Answer{}, err
	}
	at, err := pc.shape(resPat)
	if err != nil {
		return Answer{}, err
	}
	acc := at.accounts()
	prs, err := pc.callers(at, acc)
	if err != nil {
		return Answer{}, err
	}
	actions := []string{q.Action}
	if actionPat {
		// No service is inert here: a pattern of requests asks about
		// every action it covers.
		reps, err := actionReps(at.actions, pc.opts.Actions, actions, func(string) bool { return false })
		if err != nil {
			return Answer{}, err
		}
		actions = check{kind: checkNotGranted, actions: actions}.actionsAsked(reps)
	}
	perAction := make([][]arnRep, len(actions))
	if resPat {
		restrict, err := arn.CompileResourcePattern(q.Resource)
		if err != nil {
			return Answer{}, fmt.Errorf("analysis: resource %s: %w", text.Quote(q.Resource), err)
		}
		rp := append(slices.Clone(at.resources), q.Resource)
		// Every pattern and every resource shape the evaluator's rules read
		// (an exhaustive check): the per-action reduction keeps only the
		// cells the statements of each action tell apart.
		ex := check{kind: checkNotGranted, exhaustive: true}
		masks, used := actionMasks(at, actions, len(rp), true)
		reps, err := resourceReps(rp, used, ex.needFeatures(actions), acc, pc.budget, []arn.Pattern{restrict})
		if err != nil {
			return Answer{}, err
		}
		perAction = ex.perActionResources(actions, masks, reps)
	} else {
		for i := range perAction {
			perAction[i] = []arnRep{{arn: q.Resource}}
		}
	}
	w := &patternWalk{pc: pc, sp: sp, base: sp.baseContext(q.Context), maxW: max(pc.opts.MaxWitnesses, 1)}
	w.ans = Answer{Assumptions: pc.assumptions()}
	w.ans.Stats = Stats{Actions: len(actions), Principals: len(prs), Contexts: sp.size(pc.budget)}
	for _, r := range perAction {
		w.ans.Stats.Resources = max(w.ans.Stats.Resources, len(r))
	}
	if err := w.walk(prs, actions, perAction); err != nil {
		return Answer{}, err
	}
	return w.verdict(), nil
}

// openKeys returns the pattern's open keys, "*" expanded. With a resource
// pattern, aws:RequestedRegion must be given or open: AWS derives it from
// the resource's region, which the cells of the resources do not follow.
func (pc patternCheck) openKeys(resPat bool) ([]string, error) {
	q := pc.p.Request
	open := expandOpen(pc.set, pc.p.Open, q.Context)
	if !resPat {
		return open, nil
	}
	_, fixed := q.Context.Lookup("aws:RequestedRegion")
	isRegion := func(k string) bool { return strings.EqualFold(k, "aws:RequestedRegion") }
	if slices.ContainsFunc(conditionKeys(pc.set), isRegion) && !fixed && !slices.ContainsFunc(open, isRegion) {
		return nil, unsup("aws:RequestedRegion follows the region of the resource, which a resource pattern leaves open: give it in the context or open it")
	}
	return open, nil
}

// expandOpen returns open with "*" replaced by every condition key the
// policies of set read that ctx does not set, but those AWS derives from
// the caller, the resource and the time.
func expandOpen(set evaluator.Policies, open []string, ctx conditions.Context) []string {
	if !slices.Contains(open, "*") {
		return open
	}
	var out []string
	for _, k := range open {
		if k != "*" {
			out = append(out, k)
		}
	}
	for _, k := range conditionKeys(set) {
		lk := conditions.CanonicalKey(k)
		if _, fixed := ctx.Lookup(k); !fixed && !derivedKeys[lk] && !strings.HasPrefix(lk, tagPrefix) {
			out = append(out, k)
		}
	}
	return out
}

// conditionKeys returns the condition keys the policies of set read, once
// each, as first spelled.
func conditionKeys(set evaluator.Policies) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range policiesOf(set) {
		if p == nil {
			continue
		}
		for i := range p.Statements {
			for _, c := range p.Statements[i].Conditions {
				if lk := conditions.CanonicalKey(c.Key); !seen[lk] {
					seen[lk] = true
					out = append(out, c.Key)
				}
			}
		}
	}
	return out
}

// shape returns what the actions and resources of the pattern are cut by:
// the Action and Resource entries of every statement, and every literal
// (for the accounts). With an account pattern or a resource pattern, the
// whole of the policies' atoms (collect). A policy variable in a Resource
// entry ties the resource to other values: unsupported with a resource
// pattern.
func (pc patternCheck) shape(resPat bool) (*atoms, error) {
	q := pc.p.Request
	extra := []string{q.Resource, q.ResourceAccount, q.Principal, q.SessionIssuer, pc.p.Account}
	// With a resource pattern, every condition also goes through the checks
	// of collect (addCondition): a policy variable in a value, or an
	// account key compared by pattern, may read the resource's region or
	// account, which the resource cells do not split on; those are
	// unsupported (Unknown), never a Pass on a guess.
	// With one action, not a pattern, the statements that take part for
	// another never apply to a request of the pattern (atoms.takesPart).
	var only []string
	if !strings.ContainsAny(q.Action, "*?") {
		only = []string{q.Action}
	}
	if pc.p.Account != "" || resPat {
		at, err := collect([]evaluator.Policies{pc.set}, only)
		if err != nil {
			return nil, err
		}
		at.literals = append(at.literals, extra...)
		return at, nil
	}
	at := &atoms{keys: map[string][]clauseUse{}, literals: extra, only: only}
	for _, p := range policiesOf(pc.set) {
		if p == nil {
			continue
		}
		vars := p.Version == policy.Version2012
		for i := range p.Statements {
			if only != nil && !at.takesPart(&p.Statements[i]) {
				continue
			}
			if err := at.addShape(&p.Statements[i], vars && resPat); err != nil {
				return nil, err
			}
		}
	}
	return at, nil
}

// addShape adds the Action and Resource entries of st, and its literals.
func (a *atoms) addShape(st *policy.Statement, noVars bool) error {
	sa, err := a.addTargets(st, noVars, true)
	if err != nil {
		return err
	}
	a.stmts = append(a.stmts, sa)
	if pr := st.Principal; pr != nil {
		for _, items := range [][]policy.Item{pr.AWS, pr.Federated} {
			for _, it := range items {
				a.literals = append(a.literals, it.Value)
			}
		}
	}
	for _, c := range st.Conditions {
		for _, v := range c.Values {
			a.literals = append(a.literals, v.Value)
		}
	}
	return nil
}

// callers returns the pattern's callers: every IAM identity of its
// account, or the request's own caller.
func (pc patternCheck) callers(at *atoms, acc []string) ([]principalRep, error) {
	q := pc.p.Request
	if pc.p.Account == "" {
		return []principalRep{{principal: q.Principal, issuer: q.SessionIssuer}}, nil
	}
	all, err := at.principalReps(acc, true)
	if err != nil {
		return nil, err
	}
	var out []principalRep
	for _, p := range all {
		if isIAMKind(p.kind) && p.account == pc.p.Account {
			out = append(out, p)
		}
	}
	return out, nil
}

// patternWalk is the state of NotGrantedWhere's walk over the pattern.
type patternWalk struct {
	pc            patternCheck
	sp            *openSpace
	base          map[string]conditions.Value
	maxW          int
	ans           Answer
	uncertain     *evaluator.Request
	uncertainWhat evaluator.Undocumented
	exhausted     bool
}

// walk evaluates every point of the pattern, up to the budget or maxW
// witnesses.
func (w *patternWalk) walk(prs []principalRep, actions []string, perAction [][]arnRep) error {
	q := w.pc.p.Request
	var err error
	for _, p := range prs {
		for ai, a := range actions {
			for _, r := range perAction[ai] {
				w.sp.each(func(idx []int) bool {
					req := q
					req.Principal, req.SessionIssuer, req.Action, req.Resource = p.principal, p.issuer, a, r.arn
					req.Context = w.sp.context(w.base, idx)
					var stop bool
					stop, err = w.visit(req)
					return !stop && err == nil
				})
				if err != nil || w.exhausted || len(w.ans.Witnesses) >= w.maxW {
					return err
				}
			}
		}
	}
	return nil
}

// visit decides one request of the pattern.
func (w *patternWalk) visit(req evaluator.Request) (stop bool, err error) {
	if w.ans.Stats.Points >= w.pc.budget {
		w.exhausted = true
		return true, nil
	}
	first := w.ans.Stats.Points == 0
	w.ans.Stats.Points++
	res := w.pc.s.Evaluate(req)
	switch {
	case res.Err != nil && first:
		return true, fmt.Errorf("analysis: the request is invalid: %w", res.Err)
	case res.Err != nil:
		return true, fmt.Errorf("analysis: internal error: a representative request is invalid: %w", res.Err)
	case res.Decision == evaluator.Allowed:
		wi, err := replayAllowed(w.pc.s, req)
		if err != nil {
			return true, err
		}
		w.ans.Witnesses = append(w.ans.Witnesses, wi)
		return len(w.ans.Witnesses) >= w.maxW, nil
	case res.Undocumented != 0 && w.uncertain == nil:
		w.uncertain, w.uncertainWhat = &req, res.Undocumented
	}
	return false, nil
}

// verdict returns the answer once the walk is over.
func (w *patternWalk) verdict() Answer {
	a := w.ans
	switch {
	case len(a.Witnesses) > 0:
		a.Verdict = Fail
	case w.exhausted:
		a.Verdict, a.Reason = Unknown, fmt.Sprintf("the request pattern needs more than %d evaluations (Options.MaxEvaluations)", w.pc.budget)
	case w.uncertain != nil:
		a.Verdict = Unknown
		a.Reason = fmt.Sprintf("a denial rests on behaviour AWS does not document (%s), under whose other reading the request is allowed, e.g. for action %s on %s by %s", w.uncertainWhat, w.uncertain.Action, text.Quote(w.uncertain.Resource), text.Quote(w.uncertain.Principal))
	default:
		a.Verdict = Pass
	}
	return a
}
