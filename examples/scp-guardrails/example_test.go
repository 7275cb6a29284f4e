package main

import "os"

// The example's access.json runs in examples/internal/show (TestExampleAccessFiles).

func Example() {
	if err := run(os.Stdout, "."); err != nil {
		panic(err)
	}
	// Output:
	// Launch an instance in eu-west-1
	//   arn:aws:sts::111122223333:assumed-role/PlatformAdmin/ops-kim calls ec2:RunInstances on arn:aws:ec2:eu-west-1:111122223333:instance/*
	//   context: aws:principalarn=arn:aws:iam::111122223333:role/PlatformAdmin aws:requestedregion=eu-west-1
	//   => allowed: identity-grant
	//      Allow "PlatformAdmin" in admin-policy.json:4:5
	//
	// Launch an instance in us-east-1
	//   arn:aws:sts::111122223333:assumed-role/PlatformAdmin/ops-kim calls ec2:RunInstances on arn:aws:ec2:us-east-1:111122223333:instance/*
	//   context: aws:principalarn=arn:aws:iam::111122223333:role/PlatformAdmin aws:requestedregion=us-east-1
	//   => explicitDeny: explicit-deny (blocked by: scp)
	//      Deny "DenyOutsideEURegions" in region-lock.json:4:5 (SCP level 0)
	//
	// Create a role (IAM is global: its endpoint is in us-east-1)
	//   arn:aws:sts::111122223333:assumed-role/PlatformAdmin/ops-kim calls iam:CreateRole on arn:aws:iam::111122223333:role/app-runner
	//   context: aws:principalarn=arn:aws:iam::111122223333:role/PlatformAdmin aws:requestedregion=us-east-1
	//   => allowed: identity-grant
	//      Allow "PlatformAdmin" in admin-policy.json:4:5
	//
	// Attach AdministratorAccess to a role
	//   arn:aws:sts::111122223333:assumed-role/PlatformAdmin/ops-kim calls iam:AttachRolePolicy on arn:aws:iam::111122223333:role/app-runner
	//   context: aws:principalarn=arn:aws:iam::111122223333:role/PlatformAdmin aws:requestedregion=us-east-1 iam:policyarn=arn:aws:iam::aws:policy/AdministratorAccess
	//   => explicitDeny: explicit-deny (blocked by: scp)
	//      Deny "DenyAttachingAdministratorAccess" in deny-admin-attach.json:4:5 (SCP level 1)
	//
	// Attach ReadOnlyAccess to a role
	//   arn:aws:sts::111122223333:assumed-role/PlatformAdmin/ops-kim calls iam:AttachRolePolicy on arn:aws:iam::111122223333:role/app-runner
	//   context: aws:principalarn=arn:aws:iam::111122223333:role/PlatformAdmin aws:requestedregion=us-east-1 iam:policyarn=arn:aws:iam::aws:policy/ReadOnlyAccess
	//   => allowed: identity-grant
	//      Allow "PlatformAdmin" in admin-policy.json:4:5
}
