// Command cross-account-s3 shows a bucket in account A (111122223333)
// shared with a role of account B (444455556666): the bucket policy grants
// the role read access to one prefix, and the role's identity policy in
// account B allows s3:GetObject. Across accounts both sides must allow.
// Its requests are the cases of access.json, each printed with the decision
// and the statements that decided it:
//
//	go run ./examples/cross-account-s3 [-dir examples/cross-account-s3]
package main

import "github.com/iamlogic/iamlogic/examples/internal/show"

func main() { show.Main(show.AccessFile) }
