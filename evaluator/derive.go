package evaluator

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/variable"
)

// The context AWS always sets (SPEC §8.3, revision 2). AWS puts these keys
// in every request it authorizes; a request that leaves them out is not one
// AWS can see. The evaluator fills in each of them from the request when a
// policy reads it and the caller did not set it: a key in Request.Context
// always wins.
//
// Derive, don't copy: Compile records which of the keys each statement
// reads (its condition keys, the policy variables of its condition values
// and Resource, and aws:userid for a Principal that names unique IDs). A Set
// whose statements read none evaluates as before. Otherwise Evaluate keeps a
// small fixed-size derived state on its stack, and the request context of a
// statement that reads such keys falls back on it
// (conditions.Context.WithFallback). The state is filled lazily: a lookup
// that misses in the request context and reaches a key not derived yet
// marks it wanted, and the element that looked it up derives it and
// evaluates again. So a key is derived at most once per request, only when
// a lookup misses it. No step allocates: values are substrings of the
// request, constants, or text built in a buffer of the state.
//
// Pages (IAM User Guide, doc_source/):
//   - reference_policies_condition-keys.md: aws:PrincipalArn ("For IAM
//     roles, the request context returns the ARN of the role, not the ARN
//     of the user that assumed the role"), aws:PrincipalAccount,
//     aws:PrincipalType, aws:CurrentTime, aws:EpochTime, aws:SecureTransport
//     and aws:RequestedRegion are "always included in the request context";
//     aws:username "for IAM users"; aws:userid "for all signed requests.
//     Anonymous requests do not include this key"; aws:ViaAWSService
//     "always included in the request context for most services";
//     aws:PrincipalOrgID, aws:PrincipalOrgPaths "only if the principal is a
//     member of an organization"; aws:PrincipalTag "if the principal is
//     using an IAM user with attached tags … an IAM role with attached tags
//     or session tags".
//   - reference_policies_variables.md, "Principal key values": aws:userid is
//     the account ID for the root user, the unique ID for an IAM user,
//     ACCOUNT:caller-specified-name for a federated user and
//     role-id:caller-specified-role-name for an assumed role; aws:username
//     is not present for the root user, roles and anonymous callers;
//     aws:PrincipalType is Account, User, FederatedUser, AssumedRole or
//     Anonymous.
//   - reference_policies_condition-keys.md (current AWS page, after the 2023
//     snapshot): aws:ResourceAccount "always included in the request
//     context"; aws:PrincipalIsAWSService "for all signed API requests that
//     use AWS credentials" (true for a service principal);
//     aws:PrincipalServiceName "when the call is made by an AWS service
//     principal"; aws:ResourceOrgID when the resource's account belongs to
//     an organization.

// derivedKey names one key (or, for derivedTag, the family of keys under
// aws:PrincipalTag/) of the context AWS always sets.
type derivedKey uint8

const (
	// aws:PrincipalOrgPaths comes first: the only multivalued key, it is
	// the only one that needs a slot in derived.multi.
	derivedPrincipalOrgPaths derivedKey = iota
	derivedPrincipalARN
	derivedPrincipalAccount
	derivedPrincipalType
	derivedUsername
	derivedUserID
	derivedIsAWSService
	derivedServiceName
	derivedResourceAccount
	derivedCurrentTime
	derivedEpochTime
	derivedSecureTransport
	derivedViaAWSService
	derivedRequestedRegion
	derivedPrincipalOrgID
	derivedResourceOrgID
	derivedTag
	numDerived
)

// derivedNames are the keys, in lower case, by derivedKey.
var derivedNames = [numDerived]string{
	derivedPrincipalARN:      "aws:principalarn",
	derivedPrincipalAccount:  "aws:principalaccount",
	derivedPrincipalType:     "aws:principaltype",
	derivedUsername:          "aws:username",
	derivedUserID:            "aws:userid",
	derivedIsAWSService:      "aws:principalisawsservice",
	derivedServiceName:       "aws:principalservicename",
	derivedResourceAccount:   "aws:resourceaccount",
	derivedCurrentTime:       "aws:currenttime",
	derivedEpochTime:         "aws:epochtime",
	derivedSecureTransport:   "aws:securetransport",
	derivedViaAWSService:     "aws:viaawsservice",
	derivedRequestedRegion:   "aws:requestedregion",
	derivedPrincipalOrgID:    "aws:principalorgid",
	derivedPrincipalOrgPaths: "aws:principalorgpaths",
	derivedResourceOrgID:     "aws:resourceorgid",
	derivedTag:               tagPrefix,
}

