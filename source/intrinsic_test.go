package source_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
	"github.com/iamlogic/iamlogic/source"
)

// resourcesOf reads a YAML template whose one managed policy's Resource
// is expr, and returns the resources of its statement: the value, or
// "?" + the description of a placeholder.
func resourcesOf(t *testing.T, expr string) ([]string, []source.Document) {
	t.Helper()
	tmpl := `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  M:
    prod: { Bucket: corp-prod, List: [a, b] }
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: ` + expr + "\n"
	docs, err := source.Read("t.yaml", []byte(tmpl), source.Options{})
	if err != nil || len(docs) != 1 || docs[0].Policy == nil {
		t.Fatalf("%s: %v %+v", expr, err, docs)
	}
	var out []string
	for _, it := range docs[0].Policy.Statements[0].Resources {
		if policy.IsPlaceholder(it.Value) {
			out = append(out, "?"+policy.PlaceholderText(it.Value))
		} else {
			out = append(out, it.Value)
		}
	}
	return out, docs
}

// TestIntrinsics: what a template alone decides is resolved, the rest is
// a placeholder named in the short form, and AWS::NoValue leaves an entry
// out.
func TestIntrinsics(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{`"arn:aws:s3:::b/*"`, []string{"arn:aws:s3:::b/*"}},
		{`!Sub "arn:aws:s3:::b/*"`, []string{"arn:aws:s3:::b/*"}},
		{`!Sub "arn:${AWS::Partition}:s3:::b.${AWS::URLSuffix}/${!Literal}"`, []string{"arn:aws:s3:::b.amazonaws.com/${Literal}"}},
		{`!Sub ["arn:aws:s3:::${B}/*", {B: corp}]`, []string{"arn:aws:s3:::corp/*"}},
		{`!Sub ["arn:aws:s3:::${B}/*", {B: !Ref Bucket}]`, []string{`?!Sub ["arn:aws:s3:::${B}/*", {B: !Ref Bucket}]`}},
		{`{"Fn::Sub": "arn:aws:s3:::${AWS::AccountId}-logs/*"}`, []string{`?!Sub "arn:aws:s3:::${AWS::AccountId}-logs/*"`}},
		{`!Join ["", ["arn:", !Ref "AWS::Partition", ":s3:::b/*"]]`, []string{"arn:aws:s3:::b/*"}},
		{`!Join [":", [arn, aws, s3, "", "", !Ref Bucket]]`, []string{`?!Join [":", [arn, aws, s3, "", "", !Ref Bucket]]`}},
		{`!Select [1, [x, "arn:aws:s3:::b"]]`, []string{"arn:aws:s3:::b"}},
		{`!Select [0, !Split [",", "arn:aws:s3:::a,arn:aws:s3:::b"]]`, []string{"arn:aws:s3:::a"}},
		{`!Split [",", "arn:aws:s3:::a,arn:aws:s3:::b"]`, []string{"arn:aws:s3:::a", "arn:aws:s3:::b"}},
		{`!Sub ["arn:aws:s3:::${B}", {B: !FindInMap [M, prod, Bucket]}]`, []string{"arn:aws:s3:::corp-prod"}},
		{`!FindInMap [M, prod, Missing]`, []string{"?!FindInMap [M, prod, Missing]"}},
		{`!GetAtt Bucket.Arn`, []string{"?!GetAtt Bucket.Arn"}},
		{`{"Fn::GetAtt": [Bucket, Arn]}`, []string{"?!GetAtt Bucket.Arn"}},
		{`!ImportValue shared-bucket`, []string{"?!ImportValue shared-bucket"}},
		{`!Ref AWS::AccountId`, []string{"?!Ref AWS::AccountId"}},
		{`!If [Prod, "arn:aws:s3:::a", "arn:aws:s3:::b"]`, []string{`?!If [Prod, arn:aws:s3:::a, arn:aws:s3:::b]`}},
		{`["arn:aws:s3:::a", !Ref AWS::NoValue, !GetAtt B.Arn]`, []string{"arn:aws:s3:::a", "?!GetAtt B.Arn"}},
		{`!Base64 x`, []string{"eA=="}},
		{`!GetAZs ""`, []string{`?!GetAZs ""`}},
		{`!Unknown x`, []string{"?!Unknown x"}},
	} {
		got, docs := resourcesOf(t, tc.expr)
		if !same(got, tc.want) {
			t.Errorf("Resource: %s\n got %q\nwant %q", tc.expr, got, tc.want)
		}
		unknown := strings.HasPrefix(strings.Join(tc.want, ""), "?") || strings.Contains(strings.Join(tc.want, ","), ",?")
		if warned := strings.Contains(strings.Join(codesOf(docs), ","), string(source.CodeUnresolvedValue)); warned != unknown {
			t.Errorf("Resource: %s: UNRESOLVED_VALUE %v, want %v", tc.expr, warned, unknown)
		}
	}
}

