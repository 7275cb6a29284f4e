package policy_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/iamlogic/iamlogic/policy"
)

// Parse reports every problem of a document with its line, column and JSON
// pointer.
func ExampleParse() {
	doc := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["s3:ListBucket", "s3GetObject"],
    "Resource": "arn:aws:s3:::reports/*"
  }]
}`)
	_, err := policy.Parse(doc)
	var findings policy.Findings
	if errors.As(err, &findings) {
		for _, f := range findings {
			fmt.Println(f.Pointer)
			fmt.Println(f)
		}
	}
	// Output:
	// /Statement/0/Action/1
	// 5:33: Action "s3GetObject" must be prefixed by a service, e.g. "s3:GetObject" (Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.) [ACTION_FORMAT]
}

// Validate applies the rules of a policy type: a bucket policy needs a
// Principal, which an identity-based policy must not have.
func ExamplePolicy_Validate() {
	p, err := policy.Parse([]byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "ReadReports",
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::reports/*"
  }]
}`))
	if err != nil {
		panic(err)
	}
	fmt.Println("identity:", len(p.Validate(policy.TypeIdentity)), "findings")
	for _, f := range p.Validate(policy.TypeResource) {
		fmt.Println("resource:", f.Severity, f.Code, f.Pos.Line, f.Pos.Column)
	}
	fmt.Println("Check:", p.Check(policy.TypeResource) != nil)
	// Output:
	// identity: 0 findings
	// resource: error PRINCIPAL_MISSING 3 17
	// Check: true
}

// MarshalJSON prints the canonical form: fixed key order, lists as arrays,
// condition values as strings.
func ExamplePolicy_MarshalJSON() {
	p, _ := policy.Parse([]byte(`{"Statement": {"Resource": "*", "Effect": "Deny", "Action": "s3:*",
	  "Condition": {"NumericGreaterThan": {"s3:max-keys": 1000}}}}`))
	b, _ := p.MarshalJSON()
	fmt.Println(string(b))
	// Output:
	// {"Statement":[{"Effect":"Deny","Action":["s3:*"],"Resource":["*"],"Condition":{"NumericGreaterThan":{"s3:max-keys":"1000"}}}]}
}

// A Policy is a target of json.Unmarshal, for example as a field of a
// configuration file. Unmarshalling is as strict as Parse and also rejects
// a document that no policy type accepts.
func ExamplePolicy_UnmarshalJSON() {
	var config struct {
		Role   string
		Policy policy.Policy
	}
	err := json.Unmarshal([]byte(`{"Role": "reader", "Policy": {
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}}`), &config)
	fmt.Println(err, config.Policy.Statements[0].Actions[0].Value)

	// Without Principal and Resource no policy type accepts the document.
	err = json.Unmarshal([]byte(`{"Role": "reader", "Policy": {
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}}`), &config)
	var findings policy.Findings
	if errors.As(err, &findings) {
		fmt.Println(findings[0].Code)
	}
	// Output:
	// <nil> s3:GetObject
	// RESOURCE_MISSING
}

// MustParse suits tests and package-level policies known to be valid.
func ExampleMustParse() {
	readOnly := policy.MustParse([]byte(`{"Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}}`))
	fmt.Println(readOnly.Check(policy.TypeIdentity) == nil)
	b, _ := json.Marshal(readOnly)
	fmt.Println(string(b))
	// Output:
	// true
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":["*"]}]}
}