const tagPrefix = "aws:principaltag/"

// keySet is a set of derivedKeys.
type keySet uint32

// keyOf returns the derived key a condition key names, if any.
func keyOf(key string) keySet {
	k := conditions.CanonicalKey(key)
	if len(k) > len(tagPrefix) && strings.HasPrefix(k, tagPrefix) {
		return 1 << derivedTag
	}
	for i, n := range derivedNames[:derivedTag] {
		if k == n {
			return 1 << i
		}
	}
	return 0
}

// variableKeys returns the derived keys that the policy variables of s read,
// when variables are on.
func variableKeys(s string, vars bool) keySet {
	var ks keySet
	if !vars || !strings.Contains(s, "${") {
		return 0
	}
	for i := 0; i < len(s); {
		var p variable.Part
		p, i = variable.Next(s, i)
		if p.Kind == variable.Key {
			ks |= keyOf(p.Value)
		}
	}
	return ks
}

// Assumptions records what an evaluation took for granted about the
// request: the environment keys it defaulted and the always-present keys it
// could not derive. Each is recorded exactly when a lookup of a condition
// or policy variable (of a statement whose action, resource and principal
// matched: the elements before it short-circuit) read the key and the
// request context did not hold it, so that a policy that never tests
// aws:SecureTransport does not report its default. It is a bit set, so that
// Evaluate reports it without allocating; String names its members.
type Assumptions uint16

// The assumptions.
const (
	// AssumedSecureTransport: aws:SecureTransport defaulted to true.
	AssumedSecureTransport Assumptions = 1 << iota
	// AssumedNotViaAWSService: aws:ViaAWSService defaulted to false.
	AssumedNotViaAWSService
	// AssumedRegionFromARN: aws:RequestedRegion taken from the resource ARN.
	AssumedRegionFromARN
	// UnknownRegion: aws:RequestedRegion absent, the resource ARN has no
	// region.
	UnknownRegion
	// UnknownTime: aws:CurrentTime and aws:EpochTime absent, Request.Time
	// not set.
	UnknownTime
	// AssumedResourceAccountFromCaller: aws:ResourceAccount taken from the
	// caller because neither Request.ResourceAccount nor the resource ARN
	// names an account.
	AssumedResourceAccountFromCaller
	// UnknownUserID: aws:userid absent for a user or role session,
	// Request.PrincipalID not set.
	UnknownUserID
	// UnknownOrganization: an organization key read, Request.PrincipalOrgID,
	// PrincipalOrgPaths or ResourceOrgID not set: taken as "not in an
	// organization".
	UnknownOrganization
)

var assumptionNames = [...]string{
	"aws:SecureTransport defaulted to true",
	"aws:ViaAWSService defaulted to false",
	"aws:RequestedRegion taken from the resource ARN",
	"aws:RequestedRegion unknown (the resource ARN has no region)",
	"aws:CurrentTime unknown (Request.Time not set)",
	"resource account taken from the caller because the ARN has none",
	"aws:userid unknown (Request.PrincipalID not set)",
	"organization unknown (no organization in the request)",
}

// String lists the assumptions, separated by "; ", or returns "" for none.
func (a Assumptions) String() string {
	return strings.Join(a.Names(), "; ")
}

