package evaluator

import (
	"strings"

	"github.com/iamlogic/iamlogic/policy"
)

// The decision steps of SPEC §6.3, one function each. prepare has done step
// 0a–0c; Set.gather does step 0d and evaluates the policies into an
// evidence; each step then returns either its verdict or undecided, in
// which case the next step decides.

// evidence is what the decision steps read: who calls, which policies take
// part, and how each group of them combined.
type evidence struct {
	kind        PrincipalKind
	hasBoundary bool
	hasSession  bool
	resType     blocker // the resource policy's type; byResource when there is none

	id, pb, sp, rp outcome // identity, boundary, session, resource-based
	guard          guardrailOutcome
}

// verdict is what a decision step returns: a Result without its error and
// explanation, packed into four bytes so that handing it from step to step
// costs nothing on the hot path.
type verdict struct {
	decision Decision
	reason   Reason
	grant    MatchKind
	blocked  blocker
}

// A verdict becomes a Result at the return of Set.evaluate, written out
// there as a composite literal: Result has too many fields to live in
// registers, and a helper's Result is copied with wide loads right after the
// narrow stores that built it, which stalls the processor (about a tenth of
// the simplest decision).

// undecided is the verdict of a step that does not decide the request. Every
// decision has a reason, so a verdict without one is not a decision.
var undecided = verdict{}

// decided reports whether a step's verdict is a decision.
func (v verdict) decided() bool { return v.reason != ReasonNone }

// blocker is a compact policy.Type: the BlockedBy of a verdict.
type blocker uint8

// The blockers, by policy type.
const (
	byNone blocker = iota
	byRCP
	bySCP
	byEndpoint
	byResource
	byTrust
	byIdentity
	byBoundary
	bySession
)

var blockerTypes = [...]policy.Type{
	byNone:     "",
	byRCP:      policy.TypeRCP,
	bySCP:      policy.TypeSCP,
	byEndpoint: policy.TypeEndpoint,
	byResource: policy.TypeResource,
	byTrust:    policy.TypeTrust,
	byIdentity: policy.TypeIdentity,
	byBoundary: policy.TypeBoundary,
	bySession:  policy.TypeSession,
}

// decide applies the decision steps of SPEC §6.3 to a prepared request.
func (s *Set) decide(st *evalState) verdict {
	if st.sts { // the one action that needs no permission is STS's
		if r := noPermissionRequired(st); r.decided() {
			return r
		}
	}
	if st.ex != nil {
		st.ex.Caller, st.ex.SameAccount = st.c.kind, st.sameAccount
	}
	var e evidence
	s.gather(st, &e) // step 0d
	if r := explicitDeny(&e); r.decided() {
		return r
	}
	// The limits of SPEC §6.12 and §6.13 concern iam:, kms: and sts:
	// actions only, all three letters: other requests skip the calls.
	if len(st.svc) == 3 {
		if r := awsOwnedResource(st); r.decided() {
			return r
		}
		if r := federatedSessionLimit(st); r.decided() {
			return r
		}
	}
	if r := rcpLevels(&e); r.decided() {
		return r
	}
	if r := scpLevels(&e); r.decided() {
		return r
	}
	if r := endpointPolicies(&e); r.decided() {
		return r
	}
	if r := nonIAMCaller(&e); r.decided() {
		return r
	}
	if r := rootAssumeRole(st, &e); r.decided() {
		return r
	}
	p := principalPath(&e)
	if st.sameAccount || sharedWithEveryAccount(st) {
		return sameAccountGrant(st, &e, p)
	}
	return crossAccountGrant(&e, p)
}

