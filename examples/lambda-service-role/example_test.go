package main

import "os"

// The example's access.json runs in examples/internal/show (TestExampleAccessFiles).

func Example() {
	if err := run(os.Stdout, "."); err != nil {
		panic(err)
	}
	// Output:
	// The Lambda service assumes the execution role
	//   lambda.amazonaws.com calls sts:AssumeRole on arn:aws:iam::111122223333:role/service-role/orders-api-role
	//   => allowed: resource-grant (the resource policy names the caller: direct match)
	//      Allow "LambdaAssumesRole" in trust-policy.json:4:5
	//
	// A developer allowed sts:AssumeRole on * tries the same
	//   arn:aws:iam::111122223333:user/dev-ana calls sts:AssumeRole on arn:aws:iam::111122223333:role/service-role/orders-api-role
	//   => implicitDeny: resource-policy-required (blocked by: trust)
	//      statements that applied, but not enough:
	//      Allow "AssumeAnyRole" in developer-policy.json:4:5
	//
	// The function writes its logs
	//   arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api calls logs:PutLogEvents on arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders-api:log-stream:2024/05/01/[$LATEST]0123456789abcdef
	//   => allowed: identity-grant
	//      Allow "WriteOwnLogs" in permissions-policy.json:10:5
	//
	// The function reads an order
	//   arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api calls dynamodb:GetItem on arn:aws:dynamodb:eu-west-1:111122223333:table/Orders
	//   => allowed: identity-grant
	//      Allow "ReadOrdersTable" in permissions-policy.json:16:5
	//
	// The function tries to write an order
	//   arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api calls dynamodb:PutItem on arn:aws:dynamodb:eu-west-1:111122223333:table/Orders
	//   => implicitDeny: no-identity-allow (blocked by: identity)
	//
	// The function tries to delete its log group
	//   arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api calls logs:DeleteLogGroup on arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders-api
	//   => explicitDeny: explicit-deny (blocked by: identity)
	//      Deny "KeepLogsIntact" in permissions-policy.json:25:5
}
