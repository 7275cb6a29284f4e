package policy

import (
	"fmt"
	"strings"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/internal/principal"
)

// The checks of single values below are shared by Parse and by Check on a
// policy built in Go. Each returns "" when the value is valid, or the code
// and message of the problem.

// actionProblem checks an Action or NotAction entry (SPEC §3.8, §4.1): "*"
// or "service:pattern", one colon, a literal service prefix.
func actionProblem(s string) (Code, string) {
	if s == "*" {
		return "", ""
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		if s == "" {
			return CodeActionFormat, `Action "" is empty; an action is "*" or "service:ActionName", e.g. "s3:GetObject" (Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.)`
		}
		return CodeActionFormat, fmt.Sprintf("Action %q must be prefixed by a service, e.g. %q (Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.)",
			s, actionExample(s))
	}
	if n := strings.Count(s, ":"); n > 1 {
		return CodeActionColons, fmt.Sprintf("Action %q has %d colons; an action has exactly one, between the service and the action name, e.g. \"s3:GetObject\" (Actions/Condition can contain only one colon)",
			s, n)
	}
	vendor := s[:colon]
	if vendor == "" || !isVendor(vendor) {
		return CodeActionVendor, fmt.Sprintf("Action %q: service prefix %q is not valid; it must be written out in letters, digits, '.' and '-' (wildcards are allowed only after the colon, e.g. \"s3:Get*\"); Vendor %s is not valid",
			s, vendor, vendor)
	}
	return "", ""
}

func isVendor(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// actionExample guesses the intended action for a missing colon:
// "s3GetObject" → "s3:GetObject", "iam.ListUsers" → "iam:ListUsers".
func actionExample(s string) string {
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == '.' || c == '/' || c == ' ' {
			if i+1 < len(s) {
				return s[:i] + ":" + s[i+1:]
			}
			break
		}
		if c >= 'A' && c <= 'Z' {
			prefix := s[:i]
			if prefix == strings.ToLower(prefix) && isVendor(prefix) {
				return prefix + ":" + s[i:]
			}
			break
		}
	}
	return "s3:GetObject"
}

// iamResourceTypes are the resource types of IAM ARNs (SPEC §2.5; "root"
// is the account's root user, used by AWS managed policies).
var iamResourceTypes = []string{
	"user/", "group/", "role/", "policy/", "instance-profile/", "mfa/", "server-certificate/",
	"saml-provider/", "oidc-provider/", "federated-user/", "sms-mfa/", "report/", "access-report/",
	"u2f/",
}

// s3RegionalTypes are S3 resource types whose ARNs carry a region (access
// points, S3 Batch Operations jobs, Storage Lens, Access Grants, Multi-Region
// Access Point requests). Bucket and object ARNs must not.
var s3RegionalTypes = []string{
	"accesspoint/", "access-grants/", "job/", "storage-lens/", "storage-lens-group/", "async-request/",
}

