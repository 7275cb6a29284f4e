package evaluator

import (
	"strings"
	"unsafe"

	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/policy"
)

// Reason says which rule of the decision procedure decided (SPEC §6.9).
type Reason uint8

// The reasons. For an ImplicitDeny they name the first requirement that
// failed, in the order of SPEC §6.3.
const (
	ReasonNone                   Reason = iota
	ReasonInvalidRequest                // the request could not be understood
	ReasonExplicitDeny                  // an applicable Deny statement
	ReasonRCPNoAllow                    // an RCP level has no applicable Allow
	ReasonSCPNoAllow                    // an SCP level has no applicable Allow
	ReasonEndpointNoAllow               // a VPC endpoint policy has no applicable Allow
	ReasonNoIdentityAllow               // no identity-based policy allows
	ReasonBoundaryNoAllow               // the permissions boundary does not allow
	ReasonSessionNoAllow                // the session policy does not allow (or is missing for a federated user)
	ReasonNoResourceAllow               // the resource-based policy does not allow (cross account, or a non-IAM caller)
	ReasonResourcePolicyRequired        // trust and key policies must grant even in the same account
	ReasonRootCannotAssumeRole          // STS refuses AssumeRole with root credentials
	ReasonResourceGrant                 // allowed by the resource-based policy
	ReasonIdentityGrant                 // allowed by the identity-based policies
	ReasonNoPermissionRequired          // sts:GetCallerIdentity needs no permission
	ReasonAWSOwnedResource              // a write to a resource that belongs to AWS (SPEC §6.12)
	ReasonFederatedSessionLimit         // a federated-user session calls IAM or STS (SPEC §6.13)
)

var reasonNames = [...]string{
	ReasonNone:                   "none",
	ReasonInvalidRequest:         "invalid-request",
	ReasonExplicitDeny:           "explicit-deny",
	ReasonRCPNoAllow:             "rcp-no-allow",
	ReasonSCPNoAllow:             "scp-no-allow",
	ReasonEndpointNoAllow:        "vpce-no-allow",
	ReasonNoIdentityAllow:        "no-identity-allow",
	ReasonBoundaryNoAllow:        "boundary-no-allow",
	ReasonSessionNoAllow:         "session-no-allow",
	ReasonNoResourceAllow:        "no-resource-allow",
	ReasonResourcePolicyRequired: "resource-policy-required",
	ReasonRootCannotAssumeRole:   "root-cannot-assume-role",
	ReasonResourceGrant:          "resource-grant",
	ReasonIdentityGrant:          "identity-grant",
	ReasonNoPermissionRequired:   "no-permission-required",
	ReasonAWSOwnedResource:       "aws-owned-resource",
	ReasonFederatedSessionLimit:  "federated-session-limit",
}

// String returns the reason's name, e.g. "scp-no-allow".
func (r Reason) String() string {
	return enum.String(reasonNames[:], r, "none")
}

// Result is the outcome of one evaluation.
type Result struct {
	Decision Decision
	Reason   Reason
	// BlockedBy names, for a deny, the type of policy that denied or whose
	// missing Allow decided: scp, rcp, endpoint, resource (or trust),
	// identity, boundary or session. Empty for an allow, for an invalid
	// request and for the limits no policy takes part in
	// (ReasonAWSOwnedResource, ReasonFederatedSessionLimit).
	BlockedBy policy.Type
	// Grant is, when a resource-based policy took part in an allow, how its
	// Principal named the caller.
	Grant MatchKind
	// Err is set when the request could not be understood, or the Set was
	// not compiled (ErrNotCompiled); the decision is then ImplicitDeny with
	// reason ReasonInvalidRequest. It is a *RequestError.
	Err error
	// Explanation is nil from Evaluate and set by Explain.
	Explanation *Explanation
	// Assumptions are what the evaluation took for granted about keys AWS
	// always sets that a policy read and the request did not give: the
	// defaults of aws:SecureTransport, aws:ViaAWSService and
	// aws:RequestedRegion, an unknown time, … (SPEC §8.3).
	Assumptions Assumptions
	// Undocumented are the behaviours AWS does not document that the
	// decision relied on, each decided by the reading that denies (SPEC
	// §10.1). An Allowed result may list one only where the reading did
	// not help it; a denial that lists one might be an allow on AWS.
	Undocumented Undocumented
}

// outcome is the combined result of one group of policies (SPEC §4.6).
type outcome struct {
	deny  bool
	allow bool
	kind  MatchKind // best principal match among applicable Allows
}

