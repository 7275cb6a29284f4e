package source_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic/source"
)

// ExampleRead finds the policies of a YAML template, each with the type
// its resource implies, its findings at their place in the template, and
// the values the template leaves to deployment.
func ExampleRead() {
	template := `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3GetObject
                Resource: !Sub "arn:aws:s3:::${Bucket}/*"
`
	docs, err := source.Read("stack.yaml", []byte(template), source.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range docs {
		fmt.Printf("%s (%s)\n", d.Name(), d.Type)
		for _, f := range d.Findings {
			fmt.Printf("  %s: %s [%s]\n", f.Pos, f.Severity, f.Code)
		}
	}
	// Output:
	// stack.yaml#AppRole.AssumeRolePolicyDocument (trust)
	// stack.yaml#AppRole.Policies[0].PolicyDocument (identity)
	//   stack.yaml:18:25: error [ACTION_FORMAT]
	//   stack.yaml:19:27: warning [UNRESOLVED_VALUE]
}
