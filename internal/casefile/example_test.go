package casefile_test

import (
	"errors"
	"fmt"

	"github.com/iamlogic/iamlogic/internal/casefile"
	"github.com/iamlogic/iamlogic/policy"
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
	cases, err := casefile.Parse("reports.json", data, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cases {
		fmt.Printf("%s:%d %q expects %s\n", c.File, c.Line, c.Name, c.Expected)
		var pe *casefile.PolicyError
		if errors.As(c.Err, &pe) {
			fmt.Println(pe)
		}
	}
	// The whole file is rejected when a case is malformed.
	_, err = casefile.Parse("bad.jsonl", []byte(`{"name": "x", "request": {"action": "s3:GetObject"}, "expected": "allowed"}`), nil)
	fmt.Println(err)
	// Translate maps a position inside an inline policy to the case file.
	line, col := casefile.Translate(policy.Position{Line: 4, Column: 23}, policy.Position{Line: 1, Column: 10})
	fmt.Println(line, col)
	// Output:
	// reports.json:2 "read a report" expects allowed
	// reports.json:4 "typo in a policy" expects implicitDeny
	// identity[0] policy is invalid:
	//   reports.json:5:65: the statement has neither Action nor NotAction; add for example "Action": "s3:GetObject"; Policy statement must contain actions [ACTION_MISSING]
	//   reports.json:5:85: unknown element "Acton" in the statement; allowed elements: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition [UNKNOWN_ELEMENT]
	// bad.jsonl:1:26: case "x": request.resource is required
	// 4 32
}