// gather evaluates every group of policies that takes part in the request
// (SPEC §6.1, §6.3 step 0d) into e, in the order the explanation records
// them: identity, boundary, session, resource-based, then the guardrails.
// Identity-based policies and the boundary do not take part for the root
// user and callers that are not IAM identities, session policies only for
// sessions.
func (s *Set) gather(st *evalState, e *evidence) {
	e.kind = st.c.kind
	e.hasBoundary, e.hasSession = s.boundary != nil, s.session != nil
	e.resType = byResource
	if s.resource != nil && s.resource.typ == policy.TypeTrust {
		e.resType = byTrust
	}
	if e.kind.isIAM() && e.kind != RootUser {
		e.id = s.identity.eval(st)
		if s.boundary != nil {
			e.pb = s.boundary.eval(st)
		}
	}
	if e.kind.isSession() && s.session != nil {
		e.sp = s.session.eval(st)
	}
	if s.resource != nil {
		e.rp = s.resource.eval(st)
	}
	if len(s.rcps)+len(s.scps)+len(s.endpoints) != 0 {
		e.guard = s.guardrails(st)
	}
}

// noPermissionRequired allows sts:GetCallerIdentity for every IAM caller:
// "No permissions are required to perform this operation", even with an
// explicit deny (STS API reference, GetCallerIdentity). It precedes the
// steps of SPEC §6.3; no policy is evaluated.
func noPermissionRequired(st *evalState) verdict {
	if st.sts && st.c.kind.isIAM() && strings.EqualFold(st.name, "GetCallerIdentity") {
		return verdict{decision: Allowed, reason: ReasonNoPermissionRequired}
	}
	return undecided
}

// explicitDeny is step 1: an applicable Deny in any policy that takes part
// wins. BlockedBy names the first type that denies, in AWS's order: RCP,
// SCP, endpoint, resource-based, identity, boundary, session.
func explicitDeny(e *evidence) verdict {
	denyBy := e.guard.denyBy
	switch {
	case denyBy != byNone:
	case e.rp.deny:
		denyBy = e.resType
	case e.id.deny:
		denyBy = byIdentity
	case e.pb.deny:
		denyBy = byBoundary
	case e.sp.deny:
		denyBy = bySession
	default:
		return undecided
	}
	return verdict{decision: ExplicitDeny, reason: ReasonExplicitDeny, blocked: denyBy}
}

// rcpLevels is step 2: every RCP level must have an applicable Allow
// (RCPFullAWSAccess, implied at every level, allows everything).
func rcpLevels(e *evidence) verdict {
	if e.guard.rcpFail {
		return verdict{reason: ReasonRCPNoAllow, blocked: byRCP}
	}
	return undecided
}

// scpLevels is step 3: every SCP level must have an applicable Allow.
func scpLevels(e *evidence) verdict {
	if e.guard.scpFail {
		return verdict{reason: ReasonSCPNoAllow, blocked: bySCP}
	}
	return undecided
}

// endpointPolicies is the guardrail of SPEC §6.10, checked after step 3:
// every VPC endpoint policy must have an applicable Allow.
func endpointPolicies(e *evidence) verdict {
	if e.guard.epFail {
		return verdict{reason: ReasonEndpointNoAllow, blocked: byEndpoint}
	}
	return undecided
}

// nonIAMCaller is step 4: a caller that is not an IAM identity (a service
// principal, an anonymous or an identity-provider caller) is allowed only by
// a resource-based Allow that names it directly.
func nonIAMCaller(e *evidence) verdict {
	if e.kind.isIAM() {
		return undecided
	}
	if e.resourceMatch() == DirectMatch {
		return verdict{decision: Allowed, reason: ReasonResourceGrant, grant: DirectMatch}
	}
	return verdict{reason: ReasonNoResourceAllow, blocked: e.resType}
}

// rootAssumeRole applies the rule of SPEC §6.8 before step 5: STS refuses
// sts:AssumeRole with root credentials, whatever the policies say.
func rootAssumeRole(st *evalState, e *evidence) verdict {
	if e.kind == RootUser && st.sts && strings.EqualFold(st.name, "AssumeRole") {
		return verdict{reason: ReasonRootCannotAssumeRole, blocked: e.resType}
	}
	return undecided
}

// principalSide is the principal-side permission of step 5.
type principalSide struct {
	idOK bool // the caller is the root user, or an identity-based policy allows
	pbOK bool // there is no boundary, the caller is the root user, or the boundary allows
	spOK bool // the session policies allow, or the caller needs none
}

