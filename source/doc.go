// Package source finds the policy documents where they live: loose policy
// JSON files, CloudFormation templates (JSON or YAML) and Terraform plans
// (terraform show -json).
//
// [Read] recognises what a file holds by its content and returns a
// [Document] for every policy in it: its name in the file (a template's
// logical ID and property path, a plan's resource address and attribute),
// the policy type its container implies (a role's
// AssumeRolePolicyDocument is a trust policy, a bucket policy a resource
// policy), the parsed policy, whose every position, and every finding's,
// is a file:line:col of the file itself, and the values that are not
// known offline. [Expand] turns command-line arguments into files ("-" is
// standard input; a directory is every *.json, *.yaml, *.yml and
// *.template file under it, in a fixed order), and [ReadChanges] returns
// the policies a Terraform plan changes, before and after.
//
// # CloudFormation
//
// Read finds the policies of AWS::IAM::Policy, ManagedPolicy, RolePolicy,
// UserPolicy and GroupPolicy (PolicyDocument: identity), AWS::IAM::Role
// (AssumeRolePolicyDocument: trust; Policies[].PolicyDocument: identity;
// PermissionsBoundary: boundary, only when written inline rather than as
// the ARN of a managed policy), AWS::IAM::User and Group
// (Policies[].PolicyDocument), AWS::S3::BucketPolicy, AWS::SQS::QueuePolicy
// and AWS::SNS::TopicPolicy (PolicyDocument: resource), AWS::KMS::Key
// (KeyPolicy: resource), and AWS::Lambda::Permission, which it maps to the
// statement Lambda adds to the function's policy: Principal (a service, an
// account or ARN, or "*"), Action, no Resource (the function), and
// SourceArn, SourceAccount, PrincipalOrgID, EventSourceToken and
// FunctionUrlAuthType as conditions (ArnLike AWS:SourceArn, StringEquals
// on the others).
//
// In an AWS SAM template it also reads AWS::Serverless::Function
// (AssumeRolePolicyDocument: trust) and the Policies of a function or
// AWS::Serverless::StateMachine: the inline documents among them
// (identity; Fn.Policies, or Fn.Policies[i] in a list). Managed policy
// names and ARNs and SAM policy templates there are attachments, not read,
// as an AWS::IAM::Role's ManagedPolicyArns are not.
//
// YAML templates are read with gopkg.in/yaml.v3, short-form tags (!Sub,
// !Ref, !GetAtt, !Join, !If, !Select, !Split, !FindInMap, !ImportValue,
// !Base64, !Cidr, !GetAZs, …) included; each policy is converted to JSON
// and parsed with policy.ParseMapped, so that its positions are those of
// the YAML file. A JSON template's policy without intrinsic functions is
// parsed as it is written, with policy.ParseAt.
//
// Intrinsic functions are evaluated as far as the template alone decides
// them: Fn::Sub without variables (or with AWS::Partition, "aws", and
// AWS::URLSuffix), Fn::Join, Fn::Select and Fn::Split of known values,
// Fn::Base64, Fn::FindInMap on the template's Mappings, Ref AWS::NoValue
// (the member or entry is left out). The rest — Ref of a parameter or
// resource, AWS::AccountId and AWS::Region, Fn::GetAtt, Fn::If,
// Fn::ImportValue, Fn::GetAZs, Fn::Cidr — are not known offline.
//
// # Terraform
//
// Read walks planned_values (the root module and its child modules) and
// finds the policies of aws_iam_policy, aws_iam_role_policy,
// aws_iam_user_policy and aws_iam_group_policy (policy: identity),
// aws_iam_role (assume_role_policy: trust; inline_policy[].policy:
// identity), aws_s3_bucket_policy, aws_sqs_queue_policy,
// aws_sns_topic_policy and aws_kms_key (policy: resource). A policy is a
// JSON string inside the plan: every offset of it is placed at the
// character of the string it was decoded from. Values that resource_changes
// marks as known after apply are not known offline. ReadChanges pairs the
// before and after of resource_changes.
//
// # Values not known offline
//
// A value that is not known offline becomes a placeholder
// (policy.IsPlaceholder) where the policy grammar takes a value or a list
// of values (Action, Resource, Principal and condition values), and is left
// out where it is a Sid or Id. A statement (or Statement list) written as
// Fn::If stands for the statements of its branches, AWS::NoValue for none,
// each made conditional on the unknown condition by the clause {"Null":
// {"iamlogic:Unknown": PLACEHOLDER}}, which never holds in an Allow and
// always in a Deny. Elsewhere (an Effect, a Condition block, the document
// itself) an unknown value makes the whole document unknown. The evaluator reads a placeholder so that it never grants: in
// an Allow it matches nothing, in a Deny everything; a decision that
// relied on one says so (evaluator.UndocumentedUnknownValue). A document
// that is unknown as a whole is read as denying everything. Each document
// with such values has one warning, [CodeUnresolvedValue], at the first
// of them, listing them all.
package source
