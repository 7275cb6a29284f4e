package main

import "os"

// The example's access.json runs in examples/internal/show (TestExampleAccessFiles).

func Example() {
	if err := run(os.Stdout, "."); err != nil {
		panic(err)
	}
	// Output:
	// Create a user with the workload boundary
	//   arn:aws:iam::111122223333:user/delegated-admin calls iam:CreateUser on arn:aws:iam::111122223333:user/app-deployer
	//   context: iam:permissionsboundary=arn:aws:iam::111122223333:policy/WorkloadBoundary
	//   => allowed: identity-grant
	//      Allow "IAM" in admin-permissions.json:4:5
	//      Allow "CreateOrChangeOnlyWithBoundary" in admin-boundary.json:4:5
	//
	// Create a user without a boundary
	//   arn:aws:iam::111122223333:user/delegated-admin calls iam:CreateUser on arn:aws:iam::111122223333:user/app-deployer
	//   => implicitDeny: boundary-no-allow (blocked by: boundary)
	//      statements that applied, but not enough:
	//      Allow "IAM" in admin-permissions.json:4:5
	//
	// Create a role with AdministratorAccess as its boundary
	//   arn:aws:iam::111122223333:user/delegated-admin calls iam:CreateRole on arn:aws:iam::111122223333:role/app-runner
	//   context: iam:permissionsboundary=arn:aws:iam::aws:policy/AdministratorAccess
	//   => implicitDeny: boundary-no-allow (blocked by: boundary)
	//      statements that applied, but not enough:
	//      Allow "IAM" in admin-permissions.json:4:5
	//
	// Remove a user's boundary
	//   arn:aws:iam::111122223333:user/delegated-admin calls iam:DeleteUserPermissionsBoundary on arn:aws:iam::111122223333:user/app-deployer
	//   context: iam:permissionsboundary=arn:aws:iam::111122223333:policy/WorkloadBoundary
	//   => explicitDeny: explicit-deny (blocked by: boundary)
	//      Deny "NoBoundaryRemoval" in admin-boundary.json:60:5
	//
	// Publish a new version of the workload boundary
	//   arn:aws:iam::111122223333:user/delegated-admin calls iam:CreatePolicyVersion on arn:aws:iam::111122223333:policy/WorkloadBoundary
	//   => explicitDeny: explicit-deny (blocked by: boundary)
	//      Deny "NoBoundaryPolicyEdit" in admin-boundary.json:46:5
	//
	// List a bucket the identity policy allows
	//   arn:aws:iam::111122223333:user/delegated-admin calls s3:ListBucket on arn:aws:s3:::amzn-s3-demo-bucket
	//   => implicitDeny: boundary-no-allow (blocked by: boundary)
	//      statements that applied, but not enough:
	//      Allow "ListTeamBucket" in admin-permissions.json:10:5
}
