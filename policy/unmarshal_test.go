package policy_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

func TestUnmarshalJSON(t *testing.T) {
	const (
		identity = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
		resource = `{"Version":"2012-10-17","Id":"b","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`
		trust    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
		// Neither Principal nor Resource: identity and resource policies
		// both report one error; identity comes first.
		noType = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`
		// Identity-like types report two errors, trust and RCP more;
		// resource and endpoint policies one (a statement without
		// Principal): resource first.
		fewestResource = `{"Version":"2012-10-17","Statement":[` +
			`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"},` +
			`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	)
	tests := []struct {
		name  string
		doc   string
		codes []policy.Code // nil: accepted
		// parseErr: Parse itself fails with the same findings.
		parseErr bool
	}{
		{name: "identity", doc: identity},
		{name: "resource", doc: resource},
		{name: "trust", doc: trust},
		{name: "leading and trailing white space", doc: " \n" + identity + "\n"},
		{name: "element error", doc: strings.Replace(identity, "s3:GetObject", "s3GetObject", 1), codes: []policy.Code{policy.CodeActionFormat}, parseErr: true},
		{name: "duplicate key", doc: `{"Statement":[],"Statement":[]}`, codes: []policy.Code{policy.CodeStatementEmpty, policy.CodeDuplicateKey}, parseErr: true},
		{name: "syntax error", doc: `{"Statement": [}`, codes: []policy.Code{policy.CodeSyntax}, parseErr: true},
		{name: "not an object", doc: `[]`, codes: []policy.Code{policy.CodeSyntax}, parseErr: true},
		{name: "no type: ties go to identity", doc: noType, codes: []policy.Code{policy.CodeResourceMissing}},
		{name: "no type: fewest errors", doc: fewestResource, codes: []policy.Code{policy.CodePrincipalMissing}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, perr := policy.Parse([]byte(tc.doc))
			if (perr != nil) != tc.parseErr {
				t.Fatalf("Parse error = %v, want error: %v", perr, tc.parseErr)
			}
			p := policy.Policy{ID: "unchanged"}
			err := p.UnmarshalJSON([]byte(tc.doc))
			if tc.codes == nil {
				if err != nil {
					t.Fatalf("UnmarshalJSON: %v", err)
				}
				if want := policy.MustParse([]byte(tc.doc)); !policy.Equal(&p, want) {
					t.Fatalf("UnmarshalJSON gave %+v, Parse %+v", p, want)
				}
				return
			}
			var fs policy.Findings
			if !errors.As(err, &fs) {
				t.Fatalf("UnmarshalJSON error %v (%T) is not a Findings", err, err)
			}
			if got := fs.Codes(); !reflect.DeepEqual(got, tc.codes) {
				t.Errorf("codes = %v, want %v\n%v", got, tc.codes, fs)
			}
			if tc.parseErr && !reflect.DeepEqual(err, perr) {
				t.Errorf("UnmarshalJSON error\n%v\nis not Parse's\n%v", err, perr)
			}
			for _, f := range fs {
				if f.Pos.File != "" || (f.Code != policy.CodeInputLimit && !f.Pos.IsValid()) {
					t.Errorf("finding %v: position %+v, want a line and no file name", f, f.Pos)
				}
			}
			if p.ID != "unchanged" || p.Statements != nil {
				t.Errorf("the policy was changed on error: %+v", p)
			}
		})
	}
}

// json.Unmarshal reaches UnmarshalJSON for a Policy value, a *Policy and
// a field of either, and passes on its findings.
func TestUnmarshalThroughEncodingJSON(t *testing.T) {
	type config struct {
		Name   string
		Policy *policy.Policy
		Inline policy.Policy
	}
	doc := `{"Name": "reader",
  "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
  "Inline": {"Statement": {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}}}`
	var c config
	if err := json.Unmarshal([]byte(doc), &c); err != nil {
		t.Fatal(err)
	}
	if c.Policy == nil || len(c.Policy.Statements) != 1 || c.Policy.Statements[0].Actions[0].Value != "s3:GetObject" {
		t.Fatalf("Policy = %+v", c.Policy)
	}
	if len(c.Inline.Statements) != 1 || c.Inline.Statements[0].Effect != policy.Deny {
		t.Fatalf("Inline = %+v", c.Inline)
	}
	// Positions count from the policy's opening brace.
	if pos := c.Policy.Statements[0].Pos; pos.Line != 1 || pos.Offset != 40 {
		t.Errorf("statement position %+v, want offset 40 on line 1 of the policy's own bytes", pos)
	}

	// null leaves the policy as it was.
	c = config{}
	if err := json.Unmarshal([]byte(`{"Policy": null, "Inline": null}`), &c); err != nil || c.Policy != nil || c.Inline.Statements != nil {
		t.Fatalf("null: %v, %+v", err, c)
	}

	// Findings come through json.Unmarshal.
	bad := `{"Policy": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}}`
	err := json.Unmarshal([]byte(bad), &c)
	var fs policy.Findings
	if !errors.As(err, &fs) || len(fs) != 1 || fs[0].Code != policy.CodeResourceMissing {
		t.Fatalf("json.Unmarshal of a policy no type accepts: %v", err)
	}
	// A syntax error is found by encoding/json before UnmarshalJSON runs.
	var se *json.SyntaxError
	if err := json.Unmarshal([]byte(`{"Policy": {"Statement": [}}`), &c); !errors.As(err, &se) {
		t.Fatalf("json.Unmarshal of invalid JSON: %v (%T), want a *json.SyntaxError", err, err)
	}
}

// Every AWS managed policy unmarshals to the policy Parse returns, and its
// canonical form (json.Marshal) unmarshals to an equal policy.
func TestUnmarshalRoundTripCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("../testdata/corpus/aws-managed", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v, %d files", err, len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var p policy.Policy
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if !policy.Equal(&p, policy.MustParse(data)) {
			t.Fatalf("%s: json.Unmarshal and Parse disagree", file)
		}
		out, err := json.Marshal(&p)
		if err != nil {
			t.Fatalf("%s: json.Marshal: %v", file, err)
		}
		var q policy.Policy
		if err := json.Unmarshal(out, &q); err != nil {
			t.Fatalf("%s: canonical form: %v\n%s", file, err, out)
		}
		if !policy.Equal(&p, &q) {
			t.Fatalf("%s: the canonical form unmarshals to a different policy\n%s", file, out)
		}
	}
}

func TestMustParse(t *testing.T) {
	p := policy.MustParse([]byte(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`))
	if len(p.Statements) != 1 {
		t.Fatalf("MustParse = %+v", p)
	}
	defer func() {
		err, ok := recover().(error)
		var fs policy.Findings
		if !ok || !errors.As(err, &fs) || fs[0].Code != policy.CodeEffectInvalid || !strings.HasPrefix(err.Error(), "policy: MustParse: ") {
			t.Fatalf("MustParse of a bad document panicked with %v", err)
		}
	}()
	policy.MustParse([]byte(`{"Statement":{"Effect":"allow","Action":"*","Resource":"*"}}`))
	t.Fatal("MustParse did not panic")
}
