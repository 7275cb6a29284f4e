// Command lambda-service-role shows the two halves of a Lambda execution
// role: the trust policy that lets the Lambda service assume the role, and
// the permissions policy that lets the function write its CloudWatch Logs
// and read one DynamoDB table.
// Its requests are the cases of access.json, each printed with the decision
// and the statements that decided it:
//
//	go run ./examples/lambda-service-role [-dir examples/lambda-service-role]
package main

import "github.com/iamlogic/iamlogic/examples/internal/show"

func main() { show.Main(show.AccessFile) }
