package policy

import (
	"strconv"
	"strings"
)

// Code identifies a kind of problem found in a policy document. The values
// are those of the validation catalogue of the specification (SPEC §3.8 and
// §2.5), plus [CodeInputLimit] for the safety limits of this package and
// [CodePolicyType] for an unknown policy type.
type Code string

// The finding codes. Unless noted, a finding with one of these codes has
// severity [Error].
const (
	// CodeSyntax: not JSON, not an object, trailing data, or a character
	// outside TAB, LF, CR and U+0020–U+00FF; also an element of the wrong
	// JSON type.
	CodeSyntax Code = "SYNTAX"
	// CodeDuplicateKey: the same key twice in one JSON object, at any level.
	CodeDuplicateKey Code = "DUPLICATE_KEY"
	// CodeUnknownElement: an element name that is not part of the grammar,
	// or a known name spelled with the wrong case.
	CodeUnknownElement Code = "UNKNOWN_ELEMENT"
	// CodeVersionInvalid: Version is not "2012-10-17" or "2008-10-17" (or is
	// missing or old where "2012-10-17" is required: in an RCP, and in a
	// managed policy validated with [Options.Managed]).
	CodeVersionInvalid Code = "VERSION_INVALID"
	// CodeVersionMissing ([Warning]): the document has no Version element.
	// AWS accepts it (except where [CodeVersionInvalid] says otherwise) and
	// reads it in the older policy language, where policy variables are
	// literal text (reference_policies_variables.md).
	CodeVersionMissing Code = "VERSION_MISSING"
	// CodeStatementMissing: the document has no usable Statement element.
	CodeStatementMissing Code = "STATEMENT_MISSING"
	// CodeStatementEmpty: Statement is an empty array, or one of its entries
	// is not an object.
	CodeStatementEmpty Code = "STATEMENT_EMPTY"
	// CodeEffectInvalid: Effect is missing, not a string, or not exactly
	// "Allow" or "Deny".
	CodeEffectInvalid Code = "EFFECT_INVALID"
	// CodeActionMissing: neither Action nor NotAction, or an empty list.
	CodeActionMissing Code = "ACTION_MISSING"
	// CodeActionBoth: both Action and NotAction in one statement.
	CodeActionBoth Code = "ACTION_BOTH"
	// CodeActionFormat: an action other than "*" without a service prefix.
	CodeActionFormat Code = "ACTION_FORMAT"
	// CodeActionColons: an action with more than one colon.
	CodeActionColons Code = "ACTION_COLONS"
	// CodeActionVendor: a service prefix with characters outside
	// [A-Za-z0-9.-] (for example a wildcard).
	CodeActionVendor Code = "ACTION_VENDOR"
	// CodeResourceMissing: neither Resource nor NotResource where the
	// policy type requires one, or an empty list.
	CodeResourceMissing Code = "RESOURCE_MISSING"
	// CodeResourceBoth: both Resource and NotResource in one statement.
	CodeResourceBoth Code = "RESOURCE_BOTH"
	// CodeResourceProhibited: Resource or NotResource in a role trust policy.
	CodeResourceProhibited Code = "RESOURCE_PROHIBITED"
	// CodeResourceNotARN: a resource that is neither "*" nor ARN-shaped,
	// or a short ARN with an empty part ("arn:aws:s3::b") or no service.
	CodeResourceNotARN Code = "RESOURCE_NOT_ARN"
	// CodeResourceShortARN ([Warning]): a resource ARN of three to five
	// parts, such as "arn:aws:sqs:us-east-1:*" (SPEC §2.5, revision 2). IAM
	// accepts it. One whose last part ends in '*' matches every ARN that
	// begins with the text before that '*'; what one without that '*'
	// matches is undocumented, and the evaluator takes the reading that
	// denies (SPEC §10.1), as it does for every short ARN in an SCP or RCP.
	CodeResourceShortARN Code = "RESOURCE_SHORT_ARN"
	// CodeResourceBadPartition: a resource ARN with an unknown partition.
	CodeResourceBadPartition Code = "RESOURCE_BAD_PARTITION"
	// CodeResourceServiceWildcard: a resource ARN whose service part holds
	// a wildcard or a variable, or is empty.
	CodeResourceServiceWildcard Code = "RESOURCE_SERVICE_WILDCARD"
	// CodeResourceRegionNotAllowed: an IAM, S3 bucket or S3 object resource
	// ARN with a region.
	CodeResourceRegionNotAllowed Code = "RESOURCE_REGION_NOT_ALLOWED"
	// CodeResourceIAMType: an IAM resource ARN whose resource part is not
	// "*" and does not start with a known IAM resource type.
	CodeResourceIAMType Code = "RESOURCE_IAM_TYPE"
	// CodePrincipalProhibited: Principal or NotPrincipal in a policy type
	// that does not accept them.
	CodePrincipalProhibited Code = "PRINCIPAL_PROHIBITED"
	// CodePrincipalMissing: a statement without Principal or NotPrincipal in
	// a policy type that requires one.
	CodePrincipalMissing Code = "PRINCIPAL_MISSING"
	// CodePrincipalBoth: both Principal and NotPrincipal in one statement.
	CodePrincipalBoth Code = "PRINCIPAL_BOTH"
	// CodePrincipalFormat: a malformed principal (string form other than
	// "*", unknown key, empty list, account ID not 12 digits, unsupported
	// ARN type, …).
	CodePrincipalFormat Code = "PRINCIPAL_FORMAT"
	// CodePrincipalPartialWildcard: a principal with a wildcard other than
	// the single value "*".
	CodePrincipalPartialWildcard Code = "PRINCIPAL_PARTIAL_WILDCARD"
	// CodeNotPrincipalWithAllow ([Warning]): NotPrincipal in an Allow
	// statement of a resource-based or endpoint policy. Most resource-based
	// policy types reject it, not all
	// (reference_policies_elements_notprincipal.md); the evaluator lets such
	// a statement allow no one. In the types that forbid NotPrincipal it is
	// PRINCIPAL_PROHIBITED, NOTPRINCIPAL_IN_TRUST or RCP_ELEMENT.
	CodeNotPrincipalWithAllow Code = "NOTPRINCIPAL_WITH_ALLOW"
	// CodeNotPrincipalInTrust: NotPrincipal in a role trust policy.
	CodeNotPrincipalInTrust Code = "NOTPRINCIPAL_IN_TRUST"
	// CodeTrustAction: a trust policy action that is not an STS action, or
	// NotAction in a trust policy.
	CodeTrustAction Code = "TRUST_ACTION"
	// CodeConditionShape: Condition is not an object of objects, or a value
	// is not a scalar or a non-empty array of scalars.
	CodeConditionShape Code = "CONDITION_SHAPE"
	// CodeConditionOperatorUnknown: a condition operator that is not one of
	// AWS's.
	CodeConditionOperatorUnknown Code = "CONDITION_OPERATOR_UNKNOWN"
	// CodeConditionNullModifier: IfExists on Null (NullIfExists, with or
	// without a set qualifier). AWS forbids only IfExists on Null
	// (reference_policies_elements_condition_operators.md: "You can add
	// IfExists to the end of any condition operator name except the Null
	// condition"): ForAllValues:Null and ForAnyValue:Null are valid operators.
	CodeConditionNullModifier Code = "CONDITION_NULL_MODIFIER"
	// CodeConditionValueType: a condition value that is invalid for its
	// operator. An error for Date operators (AWS rejects the policy), a
	// [Warning] otherwise (the value never matches).
	CodeConditionValueType Code = "CONDITION_VALUE_TYPE"
	// CodeConditionVariableNotAllowed ([Warning]): a policy variable in the
	// value of an operator that does not substitute variables (Numeric,
	// Date, IP, Binary, Null); the text is literal.
	CodeConditionVariableNotAllowed Code = "CONDITION_VARIABLE_NOT_ALLOWED"
	// CodeSidDuplicate: two statements with the same non-empty Sid. An
	// error in the policy types IAM processes (identity, boundary, trust,
	// session: "In IAM, the Sid value must be unique within a JSON
	// policy"); a [Warning] in the others, whose services set their own
	// rules.
	CodeSidDuplicate Code = "SID_DUPLICATE"
	// CodeSidCharset ([Warning]): a Sid with characters other than ASCII
	// letters and digits in a policy type stored by IAM or Organizations.
	CodeSidCharset Code = "SID_CHARSET"
	// CodeIDInIdentityPolicy ([Warning]): a top-level Id in a policy type
	// that does not accept one (identity, boundary, session, SCP, RCP).
	CodeIDInIdentityPolicy Code = "ID_IN_IDENTITY_POLICY"
	// CodeVersionOldWithVariables ([Warning]): policy variables in a policy
	// whose Version is not "2012-10-17"; they are literal text there.
	CodeVersionOldWithVariables Code = "VERSION_OLD_WITH_VARIABLES"
	// CodeVariableSyntax ([Warning]): a malformed policy variable (an
	// unterminated "${", an empty "${}", a malformed default); the text
	// stays literal.
	CodeVariableSyntax Code = "VARIABLE_SYNTAX"
	// CodeVariableOutsideResourcePart ([Warning]): a policy variable in the
	// partition, service, region or account part of a resource ARN, where
	// it is not substituted.
	CodeVariableOutsideResourcePart Code = "VARIABLE_OUTSIDE_RESOURCE_PART"
	// CodeRCPAllow: an Allow statement in a customer resource control
	// policy (only RCPFullAWSAccess may allow).
	CodeRCPAllow Code = "RCP_ALLOW"
	// CodeRCPElement: an element or value that RCPs do not accept
	// (NotAction, NotPrincipal, a Principal other than "*").
	CodeRCPElement Code = "RCP_ELEMENT"
	// CodeSizeLimit ([Warning]): the document is larger than the quota of
	// its policy type. It is a warning because AWS-managed policies exceed
	// the customer quota and evaluation must not depend on quotas.
	CodeSizeLimit Code = "SIZE_LIMIT"
	// CodeInputLimit: the document exceeds one of the safety limits of this
	// package ([MaxDocumentBytes], [MaxDepth], [MaxStatements],
	// [MaxStringLength], [MaxConditionClauses]). Not an AWS rule.
	CodeInputLimit Code = "INPUT_LIMIT"
	// CodePolicyType: Validate or Check was given a Type that is not one of
	// the Type constants. Not an AWS rule.
	CodePolicyType Code = "POLICY_TYPE"
)

