package main

import "os"

// The example's access.json runs in examples/internal/show (TestExampleAccessFiles).

func Example() {
	if err := run(os.Stdout, "."); err != nil {
		panic(err)
	}
	// Output:
	// B's role reads a shared report
	//   arn:aws:sts::444455556666:assumed-role/ReportReader/nightly-import calls s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket/shared/2024/q1.csv
	//   context: aws:securetransport=true
	//   => allowed: identity-grant (the resource policy names the caller: entity match)
	//      Allow "ReadPartnerBucket" in reader-role-policy.json:4:5
	//      Allow "PartnerReadsSharedPrefix" in bucket-policy.json:4:5
	//
	// B's role tries to write a report
	//   arn:aws:sts::444455556666:assumed-role/ReportReader/nightly-import calls s3:PutObject on arn:aws:s3:::amzn-s3-demo-bucket/shared/2024/q2.csv
	//   context: aws:securetransport=true
	//   => implicitDeny: no-identity-allow (blocked by: identity)
	//
	// B's role tries to read outside the shared prefix
	//   arn:aws:sts::444455556666:assumed-role/ReportReader/nightly-import calls s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket/finance/payroll.csv
	//   context: aws:securetransport=true
	//   => implicitDeny: no-resource-allow (blocked by: resource)
	//      statements that applied, but not enough:
	//      Allow "ReadPartnerBucket" in reader-role-policy.json:4:5
	//
	// B's role without an identity policy tries to read
	//   arn:aws:sts::444455556666:assumed-role/ReportReader/nightly-import calls s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket/shared/2024/q1.csv
	//   context: aws:securetransport=true
	//   => implicitDeny: no-identity-allow (blocked by: identity)
	//      statements that applied, but not enough:
	//      Allow "PartnerReadsSharedPrefix" in bucket-policy.json:4:5
	//
	// B's role reads over plain HTTP
	//   arn:aws:sts::444455556666:assumed-role/ReportReader/nightly-import calls s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket/shared/2024/q1.csv
	//   context: aws:securetransport=false
	//   => explicitDeny: explicit-deny (blocked by: resource)
	//      Deny "DenyInsecureTransport" in bucket-policy.json:19:5
}
