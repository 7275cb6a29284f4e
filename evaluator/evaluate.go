package evaluator

import (
	"strings"

	"github.com/iamlogic/iamlogic/arn"
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
}

// String returns the reason's name, e.g. "scp-no-allow".
func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "none"
}

// Result is the outcome of one evaluation.
type Result struct {
	Decision Decision
	Reason   Reason
	// BlockedBy names, for a deny, the type of policy that denied or whose
	// missing Allow decided: scp, rcp, endpoint, resource (or trust),
	// identity, boundary or session. Empty for an allow and for an invalid
	// request.
	BlockedBy policy.Type
	// Grant is, when a resource-based policy took part in an allow, how its
	// Principal named the caller.
	Grant MatchKind
	// Err is set when the request could not be understood; the decision is
	// then ImplicitDeny.
	Err error
	// Explanation is nil from Evaluate and set by Explain.
	Explanation *Explanation
}

// outcome is the combined result of one group of policies (SPEC §4.6).
type outcome struct {
	deny  bool
	allow bool
	kind  MatchKind // best principal match among applicable Allows
}

// evalState is what one evaluation needs; it lives on the stack.
type evalState struct {
	r           *Request
	c           caller
	svc, name   string       // the action split at its colon
	res         arn.Sections // the resource split at its first five colons
	resIsARN    bool
	hasBoundary bool
	ex          *Explanation
}

// Evaluate decides r. It is pure, safe for concurrent use, and does not
// allocate for a valid request. Any request it cannot understand is denied
// with Result.Err set.
func (s *Set) Evaluate(r Request) Result {
	return s.evaluate(&r, nil)
}

// Explain decides r like Evaluate and also records which statements applied
// and decided. It allocates.
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

