package principal

import (
	"strings"

	"github.com/iamlogic/iamlogic/arn"
)

// List is the key of a principal map that a value is listed under.
type List uint8

// The lists of a principal map.
const (
	AWS List = iota
	Service
	Federated
	CanonicalUser
)

// Kind says what a principal value names.
type Kind uint8

// The kinds of principal value.
const (
	Invalid       Kind = iota // see the Value's Problem
	Everyone                  // "*" in the AWS list
	Account                   // a 12-digit account ID, or arn:PARTITION:iam::ACCOUNT:root
	User                      // arn:PARTITION:iam::ACCOUNT:user/[PATH/]NAME
	Role                      // arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME
	RoleSession               // arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION
	FederatedUser             // arn:PARTITION:sts::ACCOUNT:federated-user/NAME
	UniqueUser                // an IAM user's unique ID, AIDA…
	UniqueRole                // an IAM role's unique ID, AROA…
	ServiceName               // a service principal, e.g. "ec2.amazonaws.com"
	Provider                  // an identity provider: host name, or SAML/OIDC provider ARN
	Canonical                 // an S3 canonical user ID: 64 hexadecimal digits
)

// Problem says why a value is Invalid.
type Problem uint8

// The problems.
const (
	None            Problem = iota
	StarNotAWS              // "*" in a list other than AWS
	PartialWildcard         // '*' or '?' in a value other than "*"
	AccountDigits           // all digits, but not 12 of them
	NotAWS                  // not "*", an account, a unique ID or an ARN
	NotARN                  // starts with "arn:" but has fewer than five colons
	BadPartition            // the partition is not a known one
	Region                  // an IAM or STS ARN with a region
	AccountFormat           // the ARN's account is not 12 digits
	Group                   // an IAM group, which cannot be a principal
	SessionFormat           // an assumed-role ARN that is not assumed-role/ROLE/SESSION
	Unsupported             // another service or resource type
	BadService              // not a service principal host name
	BadProvider             // not an identity provider host name or provider ARN
	BadCanonical            // not 64 hexadecimal digits
)

// Value is one parsed principal value. Partition, Account and Name are
// substrings of Text; Partition is empty for a 12-digit account ID.
type Value struct {
	Kind      Kind
	Problem   Problem // None unless Kind is Invalid
	Text      string  // the value as written
	Partition string
	Account   string
	Name      string // User, Role: the name (last path component); RoleSession: the role name; FederatedUser: the name
	Service   string // for Invalid ARNs and Unsupported: the ARN's service
}

// Parse parses s, a value of list l. It does not allocate.
func Parse(l List, s string) Value {
	v := Value{Text: s}
	bad := func(p Problem) Value { v.Kind, v.Problem = Invalid, p; return v }
	if s == "*" {
		if l != AWS {
			return bad(StarNotAWS)
		}
		v.Kind = Everyone
		return v
	}
	if strings.ContainsAny(s, "*?") {
		return bad(PartialWildcard)
	}
	switch l {
	case Service:
		if !isHostName(s) {
			return bad(BadService)
		}
		v.Kind = ServiceName
	case Federated:
		if strings.HasPrefix(s, "arn:") {
			sec, ok := arn.Split(s)
			if !ok || !arn.KnownPartition(sec.Partition) || sec.Service != "iam" || sec.Region != "" || !IsAccountID(sec.Account) ||
				!(strings.HasPrefix(sec.Resource, "saml-provider/") || strings.HasPrefix(sec.Resource, "oidc-provider/")) {
				return bad(BadProvider)
			}
			v.Partition, v.Account = sec.Partition, sec.Account
		} else if !isHostName(s) {
			return bad(BadProvider)
		}
		v.Kind = Provider
	case CanonicalUser:
		if !isHex64(s) {
			return bad(BadCanonical)
		}
		v.Kind = Canonical
	default:
		return parseAWS(v)
	}
	return v
}

func parseAWS(v Value) Value {
	s := v.Text
	bad := func(p Problem) Value { v.Kind, v.Problem = Invalid, p; return v }
	switch {
	case allDigits(s):
		if len(s) != 12 {
			return bad(AccountDigits)
		}
		v.Kind, v.Account = Account, s
		return v
	case IsUniqueID(s):
		v.Kind = UniqueUser
		if strings.HasPrefix(s, "AROA") {
			v.Kind = UniqueRole
		}
		return v
	case !strings.HasPrefix(s, "arn:"):
		return bad(NotAWS)
	}
	sec, ok := arn.Split(s)
	if !ok {
		return bad(NotARN)
	}
	v.Partition, v.Service, v.Account = sec.Partition, sec.Service, sec.Account
	switch {
	case !arn.KnownPartition(sec.Partition):
		return bad(BadPartition)
	case sec.Service != "iam" && sec.Service != "sts":
		return bad(Unsupported)
	case sec.Region != "":
		return bad(Region)
	case !IsAccountID(sec.Account):
		return bad(AccountFormat)
	}
	res := sec.Resource
	switch sec.Service {
	case "iam":
		switch {
		case res == "root":
			v.Kind = Account
			return v
		case validPathName(res, "user/"):
			v.Kind, v.Name = User, lastComponent(res)
			return v
		case validPathName(res, "role/"):
			v.Kind, v.Name = Role, lastComponent(res)
			return v
		case strings.HasPrefix(res, "group/"):
			return bad(Group)
		}
	case "sts":
		if rest, ok := strings.CutPrefix(res, "assumed-role/"); ok {
			role, session, ok := strings.Cut(rest, "/")
			if !ok || role == "" || session == "" || strings.Contains(session, "/") {
				return bad(SessionFormat)
			}
			v.Kind, v.Name = RoleSession, role
			return v
		}
		if name, ok := strings.CutPrefix(res, "federated-user/"); ok && name != "" {
			v.Kind, v.Name = FederatedUser, name
			return v
		}
	}
	return bad(Unsupported)
}

// IsAccountID reports whether s is a 12-digit AWS account ID.
func IsAccountID(s string) bool { return len(s) == 12 && allDigits(s) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IsUniqueID reports whether s looks like the unique ID of an IAM user
// (AIDA…) or role (AROA…), which IAM stores in place of their ARNs when the
// user or role is deleted (reference_policies_elements_principal.md).
func IsUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 || !(strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA")) {
		return false
	}
	for i := 4; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func isHostName(s string) bool {
	if s == "" || !strings.Contains(s, ".") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// validPathName reports whether res is prefix followed by an optional path
// and a non-empty name.
func validPathName(res, prefix string) bool {
	return strings.HasPrefix(res, prefix) && len(res) > len(prefix) && !strings.HasSuffix(res, "/")
}

func lastComponent(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}
