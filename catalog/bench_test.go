package catalog_test

import (
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
)

func BenchmarkAction(b *testing.B) {
	c := catalog.Default()
	for _, name := range []string{"s3:getobject", "s3:GetObject", "ec2:DescribeInstances", "s3:NoSuchAction"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Action(name)
			}
		})
	}
}

func BenchmarkService(b *testing.B) {
	c := catalog.Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Service("EC2")
	}
}

func BenchmarkConditionKey(b *testing.B) {
	c := catalog.Default()
	for _, name := range []string{"aws:sourceip", "aws:SourceIp", "aws:RequestTag/Env", "s3:ExistingObjectTag/x", "aws:NoSuchKey"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.ConditionKey(name)
			}
		})
	}
}

func BenchmarkExpand(b *testing.B) {
	c := catalog.Default()
	for _, pattern := range []string{"s3:Put*", "*:Describe*", "*"} {
		b.Run(pattern, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Expand(pattern)
			}
		})
	}
}

func BenchmarkResourceTypes(b *testing.B) {
	c := catalog.Default()
	for _, arn := range []string{
		"arn:aws:s3:::amzn-s3-demo-bucket/2026/q1/report.csv",
		"arn:aws:iam::111122223333:role/division/app",
		"arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
		"arn:aws:lambda:us-east-1:111122223333:function:app:prod",
	} {
		b.Run(arn, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.ResourceTypes(arn)
			}
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	c := catalog.Default()
	b.Run("Action", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.SuggestAction("s3:GetObjcet")
		}
	})
	b.Run("ConditionKey", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.SuggestConditionKey("aws:SoruceIp")
		}
	})
}
