package catalog_test

import (
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
)

// BenchmarkLookups measures every lookup of the catalog, each on the inputs
// of its row: lower and mixed case, templates, misses.
func BenchmarkLookups(b *testing.B) {
	c := catalog.Default()
	for _, bc := range []struct {
		name   string
		lookup func(string)
		inputs []string
	}{
		{"Action", func(s string) { c.Action(s) },
			[]string{"s3:getobject", "s3:GetObject", "ec2:DescribeInstances", "s3:NoSuchAction"}},
		{"Service", func(s string) { c.Service(s) }, []string{"EC2"}},
		{"ConditionKey", func(s string) { c.ConditionKey(s) },
			[]string{"aws:sourceip", "aws:SourceIp", "aws:RequestTag/Env", "s3:ExistingObjectTag/x", "aws:NoSuchKey"}},
		{"Expand", func(s string) { c.Expand(s) }, []string{"s3:Put*", "*:Describe*", "*"}},
		{"ResourceTypes", func(s string) { c.ResourceTypes(s) }, []string{
			"arn:aws:s3:::amzn-s3-demo-bucket/2026/q1/report.csv",
			"arn:aws:iam::111122223333:role/division/app",
			"arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
			"arn:aws:lambda:us-east-1:111122223333:function:app:prod",
		}},
		{"SuggestAction", func(s string) { c.SuggestAction(s) }, []string{"s3:GetObjcet"}},
		{"SuggestConditionKey", func(s string) { c.SuggestConditionKey(s) }, []string{"aws:SoruceIp"}},
	} {
		for _, in := range bc.inputs {
			b.Run(bc.name+"/"+in, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					bc.lookup(in)
				}
			})
		}
	}
}