// evalState is the prepared request (SPEC §6.3 step 0a–0c) that the
// statements are matched against; it lives on the stack. The decision steps
// read the evidence gathered with it (decide.go).
type evalState struct {
	r           *Request
	c           caller       // the classified principal, with its account settled
	svc, name   string       // the action split at its colon
	sts         bool         // svc is "sts", in any case
	res         arn.Sections // the resource split at its first five colons
	resIsARN    bool
	sameAccount bool
	hasBoundary bool         // the caller has a permissions boundary (NotPrincipal never exempts it)
	ex          *Explanation // nil unless explaining
	// The keys derived from the request (derive.go) when a policy reads
	// them, and the context's fallback on them; nil otherwise.
	d       *derived
	fb      *conditions.Fallback
	used    int          // bytes of d.buf in use
	assumed Assumptions  // what deriving keys assumed
	undoc   Undocumented // the undocumented readings taken
}

// guardrailOutcome is the combined outcome of the RCP and SCP levels and the
// endpoint policies.
type guardrailOutcome struct {
	denyBy                   blocker // the first type, in AWS's order, with an applicable Deny
	rcpFail, scpFail, epFail bool    // some level or policy has no applicable Allow
}

// ErrNotCompiled is the Result.Err of evaluating with a Set that Compile did
// not build, a nil *Set or the zero Set: the request is then an ImplicitDeny
// with reason ReasonInvalidRequest. Test for it with errors.Is. Like every
// error of a request that cannot be decided it is a *RequestError, of field
// "policy set".
var ErrNotCompiled error = &RequestError{Field: "policy set", Reason: "not compiled (a nil or zero Set); build it with Compile"}

// Evaluate decides r. It is pure, safe for concurrent use, and does not
// allocate for a valid request. Any request it cannot understand is denied
// with Result.Err set; so is every request when Compile did not build s (a
// nil *Set or the zero Set), with Result.Err ErrNotCompiled.
func (s *Set) Evaluate(r Request) Result {
	return s.evaluate(&r, nil)
}

// Explain decides r like Evaluate and also records which statements applied
// and decided. It allocates. Like Evaluate it denies every request, with
// Result.Err ErrNotCompiled, when Compile did not build s.
func (s *Set) Explain(r Request) Result {
	ex := &Explanation{}
	res := s.evaluate(&r, ex)
	ex.finish(&res)
	res.Explanation = ex
	return res
}

func invalid(err error) Result {
	return Result{Decision: ImplicitDeny, Reason: ReasonInvalidRequest, Err: err}
}

// compiled reports whether Compile built s: it always sets the identity
// group, which the zero Set lacks.
func (s *Set) compiled() bool {
	return s != nil && s.identity != nil
}

// evaluate prepares r and applies the decision procedure of SPEC §6.3.
func (s *Set) evaluate(r *Request, ex *Explanation) Result {
	if !s.compiled() {
		return invalid(ErrNotCompiled)
	}
	if s.derives != 0 {
		return s.evaluateDeriving(r, ex)
	}
	// st lives on the stack; its parts are filled in place, not copied.
	st := evalState{r: r, ex: ex, hasBoundary: s.boundary != nil}
	if err := prepare(&st); err != nil {
		return invalid(err)
	}
	v := s.decide(&st)
	return Result{Decision: v.decision, Reason: v.reason, Grant: v.grant, BlockedBy: blockerTypes[v.blocked], Assumptions: st.assumed, Undocumented: st.undoc}
}

// evaluateDeriving is evaluate for a Set whose policies read keys that AWS
// always sets (derive.go): only such Sets pay for the derived state, and
// only for the keys a lookup misses in the request context.
func (s *Set) evaluateDeriving(r *Request, ex *Explanation) Result {
	var d derived
	var fb conditions.Fallback
	st := evalState{r: r, ex: ex, hasBoundary: s.boundary != nil}
	if err := prepare(&st); err != nil {
		return invalid(err)
	}
	fb.Keys, fb.Values, fb.Multi, fb.Prefix = derivedNames[:derivedTag], d.one[:], d.multi[:], tagPrefix
	st.hide(&d, &fb)
	v := s.decide(&st)
	return Result{Decision: v.decision, Reason: v.reason, Grant: v.grant, BlockedBy: blockerTypes[v.blocked], Assumptions: st.assumed, Undocumented: st.undoc}
}

