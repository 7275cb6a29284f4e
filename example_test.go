package iamlogic_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic"
)

func ExampleAuthorize() {
	role := []byte(`{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "NoDrafts", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/drafts/*"}
  ]
}`)
	docs := iamlogic.Documents{Identity: []iamlogic.Document{{Name: "role.json", JSON: role}}}
	for _, key := range []string{"q1.csv", "drafts/q2.csv"} {
		res, err := iamlogic.Authorize(docs, iamlogic.Request{
			Principal: "arn:aws:sts::111122223333:assumed-role/app/task",
			Action:    "s3:GetObject",
			Resource:  "arn:aws:s3:::reports/" + key,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(key, res.Decision)
		for _, d := range res.Explanation.Deciding {
			fmt.Printf("  %s %s at %s\n", d.Effect, d.Sid, d.Pos)
		}
	}
	// Output:
	// q1.csv allowed
	//   Allow ReadReports at role.json:4:5
	// drafts/q2.csv explicitDeny
	//   Deny NoDrafts at role.json:5:5
}

func ExampleAuthorize_invalid() {
	_, err := iamlogic.Authorize(iamlogic.Documents{
		Identity: []iamlogic.Document{{Name: "typo.json", JSON: []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}}`)}},
	}, iamlogic.Request{Action: "s3:GetObject", Resource: "*"})
	fmt.Println(err)
	// Output:
	// typo.json is not a valid identity policy:
	// typo.json:1:70: Action "s3GetObject" must be prefixed by a service, e.g. "s3:GetObject" (Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.) [ACTION_FORMAT]
}
