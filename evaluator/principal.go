package evaluator

import (
	"strings"

	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/principal"
	"github.com/iamlogic/iamlogic/policy"
)

// MatchKind says how a resource-based policy's Principal names the caller
// (SPEC §4.4). The kinds are ordered: Direct > Entity > Account > NoMatch.
type MatchKind uint8

// The match kinds.
const (
	// NoMatch: the Principal does not name the caller.
	NoMatch MatchKind = iota
	// AccountMatch: the Principal names the caller's account, which only
	// delegates to the account's own identity-based policies.
	AccountMatch
	// EntityMatch: the Principal names the role behind a session, or the IAM
	// user behind a federated-user session; boundaries and session policies
	// still limit the grant.
	EntityMatch
	// DirectMatch: the Principal names the caller itself (or is "*").
	DirectMatch
)

var matchKindNames = [...]string{NoMatch: "none", AccountMatch: "account", EntityMatch: "entity", DirectMatch: "direct"}

// String returns "none", "account", "entity" or "direct".
func (k MatchKind) String() string {
	return enum.String(matchKindNames[:], k, "none")
}

type roleEntry struct {
	arn, partition, account, name string
}

type accountEntry struct {
	partition string // "" for the 12-digit short form
	account   string
}

// principalMatcher is a compiled Principal or NotPrincipal element.
type principalMatcher struct {
	wildcard    bool
	accounts    []accountEntry
	users       []string // IAM user ARNs
	roles       []roleEntry
	sessions    []string // assumed-role and federated-user session ARNs
	uniqueUsers []string // AIDA… unique IDs
	uniqueRoles []string // AROA… unique IDs
	services    []string
	providers   []providerEntry
	reads       keySet // aws:userid when it names unique IDs
}

// providerEntry is a Federated principal: a SAML or OIDC provider ARN, or
// the name of a provider AWS knows without an ARN (accounts.google.com,
// cognito-identity.amazonaws.com, …).
type providerEntry struct {
	text string
	// For an OIDC provider ARN, arn:P:iam::ACCOUNT:oidc-provider/HOST: its
	// account and host; "" otherwise.
	account, host string
}

// compilePrincipal sorts the element's values by what package
// internal/principal, the grammar the validator checks, parses them as.
// Values it rejects never match (policy.Check refuses them anyway), and
// canonical user IDs cannot be tied to an account without S3's directory,
// so they never match either (fail closed). A placeholder (a value the
// policy's source leaves unknown) never grants: it names every caller when
// unknownMatches (the Principal of a Deny statement) and none otherwise;
// unknown reports whether the element holds one.
func compilePrincipal(p *policy.Principal, unknownMatches bool) (m *principalMatcher, unknown bool) {
	m = &principalMatcher{wildcard: p.Wildcard}
	for _, list := range [...][]policy.Item{p.AWS, p.Service, p.Federated, p.CanonicalUser} {
		for _, it := range list {
			if policy.IsPlaceholder(it.Value) {
				unknown = true
				m.wildcard = m.wildcard || unknownMatches
			}
		}
	}
	for _, it := range p.AWS {
		v := principal.Parse(principal.AWS, it.Value)
		switch v.Kind {
		case principal.Everyone:
			m.wildcard = true
		case principal.Account:
			m.accounts = append(m.accounts, accountEntry{partition: v.Partition, account: v.Account})
		case principal.UniqueUser:
			m.uniqueUsers = append(m.uniqueUsers, v.Text)
		case principal.UniqueRole:
			m.uniqueRoles = append(m.uniqueRoles, v.Text)
		case principal.User:
			m.users = append(m.users, v.Text)
		case principal.Role:
			m.roles = append(m.roles, roleEntry{arn: v.Text, partition: v.Partition, account: v.Account, name: v.Name})
		case principal.RoleSession, principal.FederatedUser:
			m.sessions = append(m.sessions, v.Text)
		}
	}
	for _, it := range p.Service {
		if principal.Parse(principal.Service, it.Value).Kind == principal.ServiceName {
			m.services = append(m.services, it.Value)
		}
	}
	for _, it := range p.Federated {
		if principal.Parse(principal.Federated, it.Value).Kind == principal.Provider {
			e := providerEntry{text: it.Value}
			if sec, ok := arn.Split(it.Value); ok && sec.Service == "iam" && strings.HasPrefix(sec.Resource, "oidc-provider/") {
				e.account, e.host = sec.Account, strings.TrimPrefix(sec.Resource, "oidc-provider/")
			}
			m.providers = append(m.providers, e)
		}
	}
	if len(m.uniqueUsers)+len(m.uniqueRoles) > 0 {
		m.reads = 1 << derivedUserID
	}
	return m, unknown
}