func (s *Set) evaluate(r *Request, ex *Explanation) Result {
	if s == nil {
		return invalid(requestError("policy set", "", "nil *Set: compile the policies first"))
	}
	colon, err := checkRequest(r)
	if err != nil {
		return invalid(err)
	}
	// st lives on the stack; its parts are filled in place, not copied.
	st := evalState{r: r, ex: ex, hasBoundary: s.boundary != nil}
	if err := classify(r, &st.c); err != nil {
		return invalid(err)
	}
	svc, name := r.Action[:colon], r.Action[colon+1:]
	acct := r.PrincipalAccount
	switch {
	case acct == "":
		acct = st.c.account
	case st.c.account != "":
		if acct != st.c.account {
			return invalid(requestError("principalAccount", acct, "differs from the account of the principal ARN "+st.c.arn))
		}
	case !isAccountID(acct):
		return invalid(requestError("principalAccount", acct, "an account ID is 12 digits"))
	}
	st.c.account = acct
	st.svc, st.name = svc, name
	clean, isARN := splitClean(r.Resource, true, &st.res)
	if !clean || (!isARN && r.Resource != "*") {
		return invalid(requestError("resource", r.Resource, `a request names one resource ARN (without control characters or invalid UTF-8), or "*"`))
	}
	st.resIsARN = isARN
	resAcct := r.ResourceAccount
	if resAcct == "" {
		if st.resIsARN && st.res.Account != "" {
			resAcct = st.res.Account
		} else {
			resAcct = acct
		}
	}
	sameAccount := acct != "" && acct == resAcct

	if st.c.kind.isIAM() && isSTS(svc) && strings.EqualFold(name, "GetCallerIdentity") {
		// "No permissions are required to perform this operation", even
		// with an explicit deny (STS API reference, GetCallerIdentity).
		return Result{Decision: Allowed, Reason: ReasonNoPermissionRequired}
	}

	if ex != nil {
		ex.Caller, ex.SameAccount = st.c.kind, sameAccount
	}
	f := &r.Facts
	iam := st.c.kind.isIAM()
	session := st.c.kind == RoleSession || st.c.kind == FederatedUser

	// Evaluate every group that takes part (SPEC §6.1, §6.3 step 0).
	var id, pb, sp, rp outcome
	if iam && st.c.kind != RootUser {
		id = s.identity.eval(&st)
		if s.boundary != nil {
			pb = s.boundary.eval(&st)
		}
	}
	if session && s.session != nil {
		sp = s.session.eval(&st)
	}
	if s.resource != nil {
		rp = s.resource.eval(&st)
	}

	// Step 1: an explicit deny anywhere wins. Guardrails are evaluated in
	// AWS's order so that BlockedBy names the first that denies.
	var denyBy policy.Type
	rcpFail, scpFail, epFail := false, false, false
	if len(s.rcps)+len(s.scps)+len(s.endpoints) != 0 {
		denyBy, rcpFail, scpFail, epFail = s.guardrails(&st, iam)
	}
	switch {
	case denyBy != "":
	case rp.deny:
		denyBy = s.resource.typ
	case id.deny:
		denyBy = policy.TypeIdentity
	case pb.deny:
		denyBy = policy.TypeBoundary
	case sp.deny:
		denyBy = policy.TypeSession
	}
	if denyBy != "" {
		return Result{Decision: ExplicitDeny, Reason: ReasonExplicitDeny, BlockedBy: denyBy}
	}

	// Steps 2 and 3: every RCP and SCP level must allow; so must every
	// endpoint policy (SPEC §6.10).
	if rcpFail {
		return Result{Reason: ReasonRCPNoAllow, BlockedBy: policy.TypeRCP}
	}
	if scpFail {
		return Result{Reason: ReasonSCPNoAllow, BlockedBy: policy.TypeSCP}
	}
	if epFail {
		return Result{Reason: ReasonEndpointNoAllow, BlockedBy: policy.TypeEndpoint}
	}

	rbp := NoMatch
	if rp.allow {
		rbp = rp.kind
	}
	resType := policy.TypeResource
	if s.resource != nil {
		resType = s.resource.typ
	}

	// Step 4: callers that are not IAM identities need a direct grant.
	if !iam {
		if rbp == DirectMatch {
			return Result{Decision: Allowed, Reason: ReasonResourceGrant, Grant: DirectMatch}
		}
		return Result{Reason: ReasonNoResourceAllow, BlockedBy: resType}
	}
	if st.c.kind == RootUser && isSTS(svc) && strings.EqualFold(name, "AssumeRole") {
		return Result{Reason: ReasonRootCannotAssumeRole, BlockedBy: resType}
	}

	// Step 5: the principal side.
	idOK := st.c.kind == RootUser || id.allow
	pbOK := s.boundary == nil || st.c.kind == RootUser || pb.allow
	spOK := true
	switch {
	case !session:
	case s.session != nil:
		spOK = sp.allow
	case st.c.kind == FederatedUser:
		spOK = false // GetFederationToken without a session policy grants nothing
	}
	identityPath := idOK && pbOK && spOK
	principalFail := func() Result {
		switch {
		case !idOK:
			return Result{Reason: ReasonNoIdentityAllow, BlockedBy: policy.TypeIdentity}
		case !pbOK:
			return Result{Reason: ReasonBoundaryNoAllow, BlockedBy: policy.TypeBoundary}
		default:
			return Result{Reason: ReasonSessionNoAllow, BlockedBy: policy.TypeSession}
		}
	}

	if sameAccount {
		// Step 6.
		switch {
		case rbp == DirectMatch:
			return Result{Decision: Allowed, Reason: ReasonResourceGrant, Grant: DirectMatch}
		case rbp == EntityMatch && pbOK && spOK:
			return Result{Decision: Allowed, Reason: ReasonResourceGrant, Grant: EntityMatch}
		case rbp == EntityMatch && !pbOK:
			return Result{Reason: ReasonBoundaryNoAllow, BlockedBy: policy.TypeBoundary}
		case rbp == EntityMatch:
			return Result{Reason: ReasonSessionNoAllow, BlockedBy: policy.TypeSession}
		case !identityPath:
			return principalFail()
		// Unless the facts say otherwise, only sts: and kms: actions (three
		// letters) can need it.
		case rbp == NoMatch && (f.ResourcePolicyRequired != Auto || len(svc) == 3) && resourcePolicyRequired(&st):
			return Result{Reason: ReasonResourcePolicyRequired, BlockedBy: resType}
		}
		return Result{Decision: Allowed, Reason: ReasonIdentityGrant, Grant: rbp}
	}
	// Step 7: cross account, both sides must allow.
	if !identityPath {
		return principalFail()
	}
	if rbp == NoMatch {
		return Result{Reason: ReasonNoResourceAllow, BlockedBy: resType}
	}
	return Result{Decision: Allowed, Reason: ReasonIdentityGrant, Grant: rbp}
}

