package evaluator_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

func mustParse(doc string) *policy.Policy {
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		panic(err)
	}
	return p
}

// A role reads an object from a bucket in its own account.
func Example_s3Read() {
	identity := mustParse(`{
	  "Version": "2012-10-17",
	  "Statement": [{
	    "Sid": "ReadReports",
	    "Effect": "Allow",
	    "Action": ["s3:GetObject", "s3:ListBucket"],
	    "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
	  }]
	}`)
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{identity}})
	if err != nil {
		panic(err)
	}
	for _, action := range []string{"s3:GetObject", "s3:PutObject"} {
		res := set.Evaluate(evaluator.Request{
			Principal:       "arn:aws:sts::111122223333:assumed-role/reporting/session",
			Action:          action,
			Resource:        "arn:aws:s3:::reports/2024/q1.csv",
			ResourceAccount: "111122223333",
		})
		fmt.Println(action, res.Decision, res.Reason)
	}
	// Output:
	// s3:GetObject allowed identity-grant
	// s3:PutObject implicitDeny no-identity-allow
}

// A user of another account assumes a role whose trust policy requires an
// external ID. Both sides must allow: the trust policy and the caller's own
// identity policy.
func Example_crossAccountAssumeRole() {
	trust := mustParse(`{
	  "Version": "2012-10-17",
	  "Statement": [{
	    "Effect": "Allow",
	    "Principal": {"AWS": "444455556666"},
	    "Action": "sts:AssumeRole",
	    "Condition": {"StringEquals": {"sts:ExternalId": "Unique ID Assigned by Example Corp"}}
	  }]
	}`)
	caller := mustParse(`{
	  "Version": "2012-10-17",
	  "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/ExampleCorpRole"}]
	}`)
	set, err := evaluator.Compile(evaluator.Policies{
		Identity:     []*policy.Policy{caller},
		Resource:     trust,
		ResourceType: policy.TypeTrust,
	})
	if err != nil {
		panic(err)
	}
	r := evaluator.Request{
		Principal: "arn:aws:iam::444455556666:user/ops",
		Action:    "sts:AssumeRole",
		Resource:  "arn:aws:iam::111122223333:role/ExampleCorpRole",
	}
	fmt.Println("without external ID:", set.Evaluate(r).Decision)
	r.Context = conditions.NewContext(map[string]conditions.Value{
		"sts:ExternalId": conditions.Single("Unique ID Assigned by Example Corp"),
	})
	fmt.Println("with external ID:", set.Evaluate(r).Decision)
	// Output:
	// without external ID: implicitDeny
	// with external ID: allowed
}

// An SCP at the organization root denies every action outside two regions,
// except for global services. Explain shows the statement that denied.
func Example_scpRegionLock() {
	fullAccess := mustParse(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	regionLock := mustParse(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyOutsideEU",
    "Effect": "Deny",
    "NotAction": ["iam:*", "organizations:*", "sts:*", "support:*"],
    "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}
  }]
}`)
	admin := mustParse(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	set, err := evaluator.Compile(evaluator.Policies{
		Identity: []*policy.Policy{admin},
		SCPs:     [][]*policy.Policy{{fullAccess, regionLock}, {fullAccess}},
	})
	if err != nil {
		panic(err)
	}
	for _, region := range []string{"eu-west-1", "us-east-1"} {
		res := set.Explain(evaluator.Request{
			Principal: "arn:aws:iam::111122223333:user/admin",
			Action:    "ec2:RunInstances",
			Resource:  "arn:aws:ec2:" + region + ":111122223333:instance/*",
			Context: conditions.NewContext(map[string]conditions.Value{
				"aws:RequestedRegion": conditions.Single(region),
			}),
		})
		fmt.Println(region, res)
	}
	// Output:
	// eu-west-1 allowed (identity-grant)
	//   Allow identity[0] statement 0 at 1:41
	// us-east-1 explicitDeny (explicit-deny; blocked by scp)
	//   Deny scp[level 0][1] statement 0 (Sid "DenyOutsideEU") at 3:17
}
