package main

import "strings"

// findingsDocURL is where docs/findings.md is published; each rule's help
// link is this URL with the rule's id as the fragment.
const findingsDocURL = "https://github.com/iamlogic/iamlogic/blob/main/docs/findings.md"

// The rule ids of the commands' own results, beside the finding codes of
// packages policy and lint.
const (
	ruleFileUnreadable     = "FILE_UNREADABLE"
	ruleTestFileInvalid    = "TEST_FILE_INVALID"
	ruleTestDecision       = "TEST_DECISION"
	ruleTestUndocumented   = "TEST_UNDOCUMENTED"
	ruleTestStrict         = "TEST_STRICT"
	ruleTestCannotEvaluate = "TEST_CANNOT_EVALUATE"
	ruleNewAccess          = "NEW_ACCESS"
	ruleAccessGranted      = "ACCESS_GRANTED"
	rulePublicAccess       = "PUBLIC_ACCESS"
	ruleAnalysisUnknown    = "ANALYSIS_UNKNOWN"
)

// rule documents one kind of result: a finding code of package policy or
// lint, or a check of a command. The texts are Markdown in which code is
// written between backticks; plain-text outputs drop the backticks.
type rule struct {
	id string
	// group is the docs/findings.md section the rule is listed in.
	group string
	// severity is how the rule is reported: "error", "warning", "note", or
	// a sentence when it depends on the policy type or the operator.
	severity string
	short    string // one line, the SARIF shortDescription
	full     string // what the rule means, the SARIF fullDescription
	fix      string // what to do about it
}

// The groups of rules, in the order docs/findings.md lists them.
const (
	groupPolicy   = "Policy validation (validate, and every policy a command reads)"
	groupCatalog  = "Catalog checks (validate, unless --catalog-off)"
	groupTest     = "Access tests (test)"
	groupAnalysis = "Analyses (diff, not-granted, public)"
	groupFiles    = "Input files (every command)"
)

// helpURI is the address of the documentation of rule id.
func helpURI(id string) string { return findingsDocURL + "#" + id }

// plainText drops the backticks of a rule's Markdown text.
func plainText(s string) string { return strings.ReplaceAll(s, "`", "") }

// lookupRule returns the rule with the given id. An id that has no entry
// (a code added without documentation, which TestFindingsDoc refuses) gets a
// rule built from the id alone, so that output never lacks a rule.
func lookupRule(id string) rule {
	for _, r := range rules() {
		if r.id == id {
			return r
		}
	}
	words := strings.ToLower(strings.ReplaceAll(id, "_", " "))
	return rule{id: id, severity: "error or warning", short: "IAM policy check: " + words, full: "IAM policy check: " + words + ".", fix: "See the message."}
}