// guardrails evaluates the RCP and SCP levels and the endpoint policies
// that take part (SPEC §6.1). denyBy names the first type, in AWS's order,
// with an applicable Deny; the fail results report a level or policy
// without an applicable Allow.
func (s *Set) guardrails(st *evalState, iam bool) (denyBy policy.Type, rcpFail, scpFail, epFail bool) {
	f := &st.r.Facts
	rcpApplies := !f.ResourceInManagementAccount && !f.RCPsNotSupported &&
		(!f.PrincipalIsServiceLinkedRole || f.RCPsApplyToServiceLinkedRoles)
	if rcpApplies {
		for _, g := range s.rcps {
			o := g.eval(st)
			if o.deny && denyBy == "" {
				denyBy = policy.TypeRCP
			}
			rcpFail = rcpFail || !o.allow && !g.impliedAllow
		}
	}
	if iam && !f.PrincipalInManagementAccount && !f.PrincipalIsServiceLinkedRole {
		for _, g := range s.scps {
			o := g.eval(st)
			if o.deny && denyBy == "" {
				denyBy = policy.TypeSCP
			}
			scpFail = scpFail || !o.allow
		}
	}
	for _, g := range s.endpoints {
		o := g.eval(st)
		if o.deny && denyBy == "" {
			denyBy = policy.TypeEndpoint
		}
		epFail = epFail || !o.allow
	}
	return denyBy, rcpFail, scpFail, epFail
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
	case isSTS(svc):
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
	if st.ex != nil || len(g.all) <= smallGroup {
		// A linear scan is cheaper than hashing the service prefix, and
		// an explanation records every statement that applies.
		for _, s := range g.all {
			if ok, kind := s.applies(st, g.principals); ok {
				o.take(s.deny, kind)
			}
		}
		return o
	}
	for _, s := range g.candidates(st.svc) {
		if ok, kind := s.applies(st, g.principals); ok {
			o.take(s.deny, kind)
		}
	}
	for _, s := range g.any {
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
// An explanation, if any, records the statements that apply.
func (s *stmt) applies(st *evalState, withPrincipal bool) (bool, MatchKind) {
	// Action.
	hit := false
	for i := range s.actions {
		if s.actions[i].matches(st.svc, st.name) {
			hit = true
			break
		}
	}
	if hit == s.actNot {
		return false, NoMatch
	}
	// Resource.
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
				return false, NoMatch
			}
		} else if !hit {
			return false, NoMatch
		}
	}
	// Principal.
	kind := DirectMatch
	if withPrincipal {
		switch {
		case s.principal == nil:
			return false, NoMatch
		case s.princNot:
			if !s.deny || s.principal.exempts(&st.c, st.hasBoundary, st.r.Context) {
				return false, NoMatch
			}
		default:
			if kind = s.principal.match(&st.c, st.r.Context); kind == NoMatch {
				return false, NoMatch
			}
		}
	}
	// Condition.
	if s.cond != nil && !s.cond.Eval(st.r.Context) {
		return false, NoMatch
	}
	if st.ex != nil {
		st.ex.record(s, kind)
	}
	return true, kind
}

// isSTS reports whether a service prefix is "sts", in any case.
func isSTS(svc string) bool {
	return len(svc) == 3 && (svc == "sts" || strings.EqualFold(svc, "sts"))
}
