// Package lint finds mistakes in policy documents that AWS accepts when they
// are written: names the action catalog does not know, statements whose
// actions apply to none of their resources, condition operators of the
// wrong family for their key, and the security findings in the spirit of
// IAM Access Analyzer's policy checks (iam:PassRole on every role, Allow with
// NotAction, a resource or trust policy open to everyone, an OIDC trust
// without aud and sub conditions, a misspelt service principal).
//
// Every finding is a [policy.Warning] with a code, the position of the
// element it concerns and, where there is one, a one-line fix. Package
// policy reports what AWS rejects (errors) and what it accepts but warns
// about; lint adds what only a catalog of AWS's actions, resource types and
// condition keys can tell (package catalog), so a caller that needs exactly
// IAM's write-time rules runs policy's validation alone.
package lint
