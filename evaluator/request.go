package evaluator

import (
	"math/bits"
	"strings"
	"time"

	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/text"
)

// Request is one authorization request: who calls, which action, on which
// resource, with which request context.
type Request struct {
	// Principal is the caller: an IAM user, role session
	// (arn:…:sts::ACCT:assumed-role/ROLE/SESSION), federated-user session, or
	// account root (arn:…:iam::ACCT:root) ARN; a service principal such as
	// "lambda.amazonaws.com"; "federated:PROVIDER" for an identity-provider
	// caller of sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML; or
	// "" (or "anonymous") for an unsigned request. A role ARN
	// (arn:…:iam::ACCT:role/NAME) is read as "a session of that role".
	Principal string
	// SessionIssuer is, for a role session, the role's ARN with its path; for
	// a federated-user session, the ARN of the IAM user who federated.
	SessionIssuer string
	// PrincipalAccount is the caller's account. When empty it is taken from
	// the principal ARN.
	PrincipalAccount string
	// Action is "service:ActionName", e.g. "s3:GetObject".
	Action string
	// Resource is the ARN being authorized, or "*" for actions without a
	// resource type.
	Resource string
	// ResourceAccount is the account that owns the resource. When empty it is
	// taken from the resource ARN, or else it is the principal's account. A
	// resource whose ARN names account "aws" (an AWS managed policy) belongs
	// to AWS whatever ResourceAccount says.
	ResourceAccount string
	// Context holds the request's condition keys. A key set here always
	// wins over the value the evaluator derives for the keys AWS puts in
	// every request (SPEC §8.3): aws:PrincipalArn, aws:PrincipalAccount,
	// aws:PrincipalType, aws:username, aws:userid,
	// aws:PrincipalIsAWSService, aws:PrincipalServiceName,
	// aws:ResourceAccount, aws:CurrentTime, aws:EpochTime,
	// aws:SecureTransport (default true), aws:ViaAWSService (default false),
	// aws:RequestedRegion (default: the resource ARN's region), and, from
	// the fields below, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
	// aws:ResourceOrgID and aws:PrincipalTag/*. Result.Assumptions reports
	// the defaults a policy read.
	Context conditions.Context
	// Time is when the request is made: aws:CurrentTime and aws:EpochTime.
	// The evaluator never reads the clock; when Time is zero the two keys
	// are absent and a policy that reads them reports UnknownTime.
	Time time.Time
	// PrincipalID is the caller's aws:userid when it is a unique ID: an
	// IAM user's (AIDA…) or, for a role session, ROLEID:SESSION
	// (AROA…:name), used as given. The root user's (the account ID) and a
	// federated user's (ACCOUNT:NAME) are derived.
	PrincipalID string
	// PrincipalOrgID is the organization of the caller's account
	// (aws:PrincipalOrgID), PrincipalOrgPaths its paths
	// (aws:PrincipalOrgPaths, o-…/r-…/ou-…/), ResourceOrgID the
	// organization of the resource's account (aws:ResourceOrgID). Empty:
	// not in an organization.
	PrincipalOrgID    string
	PrincipalOrgPaths []string
	ResourceOrgID     string
	// PrincipalTags are the tags of the calling user or role and the
	// session tags (aws:PrincipalTag/KEY), keys looked up
	// case-insensitively; build them with NewTags.
	PrincipalTags conditions.Context
	// Facts are facts about the environment that policies do not state.
	Facts Facts
}

// Facts are the facts about the caller's and the resource's environment that
// change which policies take part (SPEC §6.1).
type Facts struct {
	// PrincipalInManagementAccount: the caller belongs to the organization's
	// management account, so SCPs do not apply to it.
	PrincipalInManagementAccount bool
	// PrincipalIsServiceLinkedRole: the caller is a session of a
	// service-linked role, so SCPs (and, by default, RCPs) do not apply.
	PrincipalIsServiceLinkedRole bool
	// ResourceInManagementAccount: the resource belongs to the management
	// account, so RCPs do not apply.
	ResourceInManagementAccount bool
	// RCPsNotSupported: the service does not support RCPs for this request.
	RCPsNotSupported bool
	// RCPsApplyToServiceLinkedRoles turns off the RCP exemption of
	// service-linked roles (SPEC D16).
	RCPsApplyToServiceLinkedRoles bool
	// ResourcePolicyRequired says whether the resource-based policy must
	// grant even in the same account. Auto (the zero value) derives it: true
	// for sts:AssumeRole*, sts:TagSession and sts:SetSourceIdentity on a role,
	// and for kms: actions on a KMS key.
	ResourcePolicyRequired Requirement
}

