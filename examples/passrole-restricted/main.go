// Command passrole-restricted shows iam:PassRole limited to one role and
// one service: a deployer may give the web instance role to EC2 instances
// it launches, but not other roles, not to other services, and never a
// role under the /privileged/ path.
// Its requests are the cases of access.json, each printed with the decision
// and the statements that decided it:
//
//	go run ./examples/passrole-restricted [-dir examples/passrole-restricted]
package main

import "github.com/iamlogic/iamlogic/examples/internal/show"

func main() { show.Main(show.AccessFile) }