// Severity says whether a finding makes a policy unusable.
type Severity uint8

// The severities. The zero value is Error, so that a finding built without
// a severity fails closed.
const (
	// Error: AWS would reject the policy, or this package cannot evaluate
	// it faithfully. A policy with an error must not be evaluated.
	Error Severity = iota
	// Warning: the policy is accepted but probably does not do what its
	// author meant.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// Finding is one problem found in a policy document.
type Finding struct {
	Code     Code
	Severity Severity
	// Message says what was found, where, and what is expected.
	Message string
	// Pos locates the offending element; the zero Position when unknown.
	Pos Position
	// Pointer is the RFC 6901 JSON pointer of the offending element, such
	// as "/Statement/0/Action/1"; "" for the whole document.
	Pointer string
	// Fix says in one line how to fix the problem ("write s3:GetObject");
	// "" when there is no single fix to suggest.
	Fix string
}

// Error renders the finding as "file:line:col: message [CODE]", with the
// position as [Position.String] writes it (without the file name when the
// document was parsed without one, and without the position when it is
// unknown).
func (f Finding) Error() string {
	var b strings.Builder
	f.write(&b)
	return b.String()
}

func (f Finding) write(b *strings.Builder) {
	if f.Pos.IsValid() || f.Pos.File != "" {
		b.WriteString(f.Pos.String())
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	b.WriteString(" [")
	b.WriteString(string(f.Code))
	b.WriteByte(']')
	if f.Fix != "" {
		b.WriteString(" (fix: ")
		b.WriteString(f.Fix)
		b.WriteByte(')')
	}
}

// Findings is a list of findings in document order (parse findings first,
// then the findings of per-type validation). As an error it lists its
// error-severity findings, one per line.
type Findings []Finding

// Error joins the error-severity findings, one per line. When there are
// none it lists the warnings instead, prefixed with "warning: ".
func (fs Findings) Error() string {
	var b strings.Builder
	errs := fs.HasErrors()
	for _, f := range fs {
		if errs && f.Severity != Error {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		if !errs {
			b.WriteString("warning: ")
		}
		f.write(&b)
	}
	return b.String()
}

// HasErrors reports whether any finding has severity Error.
func (fs Findings) HasErrors() bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns the error-severity findings (nil if none).
func (fs Findings) Errors() Findings { return fs.filter(Error) }

// Warnings returns the warning-severity findings (nil if none).
func (fs Findings) Warnings() Findings { return fs.filter(Warning) }

func (fs Findings) filter(s Severity) Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}

// Codes returns the code of every finding, in order; handy in tests and
// for machine-readable output.
func (fs Findings) Codes() []Code {
	if len(fs) == 0 {
		return nil
	}
	out := make([]Code, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}