// Requirement is a tri-state setting whose zero value means "derive it".
type Requirement uint8

// The states of a Requirement.
const (
	Auto Requirement = iota
	Required
	NotRequired
)

// PrincipalKind classifies the caller of a request.
type PrincipalKind uint8

// The kinds of caller (SPEC §1.2).
const (
	InvalidPrincipal PrincipalKind = iota
	Anonymous
	RootUser
	IAMUser
	RoleSession
	FederatedUser
	ServicePrincipal
	IdentityProvider
)

var principalKindNames = [...]string{
	InvalidPrincipal: "invalid",
	Anonymous:        "anonymous",
	RootUser:         "root",
	IAMUser:          "user",
	RoleSession:      "role-session",
	FederatedUser:    "federated-user",
	ServicePrincipal: "service",
	IdentityProvider: "identity-provider",
}

// String returns a short name of the kind.
func (k PrincipalKind) String() string {
	return enum.String(principalKindNames[:], k, "invalid")
}

// isIAM reports whether the caller is an IAM identity (root, user or session).
func (k PrincipalKind) isIAM() bool {
	// The four kinds are consecutive.
	return k-RootUser <= FederatedUser-RootUser
}

// caller is the classified principal of a request. It holds substrings of
// the request; building it does not allocate.
type caller struct {
	kind      PrincipalKind
	arn       string // the principal ARN as given
	partition string
	account   string
	// name is the role or federated-user name; for a service principal
	// the service name, for an IdP caller the provider. IAM users are
	// matched by ARN and leave it empty.
	name    string
	roleARN string // for role sessions: the role ARN with path, if known
	issuer  string // the session issuer as given
}

// classify parses the principal of r. It returns a non-nil *RequestError
// when the principal is not one of the forms of SPEC §1.2.
func classify(r *Request, c *caller) error {
	p := r.Principal
	*c = caller{arn: p, issuer: r.SessionIssuer}
	if strings.HasPrefix(p, "arn:") {
		return classifyARN(r, c)
	}
	if !text.Clean(p, false) {
		return requestError("principal", p, "contains a control character, a space or invalid UTF-8")
	}
	switch {
	case p == "" || p == "anonymous":
		c.kind = Anonymous
		return nil
	case strings.HasPrefix(p, "federated:"):
		c.kind, c.name = IdentityProvider, p[len("federated:"):]
		if c.name == "" {
			return requestError("principal", p, "an identity-provider caller is federated:PROVIDER")
		}
		return nil
	case strings.ContainsAny(p, ":/ *?") || !strings.Contains(p, "."):
		return requestError("principal", p, "not an IAM/STS ARN, a service principal such as lambda.amazonaws.com, federated:PROVIDER or anonymous")
	}
	c.kind, c.name = ServicePrincipal, p
	return nil
}

// classifyARN classifies an IAM or STS principal ARN.
func classifyARN(r *Request, c *caller) error {
	p := r.Principal
	var s arn.Sections
	clean, isARN := splitClean(p, false, &s)
	if !clean {
		return requestError("principal", p, "contains a control character, a space or invalid UTF-8")
	}
	if !isARN || s.Region != "" || !isAccountID(s.Account) {
		return requestError("principal", p, "an IAM or STS principal ARN has an empty region and a 12-digit account")
	}
	c.partition, c.account = s.Partition, s.Account
	res := s.Resource
	switch {
	case s.Service == "iam" && res == "root":
		c.kind = RootUser
	case s.Service == "iam" && strings.HasPrefix(res, "user/"):
		// Users are matched by ARN; only the name's presence is checked.
		if res[len(res)-1] == '/' {
			return requestError("principal", p, "the ARN names no entity")
		}
		c.kind = IAMUser
	case s.Service == "iam" && strings.HasPrefix(res, "role/"):
		// A role never calls; read it as a session of the role.
		c.kind, c.name, c.roleARN = RoleSession, lastComponent(res), p
	case s.Service == "sts" && strings.HasPrefix(res, "assumed-role/"):
		rest := res[len("assumed-role/"):]
		i := strings.IndexByte(rest, '/')
		if i <= 0 || i == len(rest)-1 || strings.IndexByte(rest[i+1:], '/') >= 0 {
			return requestError("principal", p, "a role session ARN is arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION")
		}
		c.kind, c.name = RoleSession, rest[:i]
	case s.Service == "sts" && strings.HasPrefix(res, "federated-user/"):
		c.kind, c.name = FederatedUser, res[len("federated-user/"):]
	default:
		return requestError("principal", p, "not a root, user, role, assumed-role or federated-user ARN")
	}
	if c.name == "" && c.kind != RootUser && c.kind != IAMUser {
		return requestError("principal", p, "the ARN names no entity")
	}
	if c.kind == RoleSession && r.SessionIssuer != "" {
		c.roleARN = r.SessionIssuer
	}
	return nil
}