// resourceProblem checks a Resource or NotResource entry (SPEC §2.5).
func resourceProblem(s string) (Code, string) {
	if s == "*" {
		return "", ""
	}
	if arn.ShortParts(s) > 0 {
		return shortResourceProblem(s)
	}
	sec, ok := arn.Split(s)
	if !ok {
		detail := ""
		if strings.HasPrefix(s, "arn:") {
			detail = fmt.Sprintf(": it has %d of the 5 colons that separate arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE", strings.Count(s, ":"))
		}
		return CodeResourceNotARN, fmt.Sprintf("Resource %q must be in ARN format or \"*\"%s; e.g. \"arn:aws:s3:::my-bucket/*\"", s, detail)
	}
	if !hasWildcard(sec.Partition) && !arn.KnownPartition(sec.Partition) {
		return CodeResourceBadPartition, fmt.Sprintf("Partition %q is not valid for resource %q; expected one of %s",
			sec.Partition, s, strings.Join(arn.Partitions(), ", "))
	}
	if sec.Service == "" || hasWildcard(sec.Service) || strings.Contains(sec.Service, "${") {
		return CodeResourceServiceWildcard, fmt.Sprintf("Resource %q: the service part %q must be written out, without wildcards or variables; Resource vendor must be fully qualified and cannot contain regexes",
			s, sec.Service)
	}
	switch sec.Service {
	case "iam":
		if sec.Region != "" {
			return CodeResourceRegionNotAllowed, fmt.Sprintf("IAM resource %q cannot contain region information; IAM ARNs have an empty region, e.g. \"arn:aws:iam::123456789012:role/name\"", s)
		}
		if sec.Resource != "*" && sec.Resource != "root" && !hasAnyPrefix(sec.Resource, iamResourceTypes) {
			return CodeResourceIAMType, fmt.Sprintf("IAM resource %q: the resource part %q must be \"*\" or start with a resource type (%s), without wildcards in the type",
				s, sec.Resource, strings.Join(iamResourceTypes, ", "))
		}
	case "s3":
		if sec.Region != "" && !hasAnyPrefix(sec.Resource, s3RegionalTypes) && !strings.HasPrefix(sec.Resource, "*") {
			return CodeResourceRegionNotAllowed, fmt.Sprintf("Resource %q can not contain region information: S3 bucket and object ARNs have empty region and account parts, e.g. \"arn:aws:s3:::my-bucket/key\"", s)
		}
	}
	return "", ""
}

