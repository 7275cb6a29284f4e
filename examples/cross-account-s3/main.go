// Command cross-account-s3 shows a bucket in account A (111122223333)
// shared with a role of account B (444455556666): the bucket policy grants
// the role read access to one prefix, and the role's identity policy in
// account B allows s3:GetObject. Across accounts both sides must allow.
//
//	go run ./examples/cross-account-s3 [-dir examples/cross-account-s3]
package main

import (
	"io"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/examples/internal/show"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	bucketAccount = "111122223333"
	readerRole    = "arn:aws:iam::444455556666:role/ReportReader"
	readerSession = "arn:aws:sts::444455556666:assumed-role/ReportReader/nightly-import"
)

func main() { show.Main(run) }

func run(w io.Writer, dir string) error {
	l := show.NewLoader(dir)
	bucket := l.Load("bucket-policy.json")
	reader := l.Load("reader-role-policy.json")

	both, err := l.Compile(evaluator.Policies{Identity: []*policy.Policy{reader}, Resource: bucket})
	if err != nil {
		return err
	}
	bucketOnly, err := l.Compile(evaluator.Policies{Resource: bucket})
	if err != nil {
		return err
	}

	// S3 ARNs hold no account: ResourceAccount says the bucket is in A.
	request := func(action, key, secure string) evaluator.Request {
		return evaluator.Request{
			Principal:       readerSession,
			SessionIssuer:   readerRole,
			Action:          action,
			Resource:        "arn:aws:s3:::amzn-s3-demo-bucket/" + key,
			ResourceAccount: bucketAccount,
			Context: conditions.NewContext(map[string]conditions.Value{
				"aws:SecureTransport": conditions.Single(secure),
			}),
		}
	}
	both.Explain(w, "B's role reads a shared report", request("s3:GetObject", "shared/2024/q1.csv", "true"))
	both.Explain(w, "B's role tries to write a report", request("s3:PutObject", "shared/2024/q2.csv", "true"))
	both.Explain(w, "B's role tries to read outside the shared prefix", request("s3:GetObject", "finance/payroll.csv", "true"))
	bucketOnly.Explain(w, "B's role without an identity policy tries to read", request("s3:GetObject", "shared/2024/q1.csv", "true"))
	both.Explain(w, "B's role reads over plain HTTP", request("s3:GetObject", "shared/2024/q1.csv", "false"))
	return nil
}
