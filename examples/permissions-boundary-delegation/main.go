// Command permissions-boundary-delegation shows how an administrator
// delegates IAM work safely, after the delegation example of the IAM User
// Guide (access_policies_boundaries): the delegated admin has iam:* in its
// identity policy, but its permissions boundary lets it create and change
// users and roles only when they get the workload boundary, and denies
// editing the boundary policies or removing boundaries.
//
//	go run ./examples/permissions-boundary-delegation [-dir examples/permissions-boundary-delegation]
package main

import (
	"io"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/examples/internal/show"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	account          = "111122223333"
	admin            = "arn:aws:iam::" + account + ":user/delegated-admin"
	workloadBoundary = "arn:aws:iam::" + account + ":policy/WorkloadBoundary"
)

func main() { show.Main(run) }

func run(w io.Writer, dir string) error {
	l := show.NewLoader(dir)
	permissions := l.Load("admin-permissions.json")
	boundary := l.Load("admin-boundary.json")
	set, err := l.Compile(evaluator.Policies{Identity: []*policy.Policy{permissions}, Boundary: boundary})
	if err != nil {
		return err
	}

	// withBoundary is the context of a request that sets (or targets an
	// entity with) the given permissions boundary; "" for none.
	withBoundary := func(arn string) conditions.Context {
		if arn == "" {
			return conditions.Context{}
		}
		return conditions.NewContext(map[string]conditions.Value{"iam:PermissionsBoundary": conditions.Single(arn)})
	}
	newUser := "arn:aws:iam::" + account + ":user/app-deployer"
	for _, c := range []struct {
		title, action, resource, boundary string
	}{
		{"Create a user with the workload boundary", "iam:CreateUser", newUser, workloadBoundary},
		{"Create a user without a boundary", "iam:CreateUser", newUser, ""},
		{"Create a role with AdministratorAccess as its boundary", "iam:CreateRole",
			"arn:aws:iam::" + account + ":role/app-runner", "arn:aws:iam::aws:policy/AdministratorAccess"},
		{"Remove a user's boundary", "iam:DeleteUserPermissionsBoundary", newUser, workloadBoundary},
		{"Publish a new version of the workload boundary", "iam:CreatePolicyVersion", workloadBoundary, ""},
		{"List a bucket the identity policy allows", "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", ""},
	} {
		set.Explain(w, c.title, evaluator.Request{
			Principal: admin,
			Action:    c.action,
			Resource:  c.resource,
			Context:   withBoundary(c.boundary),
		})
	}
	return nil
}
