package source_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
	"github.com/iamlogic/iamlogic/source"
)

// checkDocuments checks what Read and ReadChanges return for any input:
// every position with a line is within data, its line and column agree
// with its offset, and it names the file.
func checkDocuments(t *testing.T, data []byte, docs []source.Document) {
	t.Helper()
	check := func(what string, p policy.Position) {
		if !p.IsValid() {
			return
		}
		if p.File != "f" || p.Offset < 0 || p.Offset > len(data) {
			t.Fatalf("%s at %+v, outside the %d-byte input", what, p, len(data))
		}
		line, col := 1, 1
		for _, c := range data[:p.Offset] {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		if line != p.Line || col != p.Column {
			t.Fatalf("%s at %+v, but offset %d is %d:%d", what, p, p.Offset, line, col)
		}
	}
	for _, d := range docs {
		for _, f := range d.Findings {
			check("finding "+string(f.Code), f.Pos)
		}
		for _, ph := range d.Placeholders {
			check("placeholder", ph.Pos)
		}
		if d.Policy == nil {
			continue
		}
		check("policy", d.Policy.Pos)
		for _, st := range d.Policy.Statements {
			check("statement", st.Pos)
			for _, it := range append(append([]policy.Item{}, st.Actions...), st.Resources...) {
				check("item", it.Pos)
			}
		}
	}
}

func addSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzReadTemplate reads any input as a CloudFormation template, JSON or
// YAML: no panic, every position within the input.
func FuzzReadTemplate(f *testing.F) {
	addSeeds(f, "stack.yaml", "stack.json", "sam.yaml")
	f.Add([]byte("Resources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: &a\n        Statement: [*a, *a]\n"))
	f.Add([]byte("Resources: {R: {Type: AWS::IAM::Role, Properties: {Policies: !Split [',', x]}}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := source.Read("f", data, source.Options{Kind: source.CloudFormation})
		if err == nil {
			checkDocuments(t, data, docs)
		}
		docs, err = source.Read("f", data, source.Options{})
		if err == nil {
			checkDocuments(t, data, docs)
		}
	})
}

// FuzzReadPlan reads any input as a Terraform plan, and its changes: no
// panic, every position within the input.
func FuzzReadPlan(f *testing.F) {
	addSeeds(f, "plan.json")
	f.Add([]byte(`{"format_version":"1","resource_changes":[{"mode":"managed","type":"aws_iam_role","change":{"actions":["create"],"after":{"inline_policy":[{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3\\u003aGet\"}]}"}]},"after_unknown":{"inline_policy":true}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if docs, err := source.Read("f", data, source.Options{Kind: source.TerraformPlan}); err == nil {
			checkDocuments(t, data, docs)
		}
		changes, err := source.ReadChanges("f", data)
		if err != nil {
			return
		}
		for _, c := range changes {
			for _, d := range []*source.Document{c.Before, c.After} {
				if d != nil {
					checkDocuments(t, data, []source.Document{*d})
				}
			}
		}
	})
}