func codesOf(docs []source.Document) []string {
	var out []string
	for _, d := range docs {
		for _, c := range d.Findings.Codes() {
			out = append(out, string(c))
		}
	}
	return out
}

// TestUnknownWhere: an unknown value where the grammar needs one (an
// Effect, a Condition block, the document) makes the whole document
// unknown, read as denying everything; a Sid is left out; a statement
// written as Fn::If stands for the statements of its branches.
func TestUnknownWhere(t *testing.T) {
	for _, tc := range []struct {
		name, stmt  string
		wholeDoc    bool
		sidDropped  bool
		placeholder string
	}{
		{"effect", "- Effect: !If [C, Allow, Deny]\n  Action: s3:GetObject\n  Resource: '*'", true, false, "!If [C, Allow, Deny]"},
		{"statement", "- !If [C, {Effect: Allow, Action: '*', Resource: '*'}, !Ref AWS::NoValue]", false, false, ""},
		{"statement of an unknown kind", "- !GetAtt X.Statement", true, false, "!GetAtt X.Statement"},
		{"condition block", "- Effect: Allow\n  Action: s3:GetObject\n  Resource: '*'\n  Condition: !If [C, {}, {}]", true, false, ""},
		{"operator block", "- Effect: Allow\n  Action: s3:GetObject\n  Resource: '*'\n  Condition: { StringEquals: !Ref Keys }", true, false, "!Ref Keys"},
		{"sid", "- Sid: !Ref Name\n  Effect: Allow\n  Action: s3:GetObject\n  Resource: '*'", false, true, "!Ref Name"},
		{"condition value", "- Effect: Allow\n  Action: s3:GetObject\n  Resource: '*'\n  Condition: { StringEquals: { aws:SourceVpc: !Ref Vpc } }", false, false, "!Ref Vpc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n" +
				indent(tc.stmt, "          ") + "\n"
			docs, err := source.Read("t.yaml", []byte(tmpl), source.Options{})
			if err != nil || len(docs) != 1 || docs[0].Policy == nil {
				t.Fatalf("%v %+v\n%s", err, docs, tmpl)
			}
			d := docs[0]
			st := d.Policy.Statements[0]
			if whole := st.Effect == policy.Deny && len(st.Actions) == 1 && policy.IsPlaceholder(st.Actions[0].Value); whole != tc.wholeDoc {
				t.Errorf("whole document unknown: %v, want %v: %+v", whole, tc.wholeDoc, d.Policy)
			}
			if tc.sidDropped && st.HasSid {
				t.Errorf("Sid kept: %q", st.Sid)
			}
			if len(d.Placeholders) == 0 || tc.placeholder != "" && d.Placeholders[0].Text != tc.placeholder {
				t.Errorf("placeholders %+v, want %q", d.Placeholders, tc.placeholder)
			}
			if fs := d.Findings; fs.HasErrors() || len(fs) != 1 || fs[0].Code != source.CodeUnresolvedValue {
				t.Errorf("findings %v", fs)
			}
		})
	}
}

func indent(s, by string) string {
	return by + strings.ReplaceAll(s, "\n", "\n"+by)
}

// TestLambdaPermission: a permission is the statement Lambda adds to the
// function's policy.
func TestLambdaPermission(t *testing.T) {
	for _, tc := range []struct {
		principal string
		want      string // the canonical form of the statement
	}{
		{"s3.amazonaws.com", `{"Effect":"Allow","Principal":{"Service":["s3.amazonaws.com"]},"Action":["lambda:InvokeFunction"],"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"},"StringEquals":{"AWS:SourceAccount":"111122223333","lambda:FunctionUrlAuthType":"AWS_IAM"}}}`},
		{`"444455556666"`, `{"Effect":"Allow","Principal":{"AWS":["444455556666"]},"Action":["lambda:InvokeFunction"],"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"},"StringEquals":{"AWS:SourceAccount":"111122223333","lambda:FunctionUrlAuthType":"AWS_IAM"}}}`},
		{`"*"`, `{"Effect":"Allow","Principal":"*","Action":["lambda:InvokeFunction"],"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"},"StringEquals":{"AWS:SourceAccount":"111122223333","lambda:FunctionUrlAuthType":"AWS_IAM"}}}`},
	} {
		tmpl := `Resources:
  Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Action: lambda:InvokeFunction
      Principal: ` + tc.principal + `
      SourceArn: arn:aws:s3:::b
      SourceAccount: "111122223333"
      FunctionUrlAuthType: AWS_IAM
`
		docs, err := source.Read("t.yaml", []byte(tmpl), source.Options{})
		if err != nil || len(docs) != 1 || docs[0].Policy == nil || docs[0].Findings.HasErrors() {
			t.Fatalf("%v %+v", err, docs)
		}
		b, err := docs[0].Policy.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		got := string(b)
		got = got[strings.Index(got, "[")+1 : strings.LastIndex(got, "]")]
		if got != tc.want || docs[0].Type != policy.TypeResource {
			t.Errorf("Principal %s:\n got %s\nwant %s", tc.principal, got, tc.want)
		}
		if err := docs[0].Policy.Check(policy.TypeResource); err != nil {
			t.Errorf("Principal %s: %v", tc.principal, err)
		}
	}
}

