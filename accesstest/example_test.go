package accesstest_test

import (
	"errors"
	"fmt"

	"github.com/iamlogic/iamlogic/accesstest"
)

func ExampleParse() {
	data := []byte(`[
  {"name": "read a report", "request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}, "expected": "allowed",
   "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]},
  {"name": "typo in a policy", "request": {"action": "s3:GetObject", "resource": "*"}, "expected": "implicitDeny",
   "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Acton": "s3:GetObject", "Resource": "*"}]}]}
]`)
	// A .json file holds one case, an array of cases or {"cases": [...]};
	// a .jsonl file holds one case per line.
	cases, err := accesstest.Parse("reports.json", data, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cases {
		fmt.Printf("%s %q expects %s\n", c.Pos, c.Name, c.Expected)
		var pe *accesstest.PolicyError
		if errors.As(c.Err, &pe) {
			fmt.Println(pe)
		}
	}
	// The whole file is rejected when a case is malformed.
	_, err = accesstest.Parse("bad.jsonl", []byte(`{"name": "x", "request": {"action": "s3:GetObject"}, "expected": "allowed"}`), nil)
	fmt.Println(err)
	// Output:
	// reports.json:2 "read a report" expects allowed
	// reports.json:4 "typo in a policy" expects implicitDeny
	// identity[0] policy is invalid:
	//   reports.json:5:65: the statement has neither Action nor NotAction; add for example "Action": "s3:GetObject"; Policy statement must contain actions [ACTION_MISSING]
	//   reports.json:5:85: unknown element "Acton" in the statement; allowed elements: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition [UNKNOWN_ELEMENT]
	// bad.jsonl:1:26: case "x": request.resource is required
}

func ExampleRun() {
	cases, err := accesstest.Parse("reports.json", []byte(`{"name": "write a report",
 "request": {"principal": "arn:aws:iam::111122223333:user/ana", "action": "s3:PutObject", "resource": "arn:aws:s3:::reports/q1.csv"},
 "identityPolicies": [{"Version": "2012-10-17", "Statement": [
   {"Sid": "Read", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
   {"Sid": "NoWrites", "Effect": "Deny", "Action": "s3:Put*", "Resource": "*"}]}],
 "expected": "allowed"}`), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	o := accesstest.Run(cases[0])
	fmt.Println(o.Passed(), o.Problem())
	for _, d := range o.Result.Explanation.Deciding {
		fmt.Println(d.Sid, "at", d.Pos)
	}
	// Output:
	// false expected allowed, got explicitDeny
	// NoWrites at reports.json:5:4
}