// principalPath is step 5: whether the identity-based policies, the
// permissions boundary and the session policies let the caller through. A
// federated-user session without a session policy is granted nothing
// (GetFederationToken); a role session without one is not limited.
func principalPath(e *evidence) principalSide {
	root := e.kind == RootUser
	p := principalSide{
		idOK: root || e.id.allow,
		pbOK: !e.hasBoundary || root || e.pb.allow,
		spOK: true,
	}
	switch {
	case !e.kind.isSession():
	case e.hasSession:
		p.spOK = e.sp.allow
	case e.kind == FederatedUser:
		p.spOK = false
	}
	return p
}

// identityPath reports whether the principal side allows on its own.
func (p principalSide) identityPath() bool { return p.idOK && p.pbOK && p.spOK }

// fail is the implicit deny of a principal side that does not allow: the
// first missing Allow of identity, boundary and session.
func (p principalSide) fail() verdict {
	switch {
	case !p.idOK:
		return verdict{reason: ReasonNoIdentityAllow, blocked: byIdentity}
	case !p.pbOK:
		return verdict{reason: ReasonBoundaryNoAllow, blocked: byBoundary}
	}
	return verdict{reason: ReasonSessionNoAllow, blocked: bySession}
}

// resourceMatch is rbp of step 5: how the best applicable Allow of the
// resource-based policy names the caller; NoMatch when none applies.
func (e *evidence) resourceMatch() MatchKind {
	if e.rp.allow {
		return e.rp.kind
	}
	return NoMatch
}

// sameAccountGrant is step 6, for a caller in the resource's account:
//
//	a. a resource-based grant that names the caller directly allows;
//	b. one that names the role or the federating user (ENTITY) allows when
//	   the boundary and the session policies do;
//	c. otherwise the principal side must allow, and where the resource
//	   policy is required (trust and key policies) it must grant too;
//	d. otherwise the request is implicitly denied.
//
// st is read only to decide whether the resource policy is required.
func sameAccountGrant(st *evalState, e *evidence, p principalSide) verdict {
	rbp := e.resourceMatch()
	switch {
	case rbp == DirectMatch: // 6a
		return verdict{decision: Allowed, reason: ReasonResourceGrant, grant: DirectMatch}
	case rbp == EntityMatch && p.pbOK && p.spOK: // 6b
		return verdict{decision: Allowed, reason: ReasonResourceGrant, grant: EntityMatch}
	case rbp == EntityMatch && !p.pbOK: // 6d
		return verdict{reason: ReasonBoundaryNoAllow, blocked: byBoundary}
	case rbp == EntityMatch:
		return verdict{reason: ReasonSessionNoAllow, blocked: bySession}
	case !p.identityPath():
		return p.fail()
	// Unless the facts say otherwise, only sts: and kms: actions (three
	// letters) can need it.
	case rbp == NoMatch && (st.r.Facts.ResourcePolicyRequired != Auto || len(st.svc) == 3) && resourcePolicyRequired(st):
		return verdict{reason: ReasonResourcePolicyRequired, blocked: e.resType}
	}
	return verdict{decision: Allowed, reason: ReasonIdentityGrant, grant: rbp} // 6c
}

// crossAccountGrant is step 7, for a caller outside the resource's account:
// both the principal side and the resource-based policy must allow.
func crossAccountGrant(e *evidence, p principalSide) verdict {
	if !p.identityPath() {
		return p.fail()
	}
	rbp := e.resourceMatch()
	if rbp == NoMatch {
		return verdict{reason: ReasonNoResourceAllow, blocked: e.resType}
	}
	return verdict{decision: Allowed, reason: ReasonIdentityGrant, grant: rbp}
}

// isSession reports whether the caller is a session: an assumed-role or a
// federated-user session, which session policies may limit.
func (k PrincipalKind) isSession() bool {
	return k == RoleSession || k == FederatedUser
}
