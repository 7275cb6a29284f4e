package evaluator

import "strings"

// The limits of SPEC §6.12 and §6.13: requests AWS refuses whatever the
// policies say. Both steps come right after the explicit deny (step 1), so
// that an applicable Deny still decides as ExplicitDeny, and before every
// step that can allow. Neither evaluates a policy; each costs a length or
// kind test for the requests it does not concern.

// awsOwnedResource is SPEC §6.12: writes to resources that belong to AWS
// are never allowed.
//
//   - AWS managed policies (arn:P:iam::aws:policy/…) are read-only: "You
//     cannot change the permissions defined in AWS managed policies"
//     (access_policies_managed-vs-inline.md); "For AWS managed policies, the
//     default version is set by AWS" and "You cannot set the default version
//     for an AWS managed policy" (access_policies_managed-versioning.md).
//     Reads stay decidable: see sharedWithEveryAccount.
//   - Roles under /aws-reserved/ (IAM Identity Center's AWSReservedSSO_*)
//     are managed by the service, and IAM refuses changes by anyone else
//     with UnmodifiableEntity, "Cannot perform the operation on the
//     protected role … - this role is only modifiable by AWS" (AWS re:Post
//     knowledge center, identity-center-aws-reserved-sso); IAM Identity
//     Center "manages the role" (IAM Identity Center user guide,
//     identity-center-and-iam-roles).
//   - Service-linked roles (/aws-service-role/): "An IAM administrator can
//     view, but not edit the permissions for service-linked roles"; they
//     are deleted with iam:DeleteServiceLinkedRole; but "You can edit the
//     description of any role", and the page names UpdateRole (aws iam
//     update-role --description) as the API that does it, so UpdateRole and
//     UpdateRoleDescription stay decidable by policy
//     (using-service-linked-roles.md).
//   - KMS aliases alias/aws/…: "The alias name for a customer managed key
//     cannot begin with alias/aws/. The alias/aws/ prefix is reserved for
//     AWS managed key"; "You cannot manage aliases for AWS managed keys or
//     AWS owned keys" (KMS developer guide, alias-create.md).
//
// A protected role is modifiable by AWS: IAM Identity Center manages its
// /aws-reserved/sso.amazonaws.com/ roles through its own service-linked
// role (AWSServiceRoleForSSO's policy attaches, puts and deletes policies on
// them), so a session of that role is not refused there. No page says that
// any other service-linked role may change a protected role, nor that one
// service-linked role may change another: those are refused (SPEC §10.1,
// the reading that denies), and Facts.PrincipalIsServiceLinkedRole, which
// names no service, exempts nothing.
func awsOwnedResource(st *evalState) verdict {
	// iam and kms: three letters.
	if len(st.svc) != 3 || !st.resIsARN {
		return undecided
	}
	res := st.res.Resource
	switch {
	case st.res.Service == "iam" && strings.EqualFold(st.svc, "iam"):
		switch {
		case st.res.Account == "aws" && strings.HasPrefix(res, "policy/"):
			if oneOf(st.name, policyWrites[:]) {
				return verdict{reason: ReasonAWSOwnedResource}
			}
		case strings.HasPrefix(res, "role/aws-reserved/"):
			if !ssoManages(st, res) && (oneOf(st.name, roleWrites[:]) || strings.EqualFold(st.name, "UpdateRole") || strings.EqualFold(st.name, "UpdateRoleDescription")) {
				return verdict{reason: ReasonAWSOwnedResource}
			}
		case strings.HasPrefix(res, "role/aws-service-role/"):
			if oneOf(st.name, roleWrites[:]) {
				return verdict{reason: ReasonAWSOwnedResource}
			}
		}
	case st.res.Service == "kms" && strings.EqualFold(st.svc, "kms"):
		// The reserved prefix is matched in any case: whether KMS
		// accepts alias/AWS/… for a customer key is not documented, and
		// SPEC §10.1 takes the reading that denies.
		if len(res) > len("alias/aws/") && strings.HasPrefix(res, "alias/") && strings.EqualFold(res[len("alias/"):len("alias/aws/")], "aws/") &&
			oneOf(st.name, aliasWrites[:]) {
			return verdict{reason: ReasonAWSOwnedResource}
		}
	}
	return undecided
}

