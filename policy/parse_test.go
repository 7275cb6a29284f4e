package policy

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestFindingsAPI(t *testing.T) {
	e1 := Finding{Code: CodeActionFormat, Message: `Action "x" must be prefixed`, Pos: Position{Offset: 10, Line: 2, Column: 5}, Pointer: "/Statement/0/Action"}
	e2 := Finding{Code: CodeSyntax, Message: "bad"}
	w := Finding{Code: CodeSidCharset, Severity: Warning, Message: "sid", Pos: Position{Line: 1, Column: 1}}
	fs := Findings{e1, w, e2}

	if got, want := e1.Error(), `2:5: Action "x" must be prefixed [ACTION_FORMAT]`; got != want {
		t.Errorf("Finding.Error() = %q, want %q", got, want)
	}
	if got, want := e2.Error(), "bad [SYNTAX]"; got != want {
		t.Errorf("Finding.Error() without position = %q, want %q", got, want)
	}
	if got, want := fs.Error(), "2:5: Action \"x\" must be prefixed [ACTION_FORMAT]\nbad [SYNTAX]"; got != want {
		t.Errorf("Findings.Error() = %q, want %q", got, want)
	}
	if got, want := (Findings{w}).Error(), "warning: 1:1: sid [SID_CHARSET]"; got != want {
		t.Errorf("Findings.Error() of warnings = %q, want %q", got, want)
	}
	if !fs.HasErrors() || (Findings{w}).HasErrors() || Findings(nil).HasErrors() {
		t.Error("HasErrors is wrong")
	}
	if errs := fs.Errors(); len(errs) != 2 || errs[0].Code != CodeActionFormat || errs[1].Code != CodeSyntax {
		t.Errorf("Errors() = %v", errs)
	}
	if ws := fs.Warnings(); len(ws) != 1 || ws[0].Code != CodeSidCharset {
		t.Errorf("Warnings() = %v", ws)
	}
	if got := fs.Codes(); len(got) != 3 || got[1] != CodeSidCharset {
		t.Errorf("Codes() = %v", got)
	}
	if Findings(nil).Codes() != nil || Findings(nil).Errors() != nil {
		t.Error("empty Findings should give nil slices")
	}
	if Error.String() != "error" || Warning.String() != "warning" || Severity(9).String() != "Severity(9)" {
		t.Error("Severity.String is wrong")
	}

	// Parse's error is usable with errors.As, also when wrapped.
	_, err := Parse([]byte(`{"Statement": {"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}}`))
	wrapped := fmt.Errorf("loading policy.json: %w", err)
	var got Findings
	if !errors.As(wrapped, &got) || len(got) != 1 || got[0].Code != CodeActionFormat {
		t.Fatalf("errors.As(wrapped) = %v, %v", got, wrapped)
	}
}

func TestEffectString(t *testing.T) {
	if Allow.String() != "Allow" || Deny.String() != "Deny" || Effect(0).String() != "Effect(0)" {
		t.Error("Effect.String is wrong")
	}
}

// TestParseReportsEverything checks that Parse keeps going after an error
// and reports all problems of a document, in document order.
func TestParseReportsEverything(t *testing.T) {
	doc := `{
  "Version": "2012-10-18",
  "Statement": [
    {"Sid": "A", "Effect": "allow", "Action": ["s3GetObject", "*:*"], "Resource": "bucket"},
    {"Sid": "A", "Effect": "Deny", "Principal": {"AWS": "123"}, "Action": "s3:*", "Resource": "*",
     "Condition": {"StringEquals": {"k": null}, "Nul": {"k": "true"}}},
    "nope"
  ],
  "Extra": true
}`
	p, fs := parseFindings(t, []byte(doc))
	want := []Code{
		// SID_DUPLICATE depends on the policy type: Validate reports it.
		CodeVersionInvalid, CodeEffectInvalid, CodeActionFormat, CodeActionVendor, CodeResourceNotARN,
		CodePrincipalFormat, CodeConditionShape, CodeConditionOperatorUnknown,
		CodeStatementEmpty, CodeUnknownElement,
	}
	got := fs.Codes()
	if strings.Join(codeStrings(got), " ") != strings.Join(codeStrings(want), " ") {
		t.Errorf("codes =\n%v\nwant\n%v\n%v", got, want, fs)
	}
	for i := 1; i < len(fs); i++ {
		if fs[i].Pos.Offset < fs[i-1].Pos.Offset {
			t.Errorf("findings not in document order: %v before %v", fs[i-1], fs[i])
		}
	}
	if p == nil || len(p.Statements) != 2 {
		t.Fatalf("want the partial policy with 2 statements, got %+v", p)
	}
	if err := p.Check(TypeIdentity); err == nil {
		t.Error("Check passes on a policy whose Parse failed")
	}
}

