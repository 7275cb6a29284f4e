// Package casefile reads access-test files: requests with the policies that
// take part and the decision AWS takes (the format of
// shared/conformance/README.md). It is used by `iamlogic test`, by the
// iamtest package and by the project's own conformance tests.
//
// A file is either JSON (one case object, an array of cases, or
// {"cases": [...]}) or JSON Lines (a name ending in ".jsonl": one case per
// line, blank lines ignored). Unknown fields, duplicate keys and duplicate
// case names are errors, so that a typo cannot silently change a test.
// Errors about the file itself are *Error values with the line and column
// of the problem; a policy of a case that cannot be read or is invalid
// leaves the file usable and sets that case's Err instead (a *PolicyError
// for invalid content, with positions in the file that holds the policy).
//
// Case.Sources records where each policy starts, and Translate turns a
// position inside a policy (policy.Position, as reported by policy.Parse
// or in an evaluator explanation) into a line and column of that file.
package casefile