// rules is every rule iamlogic reports, in the order of docs/findings.md.
func rules() []rule {
	const (
		p, c, t, a, f = groupPolicy, groupCatalog, groupTest, groupAnalysis, groupFiles
		e, w          = "error", "warning"
	)
	return []rule{
		{"SYNTAX", p, e, "The document is not a JSON object IAM can read.",
			"The document is not JSON, is not an object, has data after the object, holds a character outside TAB, LF, CR and U+0020 to U+00FF, or gives an element a JSON type it cannot have (a number for `Effect`, an object for `Action`). IAM answers \"Syntax errors in policy\".",
			"Fix the JSON at the position given; a policy is one JSON object."},
		{"DUPLICATE_KEY", p, e, "The same key appears twice in one JSON object.",
			"A JSON object of the document names the same key twice, at any level. IAM rejects the document rather than keep one of the values.",
			"Remove or merge one of the two entries."},
		{"UNKNOWN_ELEMENT", p, e, "An element that is not part of the policy grammar.",
			"A top-level key other than `Version`, `Id` and `Statement`, or a statement key that is not one of the policy elements, or a known element spelled with the wrong case (`action` for `Action`). IAM rejects the document.",
			"Rename the element to the one meant, with its exact case, or remove it."},
		{"VERSION_INVALID", p, e, "The Version is not one IAM accepts here.",
			"`Version` is not `2012-10-17` or `2008-10-17`; or it is missing or old where `2012-10-17` is required: in a resource control policy, and in a customer managed policy (`validate --managed`).",
			"Write `\"Version\": \"2012-10-17\"`."},
		{"VERSION_MISSING", p, w, "The document has no Version.",
			"AWS accepts a document without `Version` (except where `VERSION_INVALID` says otherwise) and reads it in the older policy language, where policy variables such as `${aws:username}` are literal text.",
			"Add `\"Version\": \"2012-10-17\"` as the first element."},
		{"STATEMENT_MISSING", p, e, "The document has no Statement.",
			"The document has no usable `Statement` element, so it grants and denies nothing; IAM rejects it.",
			"Add a `Statement`: one statement object or an array of them."},
		{"STATEMENT_EMPTY", p, e, "Statement is empty or holds something other than objects.",
			"`Statement` is an empty array, or one of its entries is not a JSON object.",
			"Give every entry of `Statement` the form `{\"Effect\": ..., \"Action\": ..., ...}`, and at least one entry."},
		{"EFFECT_INVALID", p, e, "Effect is missing or is not Allow or Deny.",
			"Every statement needs `Effect`, exactly `Allow` or `Deny` (the case counts). IAM answers \"The policy failed legacy parsing\".",
			"Write `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`."},
		{"ACTION_MISSING", p, e, "The statement names no action.",
			"The statement has neither `Action` nor `NotAction`, or an empty list. IAM answers \"Policy statement must contain actions\".",
			"Add `Action` with the actions the statement is about, such as `s3:GetObject`."},
		{"ACTION_BOTH", p, e, "The statement has both Action and NotAction.",
			"A statement holds `Action` or `NotAction`, not both.",
			"Keep one of the two; split the statement if both are meant."},
		{"ACTION_FORMAT", p, e, "An action without a service prefix.",
			"An action other than `*` must be `service:Action`, such as `s3:GetObject`. IAM answers \"Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.\"",
			"Write the action as `service:Action`; the message names the action."},
		{"ACTION_COLONS", p, e, "An action with more than one colon.",
			"An action is `service:Action` with exactly one colon. IAM answers \"Actions/Condition can contain only one colon\".",
			"Remove the extra colon."},
		{"ACTION_VENDOR", p, e, "A service prefix with characters IAM refuses.",
			"The service prefix of an action holds characters other than letters, digits, `.` and `-`, such as a wildcard (`s3*:GetObject`). Wildcards are allowed only in the action name.",
			"Write the service prefix in full (`s3:Get*`, not `s*:GetObject`)."},
		{"RESOURCE_MISSING", p, e, "The statement names no resource where one is required.",
			"The statement has neither `Resource` nor `NotResource` in a policy type that requires one (identity-based policies, boundaries, session policies, SCPs, RCPs), or an empty list. IAM answers \"Policy statement must contain resources\".",
			"Add `Resource` with the ARNs the statement applies to, or `\"*\"`."},
		{"RESOURCE_BOTH", p, e, "The statement has both Resource and NotResource.",
			"A statement holds `Resource` or `NotResource`, not both.",
			"Keep one of the two; split the statement if both are meant."},
		{"RESOURCE_PROHIBITED", p, e, "Resource in a role trust policy.",
			"A role trust policy is attached to the role it protects and names no resource. IAM answers \"Has prohibited field Resource\".",
			"Remove `Resource` and `NotResource` from the trust policy."},
		{"RESOURCE_NOT_ARN", p, e, "A resource that is neither `*` nor an ARN.",
			"A resource entry must be `*` or an ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`); a short ARN with an empty part or no service is refused too.",
			"Write the resource's full ARN, or `*`."},
		{"RESOURCE_SHORT_ARN", p, w, "A resource ARN with fewer than six parts.",
			"A resource ARN of three to five parts, such as `arn:aws:sqs:us-east-1:*`. IAM accepts it. One whose last part ends in `*` matches every ARN that begins with the text before that `*`; what one without that `*` matches is undocumented, and iamlogic takes the reading that denies, as it does for every short ARN in an SCP or RCP.",
			"Write the full ARN, with `*` for the parts that may be anything (`arn:aws:sqs:us-east-1:*:*`)."},
		{"RESOURCE_BAD_PARTITION", p, e, "A resource ARN with an unknown partition.",
			"The partition of a resource ARN is not one of AWS's (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`).",
			"Correct the partition, usually `aws`."},
		{"RESOURCE_SERVICE_WILDCARD", p, e, "A resource ARN whose service is a wildcard, a variable or empty.",
			"The service part of a resource ARN must be written out; a wildcard or a policy variable there is refused.",
			"Write the service (`arn:aws:s3:::bucket`), or use `*` for the whole resource."},
		{"RESOURCE_REGION_NOT_ALLOWED", p, e, "An IAM or S3 ARN with a region.",
			"IAM resources and S3 buckets and objects are global: their ARNs have an empty region (`arn:aws:s3:::bucket`, `arn:aws:iam::111122223333:role/name`).",
			"Remove the region from the ARN."},
		{"RESOURCE_IAM_TYPE", p, e, "An IAM ARN whose resource part is not an IAM resource type.",
			"The resource part of an IAM ARN must be `*` or start with a known IAM resource type (`user/`, `role/`, `policy/`, ...), without wildcards in the type.",
			"Start the resource part with the IAM resource type (`role/`, `user/`, ...)."},
		{"PRINCIPAL_PROHIBITED", p, e, "A principal in a policy type that takes none.",
			"Identity-based policies, permissions boundaries, session policies and SCPs apply to the identities they are attached to and name no principal. IAM answers \"Policy document should not specify a principal\".",
			"Remove `Principal` and `NotPrincipal`; attach the policy to the principal instead, or validate it as a resource or trust policy (`--type`)."},
		{"PRINCIPAL_MISSING", p, e, "A statement without a principal where one is required.",
			"Resource-based policies, role trust policies and RCPs must say whom a statement is about. IAM answers \"Missing required field Principal\".",
			"Add `Principal`, such as `{\"AWS\": \"arn:aws:iam::111122223333:root\"}`."},
		{"PRINCIPAL_BOTH", p, e, "The statement has both Principal and NotPrincipal.",
			"A statement holds `Principal` or `NotPrincipal`, not both.",
			"Keep one of the two."},
		{"PRINCIPAL_FORMAT", p, e, "A malformed principal.",
			"A principal given as a string other than `*`, an unknown key (not `AWS`, `Service`, `Federated` or `CanonicalUser`), an empty list, an account ID that is not 12 digits, or an ARN of a type that cannot be a principal. IAM answers \"Invalid principal in policy\".",
			"Write the principal as the message suggests, such as `{\"AWS\": \"arn:aws:iam::111122223333:role/name\"}`."},
		{"PRINCIPAL_PARTIAL_WILDCARD", p, e, "A principal with a wildcard other than a lone `*`.",
			"A principal can be `*` (everyone), but not a pattern such as `arn:aws:iam::111122223333:role/app-*`: wildcards do not match principals.",
			"Name the principals, or use `*` with a condition such as `aws:PrincipalArn` with `ArnLike`."},
		{"NOTPRINCIPAL_WITH_ALLOW", p, w, "NotPrincipal in an Allow statement.",
			"Most resource-based policy types reject `NotPrincipal` with `Allow`, not all; iamlogic lets such a statement allow no one. In the types that forbid `NotPrincipal` this is `PRINCIPAL_PROHIBITED`, `NOTPRINCIPAL_IN_TRUST` or `RCP_ELEMENT`.",
			"Use `Principal` with the principals to allow, or `NotPrincipal` only with `Deny`."},
		{"NOTPRINCIPAL_IN_TRUST", p, e, "NotPrincipal in a role trust policy.",
			"A role trust policy cannot use `NotPrincipal`.",
			"Name the principals that may assume the role with `Principal`."},
		{"TRUST_ACTION", p, e, "A trust policy action that is not an STS action.",
			"A role trust policy may only name STS actions (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`, `sts:TagSession`, `sts:SetSourceIdentity`, ...), and not with `NotAction`. IAM answers \"AssumeRole policy may only specify STS AssumeRole actions\".",
			"Keep only the STS actions; grant other actions with an identity-based policy of the role."},
		{"CONDITION_SHAPE", p, e, "A Condition that is not an object of objects of values.",
			"`Condition` must be `{\"Operator\": {\"key\": value or [values]}}`; a value must be a string, number or boolean, or a non-empty array of them.",
			"Rewrite the condition in that shape."},
		{"CONDITION_OPERATOR_UNKNOWN", p, e, "A condition operator that is not one of AWS's.",
			"The operator is not one of AWS's condition operators (`StringEquals`, `ArnLike`, `IpAddress`, `DateLessThan`, ...) with an optional `ForAllValues:` or `ForAnyValue:` prefix and `IfExists` suffix.",
			"Correct the operator's name; the names are case-sensitive."},
		{"CONDITION_NULL_MODIFIER", p, e, "IfExists on the Null operator.",
			"AWS forbids `IfExists` on `Null` (`NullIfExists`): `Null` already tests whether the key exists. `ForAllValues:Null` and `ForAnyValue:Null` are valid.",
			"Write `Null` without `IfExists`."},
		{"CONDITION_VALUE_TYPE", p, "an error for Date operators, a warning otherwise", "A condition value of the wrong type for its operator.",
			"A value that its operator cannot read: a `Null` or `Bool` value other than true or false, an invalid number, CIDR block or base64 value, or an invalid date. AWS rejects a policy with an invalid date; other such values are accepted and never match.",
			"Write the value in the operator's format (`2026-01-01T00:00:00Z` for dates, `10.0.0.0/8` for IP addresses)."},
		{"CONDITION_VARIABLE_NOT_ALLOWED", p, w, "A policy variable where it is not substituted.",
			"Numeric, Date, IP address, Binary and Null operators do not substitute policy variables: `${...}` in their values is literal text.",
			"Use a String or ARN operator for a value with a variable, or write the value out."},
		{"SID_DUPLICATE", p, "an error in identity, boundary, trust and session policies; a warning in the others", "Two statements with the same Sid.",
			"In IAM, the Sid value must be unique within a JSON policy. Other services set their own rules, so elsewhere it is a warning.",
			"Give each statement its own `Sid`, or remove the duplicates."},
		{"SID_CHARSET", p, w, "A Sid with characters other than ASCII letters and digits.",
			"IAM and Organizations accept only ASCII letters and digits in the `Sid` of the policy types they store.",
			"Write the `Sid` with letters and digits only (`ReadReports`)."},
		{"ID_IN_IDENTITY_POLICY", p, w, "A top-level Id in a policy type that takes none.",
			"Identity-based policies, boundaries, session policies, SCPs and RCPs do not accept the `Id` element.",
			"Remove `Id`."},
		{"VERSION_OLD_WITH_VARIABLES", p, w, "Policy variables in an old-language policy.",
			"Policy variables are substituted only under `\"Version\": \"2012-10-17\"`; in an older document they are literal text, so `${aws:username}` matches only that text.",
			"Write `\"Version\": \"2012-10-17\"`."},
		{"VARIABLE_SYNTAX", p, w, "A malformed policy variable.",
			"An unterminated `${`, an empty `${}` or a malformed default (`${key, 'default'}`): the text stays literal.",
			"Correct the variable, or escape a literal `$` as `${$}`."},
		{"VARIABLE_OUTSIDE_RESOURCE_PART", p, w, "A policy variable in a part of an ARN where it is not substituted.",
			"Variables are substituted only in the resource part of an ARN (after the fifth colon); in the partition, service, region or account part they are literal text.",
			"Move the variable into the resource part, or use a condition such as `aws:ResourceAccount`."},
		{"RCP_ALLOW", p, e, "An Allow statement in a resource control policy.",
			"Only the AWS-managed RCPFullAWSAccess may allow; a customer RCP holds Deny statements. Organizations answers \"The effect of Allow is only supported for RCPFullAWSAccess\".",
			"Rewrite the statement as a `Deny` of what must not be allowed."},
		{"RCP_ELEMENT", p, e, "An element or value that RCPs do not accept.",
			"A resource control policy accepts neither `NotAction` nor `NotPrincipal`, and its `Principal` must be `\"*\"`.",
			"Use `Action` and `\"Principal\": \"*\"`, with conditions to narrow the callers."},
		{"SIZE_LIMIT", p, w, "The document is larger than its policy type's quota.",
			"The document exceeds AWS's size quota for its type (6,144 characters for a managed policy, 2,048 for a role trust policy, 5,120 for an SCP or RCP, ...). It is a warning because AWS managed policies exceed the customer quota and a decision must not depend on quotas.",
			"Shorten the policy (wildcards, fewer statements) or split it in two."},
		{"INPUT_LIMIT", p, e, "The document exceeds one of iamlogic's safety limits.",
			"The document is larger than 1 MiB, nested deeper than 16 levels, has more than 1,000 statements, a string or number longer than 8 KiB, or more than 1,000 condition clauses in one statement. Not an AWS rule: these bounds keep the work on untrusted input small.",
			"Check that the file is the policy meant; no AWS policy comes near these limits."},
		{"POLICY_TYPE", p, e, "An unknown policy type.",
			"The policy type asked for is not one of identity, resource, trust, boundary, session, scp, rcp and endpoint. Not an AWS rule.",
			"Pass one of those types."},

		{"ACTION_SERVICE_UNKNOWN", c, w, "An action's service prefix is not one AWS has.",
			"The service prefix is not in AWS's Service Authorization Reference (the catalog iamlogic embeds): a typo, or a retired service. The statement then matches no request of that service.",
			"Write the prefix the message suggests, or remove the action."},
		{"ACTION_UNKNOWN", c, w, "An action the service does not have.",
			"The service is known, but the action is not in its list of actions in AWS's Service Authorization Reference: a typo, or a retired action.",
			"Write the action the message suggests, or remove it."},
		{"ACTION_PATTERN_EMPTY", c, w, "An action pattern that covers no action.",
			"A pattern such as `s3:Get*Acl*x` matches none of the service's actions, so the entry allows or denies nothing.",
			"Correct the pattern; `iamlogic actions PATTERN` lists what a pattern covers."},
		{"RESOURCE_TYPE_MISMATCH", c, w, "No action of the statement applies to any resource it names.",
			"Per the resource types of AWS's Service Authorization Reference, none of the statement's actions can be authorized against any of its resources (`s3:GetObject` on a bucket ARN): the statement grants or denies nothing.",
			"Name the resource type the actions apply to (`arn:aws:s3:::bucket/*` for objects)."},
		{"CONDITION_KEY_UNKNOWN", c, w, "A condition key that is neither global nor one of the service's.",
			"The key is not an AWS global condition key nor a key of the service named by its prefix; a request never has it, so the condition never matches (or always does, with `IfExists` or a negated operator).",
			"Write the key the message suggests, with its service prefix."},
		{"CONDITION_OPERATOR_TYPE", c, w, "An operator of the wrong type for its key.",
			"The operator compares values as another type than the key's: `StringEquals` on the IP address key `aws:SourceIp`, a Date operator on a string key. AWS compares the values as the operator says, which rarely means what was meant.",
			"Use the operator of the key's type, as the message suggests."},
		{"CONDITION_SET_ON_SINGLE_VALUED", c, w, "ForAllValues or ForAnyValue on a single-valued key.",
			"Set operators are for multivalued keys. `ForAllValues` on a single-valued key is also true when the key is absent, which can allow more than meant.",
			"Drop the `ForAllValues:`/`ForAnyValue:` prefix."},
		{"CONDITION_PLAIN_ON_MULTIVALUED", c, w, "An operator without ForAllValues or ForAnyValue on a multivalued key.",
			"A multivalued key such as `aws:TagKeys` needs a set operator: a plain operator on it does not test each value.",
			"Prefix the operator with `ForAnyValue:` or `ForAllValues:`."},
		{"PASSROLE_WILDCARD", c, w, "iam:PassRole allowed on every role.",
			"Passing any role to a service lets the caller give that service, and so itself, the permissions of every role in the account: a privilege-escalation path.",
			"Name the roles that may be passed in `Resource`, and add an `iam:PassedToService` condition."},
		{"ALLOW_NOT_ACTION", c, w, "An Allow statement with NotAction.",
			"`Allow` with `NotAction` allows every action not listed, including those of services AWS adds later.",
			"List the actions to allow with `Action`."},
		{"ALLOW_NOT_RESOURCE", c, w, "An Allow statement with NotResource.",
			"`Allow` with `NotResource` allows the actions on every resource not listed, including resources created later.",
			"List the resources to allow with `Resource`."},
		{"PRINCIPAL_PUBLIC", c, w, "A resource or trust policy allows everyone.",
			"The statement allows `\"Principal\": \"*\"` (or every AWS account) without a condition that narrows the callers, such as `aws:PrincipalOrgID`, `aws:SourceAccount` or `aws:SourceVpce`.",
			"Name the principals, or add a condition that narrows them; `iamlogic public` proves whether the policy is public."},
		{"OIDC_TRUST_CONDITIONS", c, w, "An OIDC trust without conditions on the token's audience and subject.",
			"The trust policy lets the users of an OIDC provider (such as GitHub Actions) assume the role without conditions on `aud` and `sub`: any repository or workload of that provider can then assume it.",
			"Add `StringEquals` on the provider's `aud` key and `StringLike` on its `sub` key (for GitHub: `token.actions.githubusercontent.com:sub`)."},
		{"SERVICE_PRINCIPAL_UNKNOWN", c, w, "A service principal that looks misspelt.",
			"The service principal is not one AWS services use but is close to one (`lamda.amazonaws.com`); no service then matches the statement.",
			"Write the service principal the message suggests."},

		{ruleTestDecision, t, e, "An access-test case got another decision than it expects.",
			"The policies of the case decide the request otherwise than the case's `expected` says (`expected allowed, got implicitDeny`). The message gives the reason, the policy type that blocked and the deciding statements at `FILE:LINE:COL`.",
			"Fix the policy the deciding statements point at, or the expectation if the policy is right."},
		{ruleTestUndocumented, t, e, "The decision relied on other undocumented behaviours than the case lists.",
			"The case's `undocumented` list is the exact set of behaviours AWS does not document that the decision must rely on, and the decision relied on others.",
			"Update the case's `undocumented` list, or the policy so that the decision no longer rests on an undocumented reading."},
		{ruleTestStrict, t, e, "A strict access-test case has a gap.",
			"A case with `\"settings\": {\"strict\": true}` fails when the decision assumed a key AWS always sets, relied on an undocumented behaviour or tested a condition key the request lacks.",
			"Give the request the keys the message names (in `context`), or drop `strict`."},
		{ruleTestCannotEvaluate, t, e, "An access-test case cannot be evaluated.",
			"A policy of the case cannot be read or is invalid (its findings follow, at their positions), or the request cannot be understood.",
			"Fix the policy findings or the request."},
		{ruleTestFileInvalid, t, e, "A file is not an access-test file.",
			"The file is not JSON, or not a case, an array of cases, `{\"cases\": [...]}` or (`.jsonl`) one case per line, or a case has an unknown field.",
			"See docs/access-test-format.md."},

		{ruleNewAccess, a, e, "The candidate policy allows a request the reference denies.",
			"`iamlogic diff` found a request that the candidate allows and the reference denies (IAM Access Analyzer's CheckNoNewAccess). The result is at the candidate's statement that allows it, and the message shows the request, replayed through the evaluator.",
			"Narrow the candidate's statement, or accept the new access by updating the reference."},
		{ruleAccessGranted, a, e, "The policy allows an action it must never allow.",
			"`iamlogic not-granted` found a request for one of the actions (on one of the resources) that the policy allows (IAM Access Analyzer's CheckAccessNotGranted). The result is at the statement that allows it, and the message shows the request.",
			"Remove the action from the statement, or add a `Deny`."},
		{rulePublicAccess, a, e, "The resource policy allows a caller outside the account or anonymous.",
			"`iamlogic public` found a caller outside the resource's account and organization, or an anonymous one, that the policy allows (IAM Access Analyzer's CheckNoPublicAccess). The result is at the statement that allows it, and the message shows the request.",
			"Name the principals, or add a condition with a fixed value that narrows them (`aws:PrincipalOrgID`, `aws:SourceVpce`, `aws:SourceAccount`)."},
		{ruleAnalysisUnknown, a, w, "The analysis could not decide.",
			"A budget ran out, or the policy uses something the analysis does not model (such as policy variables in a resource); the message says which. There is no proof either way.",
			"Raise `--max-evaluations`, or simplify the policy; an access test (`iamlogic test`) can still check the requests that matter."},

		{ruleFileUnreadable, f, e, "An input file cannot be read or used.",
			"The file named on the command line does not exist, is not readable or is a directory, or it is not what the command reads: a template or plan that cannot be read, several policies where one is needed (name one as `FILE#ADDRESS`), not a Terraform plan. Nothing was checked in it.",
			"Check the path, relative to the directory the command runs in, and the message, which says what the file holds."},
	}
}
