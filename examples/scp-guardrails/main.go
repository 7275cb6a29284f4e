// Command scp-guardrails shows service control policies at three levels of
// an organization (root, the Workloads OU, the member account), each with
// FullAWSAccess attached: a region lock at the root that exempts global
// services and an admin role, and an OU policy that forbids attaching the
// AWS managed AdministratorAccess policy.
//
//	go run ./examples/scp-guardrails [-dir examples/scp-guardrails]
package main

import (
	"io"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/examples/internal/show"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	account   = "111122223333"
	adminRole = "arn:aws:iam::" + account + ":role/PlatformAdmin"
	admin     = "arn:aws:sts::" + account + ":assumed-role/PlatformAdmin/ops-kim"
)

func main() { show.Main(run) }

func run(w io.Writer, dir string) error {
	l := show.NewLoader(dir)
	full := l.Load("full-aws-access.json")
	regionLock := l.Load("region-lock.json")
	denyAdminAttach := l.Load("deny-admin-attach.json")
	adminPolicy := l.Load("admin-policy.json")

	// SCP levels, root first: the root, the Workloads OU, the account.
	// FullAWSAccess is not implied: it is listed where it is attached.
	set, err := l.Compile(evaluator.Policies{
		Identity: []*policy.Policy{adminPolicy},
		SCPs: [][]*policy.Policy{
			{full, regionLock},
			{full, denyAdminAttach},
			{full},
		},
	})
	if err != nil {
		return err
	}

	// AWS puts the region the request is sent to in aws:RequestedRegion and
	// the caller's role in aws:PrincipalArn; the request states them.
	request := func(action, resource, region string, extra ...string) evaluator.Request {
		ctx := map[string]conditions.Value{
			"aws:RequestedRegion": conditions.Single(region),
			"aws:PrincipalArn":    conditions.Single(adminRole),
		}
		for i := 0; i+1 < len(extra); i += 2 {
			ctx[extra[i]] = conditions.Single(extra[i+1])
		}
		return evaluator.Request{
			Principal:     admin,
			SessionIssuer: adminRole,
			Action:        action,
			Resource:      resource,
			Context:       conditions.NewContext(ctx),
		}
	}
	set.Explain(w, "Launch an instance in eu-west-1",
		request("ec2:RunInstances", "arn:aws:ec2:eu-west-1:"+account+":instance/*", "eu-west-1"))
	set.Explain(w, "Launch an instance in us-east-1",
		request("ec2:RunInstances", "arn:aws:ec2:us-east-1:"+account+":instance/*", "us-east-1"))
	set.Explain(w, "Create a role (IAM is global: its endpoint is in us-east-1)",
		request("iam:CreateRole", "arn:aws:iam::"+account+":role/app-runner", "us-east-1"))
	set.Explain(w, "Attach AdministratorAccess to a role",
		request("iam:AttachRolePolicy", "arn:aws:iam::"+account+":role/app-runner", "us-east-1",
			"iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess"))
	set.Explain(w, "Attach ReadOnlyAccess to a role",
		request("iam:AttachRolePolicy", "arn:aws:iam::"+account+":role/app-runner", "us-east-1",
			"iam:PolicyARN", "arn:aws:iam::aws:policy/ReadOnlyAccess"))
	return nil
}