func codeStrings(cs []Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

// TestSyntaxErrors checks the position and wording of JSON syntax errors.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		doc, msg string
	}{
		{`{"Version": "2012-10-17",‸`, "unexpected end of input"},
		{`{"Version" ‸"2012-10-17"}`, "expected ':'"},
		{`{"Version": "2012-10-17" ‸"Statement": []}`, "expected ',' or '}'"},
		{`{‸Version: 1}`, "expected an object key in double quotes"},
		{`{"Statement": [1 ‸2]}`, "expected ',' or ']'"},
		{`{"Statement": [1,‸]}`, "trailing comma"},
		{`{"a": "x‸` + "\n" + `"}`, "control character U+000A inside a string"},
		{`{"a": "x‸\q"}`, `invalid escape sequence \q`},
		{`{"a": "x‸\u12"}`, `invalid \u escape`},
		{`{"a": ‸"never closed}`, "string is not terminated"},
		{`{"a": ‸tru}`, `expected "true"`},
		{`{"a": ‸True}`, "unexpected character 'T'"},
		{`{"a": -‸x}`, "expected a digit"},
		{`{"a": 1.‸}`, "after the decimal point"},
		{`{"a": 1e‸}`, "in the exponent"},
		{`{"a": 0‸1}`, "expected ',' or '}'"},
		{`{} ‸{}`, "after the end of the policy object"},
		{"\n\n  ‸}", "unexpected character '}'"},
	}
	for _, tc := range tests {
		t.Run(tc.doc, func(t *testing.T) {
			data, want := splitMarker(t, tc.doc)
			p, fs := parseFindings(t, data)
			if p != nil {
				t.Error("Parse returned a policy for invalid JSON")
			}
			if len(fs) != 1 || fs[0].Code != CodeSyntax {
				t.Fatalf("want one SYNTAX finding, got %v", fs)
			}
			f := fs[0]
			if f.Pos != want {
				t.Errorf("position = %+v, want %+v", f.Pos, want)
			}
			if !strings.Contains(f.Message, tc.msg) || !strings.Contains(f.Message, "Syntax errors in policy") {
				t.Errorf("message %q does not contain %q", f.Message, tc.msg)
			}
		})
	}
}

func TestBadCharactersAreCapped(t *testing.T) {
	doc := stmtDoc(`"Sid": "` + strings.Repeat("\x01", 25) + `", "Effect": "Allow", "Action": "*", "Resource": "*"`)
	_, fs := parseFindings(t, []byte(doc))
	syn := withCode(fs, CodeSyntax)
	if len(syn) != maxCharProblems+1 || !strings.Contains(syn[len(syn)-1].Message, "15 more characters") {
		t.Errorf("got %d findings, last %v", len(syn), syn[len(syn)-1])
	}
}