// Names describes each assumption, in order
// ("aws:SecureTransport defaulted to true", …).
func (a Assumptions) Names() []string {
	var names []string
	for i, n := range assumptionNames {
		if a&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return names
}

// derived holds the values of the keys derived for a request, one entry
// per derivedKey, which the conditions.Fallback of the request context
// points at. Both live on the stack of the evaluation (evaluateDeriving).
// They are filled lazily: a lookup that misses in the request context and
// reaches a key not derived yet marks it wanted (conditions.Fallback); the
// element that looked it up then derives the wanted keys and evaluates
// again (evalState.wanted). A key is derived at most once per request, and
// only when a policy reads it and the request context lacks it.
type derived struct {
	one   [derivedTag][1]string
	multi [derivedPrincipalOrgPaths + 1][]string
	buf   [160]byte // text built for values: a role ARN, ACCOUNT:NAME, the time
}

// context returns the request context for an element that reads the keys
// need: the request's own, falling back on the keys derived from it.
func (st *evalState) context(need keySet) conditions.Context {
	if need == 0 || st.fb == nil {
		return st.r.Context
	}
	return st.r.Context.WithFallback(st.fb)
}

// wanted reports whether the last evaluation looked up keys not derived
// yet, and derives them: the caller must then evaluate again (and ask
// again: a value derived may lead the evaluation to look up another key).
func (st *evalState) wanted() bool {
	if st.fb == nil || st.fb.Wanted == 0 {
		return false
	}
	st.deriveWanted()
	return true
}

// deriveWanted derives the keys a lookup wanted, and records what that
// assumed: a lookup reached them, so the request context lacks them.
func (st *evalState) deriveWanted() {
	fb, d := st.fb, st.d
	w := fb.Wanted
	fb.Wanted, fb.Ready = 0, fb.Ready|w
	b := builder{buf: &d.buf, used: st.used, heap: st.ex != nil}
	for k := derivedKey(0); k < derivedTag; k++ {
		if w&(1<<k) == 0 {
			continue
		}
		v, multi, a, ok := deriveKey(k, st.r, st.c.kind, &b)
		st.assumed |= a
		if ok {
			if multi != nil {
				d.multi[k] = multi
			} else {
				d.one[k][0] = v
			}
			fb.Present |= 1 << k
		}
	}
	st.used = b.used
	if w&(1<<derivedTag) != 0 && st.c.kind.isIAM() {
		fb.Under = st.r.PrincipalTags
	}
}

// hide points st.d and st.fb at d and fb, local variables of the caller
// like st itself, without escape analysis seeing it: escape analysis does
// not tell the fields of st, or of the objects it points at, apart, and
// would take every string the evaluation stores for one that points at the
// derived state, and move it all to the heap. The addresses are written as
// integers for that reason; the fields are then ordinary pointers into the
// stack, which the runtime adjusts when it moves the stack. Contexts that
// fall back on fb must never be kept beyond the evaluation: the policies
// only read them, and Explain builds text on the heap.
func (st *evalState) hide(d *derived, fb *conditions.Fallback) {
	*(*uintptr)(unsafe.Pointer(&st.d)) = uintptr(unsafe.Pointer(d))
	*(*uintptr)(unsafe.Pointer(&st.fb)) = uintptr(unsafe.Pointer(fb))
}

// builder builds the text of derived values in buf (or on the heap when
// explaining, since an explanation may keep it, or when the buffer is full:
// no request AWS accepts gets there).
type builder struct {
	buf  *[160]byte
	used int
	heap bool
}

// text returns the concatenation of parts.
func (b *builder) text(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if b.heap || b.used+n > len(b.buf) {
		s := ""
		for _, p := range parts {
			s += p
		}
		return s
	}
	start := b.used
	for _, p := range parts {
		b.used += copy(b.buf[b.used:], p)
	}
	return view(b.buf[start:b.used])
}

// time returns the value of aws:CurrentTime or aws:EpochTime for r.Time.
func (b *builder) time(k derivedKey, r *Request) string {
	if b.heap || len(b.buf)-b.used < timeBytes {
		return string(appendTime(k, r, nil))
	}
	out := appendTime(k, r, b.buf[b.used:b.used:b.used+timeBytes])
	if len(out) > timeBytes { // grown on the heap: a year past 9999
		return string(out)
	}
	b.used += len(out)
	return view(out)
}

// view returns the string of b's bytes without copying them, for text in
// the derived state: the state lives on the stack of the evaluation, and
// the strings live in it, so that escape analysis must not move it to the
// heap because of them. The address is written as an integer for that
// reason; the string is then an ordinary pointer into the stack, which the
// runtime adjusts when it moves the stack. It must never be kept beyond the
// evaluation: Evaluate keeps no string of the request, and Explain builds
// text on the heap.
func view(b []byte) (s string) {
	if len(b) == 0 {
		return ""
	}
	h := (*[2]uintptr)(unsafe.Pointer(&s))
	h[0], h[1] = uintptr(unsafe.Pointer(&b[0])), uintptr(len(b))
	return s
}

// deriveKey computes key k (not derivedTag) from the request: its single
// value v or multi value multi, whether it is present, and what deriving it
// assumed (the request context does not hold it).
//
// Every string it returns is read from r, never from the evalState (whose
// strings are the same substrings): escape analysis does not tell the
// fields of the evalState, or the objects it points at, apart, and it
// points at the derived state.
func deriveKey(k derivedKey, r *Request, kind PrincipalKind, b *builder) (v string, multi []string, a Assumptions, ok bool) {
	if derivedPrincipalARN <= k && k <= derivedServiceName {
		v, a, ok = derivePrincipalKey(k, r, kind, b)
		return v, nil, a, ok
	}
	return deriveEnvironmentKey(k, r, kind, b)
}

// derivePrincipalKey derives the keys that describe the caller (SPEC §8.3).
func derivePrincipalKey(k derivedKey, r *Request, kind PrincipalKind, b *builder) (v string, a Assumptions, ok bool) {
	c := callerParts(r, kind)
	iam := c.kind.isIAM()
	switch k {
	case derivedPrincipalARN:
		switch {
		case !iam:
		case c.kind == RoleSession && c.roleARN != "":
			return c.roleARN, 0, true
		case c.kind == RoleSession:
			// The role's ARN without its path (SPEC §2.7): the path is
			// known only from the session issuer.
			return b.text("arn:", c.partition, ":iam::", c.account, ":role/", c.name), 0, true
		default: // root, user, federated user: the ARN as given
			return c.arn, 0, true
		}
	case derivedPrincipalAccount:
		if iam && c.account != "" {
			return c.account, 0, true
		}
	case derivedPrincipalType:
		if t := principalTypes[c.kind]; t != "" {
			return t, 0, true
		}
	case derivedUsername:
		if c.kind == IAMUser {
			return lastComponent(c.arn), 0, true
		}
	case derivedUserID:
		switch {
		case c.kind == RootUser:
			return c.account, 0, true
		case c.kind == FederatedUser:
			return b.text(c.account, ":", c.name), 0, true
		case !iam:
		case r.PrincipalID != "":
			return r.PrincipalID, 0, true
		default:
			return "", UnknownUserID, false
		}
	case derivedIsAWSService:
		switch {
		case c.kind == ServicePrincipal:
			return "true", 0, true
		case iam:
			return "false", 0, true
		}
	case derivedServiceName:
		if c.kind == ServicePrincipal {
			return c.name, 0, true
		}
	}
	return "", 0, false
}

// deriveEnvironmentKey derives the keys of the resource, the organization
// and the environment (SPEC §8.3); the environment's defaults are reported
// as assumptions.
func deriveEnvironmentKey(k derivedKey, r *Request, kind PrincipalKind, b *builder) (v string, multi []string, a Assumptions, ok bool) {
	iam := kind.isIAM()
	switch k {
	case derivedResourceAccount:
		switch acct := resourceSection(r, 3); {
		case acct == "aws": // AWS's own resources belong to aws (SPEC §6.12), as in prepare
			return acct, nil, 0, true
		case r.ResourceAccount != "":
			return r.ResourceAccount, nil, 0, true
		case acct != "":
			return acct, nil, 0, true
		}
		if c := callerParts(r, kind); c.account != "" {
			return c.account, nil, AssumedResourceAccountFromCaller, true
		}
	case derivedCurrentTime, derivedEpochTime:
		if r.Time.IsZero() {
			return "", nil, UnknownTime, false
		}
		return b.time(k, r), nil, 0, true
	case derivedSecureTransport:
		return "true", nil, AssumedSecureTransport, true
	case derivedViaAWSService:
		return "false", nil, AssumedNotViaAWSService, true
	case derivedRequestedRegion:
		if reg := resourceSection(r, 2); reg != "" {
			return reg, nil, AssumedRegionFromARN, true
		}
		return "", nil, UnknownRegion, false
	case derivedPrincipalOrgID:
		switch {
		case !iam:
		case r.PrincipalOrgID != "":
			return r.PrincipalOrgID, nil, 0, true
		default:
			return "", nil, UnknownOrganization, false
		}
	case derivedPrincipalOrgPaths:
		switch {
		case !iam:
		case len(r.PrincipalOrgPaths) > 0:
			return "", r.PrincipalOrgPaths, 0, true
		default:
			return "", nil, UnknownOrganization, false
		}
	case derivedResourceOrgID:
		if r.ResourceOrgID != "" {
			return r.ResourceOrgID, nil, 0, true
		}
		return "", nil, UnknownOrganization, false
	}
	return "", nil, 0, false
}

// parts are the strings of a classified caller, read again from the request
// (see deriveKey).
type parts struct {
	kind                                   PrincipalKind
	arn, partition, account, name, roleARN string
}

// callerParts splits the principal of r, which prepare has classified as
// kind, as classify does.
func callerParts(r *Request, kind PrincipalKind) parts {
	p := parts{kind: kind, arn: r.Principal}
	if kind == ServicePrincipal {
		p.name = r.Principal
		return p
	}
	if kind.isIAM() {
		// arn:PARTITION:SERVICE::ACCOUNT:RESOURCE
		rest := r.Principal[len("arn:"):]
		p.partition, rest = cutColon(rest)
		svc, rest := cutColon(rest)
		_, rest = cutColon(rest) // the empty region
		p.account, rest = cutColon(rest)
		switch {
		case kind == FederatedUser:
			p.name = rest[len("federated-user/"):]
		case kind == RoleSession && svc == "iam":
			p.name, p.roleARN = lastComponent(rest), r.Principal
		case kind == RoleSession:
			p.name = rest[len("assumed-role/"):]
			p.name = p.name[:strings.IndexByte(p.name, '/')]
		}
		if kind == RoleSession && r.SessionIssuer != "" {
			p.roleARN = r.SessionIssuer
		}
	}
	if r.PrincipalAccount != "" {
		p.account = r.PrincipalAccount
	}
	return p
}

// cutColon splits s at its first colon, which prepare has checked is
// there.
func cutColon(s string) (before, after string) {
	i := strings.IndexByte(s, ':')
	return s[:i], s[i+1:]
}

// resourceSection returns section i (2: region, 3: account) of the resource
// ARN of r, "" for the pseudo-resource "*".
func resourceSection(r *Request, i int) string {
	s := r.Resource
	if !strings.HasPrefix(s, "arn:") {
		return ""
	}
	for ; i >= 0; i-- { // past "arn:" and i more sections
		j := strings.IndexByte(s, ':')
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
	if j := strings.IndexByte(s, ':'); j >= 0 {
		s = s[:j]
	}
	return s
}

// timeBytes bounds the length of aws:CurrentTime and aws:EpochTime.
const timeBytes = 32

// appendTime appends the value of aws:CurrentTime (ISO 8601 in UTC, as AWS
// writes it) or aws:EpochTime (seconds) for r.Time to b.
func appendTime(k derivedKey, r *Request, b []byte) []byte {
	if k == derivedCurrentTime {
		return r.Time.UTC().AppendFormat(b, "2006-01-02T15:04:05Z")
	}
	return strconv.AppendInt(b, r.Time.Unix(), 10)
}

// principalTypes are the values of aws:PrincipalType by kind of caller
// (reference_policies_variables.md, "Principal key values"). AWS documents
// none for service principals and identity-provider callers.
var principalTypes = [...]string{
	Anonymous:        "Anonymous",
	RootUser:         "Account",
	IAMUser:          "User",
	RoleSession:      "AssumedRole",
	FederatedUser:    "FederatedUser",
	ServicePrincipal: "",
	IdentityProvider: "",
}

// NewTags returns principal tags for Request.PrincipalTags: tag keys are
// looked up case-insensitively, as condition keys are (SPEC §1.3).
func NewTags(tags map[string]string) conditions.Context {
	m := make(map[string]conditions.Value, len(tags))
	for k, v := range tags {
		m[k] = conditions.Single(v)
	}
	return conditions.NewContext(m)
}
