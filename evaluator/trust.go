package evaluator

import "strings"

// IsTrustRequest reports whether the resource policy of r is validated as a
// trust policy (policy.TypeTrust) rather than as a resource-based policy: it
// is when the action is an sts: action (the service prefix compared without
// regard to case) on an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME).
// The ARN is read as SPEC §2.1 splits it, at its first five colons; the
// partition, the account and the role name are not checked further. A nil r
// is not a trust request.
//
// Policies.ResourceType is policy.TypeTrust for such requests.
func IsTrustRequest(r *Request) bool {
	if r == nil {
		return false
	}
	svc, _, ok := strings.Cut(r.Action, ":")
	if !ok || !strings.EqualFold(svc, "sts") {
		return false
	}
	// arn:partition:service:region:account:resource
	var parts [5]string
	rest := r.Resource
	for i := range parts {
		if parts[i], rest, ok = strings.Cut(rest, ":"); !ok {
			return false
		}
	}
	return parts[0] == "arn" && parts[1] != "" && parts[2] == "iam" &&
		parts[3] == "" && parts[4] != "" && strings.HasPrefix(rest, "role/")
}