func TestParseShapes(t *testing.T) {
	// Statement as a single object, scalars everywhere, numbers and booleans
	// as condition values.
	p := mustParse(t, `{"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "NotAction": "s3:*",
		"NotResource": "arn:aws:s3:::b", "Condition": {"NumericEquals": {"a:n": -1.50}, "Bool": {"a:b": [true, "false"]}}}}`)
	st := p.Statements[0]
	if p.Version != "" || p.HasID || st.Effect != Deny || !st.PrincipalNegated || !st.ActionsNegated || !st.ResourcesNegated || !st.HasResource {
		t.Errorf("statement = %+v", st)
	}
	if got := st.Conditions[0].Values[0].Value; got != "-1.50" || st.Conditions[0].ValuesAreList {
		t.Errorf("number value = %q (list %v)", got, st.Conditions[0].ValuesAreList)
	}
	if got := st.Conditions[1]; got.Values[0].Value != "true" || got.Values[1].Value != "false" || !got.ValuesAreList {
		t.Errorf("bool values = %+v", got)
	}
	// Escapes are decoded, and the escaped spelling of a name is the name.
	p = mustParse(t, `{"Statement": [{"\u0045ffect": "Allow", "Action": "s3:Get\u002a", "Resource": "arn:aws:s3:::caf\u00e9\/x"}]}`)
	if st := p.Statements[0]; st.Effect != Allow || st.Actions[0].Value != "s3:Get*" || st.Resources[0].Value != "arn:aws:s3:::café/x" {
		t.Errorf("escapes: %+v", st)
	}
	// Condition {} is an always-true block with no clauses.
	p = mustParse(t, stmtDoc(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {}`))
	if st := p.Statements[0]; len(st.Conditions) != 0 || st.ConditionPos.Line == 0 {
		t.Errorf("empty condition: %+v", st)
	}
	// Accepted principal forms.
	p = mustParse(t, stmtDoc(`"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {
		"AWS": ["*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/path/bob",
			"arn:aws-cn:iam::111122223333:role/r", "arn:aws:sts::111122223333:assumed-role/r/s",
			"arn:aws:sts::111122223333:federated-user/f", "AIDACKCEVSQ6C2EXAMPLE", "AROADBQP57FF2AEXAMPLE"],
		"Service": ["ec2.amazonaws.com", "states.us-east-1.amazonaws.com"],
		"Federated": ["accounts.google.com", "arn:aws:iam::111122223333:saml-provider/idp", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"],
		"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`))
	if pr := p.Statements[0].Principal; len(pr.AWS) != 9 || len(pr.Service) != 2 || len(pr.Federated) != 3 || len(pr.CanonicalUser) != 1 || pr.Wildcard {
		t.Errorf("principal = %+v", pr)
	}
	// Accepted resource forms, including AWS managed policy usages.
	mustParse(t, stmtDoc(`"Effect": "Allow", "Action": "*", "Resource": ["*", "arn:*:s3:::b", "arn:aws:iam::*:root",
		"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:s3:*:*:accesspoint/*", "arn:aws:s3:us-east-1:111122223333:job/*",
		"arn:aws:lambda:*:*:function:fn:PROD", "arn:aws:s3:*:*:*", "arn:aws-eusc:iam::111122223333:u2f/user/bob/default"]`))
}

// TestCheckBuiltInGo checks that Check runs Parse's value checks on a
// policy that was not parsed.
func TestCheckBuiltInGo(t *testing.T) {
	good := func() *Policy {
		return &Policy{Version: Version2012, Statements: []Statement{{
			Effect:      Allow,
			Actions:     []Item{{Value: "s3:GetObject"}},
			Resources:   []Item{{Value: "arn:aws:s3:::b/*"}},
			HasResource: true,
			Conditions:  []Condition{{Operator: "DateLessThan", Key: "aws:CurrentTime", Values: []Item{{Value: "2030-01-01T00:00:00Z"}}}},
		}}}
	}
	if err := good().Check(TypeIdentity); err != nil {
		t.Fatalf("Check(good) = %v", err)
	}
	tests := []struct {
		name   string
		mutate func(p *Policy)
		code   Code
		ptr    string
	}{
		{"version", func(p *Policy) { p.Version = "2020-01-01" }, CodeVersionInvalid, "/Version"},
		{"no statements", func(p *Policy) { p.Statements = nil }, CodeStatementMissing, "/Statement"},
		{"effect", func(p *Policy) { p.Statements[0].Effect = 0 }, CodeEffectInvalid, "/Statement/0/Effect"},
		{"no actions", func(p *Policy) { p.Statements[0].Actions = nil }, CodeActionMissing, "/Statement/0/Action"},
		{"action", func(p *Policy) { p.Statements[0].Actions[0].Value = "s3GetObject" }, CodeActionFormat, "/Statement/0/Action/0"},
		{"empty resources", func(p *Policy) { p.Statements[0].Resources = nil }, CodeResourceMissing, "/Statement/0/Resource"},
		{"resource", func(p *Policy) { p.Statements[0].Resources[0].Value = "b" }, CodeResourceNotARN, "/Statement/0/Resource/0"},
		{"character", func(p *Policy) { p.Statements[0].Resources[0].Value = "arn:aws:s3:::b/中" }, CodeSyntax, "/Statement/0/Resource/0"},
		{"long string", func(p *Policy) {
			p.Statements[0].Resources[0].Value = "arn:aws:s3:::" + strings.Repeat("b", MaxStringLength)
		}, CodeInputLimit, "/Statement/0/Resource/0"},
		{"sid", func(p *Policy) {
			p.Statements = append(p.Statements, p.Statements[0])
			p.Statements[0].Sid, p.Statements[0].HasSid = "S", true
			p.Statements[1].Sid, p.Statements[1].HasSid, p.Statements[1].Index = "S", true, 1
		}, CodeSidDuplicate, "/Statement/1/Sid"},
		{"principal", func(p *Policy) { p.Statements[0].Principal = &Principal{AWS: []Item{{Value: "arn:aws:iam::*:root"}}} }, CodePrincipalPartialWildcard, "/Statement/0/Principal/AWS/0"},
		{"empty principal", func(p *Policy) { p.Statements[0].Principal = &Principal{} }, CodePrincipalFormat, "/Statement/0/Principal"},
		{"operator", func(p *Policy) { p.Statements[0].Conditions[0].Operator = "DateLessThanIfExist" }, CodeConditionOperatorUnknown, "/Statement/0/Condition/DateLessThanIfExist"},
		{"null modifier", func(p *Policy) { p.Statements[0].Conditions[0].Operator = "NullIfExists" }, CodeConditionNullModifier, "/Statement/0/Condition/NullIfExists"},
		{"no values", func(p *Policy) { p.Statements[0].Conditions[0].Values = nil }, CodeConditionShape, "/Statement/0/Condition/DateLessThan/aws:CurrentTime"},
		{"date", func(p *Policy) { p.Statements[0].Conditions[0].Values[0].Value = "soon" }, CodeConditionValueType, "/Statement/0/Condition/DateLessThan/aws:CurrentTime"},
		{"clauses", func(p *Policy) {
			p.Statements[0].Conditions = make([]Condition, MaxConditionClauses+1)
			for i := range p.Statements[0].Conditions {
				p.Statements[0].Conditions[i] = Condition{Operator: "StringEquals", Key: fmt.Sprint("k", i), Values: []Item{{Value: "v"}}}
			}
		}, CodeInputLimit, "/Statement/0/Condition"},
		{"statements", func(p *Policy) {
			for len(p.Statements) <= MaxStatements {
				p.Statements = append(p.Statements, p.Statements[0])
			}
		}, CodeInputLimit, "/Statement"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := good()
			tc.mutate(p)
			err := p.Check(TypeIdentity)
			var fs Findings
			if !errors.As(err, &fs) {
				t.Fatalf("Check = %v, want Findings", err)
			}
			got := withCode(fs, tc.code)
			if len(got) == 0 {
				t.Fatalf("no %s in %v", tc.code, fs)
			}
			if got[0].Pointer != tc.ptr {
				t.Errorf("pointer = %q, want %q", got[0].Pointer, tc.ptr)
			}
		})
	}
	var nilPolicy *Policy
	if nilPolicy.Check(TypeIdentity) == nil || !nilPolicy.Validate(TypeIdentity).HasErrors() {
		t.Error("nil policy must fail")
	}
}

// TestConcurrentUse runs the read-only methods of one parsed policy from
// several goroutines (meaningful under -race).
func TestConcurrentUse(t *testing.T) {
	p, err := Parse(readCorpus(t, benchDoc))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := p.MarshalJSON()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, typ := range Types() {
				p.Validate(typ)
				_ = p.Check(typ)
			}
			if got, _ := p.MarshalJSON(); string(got) != string(want) {
				t.Error("MarshalJSON differs between goroutines")
			}
		}()
	}
	wg.Wait()
}