// prepare checks the request st.r, classifies its principal and splits its
// action and resource into st (SPEC §6.3 step 0a–0c). It returns a
// *RequestError for a request no AWS request looks like.
func prepare(st *evalState) error {
	r := st.r
	colon, err := checkRequest(r)
	if err != nil {
		return err
	}
	if err := classify(r, &st.c); err != nil {
		return err
	}
	if acct := r.PrincipalAccount; acct != "" && !sameAccount(acct, st.c.account) {
		if err := settleCallerAccount(r, &st.c); err != nil {
			return err
		}
	}
	st.svc, st.name = r.Action[:colon], r.Action[colon+1:]
	st.sts = isSTS(st.svc)
	clean, isARN := splitClean(r.Resource, true, &st.res)
	if !clean || (!isARN && r.Resource != "*") {
		return requestError("resource", r.Resource, `a request names one resource ARN (without control characters or invalid UTF-8), or "*"`)
	}
	st.resIsARN = isARN
	// Step 0b and 0c.
	if !(isARN && st.res.Account == "aws") && r.ResourceAccount == "aws" {
		return requestError("resourceAccount", r.ResourceAccount, `only a resource whose ARN names account "aws" belongs to aws`)
	}
	resAcct := st.resourceAccount()
	st.sameAccount = st.c.account != "" && sameAccount(st.c.account, resAcct)
	if r.ResourceAccount == "" && resAcct != "" && isARN && st.res.Account == "" {
		// The resource ARN names no account (S3): it is taken to be the
		// caller's, which decides same- or cross-account, and the result
		// says so.
		st.assumed |= AssumedResourceAccountFromCaller
	}
	return nil
}

// resourceAccount returns the account that owns the resource (SPEC §6.3
// step 0c): aws for an ARN of account aws, else Request.ResourceAccount,
// else the resource ARN's account, else the caller's (an S3 ARN names no
// account). It is derived each time it is
// needed rather than stored in st: a string read through st and stored
// through st would move every request to the heap.
func (st *evalState) resourceAccount() string {
	switch {
	case st.resIsARN && st.res.Account == "aws":
		// AWS's own resources (AWS managed policies) belong to account
		// aws, never to the caller (SPEC §6.12).
		return "aws"
	case st.r.ResourceAccount != "":
		return st.r.ResourceAccount
	case st.resIsARN && st.res.Account != "":
		return st.res.Account
	}
	return st.c.account
}

// settleCallerAccount sets the caller's account to r.PrincipalAccount,
// which must agree with the account of a principal ARN or else be an
// account ID. Without it the caller's account is that of the principal ARN,
// if any; prepare does not call it when the two agree.
func settleCallerAccount(r *Request, c *caller) error {
	acct := r.PrincipalAccount
	switch {
	case c.account != "":
		if acct != c.account {
			return requestError("principalAccount", acct, "differs from the account of the principal ARN "+c.arn)
		}
	case !isAccountID(acct):
		return requestError("principalAccount", acct, "an account ID is 12 digits")
	}
	c.account = acct
	return nil
}

// guardrails evaluates the RCP and SCP levels and the endpoint policies
// that take part (SPEC §6.1, §6.10): RCPs do not apply to resources in the
// management account, to services without RCP support or (by default) to
// service-linked roles; SCPs apply only to IAM callers outside the
// management account that are not service-linked roles.
func (s *Set) guardrails(st *evalState) guardrailOutcome {
	var denyBy blocker
	rcpFail, scpFail, epFail := false, false, false
	f := &st.r.Facts
	rcpApplies := !f.ResourceInManagementAccount && !f.RCPsNotSupported &&
		(!f.PrincipalIsServiceLinkedRole || f.RCPsApplyToServiceLinkedRoles)
	if rcpApplies {
		for _, g := range s.rcps {
			o := g.eval(st)
			if o.deny && denyBy == byNone {
				denyBy = byRCP
			}
			rcpFail = rcpFail || !o.allow && !g.impliedAllow
		}
	}
	if st.c.kind.isIAM() && !f.PrincipalInManagementAccount && !f.PrincipalIsServiceLinkedRole {
		for _, g := range s.scps {
			o := g.eval(st)
			if o.deny && denyBy == byNone {
				denyBy = bySCP
			}
			scpFail = scpFail || !o.allow
		}
	}
	for _, g := range s.endpoints {
		o := g.eval(st)
		if o.deny && denyBy == byNone {
			denyBy = byEndpoint
		}
		epFail = epFail || !o.allow
	}
	return guardrailOutcome{denyBy: denyBy, rcpFail: rcpFail, scpFail: scpFail, epFail: epFail}
}

