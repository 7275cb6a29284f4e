// Command permissions-boundary-delegation shows how an administrator
// delegates IAM work safely, after the delegation example of the IAM User
// Guide (access_policies_boundaries): the delegated admin has iam:* in its
// identity policy, but its permissions boundary lets it create and change
// users and roles only when they get the workload boundary, and denies
// editing the boundary policies or removing boundaries.
// Its requests are the cases of access.json, each printed with the decision
// and the statements that decided it:
//
//	go run ./examples/permissions-boundary-delegation [-dir examples/permissions-boundary-delegation]
package main

import "github.com/iamlogic/iamlogic/examples/internal/show"

func main() { show.Main(show.AccessFile) }
