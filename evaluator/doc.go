// Package evaluator decides, exactly as AWS does, whether one request is
// allowed by a set of IAM policies: identity-based policies, a resource-based
// policy (bucket, queue or key policy, or a role's trust policy), a
// permissions boundary, session policies, service control policies and
// resource control policies by organization level, and VPC endpoint policies.
//
// Compile validates and compiles the policies once; the resulting *Set is
// immutable and safe for concurrent use. Set.Evaluate decides a Request
// without allocating; Set.Explain also records which statements applied and
// decided. IsTrustRequest tells whether a request's resource policy plays the
// part of a role trust policy (Policies.ResourceType).
//
// The decision procedure follows AWS's evaluation logic (SPEC §6): an
// explicit Deny in any policy wins; every SCP and RCP level and every
// endpoint policy must allow; callers that are not IAM identities need a
// resource-based grant that names them directly; in the same account a
// resource-based policy that names the caller grants by itself, one that
// names the role behind a session is still limited by the boundary and the
// session policy, and one that names the account only delegates to the
// identity-based policies; across accounts both sides must allow. Role trust
// policies and KMS key policies must grant even in the same account.
//
// AWS puts some keys in every request (SPEC §8.3): aws:PrincipalArn,
// aws:PrincipalAccount, aws:PrincipalType, aws:username, aws:userid,
// aws:PrincipalIsAWSService, aws:PrincipalServiceName, aws:ResourceAccount,
// the time, aws:SecureTransport, aws:ViaAWSService, aws:RequestedRegion, and
// the organization keys and principal tags when they are known. When a
// policy reads one that Request.Context lacks, the evaluator derives it from
// the request (Request.Time, PrincipalID, PrincipalOrgID, … supply what the
// principal ARN cannot), without allocating; a key in the context always
// wins. Result.Assumptions reports the defaults a policy read and the keys
// it could not derive.
//
// Evaluation fails closed: a request the evaluator cannot understand is an
// ImplicitDeny with Result.Err set, Compile refuses a set that contains an
// invalid policy, and a Set that Compile did not build (the zero Set or a nil
// *Set) denies every request with ErrNotCompiled.
package evaluator