func TestByteOrderMark(t *testing.T) {
	_, fs := parseFindings(t, append([]byte("\ufeff"), stmtDoc(`"Effect": "Allow", "Action": "*", "Resource": "*"`)...))
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "byte order mark") || fs[0].Pos.Line != 1 || fs[0].Pos.Column != 1 {
		t.Errorf("findings = %v", fs)
	}
}

// TestNullSetQualifiers: AWS forbids only IfExists on Null
// (reference_policies_elements_condition_operators.md, "You can add IfExists
// to the end of any condition operator name except the Null condition"), so
// ForAllValues:Null and ForAnyValue:Null are operators (SPEC §3.8, §5.2,
// revision 2) and NullIfExists, with or without a qualifier, is not.
func TestNullSetQualifiers(t *testing.T) {
	for _, op := range []string{"ForAllValues:Null", "ForAnyValue:Null"} {
		doc := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"` + op + `": {"aws:TagKeys": "false"}}}]}`
		p := mustParse(t, doc)
		if err := p.Check(TypeIdentity); err != nil {
			t.Errorf("Check(%s) = %v", op, err)
		}
	}
	for _, op := range []string{"NullIfExists", "ForAllValues:NullIfExists", "ForAnyValue:NullIfExists"} {
		doc := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"` + op + `": {"aws:TagKeys": "false"}}}]}`
		_, fs := parseFindings(t, []byte(doc))
		if len(withCode(fs, CodeConditionNullModifier)) != 1 {
			t.Errorf("Parse(%s): want one %s, got %v", op, CodeConditionNullModifier, fs)
		}
	}
}
