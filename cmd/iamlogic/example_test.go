package main

import (
	"fmt"
	"io"
	"os"
)

// validate prints one line per finding on standard output; the summary line
// goes to standard error.
func Example_validate() {
	code := run([]string{"validate", "testdata/policies/warning-identity.json", "testdata/policies/trust-ec2.json"}, os.Stdout, io.Discard)
	fmt.Println("exit status", code)
	// Output:
	// testdata/policies/warning-identity.json:8:19: warning: Resource "home/${aws:username/*" has an unterminated "${" (no closing '}'); it is literal text, not a policy variable [VARIABLE_SYNTAX]
	// testdata/policies/trust-ec2.json:4:5: error: the statement has neither Resource nor NotResource, which an identity-based policy requires; add for example "Resource": "*"; Policy statement must contain resources [RESOURCE_MISSING]
	// testdata/policies/trust-ec2.json:7:20: error: Policy document should not specify a principal: an identity-based policy applies to the identities it is attached to; remove Principal [PRINCIPAL_PROHIBITED]
	// exit status 1
}

// eval decides one request and names the deciding statements.
func Example_eval() {
	code := run([]string{"eval",
		"--principal", "arn:aws:iam::111122223333:user/alice",
		"--action", "s3:GetObject",
		"--resource", "arn:aws:s3:::corp-reports/private/salaries.csv",
		"--identity", "testdata/policies/identity-s3-read.json",
		"--expect", "allowed",
	}, os.Stdout, io.Discard)
	fmt.Println("exit status", code)
	// Output:
	// decision: explicitDeny
	// reason: explicit-deny (a Deny statement applies to the request)
	// blocked by: identity policy
	// deciding statements:
	//   testdata/policies/identity-s3-read.json:10:5 DenyPrivate (Deny, identity[0] statement 1)
	// assumed: resource account taken from the caller because the ARN has none
	// exit status 1
}

// test runs access-test files; the last line is the summary. With -v each
// passing case is listed with what its decision did not know for certain
// (here: S3 ARNs name no account, so the resource's is the caller's).
func Example_test() {
	code := run([]string{"test", "-v", "testdata/tests/pass.jsonl"}, os.Stdout, io.Discard)
	fmt.Println("exit status", code)
	// Output:
	// ok alice reads a report
	//     gap: assumed resource account taken from the caller because the ARN has none
	// ok alice cannot read private reports
	//     gap: assumed resource account taken from the caller because the ARN has none
	// ok ec2 assumes the instance role
	// 3 passed, 0 failed
	// exit status 0
}
