package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

// lineMap places offset off of a converted document at line off+1 of
// "src.yaml", so that a test can tell each offset's position apart.
func lineMap(off int) policy.Position {
	return policy.Position{File: "src.yaml", Offset: 1000 + off, Line: off + 1, Column: 3}
}

// TestParseMappedPositions: every position of the policy and of its
// findings is the one locate returns, and the JSON pointers are those of
// the converted document.
func TestParseMappedPositions(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3GetObject","Resource":["*","arn:aws:s3:::b"]}]}`
	p, err := policy.ParseMapped([]byte(doc), lineMap)
	var fs policy.Findings
	if !errors.As(err, &fs) || len(fs) != 1 {
		t.Fatalf("ParseMapped = %v, want one ACTION_FORMAT finding", err)
	}
	act := strings.Index(doc, `"s3GetObject"`)
	if want := lineMap(act); fs[0].Pos != want || fs[0].Pointer != "/Statement/0/Action" {
		t.Errorf("finding at %+v %s, want %+v /Statement/0/Action", fs[0].Pos, fs[0].Pointer, want)
	}
	if p.Pos != lineMap(0) {
		t.Errorf("policy at %+v", p.Pos)
	}
	st := p.Statements[0]
	for i, it := range st.Resources {
		if want := lineMap(strings.Index(doc, `"`+it.Value+`"`)); it.Pos != want {
			t.Errorf("resource %d at %+v, want %+v", i, it.Pos, want)
		}
	}
	if st.EffectPos != lineMap(strings.Index(doc, `"Allow"`)) {
		t.Errorf("effect at %+v", st.EffectPos)
	}
	if _, err := policy.ParseMapped([]byte(`{"Statement": [}`), lineMap); err == nil || !strings.Contains(err.Error(), "src.yaml:") {
		t.Errorf("syntax error %v does not name the mapped source", err)
	}
}

// TestParseMappedPlaceholders: a placeholder is accepted where a value or
// list of values stands, with no finding, and only by ParseMapped.
func TestParseMappedPlaceholders(t *testing.T) {
	const ph = `"\u0000!Sub arn:aws:s3:::${Bucket}/*"`
	for _, tc := range []struct {
		name  string
		typ   policy.Type
		stmt  string
		codes []policy.Code // of ParseMapped and Validate
	}{
		{"action", policy.TypeIdentity, `{"Effect":"Allow","Action":` + ph + `,"Resource":"*"}`, nil},
		{"action entry", policy.TypeIdentity, `{"Effect":"Allow","Action":["s3:GetObject",` + ph + `],"Resource":"*"}`, nil},
		{"resource", policy.TypeIdentity, `{"Effect":"Allow","Action":"s3:GetObject","Resource":` + ph + `}`, nil},
		{"not resource", policy.TypeIdentity, `{"Effect":"Deny","Action":"s3:GetObject","NotResource":[` + ph + `]}`, nil},
		{"condition", policy.TypeIdentity, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":` + ph + `},"IpAddress":{"aws:SourceIp":[` + ph + `]}}}`, nil},
		{"principal", policy.TypeResource, `{"Effect":"Allow","Principal":` + ph + `,"Action":"s3:GetObject"}`, nil},
		{"principal entry", policy.TypeTrust, `{"Effect":"Allow","Principal":{"AWS":[` + ph + `],"Service":` + ph + `},"Action":` + ph + `}`, nil},
		{"not a placeholder inside", policy.TypeIdentity, `{"Effect":"Allow","Action":"s3:\u0000","Resource":"*"}`, []policy.Code{policy.CodeSyntax}},
		{"effect", policy.TypeIdentity, `{"Effect":` + ph + `,"Action":"s3:GetObject","Resource":"*"}`, []policy.Code{policy.CodeEffectInvalid}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"Version":"2012-10-17","Statement":[` + tc.stmt + `]}`
			var codes []policy.Code
			p, err := policy.ParseMapped([]byte(doc), lineMap)
			var fs policy.Findings
			if errors.As(err, &fs) {
				codes = append(codes, fs.Codes()...)
			}
			if p != nil {
				codes = append(codes, p.Validate(tc.typ).Codes()...)
			}
			if strings.Join(codeStrings(codes), ",") != strings.Join(codeStrings(tc.codes), ",") {
				t.Errorf("findings %v, want %v", codes, tc.codes)
			}
			if _, err := policy.Parse([]byte(doc)); err == nil {
				t.Error("Parse accepted a placeholder")
			}
		})
	}
	p, _ := policy.ParseMapped([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":`+ph+`,"Action":"s3:GetObject"}]}`), lineMap)
	if aws := p.Statements[0].Principal.AWS; len(aws) != 1 || !policy.IsPlaceholder(aws[0].Value) || policy.PlaceholderText(aws[0].Value) != "!Sub arn:aws:s3:::${Bucket}/*" {
		t.Errorf("whole Principal placeholder read as %+v", p.Statements[0].Principal)
	}
}

func codeStrings(cs []policy.Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

// FuzzParseMapped parses any input with a mapping: no panic, every
// position is one locate returned, and a placeholder comes only from a
// string that starts with the escape \u0000.
func FuzzParseMapped(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\u0000!Ref A","Resource":["*","\u0000x"]}]}`))
	f.Add([]byte(`{"Statement":{"Effect":"Deny","Principal":"\u0000p","Action":"s3:\u0000"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _ := policy.ParseMapped(data, lineMap)
		if p == nil {
			return
		}
		for _, st := range p.Statements {
			for _, it := range append(append([]policy.Item{}, st.Actions...), st.Resources...) {
				if it.Pos.File != "src.yaml" || it.Pos.Offset < 1000 || it.Pos.Offset > 1000+len(data) {
					t.Fatalf("%q at %+v, not a position lineMap gives", it.Value, it.Pos)
				}
				if policy.IsPlaceholder(it.Value) && !strings.Contains(string(data), `"\u0000`) {
					t.Fatalf("placeholder %q from %q", it.Value, data)
				}
			}
		}
	})
}
