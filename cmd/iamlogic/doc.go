// Command iamlogic checks AWS IAM policy documents and decides, offline and
// as AWS does, whether a set of policies allows a request. It is built for
// CI: every subcommand has documented exit codes and machine-readable
// output formats, and every message names the file, line and column.
//
// Usage:
//
//	iamlogic validate [--type TYPE] [--managed] [--format text|json|github|sarif] FILE|DIR|-...
//	iamlogic diff [--type TYPE] REFERENCE CANDIDATE | PLAN
//	iamlogic eval --action ACTION --resource ARN [flags]
//	iamlogic test [--format text|json|github|junit|tap|sarif] [--run REGEXP] [-v] FILE...
//	iamlogic actions [--format text|json] PATTERN...
//	iamlogic diff|not-granted|public [--format text|json|github|sarif] ...
//	iamlogic version (or iamlogic --version)
//	iamlogic help [SUBCOMMAND]
//
// Flags may be written before or after file arguments
// ("iamlogic validate policy.json --type trust"); "--" ends the flags. Both
// -flag and --flag are accepted. A flag that takes one value (every flag
// but those documented as repeatable, such as --identity and --context) is
// a usage error when given twice. "iamlogic SUBCOMMAND -h" prints the
// subcommand's usage.
//
// # CI formats
//
// Every result has a rule id: a finding code of package policy or lint, or
// a rule of the commands (TEST_DECISION, NEW_ACCESS, FILE_UNREADABLE, ...),
// each explained in docs/findings.md. --format github writes workflow
// commands; --format sarif a SARIF 2.1.0 log (validate, test, diff,
// not-granted, public), one writer for every command: each rule with its
// descriptions, help and a helpUri into docs/findings.md, the driver's
// version and, when it is semver, semanticVersion; test also writes JUnit
// XML (--format junit) and TAP version 13 (--format tap). The JSON, JUnit,
// TAP and SARIF reports count a file that cannot be read as a failure, with
// an entry of its own.
//
// # Exit status
//
// Every subcommand exits with
//
//	0  success
//	1  the check failed: an invalid policy (validate, eval), a decision other
//	   than --expect or a gap under --strict (eval), a failing test case
//	   (test), a pattern that covers no action (actions)
//	2  the check could not run: bad usage, a file that cannot be read, a file
//	   that is not an access-test file (test), a request that cannot be
//	   understood (eval)
//
// iamlogic never exits 0 when something went wrong, and never prints a Go
// stack trace.
//
// # validate
//
// validate parses each policy file and checks it against the rules AWS
// applies to the policy type given by --type: identity (the default),
// resource, trust, boundary, session, scp, rcp or endpoint. It exits 0 when
// every file is valid (warnings allowed), 1 when any finding is an error and
// 2 when a file cannot be read or the usage is wrong. --managed adds the
// rules IAM applies when a customer managed policy is created (Version must
// be "2012-10-17"); without it an identity policy is held to the rules of
// inline policies, which accept "2008-10-17" or no Version.
//
// Findings go to standard output in the format chosen by --format:
//
//   - text: one line per finding,
//     "FILE:LINE:COL: SEVERITY: MESSAGE [CODE]" (FILE alone when the
//     finding has no position, such as a document over the size limit).
//   - json: an array of objects with the fields, in this order, file, line,
//     column, severity ("error" or "warning"), code, message and pointer (the
//     RFC 6901 JSON pointer of the element; "" for the whole document).
//   - github: GitHub Actions workflow commands, "::warning" for warnings and
//     otherwise "::error file=F,line=L,col=C,title=CODE::MESSAGE", with "%",
//     CR and LF escaped in the message and also ":" and "," in the
//     properties, so that each finding becomes an annotation on the pull
//     request.
//   - sarif: a SARIF 2.1.0 log for code scanning (for example GitHub's
//     upload-sarif action): one run whose tool.driver is iamlogic, one rule per
//     finding code used, and one result per finding with its ruleId, level
//     (error or warning), message and location (artifact URI, start line and
//     start column in UTF-16 code units). Files that cannot be read are
//     FILE_UNREADABLE results and tool execution notifications of an
//     unsuccessful invocation.
//
// The summary line, "N files, N errors, N warnings" (with the singular for a
// count of 1, and "; N files could not be read" when some could not; such a
// file counts among the files and the errors), and
// problems reading files go to standard error in every format, so that
// standard output holds only findings.
//
// # Where policies live
//
// validate, eval, diff, not-granted and public read their policy
// arguments through package source: a file is a loose policy document, a
// CloudFormation template (JSON or YAML, short-form tags such as !Sub
// included) or a Terraform plan (terraform show -json), recognised by its
// content; "-" is standard input (named <stdin> in messages); validate
// also takes directories, every *.json, *.yaml, *.yml and *.template file
// under them in lexical order, hidden directories left out. Each policy of
// a template or plan is checked as the type its resource implies (a role's
// AssumeRolePolicyDocument as a trust policy, a bucket, queue, topic or
// key policy as a resource policy); --type applies to loose files only. Its
// positions are those of the file (line and column of the YAML, or of the
// character of the plan's JSON string), and its findings name it after the
// severity, "FILE:LINE:COL: error: ADDRESS: message", where ADDRESS is the
// logical ID and property path (AppRole.Policies[0].PolicyDocument) or the
// resource address and attribute (module.x.aws_iam_role.y.assume_role_policy).
// FILE#ADDRESS names one document where a command takes one policy.
//
// A value that is not known offline (Ref of a parameter, Fn::GetAtt,
// Fn::If, AWS::AccountId, a Terraform value known after apply) is one
// UNRESOLVED_VALUE warning per document, never an error, and is read so
// that it never grants: in an Allow it matches nothing, in a Deny
// everything; a decision that relied on one reports the undocumented
// behaviour unknown-value, and the analyses answer UNKNOWN rather than
// PASS. diff with one plan argument compares the before and after of every
// policy the plan changes, one answer per address (see diff -h).
//
// # eval
//
// eval decides one request described by flags against policies read from
// files:
//
//	--principal ARN              the caller (user, role, assumed-role session,
//	                             federated-user or root ARN; a service principal;
//	                             federated:PROVIDER); omitted: anonymous
//	--session-issuer ARN         for a role session, the role's ARN with its path
//	--principal-account ID       the caller's account (default: from the ARN)
//	--action SERVICE:ACTION      required
//	--resource ARN               required; "*" for actions without resources
//	--resource-account ID        the resource's account (default: from the ARN)
//	--context KEY=VALUE          a request condition key; repeat a key to make
//	                             it multivalued
//	--context-multi KEY=VALUE    a multivalued key, even with a single value
//	--identity FILE              an identity-based policy (repeatable)
//	--resource-policy FILE       the resource-based policy
//	--trust                      check the resource policy as a role trust policy
//	--boundary FILE              the permissions boundary
//	--session-policy FILE        a session policy (repeatable)
//	--scp FILE[,FILE...]         the SCPs of one organization level, root first
//	                             (one flag per level)
//	--rcp FILE[,FILE...]         the RCPs of one level, root first
//	--endpoint-policy FILE       a VPC endpoint policy (repeatable)
//	--management-account         the caller is in the management account
//	--resource-management-account
//	                             the resource is in the management account
//	--service-linked-role        the caller is a service-linked role
//	--json                       print a JSON object instead of text
//	--expect DECISION            exit 1 unless the decision is DECISION
//	--strict                     exit 1 when the decision has a gap (below)
//
// The resource policy is checked as a trust policy when --trust is given,
// and automatically when the action is an sts: action on a role ARN (the
// rule access-test files use).
//
// The text output names the decision (allowed, explicitDeny or
// implicitDeny), the reason and, for a deny, the type of policy that blocked,
// then the deciding statements, one per line:
//
//	FILE:LINE:COL SID (EFFECT, POLICY statement N)
//
// and last the gaps of the decision, what it did not know for certain:
//
//	assumed: ASSUMPTION; ASSUMPTION        keys AWS always sets that the request
//	                                       did not give (aws:SecureTransport
//	                                       defaulted to true, ...)
//	undocumented: NAME (READING)           a behaviour AWS does not document that
//	                                       the decision relied on, with the reading
//	                                       taken, which denies (one line each)
//	missing context keys: "KEY", "KEY"     condition keys that statements which
//	                                       matched test and the request lacks
//
// With --json, eval prints one object
//
//	{"decision": "allowed"|"explicitDeny"|"implicitDeny", "reason": "...",
//	 "blockedBy": "...", "deciding": [STATEMENT...], "applicable": [STATEMENT...],
//	 "notApplied": [...], "assumptions": [ASSUMPTION...],
//	 "undocumented": [NAME...], "missingKeys": [KEY...]}
//
// where each STATEMENT is {file, line, column, sid, effect, policyType,
// level (SCPs and RCPs only), statement (its index), principalMatch (for
// applicable statements of policies with a Principal)}; the last three
// fields are always arrays, empty when the decision has no such gap.
//
// With --strict, a decision with any gap is still printed, and standard
// error gets one line, "iamlogic eval: strict: GAP; GAP", in the words of
// a strict access-test case ("assumed aws:SecureTransport defaulted to
// true", "relied on undocumented behaviour short-arn", "the request lacks
// aws:MultiFactorAuthPresent").
//
// With --open KEY (repeatable), eval leaves those condition keys open and
// prints, instead of one decision, the residual: the conditions on the
// open keys under which the request is allowed, a disjunction of
// conjunctions such as
//
//	residual: allowed when sts:ExternalId equals "x" and aws:MultiFactorAuthPresent is true
//
// ("never allowed", "always allowed", or "unknown: REASON"), each term
// with a witness the evaluator allowed and its deciding statements
// (analysis.Conditions); it exits 3 when the residual is unknown.
//
// eval exits 0 when the request was decided (whatever the decision, unless
// --expect or --strict is given), 1 when the decision differs from --expect,
// when --strict found a gap or when a policy is invalid (its findings are
// printed on standard error as "FILE:LINE:COL: MESSAGE [CODE]"), and 2 for
// bad usage, an unreadable file or a request the evaluator cannot understand.
//
// # test
//
// test runs access-test files: .json files holding a case, an array of cases
// or {"cases": [...]}, and .jsonl files holding one case per line. A case
// is an object with a name, an optional description, a request, the policies
// that take part (identityPolicies, resourcePolicy, permissionsBoundary,
// sessionPolicy, scps, rcps, endpointPolicies), settings and the expected
// decision; unknown fields are an error. Policies named by a
// path are read relative to the file that names them. --run REGEXP runs only
// the cases whose name matches; -v also prints "ok NAME" for passing cases,
// each followed by its gaps, one "    gap: GAP" line each.
//
// A quantified case is about a set of requests: its principal is "*" (every
// caller, in every context) or an account ID (every IAM identity of the
// account), its action a pattern, request.open lists condition keys left
// open, or it expects "neverAllowed". It passes when the analysis proves that
// no request of the set is allowed (neverAllowed), or finds one that is
// (allowed); a failure shows the witness request and its deciding
// statements.
//
// A failing case prints
//
//	FAIL NAME: expected DECISION, got DECISION
//
// followed by indented lines: the reason, the policy type that blocked, the
// deciding statements as "FILE:LINE:COL SID (...)" (positions of inline
// policies are positions in the access-test file), a "gap: GAP" line for
// each gap of the decision, the case's own position and its description. A
// strict case (settings.strict) with a gap fails with
// "FAIL NAME: strict: GAP; GAP", and a case with an undocumented list fails
// when the decision relied on other behaviours. A case whose policies
// cannot be read or are invalid, or whose request cannot be understood,
// fails with
//
//	FAIL NAME: cannot evaluate: ...
//
// followed by the policy's findings at their place in the files. The last
// line of standard output is exactly "N passed, N failed".
//
// With --format github, each failing case is an "::error" workflow command at
// the case's line, followed by the summary line. With --format junit, test
// prints JUnit XML as Jenkins, GitLab and Azure DevOps read it: a
// <testsuite> per file, a <testcase> per case (classname: the file), a
// <failure> whose message is the problem, whose type is the rule, and whose
// text is the explanation; a file that cannot be used is a testsuite whose
// one testcase has an <error>. With --format tap, TAP version 13: the plan,
// "ok N - NAME" or "not ok N - NAME" with a YAML block (message, severity,
// type, file, line, expected, got, details). With --format sarif, a result
// per failing case at the case's line. With --format json, test
// prints {"passed": N, "failed": N, "cases": [...]} where each case has the
// fields name, file, line, ok, expected, got, reason, blockedBy, deciding
// (statements as for eval), notApplied, error and gaps (an array of GAP
// strings, empty when there is none); the summary line then goes to
// standard error.
//
// test exits 0 when every case passed, 1 when any failed or could not be
// evaluated, and 2 when a file cannot be read or is not an access-test file
// (its problem is printed as FILE:LINE:COL: message on standard error).
//
// # actions
//
// actions lists the actions that IAM action patterns cover, from AWS's
// Service Authorization Reference as package catalog embeds it: one line
// per action, "service:Action", a tab and its access level (List, Read,
// Write, Permissions management or Tagging), sorted by service then name,
// each action once. Patterns match as in a policy's Action element,
// ignoring case, with '*' and '?'; the service prefix may hold wildcards
// too ("*:Describe*"). With --format json it prints an array of
// {action, accessLevel, resourceTypes}. A pattern that covers no action is
// reported on standard error, with the closest known action ("did you mean
// s3:GetObject?") or service prefix, and makes the exit status 1; no
// pattern at all is bad usage (2).
//
// # Examples
//
// In a GitHub Actions job:
//
//	iamlogic validate --format github policies/*.json
//	iamlogic validate --type trust --format sarif roles/*-trust.json > iamlogic.sarif
//	iamlogic test --format github access-tests/*.jsonl
//	iamlogic eval --principal arn:aws:iam::111122223333:role/app \
//	    --action s3:GetObject --resource arn:aws:s3:::corp-data/reports/q1.csv \
//	    --identity policies/app.json --scp scps/root.json --scp scps/prod.json,scps/region.json \
//	    --expect allowed
//	iamlogic actions 's3:Put*' 'iam:Pass*'
//
// # diff, not-granted, public
//
// With --format github or sarif, a FAIL is a result at the Allow statement
// that grants each witness, with the witness request in its message; an
// UNKNOWN is a warning at the policy file; a PASS has none.
//
// # version
//
// version (and iamlogic --version) prints the module version iamlogic was
// built from (runtime/debug.ReadBuildInfo), or "(devel)", then the data
// version of the action catalog: "catalog data VERSION".
package main