// MaxRequestFieldBytes bounds the length of the principal, session issuer,
// action and resource of a request (context values are bounded by
// conditions.MaxValueBytes). AWS's ARNs and names are far shorter; the bound
// keeps the worst case of matching a policy glob against a request value to
// a fraction of a second.
const MaxRequestFieldBytes = 16 << 10

// splitClean is the fast path of arn.SplitTo, fused with text.Clean: one
// pass over s, eight bytes at a time, checks every word for characters that
// are not printable ASCII and marks the colons of the ARN's head in the same
// words. Package arn stays the one definition of ARN splitting: splitClean
// must return exactly what text.Clean and arn.SplitTo do, which
// TestSplitClean (every byte at every position) and FuzzSplitClean check.
// Strings that are not plain ASCII take the general path. isARN is false
// (and sec untouched) when s is not ARN-shaped.
func splitClean(s string, spaces bool, sec *arn.Sections) (clean, isARN bool) {
	n := len(s)
	// "arn:" and four more colons take eight bytes.
	if n < 8 || s[:4] != "arn:" {
		return text.Clean(s, spaces), false
	}
	var cut [4]int
	k := 0
	x := text.Word(s, 0)
	bad := text.NotPlain(x, spaces)
	m := text.Colons(x) &^ 0xFFFFFFFF // not the colon of "arn:"
	i := 0
	for {
		for ; m != 0 && k < 4; m &= m - 1 {
			cut[k] = i + bits.TrailingZeros64(m)>>3
			k++
		}
		if i+16 > n {
			break
		}
		i += 8
		x = text.Word(s, i)
		bad |= text.NotPlain(x, spaces)
		if k < 4 {
			m = text.Colons(x)
		}
	}
	// The last bytes: load the final word, which overlaps bytes already
	// seen; their colons are shifted out.
	if i += 8; i < n {
		x = text.Word(s, n-8)
		bad |= text.NotPlain(x, spaces)
		seen := uint(i-(n-8)) * 8
		for m = text.Colons(x) >> seen << seen; m != 0 && k < 4; m &= m - 1 {
			cut[k] = n - 8 + bits.TrailingZeros64(m)>>3
			k++
		}
	}
	if bad != 0 {
		// Not plain ASCII (or a refused character): the general rules
		// decide.
		return text.Clean(s, spaces), arn.SplitTo(s, sec)
	}
	if k < 4 {
		return true, false
	}
	sec.Partition = s[4:cut[0]]
	sec.Service = s[cut[0]+1 : cut[1]]
	sec.Region = s[cut[1]+1 : cut[2]]
	sec.Account = s[cut[2]+1 : cut[3]]
	sec.Resource = s[cut[3]+1:]
	return true, true
}

// checkRequest refuses request fields no AWS request carries: control
// characters, invalid UTF-8, malformed actions, accounts that are not 12
// digits, and resources that are neither "*" nor ARNs. An action such as
// "s3:GetObject\x00" must not slip past a Deny of s3:GetObject while an
// Allow of s3:* grants it.
//
// It returns the index of the colon in the action.
func checkRequest(r *Request) (int, error) {
	if max(len(r.Principal), len(r.SessionIssuer), len(r.Action), len(r.Resource)) > MaxRequestFieldBytes {
		for _, f := range [...]struct{ name, value string }{
			{"principal", r.Principal}, {"sessionIssuer", r.SessionIssuer},
			{"action", r.Action}, {"resource", r.Resource},
		} {
			if len(f.value) > MaxRequestFieldBytes {
				return -1, requestError(f.name, f.value, "is longer than evaluator.MaxRequestFieldBytes")
			}
		}
	}
	if r.SessionIssuer != "" && !text.Clean(r.SessionIssuer, false) {
		return -1, requestError("sessionIssuer", r.SessionIssuer, "contains a control character, a space or invalid UTF-8")
	}
	// PrincipalAccount is checked by the evaluation: it must equal the
	// account of a principal ARN, or be 12 digits for other principals.
	if r.ResourceAccount != "" && !isAccountID(r.ResourceAccount) && r.ResourceAccount != "aws" {
		return -1, requestError("resourceAccount", r.ResourceAccount, `an account ID is 12 digits (or "aws" for AWS managed policies)`)
	}
	colon := actionColon(r.Action)
	if colon < 0 {
		return -1, requestError("action", r.Action, "a request names one action as service:ActionName (letters, digits, '-', '_' and '.'; no wildcards)")
	}
	if !r.Context.Clean() {
		return -1, requestError("context", "", "a key or value contains a control character or invalid UTF-8, or is longer than conditions.MaxValueBytes")
	}
	if len(r.PrincipalID)|len(r.PrincipalOrgID)|len(r.ResourceOrgID)|len(r.PrincipalOrgPaths)|r.PrincipalTags.Len() != 0 {
		if err := checkEnvironment(r); err != nil {
			return -1, err
		}
	}
	return colon, nil
}