// policyWrites are the IAM actions that write a managed policy (the IAM
// actions whose resource is a policy and whose access level is Write,
// Permissions management or Tagging); reads (GetPolicy, GetPolicyVersion,
// ListPolicyVersions, ListEntitiesForPolicy, ListPolicyTags) are not
// among them.
var policyWrites = [...]string{
	"CreatePolicy", "CreatePolicyVersion", "DeletePolicy", "DeletePolicyVersion",
	"SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy",
}

// roleWrites are the IAM actions that change a role's permissions, trust,
// tags or existence. UpdateRole and UpdateRoleDescription are not among
// them: the description of a service-linked role can be edited.
var roleWrites = [...]string{
	"AttachRolePolicy", "DetachRolePolicy", "PutRolePolicy", "DeleteRolePolicy",
	"PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
	"UpdateAssumeRolePolicy", "TagRole", "UntagRole", "DeleteRole",
}

// aliasWrites are the KMS actions that manage an alias.
var aliasWrites = [...]string{"CreateAlias", "UpdateAlias", "DeleteAlias"}

// ssoManages reports whether the caller is a session of IAM Identity
// Center's service-linked role, known by its path from the session issuer,
// acting on a role Identity Center reserved (res, the resource part).
func ssoManages(st *evalState, res string) bool {
	return strings.HasPrefix(res, "role/aws-reserved/sso.amazonaws.com/") &&
		st.c.kind == RoleSession && strings.Contains(st.c.roleARN, ":role/aws-service-role/sso.amazonaws.com/")
}

// sharedWithEveryAccount reports whether the resource is an AWS managed
// policy, which belongs to AWS (account "aws") and yet serves every
// account: "An AWS managed policy is a standalone policy that is created and
// administered by AWS", with arn:aws:iam::aws:policy/IAMReadOnlyAccess as
// the example, and such policies "make it convenient for you to assign
// appropriate permissions to users, groups, and roles"
// (access_policies_managed-vs-inline.md); they "are available for use by
// all AWS customers" (AWS Managed Policy reference,
// about-managed-policy-reference). IAM policies have no resource-based
// policy, so the cross-account rule of step 7 would refuse every read
// (iam:GetPolicy, iam:GetPolicyVersion); decide therefore settles a request
// on one as in the caller's account, where the identity-based policies
// grant alone. awsOwnedResource has already refused the writes.
func sharedWithEveryAccount(st *evalState) bool {
	return st.resIsARN && st.res.Account == "aws" && st.res.Service == "iam" &&
		strings.HasPrefix(st.res.Resource, "policy/") && st.c.kind.isIAM()
}

// federatedSessionLimit is SPEC §6.13: a federated-user session (from
// sts:GetFederationToken) "Cannot call IAM operations using the AWS CLI or
// AWS API. This limitation does not apply to console sessions. Cannot call
// AWS STS operations except GetCallerIdentity"
// (id_credentials_temp_request.md, the table comparing the AWS STS API
// operations). A request carries no sign of a console session, so the
// limit always applies (SPEC §10.1: the reading that denies).
// sts:GetCallerIdentity has been allowed before (noPermissionRequired).
func federatedSessionLimit(st *evalState) verdict {
	if st.c.kind != FederatedUser || len(st.svc) != 3 {
		return undecided
	}
	if st.sts && strings.EqualFold(st.name, "GetCallerIdentity") {
		return undecided
	}
	if st.sts || strings.EqualFold(st.svc, "iam") {
		return verdict{reason: ReasonFederatedSessionLimit}
	}
	return undecided
}

// oneOf reports whether name is one of names, compared as AWS compares
// action names: without regard to case.
func oneOf(name string, names []string) bool {
	for _, n := range names {
		if len(n) == len(name) && strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}
