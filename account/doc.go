// Package account models an AWS account snapshot — the output of `aws iam
// get-account-authorization-details`, for one or several accounts, with
// optional resource policies and the organization — and answers questions
// about it with the evaluator: who can do an action on a resource
// (WhoCan), who can assume a role and through which chains (CanAssume,
// Graph.PathsTo), which actions a principal may perform (WhatCan) and
// which principals can escalate to administrator-equivalent access
// (Graph.PathsToAdmin).
//
// # Model
//
// A Snapshot holds Principals (users and roles) with their inline and
// attached policies, a user's groups (whose policies are part of the
// user's identity policies), the permissions boundary, tags, and for roles
// the trust policy and instance profiles; the managed policies with every
// version; resource policies by ARN; and the Org (SCPs and RCPs by level).
// Policy documents may be JSON objects or the URL-encoded strings the raw
// API returns; positions of statements point into the input file (for a
// URL-encoded document, into the decoded text, named after the string's
// position).
//
// A principal whose policies cannot all be read (an attached policy the
// snapshot does not hold, an invalid document) is left out of every
// answer, with a warning: a missing Deny must not become a false grant.
//
// An Analyzer compiles one evaluator.Set per distinct combination of
// identity policies, boundary, resource policy and SCP/RCP levels:
// principals with identical policy sets share it. A role is evaluated as a
// session of the role (arn:aws:sts::ACCT:assumed-role/NAME/iamlogic, with
// the role ARN as session issuer); its tags are principal tags.
//
// # Administrator-equivalent
//
// A principal is administrator-equivalent when the evaluator allows it
// every request of AdminProbes with no context beyond the keys AWS always
// sets: IAM writes on users, roles and policies of its account
// (iam:CreateUser, iam:AttachUserPolicy, iam:PutRolePolicy,
// iam:UpdateAssumeRolePolicy, iam:CreatePolicyVersion, iam:PassRole),
// ec2:RunInstances, S3 object and bucket-policy writes, lambda:InvokeFunction,
// organizations:ListAccounts, and an action of a service that does not
// exist on "*" and on an ARN — which only an Allow of every action grants.
// Identity policies, boundary and SCPs all take part. A principal that is
// already administrator-equivalent has no escalation path.
//
// # Paths
//
// The graph has two kinds of edge, each decided by the evaluator for the
// acting principal's full chain (identity policies, boundary, SCPs, and
// the target's trust policy where a role is assumed):
//
//   - act-as: sts:AssumeRole (sts-001); iam:UpdateAssumeRolePolicy then
//     sts:AssumeRole under a trust policy naming the attacker (iam-012);
//     iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile on
//     another user (iam-002, iam-004, iam-006); iam:PassRole to a service
//     that runs the attacker's code, with the service's own actions and
//     the role trusting that service principal (iam:PassedToService is set
//     in the PassRole request): Lambda (CreateFunction with InvokeFunction,
//     AddPermission or CreateEventSourceMapping), EC2 (RunInstances or
//     RequestSpotInstances, with an instance profile holding the role, or
//     iam:CreateInstanceProfile and iam:AddRoleToInstanceProfile), ECS,
//     Glue (dev endpoint; job with StartJobRun or a trigger),
//     CloudFormation CreateStack, CodeBuild, SageMaker (notebook with a
//     presigned URL, training and processing jobs), Data Pipeline and App
//     Runner.
//   - make-admin: a change after which the target is administrator-
//     equivalent (checked by evaluating the target's changed policy set):
//     Attach{User,Role,Group}Policy of an administrator-equivalent managed
//     policy of the snapshot (iam:PolicyARN set) or of one made with
//     iam:CreatePolicy; Put{User,Role,Group}Policy; CreatePolicyVersion or
//     SetDefaultPolicyVersion on a customer managed policy attached to the
//     target; AddUserToGroup; Delete…PermissionsBoundary and
//     Put…PermissionsBoundary.
//
// A principal escalates when, through act-as edges (shortest chains by
// breadth-first search), it reaches an administrator-equivalent principal,
// or a principal that can make a reachable principal (possibly itself)
// administrator-equivalent. A hop allowed only with context the snapshot
// does not fix is used only with Options.Conditional, and then shown with
// the values it needs. Facts outside the snapshot that a hop relies on (a
// default VPC, an access-key count) are listed in Hop.Assumes.
//
// # Sharding an organization
//
// Work splits into independent jobs. By account: the principals of one
// account, their edges and the make-admin checks need only that account's
// snapshot and its SCPs (an Org file holding the account's path); cross-
// account edges need the trusting role's account too, so a job loads its
// account plus the accounts whose roles trust it — or, in a first pass,
// each account job emits its roles' trust policies and the second pass
// joins the act-as edges. By principal group: within an account the edges
// of each principal are computed independently (BuildGraph runs them on
// workers), so a large account shards by ranges of Snapshot.Principals,
// each job building a partial edge list; path search then runs over the
// merged edge lists, which are small compared with the evaluation work.
// Principals with identical policy sets share one compiled set, so jobs
// that group principals by policy set compile the least.
//
// The pair search asks the evaluator only about pairs a sound pre-filter
// keeps: a target the acting principal's Allow statements may grant the
// technique's action on (by action and resource pattern, conditions
// ignored), or, for sts:AssumeRole, a role whose trust policy names the
// principal itself or anyone; a trust naming only accounts needs the
// identity policies to allow. The filter drops only pairs the evaluator
// would deny with any context. Path search and who-can run on every core.
package account
