// Command lambda-service-role shows the two halves of a Lambda execution
// role: the trust policy that lets the Lambda service assume the role, and
// the permissions policy that lets the function write its CloudWatch Logs
// and read one DynamoDB table.
//
//	go run ./examples/lambda-service-role [-dir examples/lambda-service-role]
package main

import (
	"io"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/examples/internal/show"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	account = "111122223333"
	roleARN = "arn:aws:iam::" + account + ":role/service-role/orders-api-role"
	// The function's calls are made by a session of the role named after
	// the function.
	session = "arn:aws:sts::" + account + ":assumed-role/orders-api-role/orders-api"
)

func main() { show.Main(run) }

func run(w io.Writer, dir string) error {
	l := show.NewLoader(dir)
	trust := l.Load("trust-policy.json")
	permissions := l.Load("permissions-policy.json")
	developer := l.Load("developer-policy.json")

	// Assuming the role is a request on the role, decided by its trust
	// policy (a resource-based policy that must grant even in the same
	// account) together with the caller's identity policies.
	assume, err := l.Compile(evaluator.Policies{Resource: trust, ResourceType: policy.TypeTrust})
	if err != nil {
		return err
	}
	assume.Explain(w, "The Lambda service assumes the execution role", evaluator.Request{
		Principal: "lambda.amazonaws.com",
		Action:    "sts:AssumeRole",
		Resource:  roleARN,
	})
	byDeveloper, err := l.Compile(evaluator.Policies{
		Identity:     []*policy.Policy{developer},
		Resource:     trust,
		ResourceType: policy.TypeTrust,
	})
	if err != nil {
		return err
	}
	byDeveloper.Explain(w, "A developer allowed sts:AssumeRole on * tries the same", evaluator.Request{
		Principal: "arn:aws:iam::" + account + ":user/dev-ana",
		Action:    "sts:AssumeRole",
		Resource:  roleARN,
	})

	// The function then calls AWS with the role's session.
	function, err := l.Compile(evaluator.Policies{Identity: []*policy.Policy{permissions}})
	if err != nil {
		return err
	}
	for _, c := range []struct{ title, action, resource string }{
		{"The function writes its logs", "logs:PutLogEvents",
			"arn:aws:logs:eu-west-1:" + account + ":log-group:/aws/lambda/orders-api:log-stream:2024/05/01/[$LATEST]0123456789abcdef"},
		{"The function reads an order", "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:" + account + ":table/Orders"},
		{"The function tries to write an order", "dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:" + account + ":table/Orders"},
		{"The function tries to delete its log group", "logs:DeleteLogGroup",
			"arn:aws:logs:eu-west-1:" + account + ":log-group:/aws/lambda/orders-api"},
	} {
		function.Explain(w, c.title, evaluator.Request{
			Principal:     session,
			SessionIssuer: roleARN,
			Action:        c.action,
			Resource:      c.resource,
		})
	}
	return nil
}