// TestDescriptions: a placeholder's description is one line of valid
// UTF-8 that package policy accepts, however long or strange the value.
func TestDescriptions(t *testing.T) {
	long := strings.Repeat("é", 200)
	for _, expr := range []string{`!Sub "` + long + `${X}"`, "!Sub \"a\\nb${X}\"", `!If [C, {"a\nb": x}, y]`} {
		got, docs := resourcesOf(t, expr)
		if len(got) != 1 || !strings.HasPrefix(got[0], "?") || strings.ContainsAny(got[0], "\n\r") || !utf8.ValidString(got[0]) || len(got[0]) > 130 {
			t.Errorf("Resource: %s: read as %q", expr, got)
		}
		if fs := docs[0].Findings; fs.HasErrors() {
			t.Errorf("Resource: %s: %v", expr, fs)
		}
	}
}

// TestNoForgedPlaceholder: a template or plan cannot make a placeholder of
// its own text: U+0000 at the start of a value is an error, as AWS has it.
func TestNoForgedPlaceholder(t *testing.T) {
	yaml := "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n" +
		"        Statement: [{Effect: Deny, Action: \"\\0x\", Resource: '*'}]\n"
	str := `{"Resources":{"P":{"Type":"AWS::IAM::Policy","Properties":{"PolicyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"\\u0000x\",\"Resource\":\"*\"}]}"}}}}`
	plan := `{"format_version":"1","planned_values":{"root_module":{"resources":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","values":{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"\\u0000x\",\"Resource\":\"*\"}]}"}}]}}}`
	for name, data := range map[string]string{"yaml": yaml, "string document": str, "plan": plan} {
		docs, err := source.Read("f", []byte(data), source.Options{})
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: %v %+v", name, err, docs)
		}
		if d := docs[0]; !d.Findings.HasErrors() || len(d.Placeholders) != 0 {
			t.Errorf("%s: U+0000 accepted: %v %+v", name, d.Findings, d.Placeholders)
		}
	}
}

// TestOptionalStatements: a statement under a CloudFormation condition
// (Fn::If with AWS::NoValue, or two statements) never grants: an optional
// Allow allows nothing and an optional Deny denies, and the decision says
// it relied on a value not known offline.
func TestOptionalStatements(t *testing.T) {
	const head = "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
	get := evaluator.Request{Principal: "arn:aws:iam::111122223333:user/u", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}
	for name, tc := range map[string]struct {
		stmts string
		want  evaluator.Decision
	}{
		"optional Allow": {"          - !If [C, {Effect: Allow, Action: 's3:*', Resource: '*'}, !Ref AWS::NoValue]\n", evaluator.ImplicitDeny},
		"optional Deny":  {"          - {Effect: Allow, Action: '*', Resource: '*'}\n          - !If [C, !Ref AWS::NoValue, {Effect: Deny, Action: 's3:*', Resource: '*', Condition: {Null: {'aws:SourceVpc': 'true'}}}]\n", evaluator.ExplicitDeny},
		"either":         {"          - !If [C, {Effect: Allow, Action: 's3:GetObject', Resource: '*'}, {Effect: Allow, Action: 's3:*', Resource: '*'}]\n", evaluator.ImplicitDeny},
		"whole list":     {"            !If [C, [{Effect: Allow, Action: '*', Resource: '*'}], [{Effect: Deny, Action: '*', Resource: '*'}]]\n", evaluator.ExplicitDeny},
	} {
		t.Run(name, func(t *testing.T) {
			docs, err := source.Read("t.yaml", []byte(head+tc.stmts), source.Options{})
			if err != nil || len(docs) != 1 || docs[0].Policy == nil || docs[0].Findings.HasErrors() {
				t.Fatalf("%v %+v", err, docs)
			}
			set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{docs[0].Policy}})
			if err != nil {
				t.Fatal(err)
			}
			res := set.Evaluate(get)
			if res.Decision != tc.want || res.Undocumented&evaluator.UndocumentedUnknownValue == 0 {
				t.Errorf("%v relying on [%v], want %v relying on unknown-value", res.Decision, res.Undocumented, tc.want)
			}
		})
	}
}
