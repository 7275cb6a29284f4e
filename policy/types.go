package policy

import (
	"strings"

	"github.com/iamlogic/iamlogic/internal/text"
)

// Type is the kind of policy a document is used as. The same document can
// be valid as one type and invalid as another (a Principal is required in a
// bucket policy and forbidden in an identity-based policy).
type Type string

// The policy types.
const (
	// TypeIdentity is an identity-based policy attached to a user, group or
	// role (managed or inline).
	TypeIdentity Type = "identity"
	// TypeResource is a resource-based policy (S3 bucket policy, KMS key
	// policy, SQS queue policy, …).
	TypeResource Type = "resource"
	// TypeTrust is a role trust policy (the role's AssumeRolePolicyDocument).
	TypeTrust Type = "trust"
	// TypeBoundary is a permissions boundary.
	TypeBoundary Type = "boundary"
	// TypeSession is a session policy passed to an STS call.
	TypeSession Type = "session"
	// TypeSCP is an AWS Organizations service control policy.
	TypeSCP Type = "scp"
	// TypeRCP is an AWS Organizations resource control policy.
	TypeRCP Type = "rcp"
	// TypeEndpoint is a VPC endpoint policy.
	TypeEndpoint Type = "endpoint"
)

// Types returns every policy type, a fresh slice on every call.
func Types() []Type {
	out := make([]Type, len(typeTable))
	for i := range typeTable {
		out[i] = typeTable[i].typ
	}
	return out
}

// String returns the type's name, as accepted by ParseType.
func (t Type) String() string { return string(t) }

// TypeError reports a policy type name that ParseType does not know.
type TypeError struct {
	Name string
}

// Error names the unknown type and lists the known ones.
func (e *TypeError) Error() string {
	names := make([]string, len(typeTable))
	for i := range typeTable {
		names[i] = string(typeTable[i].typ)
	}
	return "unknown policy type " + text.Quote(e.Name) + "; expected one of " + strings.Join(names, ", ")
}

// ParseType returns the Type named s. Names are those of the Type
// constants ("identity", "scp", …), matched case-insensitively. The error is
// a *TypeError.
func ParseType(s string) (Type, error) {
	for i := range typeTable {
		if strings.EqualFold(s, string(typeTable[i].typ)) {
			return typeTable[i].typ, nil
		}
	}
	return "", &TypeError{Name: s}
}

// presence says whether a statement element is required, forbidden or
// optional for a policy type.
type presence uint8

const (
	optional presence = iota
	required
	forbidden
)

// notPrincipalRule says how a policy type treats NotPrincipal.
type notPrincipalRule uint8

const (
	npDenyOnly   notPrincipalRule = iota // allowed, but only with Deny
	npProhibited                         // PRINCIPAL_PROHIBITED, as Principal
	npTrust                              // NOTPRINCIPAL_IN_TRUST
	npRCP                                // RCP_ELEMENT
)

// typeRules are the per-type rules of SPEC §3.4 and the table of §3.6, and
// the size quota of §9.
type typeRules struct {
	typ          Type
	desc         string // "an identity-based policy", for messages
	principal    presence
	notPrincipal notPrincipalRule
	resource     presence
	// stsActionsOnly: only sts: actions, no NotAction (trust policies).
	stsActionsOnly bool
	// rcp: Version 2012-10-17 required, Allow only as in RCPFullAWSAccess,
	// no NotAction, Principal must be "*".
	rcp bool
	// orgs: an AWS Organizations policy (SCP, RCP), where short resource
	// ARNs are undocumented (SPEC §2.6).
	orgs bool
	// idAllowed: the top-level Id element is accepted.
	idAllowed bool
	// sidAlnum: Sid limited to ASCII letters and digits.
	sidAlnum bool
	// sidUnique: a duplicate Sid is an error (IAM); elsewhere a warning.
	sidUnique bool
	// sizeLimit in characters; sizeAllChars counts white space too.
	sizeLimit    int
	sizeAllChars bool
	sizeNote     string
}

var typeTable = [...]typeRules{
	{
		typ: TypeIdentity, desc: "an identity-based policy",
		principal: forbidden, notPrincipal: npProhibited, resource: required,
		sidAlnum: true, sidUnique: true, sizeLimit: 6144,
		sizeNote: "the quota for managed policies, not counting white space; inline policies share smaller per-principal aggregates (user 2,048, group 5,120, role 10,240)",
	},
	{
		typ: TypeResource, desc: "a resource-based policy",
		principal: required, notPrincipal: npDenyOnly, resource: optional,
		idAllowed: true, sizeLimit: 20480,
		sizeNote: "a generous bound; each service sets its own quota (e.g. S3 bucket policies 20 KB, SQS 8,192 bytes)",
	},
	{
		typ: TypeTrust, desc: "a role trust policy",
		principal: required, notPrincipal: npTrust, resource: forbidden,
		stsActionsOnly: true, idAllowed: true, sidAlnum: true, sidUnique: true, sizeLimit: 2048,
		sizeNote: "the default quota, not counting white space; it is adjustable through Service Quotas",
	},
	{
		typ: TypeBoundary, desc: "a permissions boundary",
		principal: forbidden, notPrincipal: npProhibited, resource: required,
		sidAlnum: true, sidUnique: true, sizeLimit: 6144,
		sizeNote: "the quota for managed policies, not counting white space",
	},
	{
		typ: TypeSession, desc: "a session policy",
		principal: forbidden, notPrincipal: npProhibited, resource: required,
		sidAlnum: true, sidUnique: true, sizeLimit: 6144,
		sizeNote: "the quota for managed policies, not counting white space; an inline session policy passed to an STS call is limited to 2,048 characters",
	},
	{
		typ: TypeSCP, desc: "a service control policy",
		principal: forbidden, notPrincipal: npProhibited, resource: required,
		orgs: true, sidAlnum: true, sizeLimit: 5120, sizeAllChars: true,
		sizeNote: "the Organizations quota; all characters count, including white space",
	},
	{
		typ: TypeRCP, desc: "a resource control policy",
		principal: required, notPrincipal: npRCP, resource: required,
		rcp: true, orgs: true, sidAlnum: true, sizeLimit: 5120, sizeAllChars: true,
		sizeNote: "the Organizations quota; all characters count, including white space",
	},
	{
		typ: TypeEndpoint, desc: "a VPC endpoint policy",
		principal: required, notPrincipal: npDenyOnly, resource: optional,
		idAllowed: true, sizeLimit: 20480,
		sizeNote: "a generous bound, as for resource-based policies",
	},
}

func rulesFor(t Type) (*typeRules, bool) {
	for i := range typeTable {
		if typeTable[i].typ == t {
			return &typeTable[i], true
		}
	}
	return nil, false
}
