package catalog_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic/catalog"
)

func Example() {
	c := catalog.Default()

	// Actions, ignoring case as IAM does.
	a, _ := c.Action("s3:getobject")
	fmt.Println(a, a.Access)

	// What a wildcard grants.
	for _, a := range c.Expand("iam:PassRole*") {
		fmt.Println(a, a.Access)
	}

	// The family a concrete condition key belongs to, and its type.
	k, _ := c.ConditionKey("aws:PrincipalTag/team")
	fmt.Println(k.Name, k.Type, k.Global)

	// The resource type an ARN names.
	for _, r := range c.ResourceTypes("arn:aws:s3:::reports/2026/q1.csv") {
		fmt.Println(r.Service.Prefix, r.Name)
	}

	// Did you mean?
	s, _ := c.SuggestAction("s3:GetObjcet")
	fmt.Println(s)
	// Output:
	// s3:GetObject Read
	// iam:PassRole Write
	// aws:PrincipalTag/${TagKey} String true
	// s3 object
	// s3:GetObject
}

func ExampleCatalog_Expand() {
	for _, a := range catalog.Default().Expand("sts:Assume*") {
		fmt.Println(a)
	}
	// Output:
	// sts:AssumeRole
	// sts:AssumeRoleWithSAML
	// sts:AssumeRoleWithWebIdentity
	// sts:AssumeRoot
}

func ExampleCatalog_ConditionKey() {
	k, _ := catalog.Default().ConditionKey("aws:TagKeys")
	fmt.Println(k.Name, k.Type, k.Type.Multivalued(), k.Type.Elem())
	// Output:
	// aws:TagKeys ArrayOfString true String
}