// checkEnvironment refuses identifiers and tags no AWS request carries.
func checkEnvironment(r *Request) error {
	for _, f := range [...]struct{ name, value string }{
		{"principalId", r.PrincipalID}, {"principalOrgId", r.PrincipalOrgID}, {"resourceOrgId", r.ResourceOrgID},
	} {
		if len(f.value) > conditions.MaxValueBytes || !text.Clean(f.value, false) {
			return requestError(f.name, f.value, "contains a control character, a space or invalid UTF-8, or is too long")
		}
	}
	for _, p := range r.PrincipalOrgPaths {
		if len(p) > conditions.MaxValueBytes || !text.Clean(p, false) {
			return requestError("principalOrgPaths", p, "contains a control character, a space or invalid UTF-8, or is too long")
		}
	}
	if !r.PrincipalTags.Clean() {
		return requestError("principalTags", "", "a key or value contains a control character or invalid UTF-8, or is longer than conditions.MaxValueBytes")
	}
	return nil
}

// The characters of action strings: service prefixes use letters, digits,
// '-' and '.'; action names also '_'.
const (
	actionChar   = 1
	nameOnlyChar = 2
)

var actionChars = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = actionChar, actionChar
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = actionChar
	}
	t['-'], t['.'], t['_'] = actionChar, actionChar, nameOnlyChar
	return t
}()

// actionColon returns the index of the colon of a when a is service:Name
// with the characters AWS uses in service prefixes and action names, and -1
// otherwise.
func actionColon(a string) int {
	colon := -1
	for i := 0; i < len(a); i++ {
		switch c := a[i]; actionChars[c] {
		case actionChar:
		case nameOnlyChar:
			if colon < 0 {
				return -1
			}
		default:
			if c != ':' || colon >= 0 {
				return -1
			}
			colon = i
		}
	}
	if colon <= 0 || colon == len(a)-1 {
		return -1
	}
	return colon
}

func lastComponent(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	// Eight digits at once: a byte b is a digit iff b-0x30 and b+0x46 both
	// keep the high bit clear (and b itself has it clear); a borrow or carry
	// between bytes only happens next to a byte that is already flagged.
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	y := uint64(s[8]) | uint64(s[9])<<8 | uint64(s[10])<<16 | uint64(s[11])<<24 | 0x30303030<<32
	const highs = 0x8080808080808080
	return ((x-0x3030303030303030)|(x+0x4646464646464646)|x)&highs == 0 &&
		((y-0x3030303030303030)|(y+0x4646464646464646)|y)&highs == 0
}

// RequestError reports a request the evaluator cannot understand. Such a
// request is denied.
type RequestError struct {
	Field  string // "principal", "action", …
	Value  string
	Reason string
}

// Error returns "evaluator: request FIELD "VALUE": REASON", the value
// quoted with text.Quote so that no input can forge a line of output; for
// ErrNotCompiled, which concerns no field of the request, "evaluator:
// policy set: REASON".
func (e *RequestError) Error() string {
	if e == ErrNotCompiled {
		return "evaluator: " + e.Field + ": " + e.Reason
	}
	return "evaluator: request " + e.Field + " " + text.Quote(e.Value) + ": " + e.Reason
}

// requestError copies value so that an error never keeps the request's
// strings alive (and so that escape analysis keeps requests on the stack).
func requestError(field, value, reason string) error {
	return &RequestError{Field: field, Value: strings.Clone(value), Reason: reason}
}
