package source_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
	"github.com/iamlogic/iamlogic/source"
)

func readTestdata(t *testing.T, name string) []source.Document {
	t.Helper()
	docs, err := source.ReadFile(filepath.Join("testdata", name), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestDetect: the kind of input is recognised by content alone.
func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want source.Kind
	}{
		{"policy", `{"Version":"2012-10-17","Statement":[]}`, source.Policy},
		{"broken JSON", `{"Version":`, source.Policy},
		{"not JSON at all", `Version: 2012-10-17`, source.Policy},
		{"empty", ``, source.Policy},
		{"JSON template by version", `{"AWSTemplateFormatVersion":"2010-09-09"}`, source.CloudFormation},
		{"JSON template by resources", `{"Resources":{"R":{"Type":"AWS::IAM::Policy"}}}`, source.CloudFormation},
		{"resources of another kind", `{"Resources":{"R":{"Type":"Custom::Thing"}}}`, source.Policy},
		{"YAML template", "Description: x\nResources:\n  R:\n    Type: AWS::IAM::Policy\n", source.CloudFormation},
		{"YAML template by version", "AWSTemplateFormatVersion: 2010-09-09\n", source.CloudFormation},
		{"plan", `{"format_version":"1.2","planned_values":{}}`, source.TerraformPlan},
		{"plan by changes", `{"format_version":"1.2","resource_changes":[]}`, source.TerraformPlan},
		{"state is not a plan", `{"format_version":"1.0","values":{}}`, source.Policy},
	} {
		if got := source.Detect([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: Detect = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// docSummary is what a test expects of a document.
type docSummary struct {
	address      string
	typ          policy.Type
	placeholders []string
	codes        []policy.Code
}

func summarize(docs []source.Document) []docSummary {
	var out []docSummary
	for _, d := range docs {
		s := docSummary{address: d.Address, typ: d.Type, codes: d.Findings.Codes()}
		for _, p := range d.Placeholders {
			s.placeholders = append(s.placeholders, p.Text)
		}
		out = append(out, s)
	}
	return out
}

// TestReadTemplatesAndPlans: every policy of the fixtures is found, with
// the type its container implies, its placeholders and its parse
// findings.
func TestReadTemplatesAndPlans(t *testing.T) {
	const id, trust, res = policy.TypeIdentity, policy.TypeTrust, policy.TypeResource
	unresolved := source.CodeUnresolvedValue
	for _, tc := range []struct {
		file string
		want []docSummary
	}{
		{"stack.yaml", []docSummary{
			{"AppRole.AssumeRolePolicyDocument", trust, nil, nil},
			{"AppRole.Policies[0].PolicyDocument", id, []string{"!Ref StatementName", `!Sub "arn:aws:s3:::${Bucket}/*"`}, []policy.Code{unresolved, policy.CodeActionFormat}},
			{"AppRole.Policies[2].PolicyDocument", id, []string{"!If [IsProd, s3:DeleteObject, !Ref AWS::NoValue]"}, []policy.Code{unresolved}},
			{"QueuePolicy.PolicyDocument", res, []string{"!If [IsProd, {Version: 2012-10-17, Statement: []}, !Ref AWS::NoValue]"}, []policy.Code{unresolved}},
			{"KeyPolicy.KeyPolicy", res, []string{`!Sub "arn:aws:iam::${AWS::AccountId}:root"`}, []policy.Code{unresolved}},
			{"Invoke", res, []string{"!GetAtt Bucket.Arn"}, []policy.Code{unresolved}},
		}},
		// AWS SAM: the documents among a function's or state machine's
		// Policies; managed policy names and ARNs and SAM policy
		// templates are attachments, not read
		{"sam.yaml", []docSummary{
			{"Reader.AssumeRolePolicyDocument", trust, nil, nil},
			{"Reader.Policies[2]", id, nil, nil},
			{"Reader.Policies[3]", id, []string{`!If [IsProd, {Statement: [{Effect: Allow, Action: s3:PutObject, Resource: "arn:aws:s3:::reports/*"}]}, !Ref AWS::NoVa...`}, []policy.Code{unresolved}},
			{"Writer.Policies", id, nil, nil},
			{"Flow.Policies[1]", id, nil, nil},
		}},
		{"stack.json", []docSummary{
			{"ReadPolicy.PolicyDocument", id, nil, []policy.Code{policy.CodeActionFormat}},
			{"Topic.PolicyDocument", res, []string{"!GetAtt Role.Arn", "!Ref T"}, []policy.Code{unresolved}},
			{"UserPolicy.PolicyDocument", id, nil, nil},
		}},
		{"plan.json", []docSummary{
			{"aws_iam_policy.reader.policy", id, nil, nil},
			{"module.app.aws_s3_bucket_policy.b.policy", res, []string{"known after apply"}, []policy.Code{unresolved}},
			{"module.app.aws_iam_role.app.assume_role_policy", trust, nil, nil},
			{"module.app.aws_iam_role.app.inline_policy[0].policy", id, nil, nil},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			got := summarize(readTestdata(t, tc.file))
			if !same(got, tc.want) {
				t.Errorf("documents\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestPositions: positions are those of the file: the finding of the
// acceptance template's typo is at 18:25 of the YAML file, and every item
// of every document points at its own text in the file.
func TestPositions(t *testing.T) {
	yaml, err := os.ReadFile(filepath.Join("testdata", "acceptance.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := source.Read("stack.yaml", yaml, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, d := range docs {
		for _, f := range d.Findings.Errors() {
			errs = append(errs, f.Pos.String()+" "+string(f.Code))
		}
	}
	if want := []string{"stack.yaml:18:25 ACTION_FORMAT"}; !same(errs, want) {
		t.Errorf("errors %v, want %v", errs, want)
	}
	for _, file := range []string{"stack.yaml", "stack.json", "plan.json", "sam.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range readTestdata(t, file) {
			if d.Policy == nil {
				continue
			}
			for _, st := range d.Policy.Statements {
				for _, it := range append(append([]policy.Item{}, st.Actions...), st.Resources...) {
					checkItemPosition(t, file, data, it)
				}
			}
		}
	}
}

// checkItemPosition checks that it.Pos is a position of data whose line
// and column agree with its offset, at the item's text (or a quote,
// escape or tag before it).
func checkItemPosition(t *testing.T, file string, data []byte, it policy.Item) {
	t.Helper()
	p := it.Pos
	if p.Offset < 0 || p.Offset >= len(data) || p.Line < 1 || p.Column < 1 {
		t.Errorf("%s: %q at %+v, outside the file", file, it.Value, p)
		return
	}
	lineStart := strings.LastIndexByte(string(data[:p.Offset]), '\n') + 1
	if line := strings.Count(string(data[:p.Offset]), "\n") + 1; line != p.Line || p.Offset-lineStart+1 != p.Column {
		t.Errorf("%s: %q at %+v, but its offset is at %d:%d", file, it.Value, p, line, p.Offset-lineStart+1)
	}
	rest := strings.TrimLeft(string(data[p.Offset:]), `"\`)
	if i := strings.IndexByte(rest, '\\'); i >= 0 {
		rest = rest[:i] // an escape: compare the text before it
	}
	if !policy.IsPlaceholder(it.Value) && !strings.HasPrefix(it.Value, rest[:min(len(rest), len(it.Value))]) && !strings.HasPrefix(rest, "!") && !strings.HasPrefix(rest, "{") {
		t.Errorf("%s: %q at %s, where the file reads %.20q", file, it.Value, p, rest)
	}
}

// TestReadChanges: the policies a plan changes, with their before and
// after; no-ops and unchanged text are left out, a created policy has no
// before, a deleted one no after, and a value known after apply is an
// after that denies everything through a placeholder.
func TestReadChanges(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	changes, err := source.ReadChanges("plan.json", data)
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		address, actions string
		typ              policy.Type
		before, after    bool
		placeholders     int
	}
	var got []summary
	for _, c := range changes {
		s := summary{address: c.Address, actions: strings.Join(c.Actions, ","), typ: c.Type, before: c.Before != nil, after: c.After != nil}
		if c.After != nil {
			s.placeholders = len(c.After.Placeholders)
		}
		got = append(got, s)
	}
	want := []summary{
		{"aws_iam_policy.reader.policy", "update", policy.TypeIdentity, true, true, 0},
		{"module.app.aws_s3_bucket_policy.b.policy", "create", policy.TypeResource, false, true, 1},
		{"aws_iam_role_policy.gone.policy", "delete", policy.TypeIdentity, true, false, 0},
	}
	if !same(got, want) {
		t.Errorf("changes\n got %+v\nwant %+v", got, want)
	}
	for _, bad := range []string{`{"format_version":"1.0","values":{}}`, `{`, `[]`} {
		if _, err := source.ReadChanges("x.json", []byte(bad)); err == nil {
			t.Errorf("ReadChanges(%s): no error", bad)
		}
	}
}

// TestInlinePolicyPairs: inline_policy blocks are paired by name, so that
// reordering them changes nothing and a renamed one is a new policy.
func TestInlinePolicyPairs(t *testing.T) {
	doc := func(action string) string {
		return `"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"` + action + `\",\"Resource\":\"*\"}]}"`
	}
	plan := `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","change":{"actions":["update"],
"before":{"inline_policy":[{"name":"a","policy":` + doc("s3:GetObject") + `},{"name":"b","policy":` + doc("sqs:SendMessage") + `}]},
"after":{"inline_policy":[{"name":"b","policy":` + doc("sqs:SendMessage") + `},{"name":"c","policy":` + doc("s3:GetObject") + `}]},
"after_unknown":{"inline_policy":[{},{}]}}}]}`
	changes, err := source.ReadChanges("p.json", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Address+" before="+boolText(c.Before != nil)+" after="+boolText(c.After != nil))
	}
	want := []string{"aws_iam_role.r.inline_policy[1].policy before=no after=yes", "aws_iam_role.r.inline_policy[0].policy before=yes after=no"}
	if !same(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func boolText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// TestReadErrors: a template or plan that cannot be read is an error,
// and a forced kind is read as that kind.
func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		kind source.Kind
		err  string
	}{
		{"bad YAML", "Resources:\n  R: [\n", source.Auto, "not a CloudFormation template"},
		{"YAML list", "- a\n", source.CloudFormation, "the top level is not a mapping"},
		{"Resources a list", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  - a\n", source.Auto, "Resources is not a mapping"},
		{"plan forced on YAML", "a: b\n", source.TerraformPlan, "a Terraform plan is JSON"},
		{"big", strings.Repeat(" ", source.MaxFileBytes+1), source.Auto, "MaxFileBytes"},
	} {
		_, err := source.Read("f", []byte(tc.data), source.Options{Kind: tc.kind})
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: error %v, want one that says %q", tc.name, err, tc.err)
		}
	}
	docs, err := source.Read("p.json", []byte(`{"AWSTemplateFormatVersion":"x","Version":"2012-10-17","Statement":[]}`), source.Options{Kind: source.Policy})
	if err != nil || len(docs) != 1 || docs[0].Address != "" || !docs[0].Findings.HasErrors() {
		t.Errorf("forced policy: %v %+v", err, docs)
	}
	for _, k := range []source.Kind{source.Auto, source.Policy, source.CloudFormation, source.TerraformPlan} {
		if back, err := source.ParseKind(k.String()); err != nil || back != k {
			t.Errorf("ParseKind(%q) = %v, %v", k, back, err)
		}
	}
}

// TestPropertiesNotKnown: Properties written as a function (!If) of a
// resource that holds policies is a document not known offline, which
// grants nothing; it is not skipped.
func TestPropertiesNotKnown(t *testing.T) {
	yaml := "AWSTemplateFormatVersion: \"2010-09-09\"\nConditions:\n  C: !Equals [a, a]\nResources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties: !If [C, {PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\"}]}}, !Ref AWS::NoValue]\n"
	docs, err := source.Read("t.yaml", []byte(yaml), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Placeholders) == 0 || docs[0].Address != "P.Properties" {
		t.Fatalf("docs = %+v, want one document of P not known offline", docs)
	}
}

// TestExpand: a directory is its policy files, in a fixed order, without
// hidden directories; other arguments stay.
func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.json", "a/z.yaml", "a/y.YML", "a/x.template", "a/readme.md", ".git/c.json", "a/.terraform/d.json"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := source.Expand([]string{"-", dir, "missing.json"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-", filepath.Join(dir, "a/x.template"), filepath.Join(dir, "a/y.YML"), filepath.Join(dir, "a/z.yaml"), filepath.Join(dir, "b.json"), "missing.json"}
	if !same(got, want) {
		t.Errorf("Expand\n got %q\nwant %q", got, want)
	}
}

// same reports whether got and want print the same, which for the plain
// values of these tests is equality.
func same(got, want any) bool { return fmt.Sprintf("%#v", got) == fmt.Sprintf("%#v", want) }
