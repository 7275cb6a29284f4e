// Package conditions implements the IAM condition language: every condition
// operator with its ...IfExists and ForAllValues:/ForAnyValue: forms, the
// request context, and policy variables.
//
// A Condition block is compiled once with [Compile] into an immutable
// [Block], which is then evaluated against the [Context] of each request
// with [Block.Eval]. Compiling resolves every operator and pre-parses every
// policy value; evaluating allocates nothing.
//
// # Structure
//
// A block is a list of [Clause] values, one per (operator, key) pair of the
// JSON Condition element. Clauses are AND-ed. The values of one clause are
// OR-ed for a positive operator and NOR-ed for a negated one
// (StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike,
// NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals, ArnNotLike):
// a negated clause holds only when the request value matches none of them.
// An empty block is true.
//
// # The request context
//
// Condition keys are case-insensitive: [NewContext] lower-cases them (ASCII)
// once, and keys that differ only by case are merged into one multivalued
// key, which plain operators never match (AWS documents such duplicate tag
// keys as causing "unexpected condition failures"). A [Value] is single or
// multi; a multi value of one element is still multi.
//
// # Missing keys and empty values
//
//	operator form                       key absent   multi value         "" or []
//	positive plain (StringEquals, …)    false        false               "" compared as text; [] false
//	negated plain (StringNotEquals, …)  true         false               "" compared as text; [] false
//	plain + IfExists                    true         false               as without IfExists
//	ForAllValues:Op (any IfExists)      true         every element       true (empty set)
//	ForAnyValue:Op                      false        some element        false
//	ForAnyValue:OpIfExists              true         some element        false
//	Null "true"                         true         false               true
//	Null "false"                        false        true                false
//	ForAllValues:Null "true"            true         every element ""    true (empty set)
//	ForAllValues:Null "false"           true         no element ""       true (empty set)
//	ForAnyValue:Null "true"             false        some element ""     false
//	ForAnyValue:Null "false"            false        some element not "" false
//
// A single "" is the empty set for ForAllValues and ForAnyValue and a null
// value for Null; the multi value [""] is a one-element set and not null,
// though its element "" is null under ForAllValues:Null and
// ForAnyValue:Null. Null takes no IfExists.
// With a negated base the negation applies per request value:
// ForAllValues:StringNotEquals means "no request value is listed",
// ForAnyValue:StringNotEquals "some request value is not listed".
//
// # Value formats
//
//   - String: any text. StringEquals compares bytes; …IgnoreCase uses Unicode
//     simple case folding (strings.EqualFold); StringLike is an anchored glob
//     in which '*' matches any run of characters (across '/' and ':') and '?'
//     exactly one code point.
//   - Numeric: ^[+-]?(\d+(\.\d*)?|\.\d+)$, compared exactly as decimals of any
//     size (10 = 10.0 = 010); no exponent, hex, NaN or Inf.
//   - Date: YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm, YYYY-MM-DDThh:mm:ss and
//     YYYY-MM-DDThh:mm:ss.s…, each time optionally followed by Z, +hh:mm or
//     -hh:mm (UTC when absent), or epoch seconds: a value of digits only is
//     always epoch seconds, so "2020" is 1970-01-01T00:33:40Z. Dates compare
//     as instants, exactly, across time zones. Epoch seconds beyond the
//     largest signed 64-bit integer are not dates (IAM refuses them).
//   - Bool: true or false in any case. Another request value is a
//     comparison AWS does not document: it holds in a Deny and not in an
//     Allow (Options.Deny).
//   - Binary: standard base64 with padding, on both sides; the decoded bytes
//     are compared (unused low bits of the last character are ignored).
//   - IP: a CIDR block or an address (/32, /128) in the policy, host bits
//     ignored; an address in the request. IPv4 never falls in an IPv6 block
//     nor the reverse; an IPv4-mapped IPv6 address is IPv6; zones are
//     rejected.
//   - ARN: ArnEquals and ArnLike are the same operator, as are ArnNotEquals
//     and ArnNotLike: both sides are split at their first five colons and
//     each part is matched as a glob, so a wildcard never crosses one of
//     those colons (package arn). A policy value that is not "*" or
//     ARN-shaped matches nothing.
//   - Null: true or false in any case. Under ForAllValues and ForAnyValue,
//     "true" holds for a request value that is null ("") and "false" for one
//     that is not.
//
// A policy value that is invalid for its family is a Compile error
// ([CheckValue] reports the same for validators). A request value that does
// not parse for the family (text under a Numeric operator, an IP with a
// zone, a non-ARN under an Arn operator) never satisfies the operator, for
// positive and negated operators alike: a plain clause on it is false. Under
// ForAllValues and ForAnyValue each request value is decided on its own, so
// such a value makes ForAllValues false but does not stop another value from
// making ForAnyValue true (SPEC §5.7, revision 2).
//
// # Policy variables
//
// With [Options].Variables (policy Version 2012-10-17) the values of String,
// ARN and Bool operators are [Template] values: ${key} is replaced by the
// key's single value, ${key, 'default'} falls back to default when the key
// is absent, and ${*}, ${?}, ${$} stand for a literal '*', '?', '$'. A
// variable ends at the first '}'; "${" without '}' is literal text. Text
// substituted from the request is literal: a '*' in a tag value is not a
// wildcard. A multivalued key, or an absent key without default, has no
// value: the policy value holding it then never matches under a positive
// operator, and does not block the NOR of a negated operator (so
// StringNotEquals "${aws:PrincipalTag/Team}" holds for a caller with no Team
// tag, as AWS documents). Numeric, Date, IP, Binary and Null values are
// never substituted: "${" there is literal text, hence an invalid value.
// Without Options.Variables every value is literal, but '*' and '?' written
// in StringLike and Arn values remain wildcards.
//
// # Safety
//
// Types are immutable once built and safe for concurrent use. No input
// panics. Anything not understood fails closed: an invalid policy value is
// an error, an invalid request value one that satisfies no operator, and
// substituted text holding the bytes 0xFE or 0xFF (never in valid UTF-8, and
// the wildcard bytes of package internal/wildcard) makes a StringLike or Arn
// clause false.
package conditions
