package lint

import (
	"strings"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
)

// security reports the statements that grant more than their author likely
// meant, in the spirit of IAM Access Analyzer's security warnings
// (access-analyzer-reference-policy-checks.md).
func (l *linter) security(s *policy.Statement) {
	if s.Effect != policy.Allow {
		return
	}
	if s.ActionsNegated {
		l.add(CodeAllowNotAction, s.ActionsPos, pointer(s, "NotAction", -1), "list the actions to allow in Action",
			"Allow with NotAction allows every action not listed, including actions AWS adds later")
	}
	if s.ResourcesNegated {
		l.add(CodeAllowNotResource, s.ResourcesPos, pointer(s, "NotResource", -1), "list the resources to allow in Resource",
			"Allow with NotResource allows every resource not listed, including resources created later")
	}
	l.passRole(s)
	switch l.t {
	case policy.TypeResource, policy.TypeTrust:
		l.public(s)
	}
	if l.t == policy.TypeTrust {
		l.oidc(s)
	}
	l.servicePrincipals(s)
}

// passRole reports iam:PassRole allowed on "*": whoever holds the policy can
// hand any role of the account to a service, and act with its permissions
// (id_roles_use_passrole.md; Access Analyzer's "PassRole with star in
// resource"). Only an action written with the iam service prefix counts:
// "*" alone is a full-access grant, which says so itself.
func (l *linter) passRole(s *policy.Statement) {
	if s.ActionsNegated || s.ResourcesNegated {
		return
	}
	star := false
	for _, r := range s.Resources {
		star = star || r.Value == "*"
	}
	if !star {
		return
	}
	for i, it := range s.Actions {
		svc, _, ok := strings.Cut(it.Value, ":")
		if ok && strings.EqualFold(svc, "iam") && globMatch(strings.ToLower(it.Value), "iam:passrole") {
			l.add(CodePassRoleWildcard, it.Pos, pointer(s, "Action", i), "name the roles that may be passed in Resource, and add an iam:PassedToService condition",
				"%s on Resource \"*\" lets the holder pass any role of the account to a service, and act with its permissions", text.Quote(it.Value))
			return
		}
	}
}

// narrowingKeys are the condition keys that restrict a grant to everyone to
// an account, an organization, a network or a source: the keys Access
// Analyzer and S3 treat as making a policy not public
// (access-analyzer-concepts.md, "Determining whether a policy is public" in
// the Amazon S3 User Guide).
var narrowingKeys = []string{
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:userid",
	"aws:username", "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:principalservicename",
	"aws:resourceorgid", "aws:resourceaccount", "kms:calleraccount", "sts:externalid",
	"lambda:eventsourcetoken", "sns:endpoint", "ses:fromaddress",
}

// public reports an Allow of a resource or trust policy that names every
// principal without a positive condition on a key that narrows it.
func (l *linter) public(s *policy.Statement) {
	p := s.Principal
	if p == nil || s.PrincipalNegated {
		return
	}
	everyone := p.Wildcard
	for _, it := range p.AWS {
		everyone = everyone || it.Value == "*"
	}
	if !everyone {
		return
	}
	for _, cd := range s.Conditions {
		op, err := conditions.ParseOperator(cd.Operator)
		if err != nil || op.Base.Negated() || op.IfExists || op.Base == conditions.Null {
			continue
		}
		for _, k := range narrowingKeys {
			if strings.EqualFold(cd.Key, k) {
				return
			}
		}
	}
	l.add(CodePrincipalPublic, p.Pos, pointer(s, "Principal", -1), "name the principals, or add a condition on aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn",
		"the statement allows every principal, in any account or none, with no condition that narrows it: the %s is public", l.t)
}