// match returns how the element names the caller. home is, for an
// identity-provider caller, the account whose IAM holds the providers that
// can name it: the resource's. u collects the undocumented readings taken.
func (m *principalMatcher) match(c *caller, ctx conditions.Context, home string, u *Undocumented) MatchKind {
	if m.wildcard {
		return DirectMatch
	}
	best := NoMatch
	switch c.kind {
	case ServicePrincipal:
		for _, s := range m.services {
			if strings.EqualFold(s, c.name) {
				return DirectMatch
			}
		}
		return NoMatch
	case IdentityProvider:
		for _, p := range m.providers {
			if p.text == c.name {
				return DirectMatch
			}
			if p.namesHost(c.name, home) {
				return DirectMatch
			}
		}
		return NoMatch
	case Anonymous, InvalidPrincipal:
		return NoMatch
	}
	// IAM callers.
	switch c.kind {
	case IAMUser:
		for _, u := range m.users {
			if u == c.arn {
				return DirectMatch
			}
		}
		if m.hasUniqueID(m.uniqueUsers, ctx) {
			return DirectMatch
		}
	case RoleSession:
		for _, s := range m.sessions {
			if s == c.arn {
				return DirectMatch
			}
		}
		if m.namesRole(c) || m.hasUniqueID(m.uniqueRoles, ctx) {
			best = EntityMatch
		}
	case FederatedUser:
		for _, s := range m.sessions {
			if s == c.arn {
				return DirectMatch
			}
		}
		if c.issuer != "" {
			for _, u := range m.users {
				if u == c.issuer {
					best = EntityMatch
				}
			}
		}
	}
	if best == NoMatch && m.namesAccount(c) {
		best = AccountMatch
	}
	return best
}

// namesRole reports whether a role entry names the role behind session c
// (SPEC §2.7): the session issuer exactly when known, else partition,
// account and role name (case-insensitive; role names are unique per account
// regardless of path and case).
func (m *principalMatcher) namesRole(c *caller) bool {
	for _, r := range m.roles {
		if c.roleARN != "" {
			if r.arn == c.roleARN {
				return true
			}
			continue
		}
		if r.partition == c.partition && r.account == c.account && strings.EqualFold(r.name, c.name) {
			return true
		}
	}
	return false
}

func (m *principalMatcher) namesAccount(c *caller) bool {
	for _, a := range m.accounts {
		if a.account == c.account && (a.partition == "" || a.partition == c.partition) {
			return true
		}
	}
	return false
}

// hasUniqueID reports whether the caller's unique ID (aws:userid up to its
// first colon) is one of ids.
func (m *principalMatcher) hasUniqueID(ids []string, ctx conditions.Context) bool {
	if len(ids) == 0 {
		return false
	}
	v, ok := ctx.Lookup("aws:userid")
	if !ok || v.IsMulti() || len(v.Values()) != 1 {
		return false
	}
	id, _, _ := strings.Cut(v.Values()[0], ":")
	for _, u := range ids {
		if u == id {
			return true
		}
	}
	return false
}

// exempts reports whether a NotPrincipal element exempts the caller from a
// Deny statement (SPEC §4.5): a wildcard exempts everyone; a caller whose
// user or role has a permissions boundary is never exempt; otherwise every
// element of the caller's identity chain must be listed.
//
// Undocumented (SPEC §10.1): a list that names the caller but not the
// caller's account. Reading taken: it does not exempt, so the Deny applies;
// u records it.
func (m *principalMatcher) exempts(c *caller, hasBoundary bool, ctx conditions.Context, u *Undocumented) bool {
	if m.wildcard {
		return true
	}
	switch c.kind {
	case ServicePrincipal, IdentityProvider:
		// A provider named by its host does not exempt the caller (no home
		// account): fewer exemptions, so the Deny applies (fails safe).
		return m.match(c, ctx, "", u) == DirectMatch
	case Anonymous, InvalidPrincipal:
		return false
	}
	if hasBoundary && c.kind != RootUser {
		return false
	}
	if !m.namesAccount(c) {
		if c.kind != RootUser && m.namesChain(c, ctx) {
			*u |= UndocumentedNotPrincipalAccount
		}
		return false
	}
	return m.namesChain(c, ctx)
}

// namesChain reports whether the list names every element of the caller's
// identity chain other than its account: the user, or the session and its
// role, or the federated-user session; the root user has none.
func (m *principalMatcher) namesChain(c *caller, ctx conditions.Context) bool {
	switch c.kind {
	case RootUser:
		return true
	case IAMUser:
		for _, u := range m.users {
			if u == c.arn {
				return true
			}
		}
		return m.hasUniqueID(m.uniqueUsers, ctx)
	case RoleSession:
		listed := false
		for _, s := range m.sessions {
			if s == c.arn {
				listed = true
			}
		}
		return listed && (m.namesRole(c) || m.hasUniqueID(m.uniqueRoles, ctx))
	case FederatedUser:
		for _, s := range m.sessions {
			if s == c.arn {
				return true
			}
		}
	}
	return false
}

// namesHost reports whether an OIDC provider ARN names the caller given as
// federated:HOST, the issuer's host as it appears in the token and in the
// condition keys (token.actions.githubusercontent.com:sub). A trust policy
// names such a provider by the ARN of the provider created in IAM: "For
// other OIDC providers, use the ARN of the OIDC identity provider you
// created" (id_roles_create_for-idp_oidc.md). That provider is an IAM
// resource of the role's own account, so only a provider ARN of the
// resource's account names the host; any other account's fails closed.
func (p *providerEntry) namesHost(host, home string) bool {
	return p.host != "" && home != "" && p.account == home && strings.EqualFold(p.host, host)
}
