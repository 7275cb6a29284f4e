// Package accesstest reads and runs access-test files: requests, the
// policies that take part and the decision AWS takes. It is the format of
// `iamlogic test`, of iamtest.RunFile and of the project's conformance
// tests, and a security tool can use it to run an access-test file without
// a *testing.T. The format is described field by field in
// docs/access-test-format.md.
//
// A file is either JSON (one case object, an array of cases, or
// {"cases": [...]}) or JSON Lines (a name ending in ".jsonl": one case per
// line, blank lines ignored). Unknown fields and duplicate keys are
// errors, so that a typo cannot silently change a test; two cases may share
// a name (every report gives each case's position).
//
// [ReadFile] and [Parse] return the [Case] values of a file. Errors about
// the file itself are *[Error] values with the position of the problem; a
// policy of a case that cannot be read or is invalid leaves the file usable
// and sets that case's Err instead (a *[PolicyError] for invalid content).
//
// Every policy is parsed where it was written: an inline policy at its
// place in the case file, a policy file from its own start. So every
// position — a finding, a deciding statement of an explanation — is a
// policy.Position that names its file, and prints as "file:line:col".
//
// [Run] evaluates one case and returns an [Outcome] (the decision with its
// explanation, or why the case cannot be evaluated); [RunFile] runs every
// case of a file.
//
// A quantified case ([Case.Quantified]) is about a set of requests: a
// principal "*" or account ID, an action pattern, condition keys left open
// ("open"), or "expected": "neverAllowed". Run decides it with package
// analysis: a proof that no request of the set is allowed, or a witness,
// an allowed request of the set, explained like a single request.
package accesstest