// oidc reports a trust statement that lets the users of an OIDC provider
// assume the role without conditions on the token's audience (aud) and
// subject (sub). Without sub, any repository or workload the provider
// issues tokens for can assume it (id_roles_create_for-idp_oidc.md;
// GitHub's token.actions.githubusercontent.com is the common case). Amazon
// Cognito identity pools use amr instead of sub.
func (l *linter) oidc(s *policy.Statement) {
	if s.Principal == nil || s.PrincipalNegated {
		return
	}
	for _, it := range s.Principal.Federated {
		if policy.IsPlaceholder(it.Value) {
			continue
		}
		host := it.Value
		if i := strings.Index(host, ":oidc-provider/"); i >= 0 {
			host = host[i+len(":oidc-provider/"):]
		} else if !strings.EqualFold(host, "accounts.google.com") && !strings.EqualFold(host, "cognito-identity.amazonaws.com") {
			continue // SAML, or a provider with its own keys
		}
		need := []string{"aud", "sub"}
		if strings.EqualFold(host, "cognito-identity.amazonaws.com") {
			need = []string{"aud", "amr"}
		}
		var missing []string
		for _, claim := range need {
			if !hasKey(s, host+":"+claim) {
				missing = append(missing, host+":"+claim)
			}
		}
		if len(missing) > 0 {
			l.add(CodeOIDCConditions, it.Pos, pointer(s, "Principal", -1), "add StringEquals conditions on "+strings.Join(missing, " and "),
				"the role trusts %s without a condition on %s: any token the provider issues can assume it", text.Quote(it.Value), strings.Join(missing, " and "))
		}
	}
}

func hasKey(s *policy.Statement, key string) bool {
	for _, cd := range s.Conditions {
		if strings.EqualFold(cd.Key, key) {
			if op, err := conditions.ParseOperator(cd.Operator); err == nil && !op.Base.Negated() {
				return true
			}
		}
	}
	return false
}

// servicePrincipals reports a service principal that is not a service's
// and is one or two letters away from one (lamda.amazonaws.com): AWS
// accepts any name, and the statement then names no service.
func (l *linter) servicePrincipals(s *policy.Statement) {
	if s.Principal == nil {
		return
	}
	for _, it := range s.Principal.Service {
		name, ok := strings.CutSuffix(strings.ToLower(it.Value), ".amazonaws.com")
		if !ok || strings.Contains(name, ".") || knownPrincipal(name) || policy.IsPlaceholder(it.Value) {
			continue
		}
		if _, known := l.c.Service(name); known {
			continue
		}
		sug, ok := l.c.SuggestService(name)
		if !ok || distance(name, sug) > 2 {
			continue
		}
		l.add(CodeServicePrincipalUnknown, it.Pos, pointer(s, "Principal", -1), "write "+sug+".amazonaws.com",
			"%s is not a service principal; did you mean %s?", text.Quote(it.Value), text.Quote(sug+".amazonaws.com"))
	}
}

// knownPrincipals are service principals whose name is not the service's
// prefix in the catalog.
var knownPrincipals = []string{
	"ecs-tasks", "edgelambda", "vpc-flow-logs", "monitoring", "spotfleet", "ops.apigateway",
	"replication.dynamodb", "delivery.logs", "application-autoscaling", "elasticmapreduce",
	"elasticloadbalancing", "scheduler", "pipes", "events", "logs", "states", "sagemaker",
}

func knownPrincipal(name string) bool {
	for _, k := range knownPrincipals {
		if k == name {
			return true
		}
	}
	return false
}

// globMatch matches s against an IAM action pattern ('*' any run, '?' one
// character), both already in lower case.
func globMatch(pattern, s string) bool {
	px, sx := 0, 0
	nextP, nextS := -1, -1
	for px < len(pattern) || sx < len(s) {
		if px < len(pattern) {
			switch c := pattern[px]; c {
			case '*':
				nextP, nextS = px, sx+1
				px++
				continue
			case '?':
				if sx < len(s) {
					px++
					sx++
					continue
				}
			default:
				if sx < len(s) && s[sx] == c {
					px++
					sx++
					continue
				}
			}
		}
		if nextS > 0 && nextS <= len(s) {
			px, sx = nextP, nextS
			continue
		}
		return false
	}
	return true
}

// distance is the Levenshtein distance of a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
