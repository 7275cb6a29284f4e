package main

import "os"

// The example's access.json runs in examples/internal/show (TestExampleAccessFiles).

func Example() {
	if err := run(os.Stdout, "."); err != nil {
		panic(err)
	}
	// Output:
	// With MFA and the external ID
	//   arn:aws:iam::444455556666:user/auditor-li calls sts:AssumeRole on arn:aws:iam::111122223333:role/PartnerAuditRole
	//   context: aws:multifactorauthpresent=true sts:externalid=ExampleCorp-7f3a9c
	//   => allowed: identity-grant (the resource policy names the caller: account match)
	//      Allow "AssumeClientAuditRole" in caller-policy.json:4:5
	//      Allow "PartnerWithExternalIdAndMFA" in trust-policy.json:4:5
	//
	// Without the external ID
	//   arn:aws:iam::444455556666:user/auditor-li calls sts:AssumeRole on arn:aws:iam::111122223333:role/PartnerAuditRole
	//   context: aws:multifactorauthpresent=true
	//   => implicitDeny: no-resource-allow (blocked by: trust)
	//      statements that applied, but not enough:
	//      Allow "AssumeClientAuditRole" in caller-policy.json:4:5
	//
	// Bool: long-term access keys (no MFA key at all)
	//   arn:aws:iam::444455556666:user/auditor-li calls sts:AssumeRole on arn:aws:iam::111122223333:role/PartnerAuditRole
	//   context: sts:externalid=ExampleCorp-7f3a9c
	//   => implicitDeny: no-resource-allow (blocked by: trust)
	//      statements that applied, but not enough:
	//      Allow "AssumeClientAuditRole" in caller-policy.json:4:5
	//
	// Bool: temporary credentials obtained without MFA
	//   arn:aws:iam::444455556666:user/auditor-li calls sts:AssumeRole on arn:aws:iam::111122223333:role/PartnerAuditRole
	//   context: aws:multifactorauthpresent=false sts:externalid=ExampleCorp-7f3a9c
	//   => implicitDeny: no-resource-allow (blocked by: trust)
	//      statements that applied, but not enough:
	//      Allow "AssumeClientAuditRole" in caller-policy.json:4:5
	//
	// BoolIfExists: long-term access keys get through
	//   arn:aws:iam::444455556666:user/auditor-li calls sts:AssumeRole on arn:aws:iam::111122223333:role/PartnerAuditRole
	//   context: sts:externalid=ExampleCorp-7f3a9c
	//   => allowed: identity-grant (the resource policy names the caller: account match)
	//      Allow "AssumeClientAuditRole" in caller-policy.json:4:5
	//      Allow "PartnerWithExternalIdMFAIfPresent" in trust-policy-ifexists.json:4:5
	//
	// BoolIfExists: temporary credentials without MFA do not
	//   arn:aws:iam::444455556666:user/auditor-li calls sts:AssumeRole on arn:aws:iam::111122223333:role/PartnerAuditRole
	//   context: aws:multifactorauthpresent=false sts:externalid=ExampleCorp-7f3a9c
	//   => implicitDeny: no-resource-allow (blocked by: trust)
	//      statements that applied, but not enough:
	//      Allow "AssumeClientAuditRole" in caller-policy.json:4:5
}
