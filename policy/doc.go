// Package policy parses, validates and prints AWS IAM policy documents.
//
// # Parsing
//
// [Parse] reads a JSON policy document into a [Policy] whose every element
// knows its [Position] (byte offset, line and column) in the source. It is
// strict, as AWS is when a policy is created, and it reports every problem
// of a document, not only the first, as a [Findings] error. Each [Finding]
// has a [Code] from the validation catalogue of the specification, a
// severity, a message that says what was found and what is expected, a
// position and an RFC 6901 JSON pointer (such as /Statement/0/Action/1).
//
// Parse checks everything that does not depend on how the policy is used:
//
//   - JSON: the document is valid JSON (the position of the first syntax
//     error is reported), a single object with nothing after it, and every
//     character is TAB, LF, CR or in U+0020–U+00FF, including characters
//     written as \u escapes (so invalid UTF-8 and NUL are rejected);
//   - no key appears twice in one object, at any level: top level,
//     statements, principal maps, Condition blocks and the keys under one
//     operator (keys are compared after unescaping);
//   - element names are the grammar's, with the right case (a near miss
//     such as "effect" gets a hint), and every element has the right JSON
//     type;
//   - Version is "2012-10-17" or "2008-10-17"; Statement is an object or a
//     non-empty array of objects; Effect is exactly "Allow" or "Deny";
//   - Action or NotAction (not both, not empty) with entries "*" or
//     "service:pattern" (one colon, a literal service prefix);
//   - Resource or NotResource (not both, not an empty list) with entries
//     "*" or ARNs with a known partition, a literal service, no region for
//     IAM and S3 bucket/object ARNs, and a known resource type for IAM, or
//     short ARNs of three to five parts without an empty part
//     ("arn:aws:sqs:us-east-1:*");
//   - Principal or NotPrincipal (not both): "*" or a map of AWS, Service,
//     Federated and CanonicalUser to non-empty lists of well-formed
//     principals (12-digit account IDs, root/user/role/session ARNs, no
//     wildcard other than "*" alone, no groups);
//   - Condition: an object of operators, each an object of keys with a
//     scalar or a non-empty array of scalars (numbers and booleans become
//     their literal text); operators are AWS's (the message suggests the
//     right case); Null takes no IfExists (ForAllValues:Null and
//     ForAnyValue:Null are valid); Date values are dates (AWS rejects a
//     policy with an invalid date).
//
// A document converted from another format (a YAML template, a policy
// held in a JSON string of a Terraform plan) is parsed with [ParseMapped],
// whose positions are those of the original; it may hold placeholders,
// values the original leaves unknown offline ([IsPlaceholder]), which the
// evaluator reads so that they never grant. Package source uses it.
//
// # Validation per policy type
//
// [Policy.Validate] applies the rules of one policy [Type] (identity,
// resource, trust, boundary, session, scp, rcp, endpoint): whether
// Principal and NotPrincipal are required or forbidden, NotPrincipal with
// Allow (a warning: most resource-based policy types refuse it), Resource required (identity, boundary, session, SCP, RCP),
// optional (resource-based and endpoint policies, where it means the
// attached resource) or prohibited (trust policies), trust policies limited
// to sts: actions, RCP rules (Version 2012-10-17, Deny only except
// RCPFullAWSAccess, Principal "*", no NotAction or NotPrincipal), Sid
// characters for policies stored by IAM and Organizations, unique Sids (an
// error in the policy types IAM processes, a warning elsewhere), and the size
// quota of the type. It also reports the warnings that do not depend on
// the type: a missing Version, short resource ARNs (RESOURCE_SHORT_ARN),
// malformed or misplaced policy variables, variables under the old
// Version, and condition values that can never match.
//
// [Policy.ValidateWith] and [Policy.CheckWith] take [Options]:
// Options{Managed: true} adds the rule IAM applies when a customer managed
// policy is created or given a new version, Version "2012-10-17" (inline
// policies also accept "2008-10-17" or no Version).
//
// [Policy.Check] combines the error-severity findings of Parse and
// Validate: the evaluator calls it and refuses a policy with errors.
// Warnings never make Check fail.
//
// Size quotas (SIZE_LIMIT) are warnings, because evaluation must not depend
// on them and because AWS managed policies exceed the customer quota: 6,144
// characters without white space for managed identity, boundary and session
// policies (inline policies share smaller per-principal aggregates, which a
// single document cannot be checked against), 2,048 for trust policies
// (the default quota, which is adjustable), 5,120 characters including
// white space for SCPs and RCPs, and a generous 20,480 for resource-based
// and endpoint policies, whose quotas vary by service. White space inside
// strings counts; white space between tokens does not.
//
// # Limits
//
// Parse is meant for untrusted input. [MaxDocumentBytes], [MaxDepth],
// [MaxStatements], [MaxStringLength] and [MaxConditionClauses] bound the
// work and memory it spends; input beyond them is rejected with an
// INPUT_LIMIT error (oversized or too deeply nested documents before any
// parsing). Parse lists at most 1,000 findings per document and counts the
// rest in a last finding.
//
// # Canonical form
//
// [Policy.MarshalJSON] prints a deterministic, compact form: keys in a fixed
// order, Statement and value lists always arrays, condition values as
// strings. Parsing the canonical form gives back an [Equal] policy, and
// printing that again gives the same bytes, so the canonical form can be
// used to compare and hash policies.
//
// # encoding/json
//
// A Policy is also a target of json.Unmarshal ([Policy.UnmarshalJSON]): as
// strict as Parse, it also rejects a document that no policy type accepts.
// json.Marshal of a *Policy gives the canonical form, which unmarshals to
// an Equal policy. [MustParse] is Parse for tests and package-level
// policies known to be valid.
//
// A parsed Policy is not modified by any method and is safe for concurrent
// use.
package policy
