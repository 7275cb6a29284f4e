package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "key order and arrays",
			in: `{"Statement": {"Resource": "*", "Action": "s3:GetObject", "Effect": "Allow", "Sid": "S1"},
				"Id": "x", "Version": "2012-10-17"}`,
			want: `{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"S1","Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}`,
		},
		{
			name: "principal forms",
			in: `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*"},
				{"Effect": "Deny", "NotPrincipal": {"Service": "ec2.amazonaws.com", "AWS": ["111122223333"]}, "Action": "s3:*"}]}`,
			want: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:*"]},` +
				`{"Effect":"Deny","NotPrincipal":{"AWS":["111122223333"],"Service":["ec2.amazonaws.com"]},"Action":["s3:*"]}]}`,
		},
		{
			name: "conditions in document order, values as strings",
			in: stmtDoc(`"Condition": {"StringLike": {"s3:prefix": ["a/*", "b/*"], "aws:username": "x"},
				"NumericLessThan": {"s3:max-keys": 10.50}, "Bool": {"aws:SecureTransport": [true]}},
				"Effect": "Allow", "NotAction": "s3:Delete*", "NotResource": "arn:aws:s3:::b"`),
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["s3:Delete*"],"NotResource":["arn:aws:s3:::b"],` +
				`"Condition":{"StringLike":{"s3:prefix":["a/*","b/*"],"aws:username":"x"},"NumericLessThan":{"s3:max-keys":"10.50"},"Bool":{"aws:SecureTransport":["true"]}}}]}`,
		},
		{
			name: "escapes",
			in:   stmtDoc(`"Sid": "", "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::caf\u00e9/\"q\"\\\/<&>", "Condition": {"StringEquals": {"k": "a\tb\u0009"}}`),
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Action":["*"],"Resource":["arn:aws:s3:::café/\"q\"\\/<&>"],"Condition":{"StringEquals":{"k":"a\tb\t"}}}]}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, tc.in)
			got, err := p.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("MarshalJSON =\n%s\nwant\n%s", got, tc.want)
			}
			if !json.Valid(got) {
				t.Error("output is not valid JSON")
			}
			q := mustParse(t, string(got))
			if !Equal(p, q) {
				t.Error("Parse(MarshalJSON(p)) is not Equal to p")
			}
			// encoding/json calls MarshalJSON through the json.Marshaler
			// interface (it may escape <, > and & for HTML, which does not
			// change the policy).
			viaJSON, err := json.Marshal(p)
			if err != nil || !Equal(mustParse(t, string(viaJSON)), p) {
				t.Errorf("json.Marshal = %s, %v", viaJSON, err)
			}
		})
	}
}

func TestMarshalJSONBuiltInGo(t *testing.T) {
	var nilPolicy *Policy
	if b, err := nilPolicy.MarshalJSON(); err != nil || string(b) != "null" {
		t.Errorf("nil policy: %s, %v", b, err)
	}
	p := &Policy{Statements: []Statement{{Effect: Allow, Actions: []Item{{Value: "s3:*"}}, Conditions: []Condition{
		{Operator: "StringEquals", Key: "a", Values: []Item{{Value: "1"}}},
		{Operator: "Bool", Key: "b", Values: []Item{{Value: "true"}}, ValuesAreList: true},
		{Operator: "StringEquals", Key: "c", Values: []Item{{Value: "2"}, {Value: "3"}}},
		{Operator: "Null", Key: "d"},
	}}}}
	got, err := p.MarshalJSON()
	want := `{"Statement":[{"Effect":"Allow","Action":["s3:*"],"Condition":{"StringEquals":{"a":"1","c":["2","3"]},"Bool":{"b":["true"]},"Null":{"d":[]}}}]}`
	if err != nil || string(got) != want {
		t.Errorf("MarshalJSON = %s, %v\nwant %s", got, err, want)
	}
	p.Statements[0].Conditions = append(p.Statements[0].Conditions, Condition{Operator: "StringEquals", Key: "a", Values: []Item{{Value: "9"}}})
	if _, err := p.MarshalJSON(); err == nil || !strings.Contains(err.Error(), `"a" appears twice`) {
		t.Errorf("duplicate clause: err = %v", err)
	}
	p.Statements[0].Effect = 0
	if _, err := p.MarshalJSON(); err == nil || !strings.Contains(err.Error(), "Effect") {
		t.Errorf("invalid effect: err = %v", err)
	}
	// Invalid UTF-8 and control characters in a Go-built value are escaped.
	p = &Policy{HasID: true, ID: "a\xffb\x01", Statements: []Statement{{Effect: Deny, Actions: []Item{{Value: "*"}}}}}
	got, _ = p.MarshalJSON()
	if want := `{"Id":"a\ufffdb\u0001","Statement":[{"Effect":"Deny","Action":["*"]}]}`; string(got) != want {
		t.Errorf("MarshalJSON = %s, want %s", got, want)
	}
}

func TestEqual(t *testing.T) {
	base := stmtDoc(`"Sid": "S", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}`)
	p := mustParse(t, base)
	same := mustParse(t, "\n\n"+strings.ReplaceAll(base, `"Action": "s3:*"`, `"Action": ["s3:*"]`))
	if !Equal(p, same) || !Equal(nil, nil) || Equal(p, nil) || Equal(nil, p) {
		t.Fatal("Equal is wrong for equal policies")
	}
	for _, change := range [][2]string{
		{`"Sid": "S"`, `"Sid": "T"`},
		{`"Effect": "Allow"`, `"Effect": "Deny"`},
		{`"Principal"`, `"NotPrincipal"`},
		{`"111122223333"`, `"444455556666"`},
		{`"Action"`, `"NotAction"`},
		{`"s3:*"`, `"s3:Get*"`},
		{`"Resource"`, `"NotResource"`},
		{`"Bool"`, `"BoolIfExists"`},
		{`"aws:SecureTransport"`, `"aws:securetransport"`},
		{`"true"}`, `["true"]}`},
		{`"true"}`, `"false"}`},
		{`"2012-10-17"`, `"2008-10-17"`},
	} {
		q := mustParse(t, strings.Replace(base, change[0], change[1], 1))
		if Equal(p, q) {
			t.Errorf("Equal after changing %s to %s", change[0], change[1])
		}
	}
}

// TestCanonicalGolden keeps the canonical form of a policy that uses every
// element under testdata/, so that changes to the format are reviewed.
func TestCanonicalGolden(t *testing.T) {
	p, _ := parseTestdata(t, "positions.json")
	got, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "positions.canonical.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("canonical form differs from %s:\n%s", golden, got)
	}
}
