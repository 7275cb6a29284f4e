// Package placeholder is the one definition of a placeholder: a policy
// value that the document's source leaves unknown offline (a
// CloudFormation intrinsic function that cannot be resolved, a Terraform
// value known only after apply). A placeholder is a string that starts
// with U+0000, followed by a description of the unknown value ("!Sub
// arn:aws:s3:::${Bucket}/*"). No policy document can hold one: Parse
// rejects U+0000, written raw or as \u0000, and Check rejects it in a
// policy built in Go; only policy.ParseMapped accepts it, at the start of a
// string. Package conditions and the evaluator read a placeholder so that
// it never grants: in an Allow statement it matches nothing, in a Deny
// statement everything (in NotAction, NotResource, NotPrincipal and under
// a negated condition operator, the mirror image).
package placeholder
