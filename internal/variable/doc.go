// Package variable is the one grammar of IAM policy variables: it splits
// policy text into literal text and "${…}" tokens, and says what is
// malformed. The validator (package policy) reports the malformations; the
// evaluator (package conditions' Template, used for condition values and
// Resource entries) substitutes the tokens. Both read text through [Next],
// so what the validator warns about is what the evaluator does.
//
// The grammar rests on the IAM User Guide, "IAM policy elements: Variables
// and tags" (doc_source/reference_policies_variables.md):
//
//	${key}             the value of request-context key key ("The variable is
//	                   marked using a $ prefix followed by a pair of curly
//	                   braces"; "Key names are case-insensitive")
//	${key, 'default'}  the same, or default when the key has no value ("surround
//	                   the default value with single quotes (' '), and separate
//	                   the variable text and the default value with a comma and
//	                   space (, )")
//	${*} ${?} ${$}     a literal '*', '?' or '$' ("Special characters")
//
// Key names may hold spaces: tag keys are "[\p{L}\p{Z}\p{N}_.:/=+\-@]+"
// (IAM API Reference, Tag; "Cost Center" is AWS's own example), so
// "${aws:PrincipalTag/Cost Center}" and "${a b, 'x'}" (key "a b", default
// "x") are well formed. No context key holds ',' or '\”, which is what lets
// the separator ", '" be found unambiguously.
//
// AWS documents nothing about malformed variables. This package reads them
// so that they never grant on a guess (SPEC §5.11.1):
//
//   - "${" with no '}' after it is literal text (a Resource or condition
//     value then matches only that literal text);
//   - a token ends at the first '}', so variables do not nest;
//   - a token that is not exactly one of the forms above is a key name as a
//     whole, and no request has such a key, so the variable has no value:
//     "${}", "${, 'x'}" (no key before the default), "${k,'x'}" and
//     "${k, x}" (not the documented separator or quotes), "${k, 'it's'}" (a
//     quote inside the default). A default is never invented from a
//     malformed token.
package variable
