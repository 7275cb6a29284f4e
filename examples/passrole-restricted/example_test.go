package main

import "os"

// The example's access.json runs in examples/internal/show (TestExampleAccessFiles).

func Example() {
	if err := run(os.Stdout, "."); err != nil {
		panic(err)
	}
	// Output:
	// Pass the web role to EC2
	//   arn:aws:iam::111122223333:user/deployer calls iam:PassRole on arn:aws:iam::111122223333:role/app/web-instance-role
	//   context: iam:passedtoservice=ec2.amazonaws.com
	//   => allowed: identity-grant
	//      Allow "PassWebRoleToEC2Only" in deployer-policy.json:14:5
	//
	// Pass another role to EC2
	//   arn:aws:iam::111122223333:user/deployer calls iam:PassRole on arn:aws:iam::111122223333:role/app/batch-role
	//   context: iam:passedtoservice=ec2.amazonaws.com
	//   => implicitDeny: no-identity-allow (blocked by: identity)
	//
	// Pass the web role to Lambda
	//   arn:aws:iam::111122223333:user/deployer calls iam:PassRole on arn:aws:iam::111122223333:role/app/web-instance-role
	//   context: iam:passedtoservice=lambda.amazonaws.com
	//   => implicitDeny: no-identity-allow (blocked by: identity)
	//
	// Pass a privileged role to EC2
	//   arn:aws:iam::111122223333:user/deployer calls iam:PassRole on arn:aws:iam::111122223333:role/privileged/break-glass
	//   context: iam:passedtoservice=ec2.amazonaws.com
	//   => explicitDeny: explicit-deny (blocked by: identity)
	//      Deny "NeverPassPrivilegedRoles" in deployer-policy.json:23:5
}
