// Command passrole-restricted shows iam:PassRole limited to one role and
// one service: a deployer may give the web instance role to EC2 instances
// it launches, but not other roles, not to other services, and never a
// role under the /privileged/ path.
//
//	go run ./examples/passrole-restricted [-dir examples/passrole-restricted]
package main

import (
	"io"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/examples/internal/show"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	account  = "111122223333"
	deployer = "arn:aws:iam::" + account + ":user/deployer"
	webRole  = "arn:aws:iam::" + account + ":role/app/web-instance-role"
)

func main() { show.Main(run) }

func run(w io.Writer, dir string) error {
	l := show.NewLoader(dir)
	deployerPolicy := l.Load("deployer-policy.json")
	set, err := l.Compile(evaluator.Policies{Identity: []*policy.Policy{deployerPolicy}})
	if err != nil {
		return err
	}
	// Passing a role is authorized as iam:PassRole on the role, with the
	// receiving service in iam:PassedToService.
	pass := func(role, service string) evaluator.Request {
		return evaluator.Request{
			Principal: deployer,
			Action:    "iam:PassRole",
			Resource:  role,
			Context: conditions.NewContext(map[string]conditions.Value{
				"iam:PassedToService": conditions.Single(service),
			}),
		}
	}
	set.Explain(w, "Pass the web role to EC2", pass(webRole, "ec2.amazonaws.com"))
	set.Explain(w, "Pass another role to EC2", pass("arn:aws:iam::"+account+":role/app/batch-role", "ec2.amazonaws.com"))
	set.Explain(w, "Pass the web role to Lambda", pass(webRole, "lambda.amazonaws.com"))
	set.Explain(w, "Pass a privileged role to EC2", pass("arn:aws:iam::"+account+":role/privileged/break-glass", "ec2.amazonaws.com"))
	return nil
}
