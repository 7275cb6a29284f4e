package policy

import (
	"strings"
	"testing"
)

// catalogueCase is one entry of the validation catalogue (SPEC §3.8, §2.5):
// a document with a marker where the finding must point.
type catalogueCase struct {
	name string
	// typ is the policy type to validate as; "" checks Parse alone.
	typ Type
	// managed validates with Options{Managed: true}.
	managed bool
	doc     string
	code    Code
	sev     Severity
	// msg are substrings the message must contain: the offending value and
	// what is expected.
	msg []string
	ptr string
}

// s wraps statement members (see stmtDoc).
func s(members string) string { return stmtDoc(members) }

var catalogue = []catalogueCase{
	// SYNTAX
	{name: "syntax/not JSON: truncated", doc: `{"Version": "2012-10-17"‸`, code: CodeSyntax,
		msg: []string{"unexpected end of input", "Syntax errors in policy"}},
	{name: "syntax/not JSON: single quotes", doc: `{"Statement": ‸'x'}`, code: CodeSyntax,
		msg: []string{"single quote", "double quotes"}},
	{name: "syntax/not JSON: missing colon", doc: "{\n  \"Statement\" ‸[]\n}", code: CodeSyntax,
		msg: []string{"after an object key", "expected ':'"}},
	{name: "syntax/not JSON: trailing comma", doc: `{"Statement": [{"Effect": "Allow"},‸]}`, code: CodeSyntax,
		msg: []string{"trailing comma"}},
	{name: "syntax/not JSON: empty", doc: `‸   `, code: CodeSyntax, msg: []string{"document is empty"}},
	{name: "syntax/not an object", doc: `  ‸["Statement"]`, code: CodeSyntax,
		msg: []string{"must be a JSON object", "found an array"}},
	{name: "syntax/trailing data", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*"`) + ` ‸{}`, code: CodeSyntax,
		msg: []string{"after the end of the policy object"}},
	{name: "syntax/NUL character", doc: s(`"Sid": "a‸` + "\x00" + `b", "Effect": "Allow", "Action": "*", "Resource": "*"`), code: CodeSyntax,
		msg: []string{"control character U+0000", "not allowed"}},
	{name: "syntax/invalid UTF-8", doc: s(`"Sid": "a‸` + "\xff" + `", "Effect": "Allow", "Action": "*", "Resource": "*"`), code: CodeSyntax,
		msg: []string{"invalid UTF-8 byte 0xFF", "U+0020 to U+00FF"}},
	{name: "syntax/character above U+00FF", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/‸中"`), code: CodeSyntax,
		msg: []string{"U+4E2D", "not allowed"}},
	{name: "syntax/escaped character above U+00FF", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/‸\u4e2d"`), code: CodeSyntax,
		msg: []string{`escaped character \u4e2d`}},
	{name: "syntax/Sid not a string", doc: s(`"Sid": ‸1, "Effect": "Allow", "Action": "*", "Resource": "*"`), code: CodeSyntax,
		msg: []string{"Sid must be a string", "found a number"}, ptr: "/Statement/0/Sid"},
	{name: "syntax/Id not a string", doc: `{"Id": ‸true, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`, code: CodeSyntax,
		msg: []string{"Id must be a string", "found a boolean"}, ptr: "/Id"},
	{name: "syntax/Action an object", doc: s(`"Effect": "Allow", "Action": ‸{"s3": "GetObject"}, "Resource": "*"`), code: CodeSyntax,
		msg: []string{"Action must be a string or an array of strings", "found an object"}, ptr: "/Statement/0/Action"},
	{name: "syntax/Resource entry not a string", doc: s(`"Effect": "Allow", "Action": "*", "Resource": ["*", ‸null]`), code: CodeSyntax,
		msg: []string{"Resource entries must be strings", "found null"}, ptr: "/Statement/0/Resource/1"},

	// DUPLICATE_KEY at every level
	{name: "duplicate/top level", doc: `{"Version": "2012-10-17", ‸"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		code: CodeDuplicateKey, msg: []string{`duplicate key "Version"`, "the policy"}, ptr: "/Version"},
	{name: "duplicate/statement", doc: s(`"Effect": "Allow", ‸"Effect": "Deny", "Action": "*", "Resource": "*"`),
		code: CodeDuplicateKey, msg: []string{`duplicate key "Effect"`, "statement"}, ptr: "/Statement/0/Effect"},
	{name: "duplicate/principal map", doc: s(`"Effect": "Allow", "Principal": {"AWS": "111122223333", ‸"AWS": "444455556666"}, "Action": "*"`),
		code: CodeDuplicateKey, msg: []string{`duplicate key "AWS"`, "Principal"}, ptr: "/Statement/0/Principal/AWS"},
	{name: "duplicate/condition operator", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"a:b": "1"}, ‸"StringEquals": {"c:d": "2"}}`),
		code: CodeDuplicateKey, msg: []string{`duplicate condition operator "StringEquals"`}, ptr: "/Statement/0/Condition/StringEquals"},
	{name: "duplicate/condition key", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a", ‸"aws:PrincipalTag/team": "b"}}`),
		code: CodeDuplicateKey, msg: []string{`duplicate condition key "aws:PrincipalTag/team"`, `"StringEquals"`}, ptr: "/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team"},
	{name: "duplicate/escaped spelling of the same key", doc: s(`"Effect": "Allow", ‸"\u0045ffect": "Allow", "Action": "*", "Resource": "*"`),
		code: CodeDuplicateKey, msg: []string{`duplicate key "Effect"`}},

	// UNKNOWN_ELEMENT
	{name: "unknown element/top level", doc: `{‸"Policy": 1, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		code: CodeUnknownElement, msg: []string{`unknown element "Policy"`, "Version, Id, Statement"}, ptr: "/Policy"},
	{name: "unknown element/wrong case", doc: s(`‸"effect": "Allow", "Effect": "Allow", "Action": "*", "Resource": "*"`),
		code: CodeUnknownElement, msg: []string{`unknown element "effect"`, `did you mean "Effect"`}, ptr: "/Statement/0/effect"},
	{name: "unknown element/statement", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", ‸"Resources": "*"`),
		code: CodeUnknownElement, msg: []string{`unknown element "Resources"`, "NotResource"}},

	// VERSION_INVALID
	{name: "version/unknown date", doc: `{"Version": ‸"2012-10-18", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		code: CodeVersionInvalid, msg: []string{`Version "2012-10-18" is not valid`, "2012-10-17"}, ptr: "/Version"},
	{name: "version/number", doc: `{"Version": ‸2012, "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		code: CodeVersionInvalid, msg: []string{"Version must be the string", "found a number"}},
	{name: "version/managed policy requires 2012-10-17", typ: TypeIdentity, managed: true, doc: `{"Version": ‸"2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`,
		code: CodeVersionInvalid, msg: []string{"managed policy requires", `Version "2008-10-17"`, "Policy document must be version 2012-10-17 or greater"}, ptr: "/Version"},
	{name: "version/managed policy without Version", typ: TypeBoundary, managed: true, doc: `‸{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`,
		code: CodeVersionInvalid, msg: []string{"managed policy requires", "found no Version"}, ptr: "/Version"},
	{name: "version/missing (warning)", typ: TypeIdentity, doc: `‸{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`,
		code: CodeVersionMissing, sev: Warning, msg: []string{"no Version element", "literal text", `"Version": "2012-10-17"`}, ptr: "/Version"},
	{name: "version/rcp requires 2012-10-17", typ: TypeRCP, doc: `{"Version": ‸"2008-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`,
		code: CodeVersionInvalid, msg: []string{"resource control policy requires", `Version "2008-10-17"`}, ptr: "/Version"},

	// STATEMENT_MISSING / STATEMENT_EMPTY
	{name: "statement/missing", doc: `‸{"Version": "2012-10-17"}`, code: CodeStatementMissing, msg: []string{"no Statement element"}},
	{name: "statement/not object or array", doc: `{"Statement": ‸"Allow everything"}`, code: CodeStatementMissing,
		msg: []string{"Statement must be an object or an array", "found a string"}, ptr: "/Statement"},
	{name: "statement/empty array", doc: `{"Version": "2012-10-17", "Statement": ‸[]}`, code: CodeStatementEmpty,
		msg: []string{"empty array"}, ptr: "/Statement"},
	{name: "statement/entry not an object", doc: `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, ‸"x"]}`, code: CodeStatementEmpty,
		msg: []string{"statement 1 must be an object", "found a string"}, ptr: "/Statement/1"},

	// EFFECT_INVALID
	{name: "effect/missing", doc: `{"Statement": [‸{"Action": "*", "Resource": "*"}]}`, code: CodeEffectInvalid,
		msg: []string{"no Effect", `"Allow"`}, ptr: "/Statement/0"},
	{name: "effect/wrong case", doc: s(`"Effect": ‸"allow", "Action": "*", "Resource": "*"`), code: CodeEffectInvalid,
		msg: []string{`Effect "allow" is not valid`, `did you mean "Allow"`}, ptr: "/Statement/0/Effect"},
	{name: "effect/not a string", doc: s(`"Effect": ‸true, "Action": "*", "Resource": "*"`), code: CodeEffectInvalid,
		msg: []string{"Effect must be the string", "found a boolean"}},

	// ACTION_*
	{name: "action/missing", doc: `{"Statement": ‸{"Effect": "Allow", "Resource": "*"}}`, code: CodeActionMissing,
		msg: []string{"neither Action nor NotAction", "Policy statement must contain actions"}, ptr: "/Statement"},
	{name: "action/empty list", doc: s(`"Effect": "Allow", "Action": ‸[], "Resource": "*"`), code: CodeActionMissing,
		msg: []string{"Action is an empty list"}, ptr: "/Statement/0/Action"},
	{name: "action/both", doc: s(`"Effect": "Allow", "Action": "*", ‸"NotAction": "iam:*", "Resource": "*"`), code: CodeActionBoth,
		msg: []string{"both Action and NotAction"}, ptr: "/Statement/0/NotAction"},
	{name: "action/format", doc: s(`"Effect": "Allow", "Action": ‸"s3GetObject", "Resource": "*"`), code: CodeActionFormat,
		msg: []string{`Action "s3GetObject" must be prefixed by a service, e.g. "s3:GetObject"`}, ptr: "/Statement/0/Action"},
	{name: "action/format in list", doc: s(`"Effect": "Allow", "NotAction": ["s3:GetObject", ‸"iamListUsers"], "Resource": "*"`), code: CodeActionFormat,
		msg: []string{`"iamListUsers"`, `e.g. "iam:ListUsers"`}, ptr: "/Statement/0/NotAction/1"},
	{name: "action/colons", doc: s(`"Effect": "Allow", "Action": ‸"s3:Get:Object", "Resource": "*"`), code: CodeActionColons,
		msg: []string{`Action "s3:Get:Object" has 2 colons`, "only one colon"}},
	{name: "action/vendor wildcard", doc: s(`"Effect": "Allow", "Action": ‸"s3*:GetObject", "Resource": "*"`), code: CodeActionVendor,
		msg: []string{`service prefix "s3*" is not valid`, "Vendor s3* is not valid"}},
	{name: "action/vendor empty", doc: s(`"Effect": "Allow", "Action": ‸":GetObject", "Resource": "*"`), code: CodeActionVendor,
		msg: []string{`service prefix "" is not valid`}},

	// RESOURCE_*
	{name: "resource/empty list", doc: s(`"Effect": "Allow", "Action": "*", "Resource": ‸[]`), code: CodeResourceMissing,
		msg: []string{"Resource is an empty list", "must contain resources"}, ptr: "/Statement/0/Resource"},
	{name: "resource/missing in identity policy", typ: TypeIdentity, doc: `{"Statement": [‸{"Effect": "Allow", "Action": "*"}]}`, code: CodeResourceMissing,
		msg: []string{"neither Resource nor NotResource", "identity-based policy"}, ptr: "/Statement/0"},
	{name: "resource/both", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", ‸"NotResource": "*"`), code: CodeResourceBoth,
		msg: []string{"both Resource and NotResource"}},
	{name: "resource/prohibited in trust policy", typ: TypeTrust, doc: s(`"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": ‸"*"`),
		code: CodeResourceProhibited, msg: []string{"Has prohibited field Resource", "role trust policy"}, ptr: "/Statement/0/Resource"},
	{name: "resource/not ARN", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"my-bucket"`), code: CodeResourceNotARN,
		msg: []string{`Resource "my-bucket" must be in ARN format or "*"`}},
	{name: "resource/too few colons", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ["*", ‸"arn:aws"]`), code: CodeResourceNotARN,
		msg: []string{`"arn:aws"`, "1 of the 5 colons"}, ptr: "/Statement/0/Resource/1"},
	{name: "resource/short ARN with an empty part", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws:s3::b"`), code: CodeResourceNotARN,
		msg: []string{`"arn:aws:s3::b"`, "empty part 4", "The policy failed legacy parsing"}},
	{name: "resource/short ARN without a service", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws::*"`), code: CodeResourceNotARN,
		msg: []string{`"arn:aws::*"`, "empty part 3"}},
	{name: "resource/short ARN with a service wildcard", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws:s*:*"`), code: CodeResourceServiceWildcard,
		msg: []string{`service part "s*"`, "Resource vendor must be fully qualified"}},
	{name: "resource/short ARN (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "sqs:*", "Resource": ["arn:aws:s3:::b", ‸"arn:aws:sqs:us-east-1:*"]`), code: CodeResourceShortARN, sev: Warning,
		msg: []string{`"arn:aws:sqs:us-east-1:*" is a short ARN (5 of the 6 parts`, `begins with "arn:aws:sqs:us-east-1:"`, `"arn:aws:sqs:us-east-1:*:*"`}, ptr: "/Statement/0/Resource/1"},
	{name: "resource/short ARN without a trailing star (warning)", typ: TypeIdentity, doc: s(`"Effect": "Deny", "Action": "sqs:*", "NotResource": ‸"arn:aws:sqs"`), code: CodeResourceShortARN, sev: Warning,
		msg: []string{"undocumented", "NotResource it excludes no resource", `"arn:aws:sqs:*:*:*"`}, ptr: "/Statement/0/NotResource"},
	{name: "resource/short ARN in an SCP (warning)", typ: TypeSCP, doc: s(`"Effect": "Allow", "Action": "sqs:*", "Resource": ‸"arn:aws:sqs:*"`), code: CodeResourceShortARN, sev: Warning,
		msg: []string{"whether a service control policy accepts short ARNs", "in this Allow statement it matches no resource"}},
	{name: "resource/bad partition", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws-moon:s3:::b"`), code: CodeResourceBadPartition,
		msg: []string{`Partition "aws-moon" is not valid`, "aws-us-gov"}},
	{name: "resource/service wildcard", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws:s3*:::b"`), code: CodeResourceServiceWildcard,
		msg: []string{`service part "s3*"`, "Resource vendor must be fully qualified"}},
	{name: "resource/service variable", doc: s(`"Effect": "Allow", "Action": "s3:*", "NotResource": ‸"arn:aws:${aws:service}:::b"`), code: CodeResourceServiceWildcard,
		msg: []string{`service part "${aws"`}, ptr: "/Statement/0/NotResource"},
	{name: "resource/IAM region", doc: s(`"Effect": "Allow", "Action": "iam:*", "Resource": ‸"arn:aws:iam:us-east-1:123456789012:user/bob"`), code: CodeResourceRegionNotAllowed,
		msg: []string{"IAM resource", "cannot contain region information"}},
	{name: "resource/S3 bucket region", doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws:s3:us-east-1::bucket/key"`), code: CodeResourceRegionNotAllowed,
		msg: []string{`"arn:aws:s3:us-east-1::bucket/key" can not contain region information`}},
	{name: "resource/IAM type wildcard", doc: s(`"Effect": "Allow", "Action": "iam:*", "Resource": ‸"arn:aws:iam::123456789012:u*"`), code: CodeResourceIAMType,
		msg: []string{`resource part "u*"`, "user/"}},
	{name: "resource/IAM type unknown", doc: s(`"Effect": "Allow", "Action": "iam:*", "Resource": ‸"arn:aws:iam::123456789012:bob"`), code: CodeResourceIAMType,
		msg: []string{`resource part "bob"`}},

	// PRINCIPAL_*
	{name: "principal/prohibited in identity policy", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Principal": ‸"*", "Action": "*", "Resource": "*"`),
		code: CodePrincipalProhibited, msg: []string{"should not specify a principal", "identity-based policy"}, ptr: "/Statement/0/Principal"},
	{name: "principal/missing in resource policy", typ: TypeResource, doc: `{"Statement": [‸{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`,
		code: CodePrincipalMissing, msg: []string{"Missing required field Principal"}, ptr: "/Statement/0"},
	{name: "principal/both", doc: s(`"Effect": "Deny", "Principal": "*", ‸"NotPrincipal": {"AWS": "111122223333"}, "Action": "*"`), code: CodePrincipalBoth,
		msg: []string{"both Principal and NotPrincipal"}, ptr: "/Statement/0/NotPrincipal"},
	{name: "principal/string form", doc: s(`"Effect": "Allow", "Principal": ‸"111122223333", "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{`Principal "111122223333" is not valid`, `{"AWS": "111122223333"}`}},
	{name: "principal/not an object", doc: s(`"Effect": "Allow", "Principal": ‸5, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{"found a number"}},
	{name: "principal/empty object", doc: s(`"Effect": "Allow", "Principal": ‸{}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{"empty object"}},
	{name: "principal/unknown key", doc: s(`"Effect": "Allow", "Principal": {‸"aws": "111122223333"}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{`unknown principal type "aws"`, `did you mean "AWS"`}, ptr: "/Statement/0/Principal/aws"},
	{name: "principal/empty list", doc: s(`"Effect": "Allow", "Principal": {"Service": ‸[]}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{"Principal Service is an empty list"}, ptr: "/Statement/0/Principal/Service"},
	{name: "principal/account ID length", doc: s(`"Effect": "Allow", "Principal": {"AWS": ["111122223333", ‸"11112222333"]}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{`AWS account ID "11112222333" must be exactly 12 digits`}, ptr: "/Statement/0/Principal/AWS/1"},
	{name: "principal/group ARN", doc: s(`"Effect": "Allow", "Principal": {"AWS": ‸"arn:aws:iam::111122223333:group/admins"}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{"names an IAM group", "groups cannot be principals"}},
	{name: "principal/unsupported ARN", doc: s(`"Effect": "Allow", "Principal": {"AWS": ‸"arn:aws:s3:::bucket"}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{"not a supported principal ARN"}},
	{name: "principal/ARN account", doc: s(`"Effect": "Allow", "Principal": {"AWS": ‸"arn:aws:iam::1111:root"}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{`account "1111" must be exactly 12 digits`}},
	{name: "principal/service", doc: s(`"Effect": "Allow", "Principal": {"Service": ‸"ec2"}, "Action": "sts:AssumeRole"`), code: CodePrincipalFormat,
		msg: []string{`Service principal "ec2" is not valid`, "ec2.amazonaws.com"}},
	{name: "principal/service star", doc: s(`"Effect": "Allow", "Principal": {"Service": ‸"*"}, "Action": "sts:AssumeRole"`), code: CodePrincipalFormat,
		msg: []string{`Service principal "*" is not valid`, `{"AWS": "*"}`}},
	{name: "principal/federated", doc: s(`"Effect": "Allow", "Principal": {"Federated": ‸"arn:aws:iam::111122223333:role/x"}, "Action": "sts:AssumeRoleWithSAML"`), code: CodePrincipalFormat,
		msg: []string{`Federated principal "arn:aws:iam::111122223333:role/x" is not valid`, "saml-provider"}},
	{name: "principal/canonical user", doc: s(`"Effect": "Allow", "Principal": {"CanonicalUser": ‸"abc"}, "Action": "s3:*"`), code: CodePrincipalFormat,
		msg: []string{"64-character hexadecimal"}},
	{name: "principal/partial wildcard", doc: s(`"Effect": "Allow", "Principal": {"AWS": ‸"arn:aws:iam::111122223333:user/*"}, "Action": "s3:*"`), code: CodePrincipalPartialWildcard,
		msg: []string{"contains a wildcard", `only "*" on its own`}},
	{name: "principal/wildcard account", doc: s(`"Effect": "Deny", "NotPrincipal": {"AWS": ‸"arn:aws:iam::*:root"}, "Action": "s3:*"`), code: CodePrincipalPartialWildcard,
		msg: []string{`"arn:aws:iam::*:root"`}, ptr: "/Statement/0/NotPrincipal/AWS"},
	{name: "principal/wildcard service", doc: s(`"Effect": "Allow", "Principal": {"Service": ‸"*.amazonaws.com"}, "Action": "sts:AssumeRole"`), code: CodePrincipalPartialWildcard,
		msg: []string{`Service principal "*.amazonaws.com"`}},
	{name: "principal/NotPrincipal with Allow (warning)", typ: TypeResource, doc: s(`"Effect": "Allow", "NotPrincipal": ‸{"AWS": "111122223333"}, "Action": "s3:*"`),
		code: CodeNotPrincipalWithAllow, sev: Warning, msg: []string{"NotPrincipal is only supported with Deny by most resource-based policy types", "allowing no one"}, ptr: "/Statement/0/NotPrincipal"},
	{name: "principal/NotPrincipal in trust policy", typ: TypeTrust, doc: s(`"Effect": "Deny", "NotPrincipal": ‸{"AWS": "111122223333"}, "Action": "sts:AssumeRole"`),
		code: CodeNotPrincipalInTrust, msg: []string{"NotPrincipal is not allowed in a role trust policy"}},
	{name: "trust/action", typ: TypeTrust, doc: s(`"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": ["sts:AssumeRole", ‸"s3:GetObject"]`),
		code: CodeTrustAction, msg: []string{`Action "s3:GetObject" is not allowed in a role trust policy`, "sts:AssumeRole"}, ptr: "/Statement/0/Action/1"},
	{name: "trust/NotAction", typ: TypeTrust, doc: s(`"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "NotAction": ‸"s3:*"`),
		code: CodeTrustAction, msg: []string{"NotAction is not allowed"}, ptr: "/Statement/0/NotAction"},

	// CONDITION_*
	{name: "condition/not an object", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": ‸["StringEquals"]`), code: CodeConditionShape,
		msg: []string{"Condition must be an object", "found an array"}, ptr: "/Statement/0/Condition"},
	{name: "condition/operator block not an object", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": ‸"aws:SecureTransport"}`), code: CodeConditionShape,
		msg: []string{`condition operator "Bool" must be an object`, "found a string"}, ptr: "/Statement/0/Condition/Bool"},
	{name: "condition/null value", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ‸null}}`), code: CodeConditionShape,
		msg: []string{`"aws:SecureTransport" under "Bool"`, "found null"}, ptr: "/Statement/0/Condition/Bool/aws:SecureTransport"},
	{name: "condition/object value", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ‸{"v": true}}}`), code: CodeConditionShape,
		msg: []string{"found an object"}},
	{name: "condition/empty value list", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": ‸[]}}`), code: CodeConditionShape,
		msg: []string{"empty list of values"}},
	{name: "condition/nested array", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": ["a", ‸["b"]]}}`), code: CodeConditionShape,
		msg: []string{"must be strings, numbers or booleans", "found an array"}, ptr: "/Statement/0/Condition/StringEquals/aws:username/1"},
	{name: "condition/operator wrong case", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {‸"stringEquals": {"aws:username": "a"}}`), code: CodeConditionOperatorUnknown,
		msg: []string{`"stringEquals"`, `did you mean "StringEquals"`}, ptr: "/Statement/0/Condition/stringEquals"},
	{name: "condition/operator unknown", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {‸"StringEqual": {"aws:username": "a"}}`), code: CodeConditionOperatorUnknown,
		msg: []string{`"StringEqual"`, "not a condition operator"}},
	{name: "condition/Null with IfExists", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {‸"NullIfExists": {"aws:TokenIssueTime": "true"}}`), code: CodeConditionNullModifier,
		msg: []string{`"NullIfExists"`, "Null does not take IfExists"}},
	{name: "condition/Null with set qualifier and IfExists", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {‸"ForAnyValue:NullIfExists": {"aws:TagKeys": "true"}}`), code: CodeConditionNullModifier,
		msg: []string{`"ForAnyValue:NullIfExists"`}},
	{name: "condition/date value", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": ‸"yesterday"}}`), code: CodeConditionValueType,
		msg: []string{`DateGreaterThan value for "aws:CurrentTime"`, `"yesterday" is not a date`, "failed legacy parsing"}, ptr: "/Statement/0/Condition/DateGreaterThan/aws:CurrentTime"},
	{name: "condition/date epoch beyond 64 bits", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:EpochTime": ‸"99999999999999999999"}}`), code: CodeConditionValueType,
		msg: []string{`"99999999999999999999" is not a date`, "signed 64-bit", "The policy failed legacy parsing"}, ptr: "/Statement/0/Condition/DateLessThan/aws:EpochTime"},
	{name: "condition/date value in list", doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": ["2020-01-01T00:00:00Z", ‸"2020-13-01"]}}`), code: CodeConditionValueType,
		msg: []string{`"2020-13-01"`}, ptr: "/Statement/0/Condition/DateLessThan/aws:CurrentTime/1"},
	{name: "condition/numeric value (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": ‸"ten"}}`),
		code: CodeConditionValueType, sev: Warning, msg: []string{`"ten" is not a number`, "never matches"}},
	{name: "condition/bool value (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ‸"yes"}}`),
		code: CodeConditionValueType, sev: Warning, msg: []string{`"yes" is not a boolean`}},
	{name: "condition/IP value (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", ‸"10.0.0.300"]}}`),
		code: CodeConditionValueType, sev: Warning, msg: []string{`"10.0.0.300" is not an IP address`}, ptr: "/Statement/0/Condition/IpAddress/aws:SourceIp/1"},
	{name: "condition/variable not allowed (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ‸"${aws:EpochTime}"}}`),
		code: CodeConditionVariableNotAllowed, sev: Warning, msg: []string{"Numeric operators do not substitute variables"}},

	// SID_*, ID, VERSION_OLD, VARIABLE_*
	{name: "sid/duplicate", typ: TypeIdentity, doc: `{"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": ‸"A", "Effect": "Deny", "Action": "*", "Resource": "*"}]}`,
		code: CodeSidDuplicate, msg: []string{`Sid "A" is already used by statement 0 (line 1)`, "must be unique in an identity-based policy"}, ptr: "/Statement/1/Sid"},
	{name: "sid/duplicate in a trust policy", typ: TypeTrust, doc: `{"Statement": [{"Sid": "A", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}, {"Sid": ‸"A", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:TagSession"}]}`,
		code: CodeSidDuplicate, msg: []string{`Sid "A" is already used by statement 0`}, ptr: "/Statement/1/Sid"},
	{name: "sid/duplicate in a resource-based policy (warning)", typ: TypeResource, doc: `{"Statement": [{"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": ‸"A", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "*"}]}`,
		code: CodeSidDuplicate, sev: Warning, msg: []string{`Sid "A" is already used by statement 0`, "a resource-based policy"}, ptr: "/Statement/1/Sid"},
	{name: "sid/charset (warning)", typ: TypeIdentity, doc: s(`"Sid": ‸"allow reads", "Effect": "Allow", "Action": "*", "Resource": "*"`),
		code: CodeSidCharset, sev: Warning, msg: []string{`Sid "allow reads"`, "ASCII letters and digits"}, ptr: "/Statement/0/Sid"},
	{name: "id/in identity policy (warning)", typ: TypeIdentity, doc: `{"Version": "2012-10-17", "Id": ‸"x", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		code: CodeIDInIdentityPolicy, sev: Warning, msg: []string{`Id "x" is not accepted in an identity-based policy`}, ptr: "/Id"},
	{name: "variables/old version (warning)", typ: TypeIdentity, doc: `{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws:s3:::home/${aws:username}/*"}}`,
		code: CodeVersionOldWithVariables, sev: Warning, msg: []string{"substituted only under", "no Version"}, ptr: "/Statement/Resource"},
	{name: "variables/unterminated (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": ‸"arn:aws:s3:::home/${aws:username/*"`),
		code: CodeVariableSyntax, sev: Warning, msg: []string{`unterminated "${"`, "literal text"}},
	{name: "variables/empty (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": ‸"${}"}}`),
		code: CodeVariableSyntax, sev: Warning, msg: []string{`empty policy variable "${}"`}},
	{name: "variables/malformed default (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": ‸"${aws:PrincipalTag/team,'none'}/*"}}`),
		code: CodeVariableSyntax, sev: Warning, msg: []string{"malformed default", "${key, 'default'}"}},
	{name: "variables/outside resource part (warning)", typ: TypeIdentity, doc: s(`"Effect": "Allow", "Action": "kms:*", "Resource": ‸"arn:aws:kms:*:${aws:PrincipalAccount}:key/*"`),
		code: CodeVariableOutsideResourcePart, sev: Warning, msg: []string{"before the fifth colon"}},

	// RCP_*
	{name: "rcp/allow", typ: TypeRCP, doc: s(`"Effect": ‸"Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"`),
		code: CodeRCPAllow, msg: []string{"only supported for RCPFullAWSAccess"}, ptr: "/Statement/0/Effect"},
	{name: "rcp/NotAction", typ: TypeRCP, doc: s(`"Effect": "Deny", "Principal": "*", "NotAction": ‸"s3:*", "Resource": "*"`),
		code: CodeRCPElement, msg: []string{"NotAction is not allowed in a resource control policy"}},
	{name: "rcp/NotPrincipal", typ: TypeRCP, doc: s(`"Effect": "Deny", "NotPrincipal": ‸{"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"`),
		code: CodeRCPElement, msg: []string{"NotPrincipal is not allowed"}},
	{name: "rcp/principal not star", typ: TypeRCP, doc: s(`"Effect": "Deny", "Principal": ‸{"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"`),
		code: CodeRCPElement, msg: []string{`accepts only "Principal": "*"`}},
}

func TestCatalogue(t *testing.T) {
	for _, tc := range catalogue {
		t.Run(tc.name, func(t *testing.T) {
			data, want := splitMarker(t, tc.doc)
			p, fs := parseFindings(t, data)
			if tc.typ != "" {
				if fs != nil {
					t.Fatalf("document has parse errors; a %s case must parse:\n%v", tc.typ, fs)
				}
				fs = p.ValidateWith(tc.typ, Options{Managed: tc.managed})
			}
			got := withCode(fs, tc.code)
			if len(got) == 0 {
				t.Fatalf("no %s finding; got:\n%v", tc.code, fs)
			}
			f := got[0]
			if f.Pos.Line != want.Line || f.Pos.Column != want.Column || f.Pos.Offset != want.Offset {
				t.Errorf("position = %d:%d (offset %d), want %d:%d (offset %d): %v",
					f.Pos.Line, f.Pos.Column, f.Pos.Offset, want.Line, want.Column, want.Offset, f)
			}
			if f.Severity != tc.sev {
				t.Errorf("severity = %v, want %v", f.Severity, tc.sev)
			}
			for _, m := range tc.msg {
				if !strings.Contains(f.Message, m) {
					t.Errorf("message %q does not contain %q", f.Message, m)
				}
			}
			if tc.ptr != "" && f.Pointer != tc.ptr {
				t.Errorf("pointer = %q, want %q", f.Pointer, tc.ptr)
			}
			if wantStr := ":" + string(f.Code) + "]"; !strings.HasSuffix(f.Error(), string(f.Code)+"]") {
				t.Errorf("Error() = %q, want suffix %q", f.Error(), wantStr)
			}
			if tc.sev == Error && tc.typ != "" {
				if err := p.CheckWith(tc.typ, Options{Managed: tc.managed}); err == nil {
					t.Errorf("Check(%s) = nil, want the %s error", tc.typ, tc.code)
				}
			}
		})
	}
}

// TestCatalogueCoversEveryCode makes sure every code has a catalogue case
// (or a dedicated test, listed here).
func TestCatalogueCoversEveryCode(t *testing.T) {
	covered := map[Code]bool{
		CodeSizeLimit:  true, // TestSizeLimit
		CodeInputLimit: true, // TestLimits
		CodePolicyType: true, // TestValidateUnknownType
	}
	for _, tc := range catalogue {
		covered[tc.code] = true
	}
	for _, c := range allCodes {
		if !covered[c] {
			t.Errorf("code %s has no test case", c)
		}
	}
}

var allCodes = []Code{
	CodeSyntax, CodeDuplicateKey, CodeUnknownElement, CodeVersionInvalid, CodeVersionMissing, CodeStatementMissing, CodeStatementEmpty,
	CodeEffectInvalid, CodeActionMissing, CodeActionBoth, CodeActionFormat, CodeActionColons, CodeActionVendor,
	CodeResourceMissing, CodeResourceBoth, CodeResourceProhibited, CodeResourceNotARN, CodeResourceShortARN, CodeResourceBadPartition,
	CodeResourceServiceWildcard, CodeResourceRegionNotAllowed, CodeResourceIAMType, CodePrincipalProhibited,
	CodePrincipalMissing, CodePrincipalBoth, CodePrincipalFormat, CodePrincipalPartialWildcard,
	CodeNotPrincipalWithAllow, CodeNotPrincipalInTrust, CodeTrustAction, CodeConditionShape,
	CodeConditionOperatorUnknown, CodeConditionNullModifier, CodeConditionValueType, CodeConditionVariableNotAllowed,
	CodeSidDuplicate, CodeSidCharset, CodeIDInIdentityPolicy, CodeVersionOldWithVariables, CodeVariableSyntax,
	CodeVariableOutsideResourcePart, CodeRCPAllow, CodeRCPElement, CodeSizeLimit, CodeInputLimit, CodePolicyType,
}