// resourcePolicyRequired applies SPEC §6.3/§6.4.3: role trust policies and
// KMS key policies must grant even in the same account.
func resourcePolicyRequired(st *evalState) bool {
	switch st.r.Facts.ResourcePolicyRequired {
	case Required:
		return true
	case NotRequired:
		return false
	}
	if !st.resIsARN {
		return false
	}
	sec, svc, name := &st.res, st.svc, st.name
	switch {
	case st.sts:
		if sec.Service != "iam" || !strings.HasPrefix(sec.Resource, "role/") {
			return false
		}
		for _, a := range trustActions {
			if strings.EqualFold(name, a) {
				return true
			}
		}
	case len(svc) == 3 && strings.EqualFold(svc, "kms"):
		return sec.Service == "kms" && strings.HasPrefix(sec.Resource, "key/")
	}
	return false
}

var trustActions = [...]string{"AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession", "SetSourceIdentity"}

// smallGroup is the number of statements up to which a group is scanned
// rather than looked up by service prefix.
const smallGroup = 4

// eval combines the statements of g that apply to the request.
func (g *group) eval(st *evalState) outcome {
	var o outcome
	if st.ex != nil {
		// An explanation records every statement, and why those that do
		// not apply do not.
		for _, s := range g.all {
			miss, kind := s.firstMiss(st, g.principals)
			if miss == ElementNone {
				o.take(s.deny, kind)
				st.ex.record(s, kind)
			} else {
				st.ex.NotApplied = append(st.ex.NotApplied, s.miss(st, g.principals))
			}
			if s.cond != nil && (miss == ElementNone || miss == ElementCondition) {
				st.ex.noteMissing(s, st)
			}
		}
		return o
	}
	// A linear scan of a small group is cheaper than hashing the service
	// prefix; a larger one reads the statements filed under the request's
	// service and those that name no single service.
	scan, rest := g.all, []*stmt(nil)
	if len(g.all) > smallGroup {
		scan, rest = g.candidates(st.svc), g.any
	}
	for _, s := range scan {
		if ok, kind := s.applies(st, g.principals); ok {
			o.take(s.deny, kind)
		}
	}
	for _, s := range rest {
		if ok, kind := s.applies(st, g.principals); ok {
			o.take(s.deny, kind)
		}
	}
	return o
}

// take adds an applicable statement to the outcome.
func (o *outcome) take(deny bool, kind MatchKind) {
	if deny {
		o.deny = true
	} else {
		o.allow = true
		o.kind = max(o.kind, kind)
	}
}

