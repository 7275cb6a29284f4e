package arn_test

import (
	"errors"
	"fmt"

	"github.com/iamlogic/iamlogic/arn"
)

func ExampleParse() {
	a, err := arn.Parse("arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Partition, a.Service, a.Region, a.AccountID)
	fmt.Println(a.Resource)
	fmt.Println(a.ResourceType(), a.ResourceID())

	_, err = arn.Parse("arn:aws:s3")
	var e *arn.Error
	if errors.As(err, &e) {
		fmt.Println(e)
	}
	// Output:
	// aws lambda us-east-1 123456789012
	// function:my-fn:PROD
	// function my-fn:PROD
	// arn: "arn:aws:s3" has 2 colons; an ARN has at least five (arn:partition:service:region:account:resource)
}

func ExampleARN_ResourceType() {
	for _, s := range []string{
		"arn:aws:iam::123456789012:user/division_abc/JaneDoe",
		"arn:aws:s3:::bucket/photos/cat.jpg",
		"arn:aws:iam::123456789012:root",
	} {
		a := arn.MustParse(s)
		fmt.Printf("%q %q\n", a.ResourceType(), a.ResourceID())
	}
	// Output:
	// "user" "division_abc/JaneDoe"
	// "" "bucket/photos/cat.jpg"
	// "" "root"
}

func ExampleSplit() {
	s, ok := arn.Split("arn:aws:s3:::bucket/a:b")
	fmt.Printf("%v %q %q %q %q %q\n", ok, s.Partition, s.Service, s.Region, s.Account, s.Resource)
	_, ok = arn.Split("bucket/a:b")
	fmt.Println(ok)
	// Output:
	// true "aws" "s3" "" "" "bucket/a:b"
	// false
}

func ExampleCompilePattern() {
	p, err := arn.CompilePattern("arn:aws:someservice:*:111122223333:finance/*")
	if err != nil {
		fmt.Println(err)
		return
	}
	// The '*' in the region part cannot reach into the account part.
	fmt.Println(p.Match("arn:aws:someservice:us-east-2:111122223333:finance/report.txt"))
	fmt.Println(p.Match("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"))

	// In the resource part a wildcard spans '/' and ':'.
	fn := arn.MustCompilePattern("arn:aws:lambda:*:*:function:fn*")
	fmt.Println(fn.Match("arn:aws:lambda:us-east-1:123456789012:function:fn:PROD"))

	// Only the pattern "*" matches the pseudo-resource "*".
	fmt.Println(arn.MustCompilePattern("*").Match("*"), arn.MustCompilePattern("arn:aws:s3:::*").Match("*"))
	// Output:
	// true
	// false
	// true
	// true false
}

func ExampleMatchEncoded() {
	// A pattern assembled after substituting ${aws:username} = "a*b": the
	// substituted '*' is literal text, the policy's own '*' is the byte 0xFF.
	pattern := []byte("arn:aws:s3:::home/a*b/")
	pattern = append(pattern, 0xFF)
	fmt.Println(arn.MatchEncoded(pattern, "arn:aws:s3:::home/a*b/notes.txt"))
	fmt.Println(arn.MatchEncoded(pattern, "arn:aws:s3:::home/axxb/notes.txt"))
	// Output:
	// true
	// false
}
