// Package principal is the one grammar of the values of a policy's
// Principal and NotPrincipal element (IAM User Guide, "AWS JSON policy
// elements: Principal", doc_source/reference_policies_elements_principal.md;
// SPEC §3.5). [Parse] reads one value of the "AWS", "Service", "Federated"
// or "CanonicalUser" list into a small typed [Value]. The validator (package
// policy) reports its Problem; the evaluator matches callers against its Kind
// and parts. Neither parses principal strings on its own.
package principal