// candidates returns the statements filed under service prefix svc, looked
// up case-insensitively without allocating.
func (g *group) candidates(svc string) []*stmt {
	if len(g.index) == 0 {
		return nil
	}
	lowerCase := true
	for i := 0; i < len(svc); i++ {
		if 'A' <= svc[i] && svc[i] <= 'Z' {
			lowerCase = false
			break
		}
	}
	if lowerCase {
		return g.index[svc]
	}
	var buf [64]byte
	if len(svc) > len(buf) {
		return g.index[strings.ToLower(svc)]
	}
	for i := 0; i < len(svc); i++ {
		c := svc[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return g.index[string(buf[:len(svc)])]
}

// carriesPrincipal reports whether policies of type t carry principals.
func carriesPrincipal(t policy.Type) bool {
	switch t {
	case policy.TypeResource, policy.TypeTrust, policy.TypeRCP, policy.TypeEndpoint:
		return true
	}
	return false
}

// applies reports whether the statement applies to the request (SPEC §4.6)
// and, for policies with principals, how its Principal names the caller.
func (s *stmt) applies(st *evalState, withPrincipal bool) (bool, MatchKind) {
	miss, kind := s.firstMiss(st, withPrincipal)
	return miss == ElementNone, kind
}

// reached returns the elements, as a mask of 1<<Element bits, that a check
// of a statement compared with the request before it stopped at miss.
func reached(miss Element) uint8 {
	if miss == ElementNone {
		return 0xff
	}
	return 1<<(miss+1) - 1
}

// firstMiss checks the elements of the statement against the request in
// order, Action, Resource, Principal, Condition, and returns the first that
// does not match, or ElementNone and how the Principal names the caller
// (DirectMatch for policies without principals). It is the one definition
// of "the statement applies": Evaluate and the why-not explanation
// (stmt.miss) both read it.
func (s *stmt) firstMiss(st *evalState, withPrincipal bool) (Element, MatchKind) {
	// Action.
	if !s.actionMatches(st.svc, st.name) {
		return s.missed(st, ElementAction)
	}
	// Resource; a statement without Resource or NotResource (a trust
	// policy's) covers the resource it is attached to. Written out here,
	// not called: it runs for every candidate statement.
	if !s.noRes {
		hit, unresolved := false, false
		for i := range s.resources {
			m, resolved := s.resources[i].match(st)
			if !resolved {
				unresolved = true
			}
			if m {
				hit = true
				break
			}
		}
		if s.resNot {
			// An entry that cannot be evaluated excludes nothing; for an
			// Allow that would widen the grant, so it fails safe instead.
			if hit || (unresolved && !s.deny) {
				return s.missed(st, ElementResource)
			}
		} else if !hit {
			return s.missed(st, ElementResource)
		}
	}
	// Principal.
	kind := DirectMatch
	if withPrincipal {
		var ok bool
		if kind, ok = s.principalMatches(st); !ok {
			return s.missed(st, ElementPrincipal)
		}
	}
	// Condition.
	if s.cond != nil && !s.condHolds(st) {
		return s.missed(st, ElementCondition)
	}
	if s.unknown != 0 {
		s.noteUnknown(st, ElementNone)
	}
	return ElementNone, kind
}

// missed returns element e as the first that does not match, noting a
// placeholder the check reached (noteUnknown). It is small enough to
// inline: the check of a statement with no placeholder pays one test.
func (s *stmt) missed(st *evalState, e Element) (Element, MatchKind) {
	if s.unknown != 0 {
		s.noteUnknown(st, e)
	}
	return e, NoMatch
}

// noteUnknown notes that the decision relied on a placeholder
// (stmt.unknown) when one was among the elements the check compared before
// it stopped at miss: it can make an Allow miss, and a Deny apply.
func (s *stmt) noteUnknown(st *evalState, miss Element) {
	if s.unknown&reached(miss) != 0 && (!s.deny || miss == ElementNone) {
		st.undoc |= UndocumentedUnknownValue
	}
}

// actionMatches reports whether the Action (or NotAction) element covers
// the request's action.
//
// It is small enough to inline: it runs for every candidate statement.
func (s *stmt) actionMatches(svc, name string) bool {
	for i := range s.actions {
		if s.actions[i].matches(svc, name) {
			return !s.actNot
		}
	}
	return s.actNot
}

// principalMatches reports whether the Principal (or NotPrincipal) element
// of a policy with principals names the caller, and how.
func (s *stmt) principalMatches(st *evalState) (MatchKind, bool) {
	switch {
	case s.principal == nil:
		return NoMatch, false
	case s.princNot:
		ctx := st.context(s.principal.reads)
		exempt := s.principal.exempts(&st.c, st.hasBoundary, ctx, &st.undoc)
		for st.wanted() { // each round derives at least one more key
			exempt = s.principal.exempts(&st.c, st.hasBoundary, ctx, &st.undoc)
		}
		if !s.deny || exempt {
			return NoMatch, false
		}
		return DirectMatch, true
	}
	home := ""
	if st.c.kind == IdentityProvider {
		home = st.resourceAccount()
	}
	ctx := st.context(s.principal.reads)
	kind := s.principal.match(&st.c, ctx, home, &st.undoc)
	for st.wanted() { // each round derives at least one more key
		kind = s.principal.match(&st.c, ctx, home, &st.undoc)
	}
	return kind, kind != NoMatch
}

// condHolds reports whether the Condition block holds. A lookup of a key
// AWS always sets that the context lacks derives it, and the block is
// evaluated again (SPEC §8.3).
func (s *stmt) condHolds(st *evalState) bool {
	ctx := st.context(s.condReads)
	ok, u := s.cond.EvalUndocumented(ctx)
	for st.wanted() { // each round derives at least one more key
		ok, u = s.cond.EvalUndocumented(ctx)
	}
	if u != 0 {
		st.undoc |= Undocumented(u)
	}
	return ok
}

// sameAccount reports whether a and b are the same account. Account IDs
// are twelve bytes, compared in two loads each rather than a call to
// memequal: prepare compares the caller's account twice for every request.
func sameAccount(a, b string) bool {
	if len(a) != 12 || len(b) != 12 {
		return a == b
	}
	pa, pb := unsafe.Pointer(unsafe.StringData(a)), unsafe.Pointer(unsafe.StringData(b))
	return *(*uint64)(pa) == *(*uint64)(pb) && *(*uint32)(unsafe.Add(pa, 8)) == *(*uint32)(unsafe.Add(pb, 8))
}

// isSTS reports whether a service prefix is "sts", in any case.
func isSTS(svc string) bool {
	return len(svc) == 3 && (svc == "sts" || strings.EqualFold(svc, "sts"))
}