// shortResourceProblem checks a short resource ARN, three to five parts
// such as "arn:aws:sqs:us-east-1:*" (SPEC §2.5, revision 2). IAM accepts
// them; Validate warns (CodeResourceShortARN). What IAM rejects is an empty
// part ("arn:aws:s3::b": "The policy failed legacy parsing"), a missing
// service, and a service with a wildcard or variable ("Resource vendor must
// be fully qualified and cannot contain regexes",
// reference_policies_elements_resource.md). The IAM and S3 rules on
// regions and resource types are for full ARNs and are not applied: a
// short ARN has no resource part, and no AWS page says IAM applies them.
func shortResourceProblem(s string) (Code, string) {
	parts := strings.Split(s, ":")
	for i, p := range parts {
		if p == "" {
			return CodeResourceNotARN, fmt.Sprintf("Resource %q has an empty part %d; a short ARN (fewer than the 6 parts of arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) must not have one, write the full ARN (e.g. \"arn:aws:s3:::my-bucket\") or end the ARN with \"*\"; The policy failed legacy parsing",
				s, i+1)
		}
	}
	partition, service := parts[1], parts[2]
	if !hasWildcard(partition) && !arn.KnownPartition(partition) {
		return CodeResourceBadPartition, fmt.Sprintf("Partition %q is not valid for resource %q; expected one of %s",
			partition, s, strings.Join(arn.Partitions(), ", "))
	}
	if hasWildcard(service) || strings.Contains(service, "${") {
		return CodeResourceServiceWildcard, fmt.Sprintf("Resource %q: the service part %q must be written out, without wildcards or variables; Resource vendor must be fully qualified and cannot contain regexes",
			s, service)
	}
	return "", ""
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// principalKind is the key of a principal map.
type principalKindT uint8

const (
	kindUnknown principalKindT = iota
	kindAWS
	kindService
	kindFederated
	kindCanonicalUser
)

func principalKind(key string) principalKindT {
	switch key {
	case "AWS":
		return kindAWS
	case "Service":
		return kindService
	case "Federated":
		return kindFederated
	case "CanonicalUser":
		return kindCanonicalUser
	}
	return kindUnknown
}

func (k principalKindT) String() string {
	switch k {
	case kindAWS:
		return "AWS"
	case kindService:
		return "Service"
	case kindFederated:
		return "Federated"
	case kindCanonicalUser:
		return "CanonicalUser"
	}
	return "unknown"
}

// principalExample suggests the object form for a string principal.
func principalExample(s string) string {
	if principal.IsAccountID(s) || strings.HasPrefix(s, "arn:") {
		return s
	}
	return "arn:aws:iam::123456789012:root"
}

// principalProblem checks one value of a principal map (SPEC §3.5). The
// grammar is package internal/principal's, the one the evaluator matches by.
func principalProblem(kind principalKindT, s string) (Code, string) {
	list := principal.AWS
	switch kind {
	case kindService:
		list = principal.Service
	case kindFederated:
		list = principal.Federated
	case kindCanonicalUser:
		list = principal.CanonicalUser
	}
	v := principal.Parse(list, s)
	switch v.Problem {
	case principal.None:
		return "", ""
	case principal.StarNotAWS:
		return CodePrincipalFormat, fmt.Sprintf("%s principal \"*\" is not valid; to match every principal use \"Principal\": \"*\" or {\"AWS\": \"*\"}; Invalid principal in policy", kind)
	case principal.PartialWildcard:
		return CodePrincipalPartialWildcard, fmt.Sprintf("%s principal %q contains a wildcard; principals allow only \"*\" on its own; to match a pattern use \"*\" with a Condition on aws:PrincipalArn (ArnLike); Invalid principal in policy",
			kind, s)
	case principal.BadService:
		return CodePrincipalFormat, fmt.Sprintf("Service principal %q is not valid; expected a service name such as \"ec2.amazonaws.com\"; Invalid principal in policy", s)
	case principal.BadProvider:
		if strings.HasPrefix(s, "arn:") {
			return CodePrincipalFormat, fmt.Sprintf("Federated principal %q is not valid; expected an identity provider ARN such as \"arn:aws:iam::123456789012:saml-provider/name\" or \"arn:aws:iam::123456789012:oidc-provider/host\"; Invalid principal in policy", s)
		}
		return CodePrincipalFormat, fmt.Sprintf("Federated principal %q is not valid; expected an identity provider such as \"accounts.google.com\", \"cognito-identity.amazonaws.com\" or a SAML/OIDC provider ARN; Invalid principal in policy", s)
	case principal.BadCanonical:
		return CodePrincipalFormat, fmt.Sprintf("CanonicalUser principal %q is not valid; expected a 64-character hexadecimal canonical user ID; Invalid principal in policy", s)
	case principal.AccountDigits:
		return CodePrincipalFormat, fmt.Sprintf("AWS account ID %q must be exactly 12 digits (it has %d); Invalid principal in policy", s, len(s))
	case principal.NotAWS:
		return CodePrincipalFormat, fmt.Sprintf("AWS principal %q is not valid; expected \"*\", a 12-digit account ID, or the ARN of an account root, IAM user, IAM role, assumed-role session or federated user; Invalid principal in policy", s)
	case principal.NotARN:
		return CodePrincipalFormat, fmt.Sprintf("AWS principal %q is not a valid ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE); Invalid principal in policy", s)
	case principal.BadPartition:
		return CodePrincipalFormat, fmt.Sprintf("AWS principal %q: partition %q is not valid; expected one of %s; Invalid principal in policy", s, v.Partition, strings.Join(arn.Partitions(), ", "))
	case principal.Region:
		return CodePrincipalFormat, fmt.Sprintf("AWS principal %q must not have a region (IAM and STS ARNs have an empty region); Invalid principal in policy", s)
	case principal.AccountFormat:
		return CodePrincipalFormat, fmt.Sprintf("AWS principal %q: account %q must be exactly 12 digits; Invalid principal in policy", s, v.Account)
	case principal.Group:
		return CodePrincipalFormat, fmt.Sprintf("AWS principal %q names an IAM group; groups cannot be principals, name the users or roles instead; Invalid principal in policy", s)
	case principal.SessionFormat:
		return CodePrincipalFormat, fmt.Sprintf("AWS principal %q: an assumed-role session ARN is arn:aws:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION-NAME; Invalid principal in policy", s)
	}
	return CodePrincipalFormat, fmt.Sprintf("AWS principal %q is not a supported principal ARN; expected arn:PARTITION:iam::ACCOUNT:root, …:user/NAME, …:role/NAME, arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION or …:federated-user/NAME; Invalid principal in policy", s)
}
