package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/tidwall/gjson"

	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
)

// Kind is what a file holds.
type Kind uint8

// The kinds of input. The zero value, Auto, recognises the kind by
// content.
const (
	Auto           Kind = iota // recognised by content (see Read)
	Policy                     // one policy document, JSON
	CloudFormation             // a CloudFormation template, JSON or YAML
	TerraformPlan              // a Terraform plan, as `terraform show -json` prints it
)

var kindNames = [...]string{Auto: "auto", Policy: "policy", CloudFormation: "cloudformation", TerraformPlan: "terraform-plan"}

// String returns "auto", "policy", "cloudformation" or "terraform-plan".
func (k Kind) String() string {
	return enum.String(kindNames[:], k, "Kind(%d)")
}

// ParseKind returns the Kind that String names.
func ParseKind(s string) (Kind, error) {
	if k, ok := enum.Parse[Kind](kindNames[:], s); ok {
		return k, nil
	}
	return Auto, fmt.Errorf("source: unknown kind %s; expected one of %s", text.Quote(s), strings.Join(kindNames[:], ", "))
}

// Options tune Read.
type Options struct {
	// Kind forces the kind of input; Auto (the zero value) recognises it.
	Kind Kind
}

// CodeUnresolvedValue is the code of the warning a document gets when it
// holds values that are not known offline: "the value of !Sub … is not
// known offline; it is read as granting nothing".
const CodeUnresolvedValue policy.Code = "UNRESOLVED_VALUE"

// Placeholder is a value of a document that is not known offline.
type Placeholder struct {
	Pos policy.Position // where the value is written
	// Text describes it: the intrinsic function in its short form ("!Sub
	// arn:aws:s3:::${Bucket}/*", "!GetAtt Role.Arn"), or "known after
	// apply" for a Terraform value.
	Text string
}

// Document is one policy document found in a file.
type Document struct {
	// File is the file's name as given ("-" is read as "<stdin>").
	File string
	// Address names the document within the file: "" for a loose policy
	// file; the logical ID and the property path in a template
	// ("AppRole.Policies[0].PolicyDocument"); the resource address and the
	// attribute in a plan ("module.x.aws_iam_role.y.assume_role_policy").
	Address string
	// Resource is the logical ID or resource address alone, and
	// ResourceType its type ("AWS::IAM::Role", "aws_iam_role"); "" for a
	// loose policy file.
	Resource, ResourceType string
	// Type is the policy type the container implies (a role's
	// AssumeRolePolicyDocument is a trust policy, a bucket policy a
	// resource policy), or "" for a loose policy file.
	Type policy.Type
	// Policy is the parsed document; nil when its JSON is unusable. A
	// document that is not known offline at all (a Terraform policy known
	// after apply, a template's document written as !If) is a policy that
	// denies everything through placeholders, so that it never grants.
	Policy *policy.Policy
	// Findings are those of parsing the document (package policy's), and
	// the warning CodeUnresolvedValue when it holds placeholders. Validate
	// the Policy as its Type for the rest.
	Findings policy.Findings
	// Placeholders are the values of the document that are not known
	// offline, in the order they are written.
	Placeholders []Placeholder
}

// Name is File, or File#Address for a document inside a template or plan.
func (d *Document) Name() string {
	if d.Address == "" {
		return d.File
	}
	return d.File + "#" + d.Address
}

// MaxFileBytes bounds the size of one input file.
const MaxFileBytes = 64 << 20

// StdinName is the file name of standard input ("-") in documents.
const StdinName = "<stdin>"

// ReadFile reads the file name (standard input for "-") and returns its
// documents, as Read does.
func ReadFile(name string, opts Options) ([]Document, error) {
	name, data, err := ReadInput(name)
	if err != nil {
		return nil, err
	}
	return Read(name, data, opts)
}

// ReadInput reads the file arg, or standard input for "-" (at most one
// byte more than MaxFileBytes of it, so that Read and ReadChanges refuse a
// larger one). It returns the name the file's documents and messages give
// it: arg, or StdinName.
func ReadInput(arg string) (name string, data []byte, err error) {
	if arg == "-" {
		data, err = io.ReadAll(io.LimitReader(os.Stdin, MaxFileBytes+1))
		return StdinName, data, err
	}
	data, err = os.ReadFile(arg)
	return arg, data, err
}

// Read returns the policy documents of data, read from the file name. It
// recognises what data holds by its content, unless opts.Kind says:
//
//   - a CloudFormation template, JSON or YAML: it has
//     AWSTemplateFormatVersion, or Resources whose entries have a Type
//     "AWS::…";
//   - a Terraform plan (terraform show -json): a JSON object with
//     format_version and planned_values or resource_changes;
//   - otherwise a loose policy document, parsed as policy.ParseFile does
//     (its Type is "").
//
// Read returns an error only for a template or plan it cannot read; a
// policy with errors is a Document with findings.
func Read(name string, data []byte, opts Options) ([]Document, error) {
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: %d bytes is more than the limit of %d (MaxFileBytes)", name, len(data), MaxFileBytes)
	}
	k := opts.Kind
	isJSON, root := parseJSON(data)
	if k == Auto {
		k = detect(data, isJSON, root)
	}
	switch k {
	case CloudFormation:
		if isJSON {
			return readTemplateJSON(name, data, root)
		}
		return readTemplateYAML(name, data)
	case TerraformPlan:
		if !isJSON {
			return nil, fmt.Errorf("%s: a Terraform plan is JSON (terraform show -json); this file is not a JSON object", name)
		}
		return readPlan(name, data, root)
	case Policy:
		p, err := policy.ParseFile(name, data)
		return []Document{{File: name, Policy: p, Findings: findingsOf(err)}}, nil
	}
	return nil, fmt.Errorf("source: invalid kind %v", opts.Kind)
}

// detect recognises what data holds.
func detect(data []byte, isJSON bool, root gjson.Result) Kind {
	if isJSON {
		switch {
		case root.Get("AWSTemplateFormatVersion").Exists(), hasAWSResources(root.Get("Resources")):
			return CloudFormation
		case root.Get("format_version").Exists() && (root.Get("planned_values").Exists() || root.Get("resource_changes").Exists()):
			return TerraformPlan
		}
		return Policy
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return Policy // JSON with a syntax error: package policy says where
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "AWSTemplateFormatVersion:") || strings.HasPrefix(line, "Resources:") {
			return CloudFormation
		}
	}
	return Policy
}

// hasAWSResources reports whether res is a Resources section with an entry
// whose Type is "AWS::…".
func hasAWSResources(res gjson.Result) bool {
	found := false
	res.ForEach(func(_, r gjson.Result) bool {
		found = strings.HasPrefix(r.Get("Type").String(), "AWS::")
		return !found
	})
	return found
}

// findingsOf returns the findings of a parse error.
func findingsOf(err error) policy.Findings {
	if err == nil {
		return nil
	}
	var fs policy.Findings
	if errors.As(err, &fs) {
		return fs
	}
	return policy.Findings{{Code: policy.CodeSyntax, Message: err.Error()}}
}

// Detect returns the kind of input data holds, as Read recognises it.
func Detect(data []byte) Kind {
	isJSON, root := parseJSON(data)
	return detect(data, isJSON, root)
}

// parseJSON parses data when it is a valid JSON object.
func parseJSON(data []byte) (bool, gjson.Result) {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' && gjson.ValidBytes(data) {
		return true, gjson.ParseBytes(data)
	}
	return false, gjson.Result{}
}
