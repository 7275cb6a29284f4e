package accesstest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// Small valid policies of each type, one line each.
const (
	identityPol = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	resourcePol = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	trustPol    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`
	boundaryPol = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	scpPol      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	rcpPol      = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	endpointPol = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`

	okRequest = `"request":{"action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}`
)

// minimal returns a one-line case named name with extra fields (each
// `"key":value`, comma-separated) added before "expected".
func minimal(name, extra string) string {
	if extra != "" {
		extra += ","
	}
	return `{"name":"` + name + `",` + okRequest + `,` + extra + `"expected":"allowed"}`
}

func mustParse(t *testing.T, name, data string, read ReadPolicy) []*Case {
	t.Helper()
	cs, err := Parse(name, []byte(data), read)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return cs
}

func names(cs []*Case) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func lineNumbers(cs []*Case) []int {
	var out []int
	for _, c := range cs {
		out = append(out, c.Pos.Line)
	}
	return out
}

func TestParseShapes(t *testing.T) {
	a, b := minimal("a", ""), minimal("b", "")
	tests := []struct {
		name      string
		file      string
		data      string
		wantNames []string
		wantLines []int
	}{
		{name: "single case", file: "c.json", data: a, wantNames: []string{"a"}, wantLines: []int{1}},
		{name: "single case after blank lines", file: "c.json", data: "\n\n  " + a + "\n", wantNames: []string{"a"}, wantLines: []int{3}},
		{name: "array", file: "c.json", data: "[\n" + a + ",\n\n" + b + "\n]", wantNames: []string{"a", "b"}, wantLines: []int{2, 4}},
		{name: "cases object", file: "c.json", data: "{\"cases\": [\n  " + a + ",\n  " + b + "\n]}", wantNames: []string{"a", "b"}, wantLines: []int{2, 3}},
		{name: "cases object with CRLF", file: "c.json", data: "{\"cases\": [\r\n  " + a + ",\r\n  " + b + "\r\n]}\r\n", wantNames: []string{"a", "b"}, wantLines: []int{2, 3}},
		{name: "jsonl", file: "c.jsonl", data: a + "\n" + b + "\n", wantNames: []string{"a", "b"}, wantLines: []int{1, 2}},
		{name: "jsonl without final newline", file: "c.jsonl", data: a + "\n" + b, wantNames: []string{"a", "b"}, wantLines: []int{1, 2}},
		{name: "jsonl blank lines", file: "c.jsonl", data: "\n" + a + "\n\n   \n\t\n" + b + "\n\n", wantNames: []string{"a", "b"}, wantLines: []int{2, 6}},
		{name: "jsonl CRLF", file: "c.jsonl", data: a + "\r\n\r\n" + b + "\r\n", wantNames: []string{"a", "b"}, wantLines: []int{1, 3}},
		{name: "jsonl indented", file: "dir/c.jsonl", data: "  " + a + "  \n\t" + b, wantNames: []string{"a", "b"}, wantLines: []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := mustParse(t, tt.file, tt.data, nil)
			if got := names(cs); !reflect.DeepEqual(got, tt.wantNames) {
				t.Errorf("names = %q, want %q", got, tt.wantNames)
			}
			if got := lineNumbers(cs); !reflect.DeepEqual(got, tt.wantLines) {
				t.Errorf("lines = %v, want %v", got, tt.wantLines)
			}
			for _, c := range cs {
				if c.Pos.File != tt.file {
					t.Errorf("case %q: File = %q, want %q", c.Name, c.Pos.File, tt.file)
				}
				if c.Err != nil {
					t.Errorf("case %q: Err = %v", c.Name, c.Err)
				}
				if c.Expected != evaluator.Allowed || c.Request.Action != "s3:GetObject" || c.Request.Resource != "arn:aws:s3:::b/k" {
					t.Errorf("case %q: Expected %v, Request %+v", c.Name, c.Expected, c.Request)
				}
			}
		})
	}
}

// TestParseEveryField reads a case that uses every field of the format.
func TestParseEveryField(t *testing.T) {
	data := `{
  "name": "every field",
  "description": "all of it",
  "request": {
    "principal": "arn:aws:sts::111122223333:assumed-role/app/s1",
    "sessionIssuer": "arn:aws:iam::111122223333:role/path/app",
    "principalAccount": "111122223333",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::b/k",
    "resourceAccount": "444455556666",
    "principalId": "AROAEXAMPLE:s1",
    "time": "2026-12-01T21:00:00Z",
    "principalOrgId": "o-abc",
    "principalOrgPaths": ["o-abc/r-1/ou-2/"],
    "resourceOrgId": "o-def",
    "principalTags": {"team": "blue", "Env": ""},
    "context": {
      "aws:SourceIp": "10.1.2.3",
      "aws:TagKeys": ["team", "env"],
      "aws:EpochTime": 1700000000,
      "s3:max-keys": 2.50,
      "aws:MultiFactorAuthPresent": true,
      "aws:SecureTransport": false,
      "aws:CalledVia": [],
      "mixed": ["a", 1, true],
      "absent": null
    }
  },
  "identityPolicies": [` + identityPol + `, ` + identityPol + `],
  "resourcePolicy": ` + resourcePol + `,
  "permissionsBoundary": ` + boundaryPol + `,
  "sessionPolicy": ` + identityPol + `,
  "scps": [[` + scpPol + `], [` + scpPol + `, ` + scpPol + `]],
  "rcps": [[` + rcpPol + `]],
  "endpointPolicies": [` + endpointPol + `],
  "settings": {
    "principalInManagementAccount": true,
    "principalIsServiceLinkedRole": true,
    "resourceInManagementAccount": true,
    "resourcePolicyRequired": true,
    "serviceSupportsRCPs": false,
    "s3BlockPublicAccess": false
  },
  "expected": "allowed"
}`
	_, err := Parse("c.json", []byte(strings.Replace(data, `"absent": null`, `"x": "y"`, 1)), nil)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	// A null context value is not a value: it must be refused.
	if _, err := Parse("c.json", []byte(data), nil); err == nil || !strings.Contains(err.Error(), `context key "absent"`) {
		t.Fatalf("null context value: got %v", err)
	}
	data = strings.Replace(data, `,
      "absent": null`, "", 1)
	c := mustParse(t, "c.json", data, nil)[0]
	if c.Err != nil {
		t.Fatalf("Err = %v", c.Err)
	}
	if c.Name != "every field" || c.Description != "all of it" || c.Expected != evaluator.Allowed || c.Pos.Line != 1 {
		t.Errorf("Name %q, Description %q, Expected %v, Line %d", c.Name, c.Description, c.Expected, c.Pos.Line)
	}
	r := c.Request
	wantStrings := map[string][2]string{
		"principal":         {r.Principal, "arn:aws:sts::111122223333:assumed-role/app/s1"},
		"sessionIssuer":     {r.SessionIssuer, "arn:aws:iam::111122223333:role/path/app"},
		"principalAccount":  {r.PrincipalAccount, "111122223333"},
		"action":            {r.Action, "s3:GetObject"},
		"resource":          {r.Resource, "arn:aws:s3:::b/k"},
		"resourceAccount":   {r.ResourceAccount, "444455556666"},
		"principalId":       {r.PrincipalID, "AROAEXAMPLE:s1"},
		"time":              {r.Time.Format(time.RFC3339), "2026-12-01T21:00:00Z"},
		"principalOrgId":    {r.PrincipalOrgID, "o-abc"},
		"principalOrgPaths": {strings.Join(r.PrincipalOrgPaths, ","), "o-abc/r-1/ou-2/"},
		"resourceOrgId":     {r.ResourceOrgID, "o-def"},
	}
	if v, ok := r.PrincipalTags.Lookup("TEAM"); !ok || v.Values()[0] != "blue" || r.PrincipalTags.Len() != 2 {
		t.Errorf("request.principalTags = %v", r.PrincipalTags.Keys())
	}
	for k, v := range wantStrings {
		if v[0] != v[1] {
			t.Errorf("request.%s = %q, want %q", k, v[0], v[1])
		}
	}
	wantFacts := evaluator.Facts{
		PrincipalInManagementAccount: true,
		PrincipalIsServiceLinkedRole: true,
		ResourceInManagementAccount:  true,
		ResourcePolicyRequired:       evaluator.Required,
		RCPsNotSupported:             true,
	}
	if r.Facts != wantFacts {
		t.Errorf("Facts = %+v, want %+v", r.Facts, wantFacts)
	}

	wantCtx := map[string]conditions.Value{
		"aws:SourceIp":               conditions.Single("10.1.2.3"),
		"aws:TagKeys":                conditions.Multi("team", "env"),
		"aws:EpochTime":              conditions.Single("1700000000"),
		"s3:max-keys":                conditions.Single("2.50"), // the number's text, as written
		"aws:MultiFactorAuthPresent": conditions.Single("true"),
		"aws:SecureTransport":        conditions.Single("false"),
		"aws:CalledVia":              conditions.Multi(),
		"mixed":                      conditions.Multi("a", "1", "true"),
	}
	if r.Context.Len() != len(wantCtx) {
		t.Errorf("context has %d keys %q, want %d", r.Context.Len(), r.Context.Keys(), len(wantCtx))
	}
	for k, want := range wantCtx {
		got, ok := r.Context.Lookup(k)
		if !ok {
			t.Errorf("context key %q missing", k)
			continue
		}
		if got.IsMulti() != want.IsMulti() || !reflect.DeepEqual(got.Values(), want.Values()) {
			t.Errorf("context[%q] = %v (multi %v), want %v (multi %v)", k, got.Values(), got.IsMulti(), want.Values(), want.IsMulti())
		}
	}

	P := c.Policies
	if len(P.Identity) != 2 || P.Resource == nil || P.Boundary == nil || len(P.Session) != 1 || len(P.Endpoints) != 1 {
		t.Errorf("Policies: %d identity, resource %v, boundary %v, %d session, %d endpoint",
			len(P.Identity), P.Resource != nil, P.Boundary != nil, len(P.Session), len(P.Endpoints))
	}
	if P.ResourceType != "" {
		t.Errorf("ResourceType = %q, want the default (resource)", P.ResourceType)
	}
	if len(P.SCPs) != 2 || len(P.SCPs[0]) != 1 || len(P.SCPs[1]) != 2 {
		t.Errorf("SCP levels = %v", P.SCPs)
	}
	if len(P.RCPs) != 1 || len(P.RCPs[0]) != 1 {
		t.Errorf("RCP levels = %v", P.RCPs)
	}
	wantRefs := []evaluator.PolicyRef{
		{Type: policy.TypeIdentity, Level: -1, Index: 0},
		{Type: policy.TypeIdentity, Level: -1, Index: 1},
		{Type: policy.TypeResource, Level: -1},
		{Type: policy.TypeBoundary, Level: -1},
		{Type: policy.TypeSession, Level: -1},
		{Type: policy.TypeSCP, Level: 0, Index: 0},
		{Type: policy.TypeSCP, Level: 1, Index: 0},
		{Type: policy.TypeSCP, Level: 1, Index: 1},
		{Type: policy.TypeRCP, Level: 0, Index: 0},
		{Type: policy.TypeEndpoint, Level: -1, Index: 0},
	}
	srcs := sources(c)
	if len(srcs) != len(wantRefs) {
		t.Errorf("Sources has %d entries, want %d: %v", len(srcs), len(wantRefs), srcs)
	}
	for _, ref := range wantRefs {
		src, ok := srcs[ref]
		if !ok || src.File != "c.json" || src.Line < 22 {
			t.Errorf("Sources[%v] = %+v, %v", ref, src, ok)
		}
	}
	// The case's policies compile and decide. The RCP would deny (the
	// request is not over TLS) but the service does not support RCPs.
	set, err := evaluator.Compile(P)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	if got := set.Evaluate(c.Request).Decision; got != c.Expected {
		t.Errorf("decision %v, want %v", got, c.Expected)
	}
}

func TestParseNullsAreAbsent(t *testing.T) {
	data := `{"name":"n","request":{"principal":null,"action":"s3:GetObject","resource":"*","context":null},` +
		`"identityPolicies":null,"resourcePolicy":null,"permissionsBoundary":null,"sessionPolicy":null,` +
		`"scps":null,"rcps":null,"endpointPolicies":null,"settings":null,"expected":"implicitDeny"}`
	c := mustParse(t, "c.json", data, nil)[0]
	P := c.Policies
	if P.Identity != nil || P.Resource != nil || P.Boundary != nil || P.Session != nil || P.SCPs != nil || P.RCPs != nil || P.Endpoints != nil {
		t.Errorf("Policies = %+v, want none", P)
	}
	if c.Request.Principal != "" || c.Request.Context.Len() != 0 || c.Request.Facts != (evaluator.Facts{}) || len(sources(c)) != 0 {
		t.Errorf("Request = %+v, Sources = %v", c.Request, sources(c))
	}
	// Empty lists: no policies, and an empty SCP level is kept as a level.
	c = mustParse(t, "c.json", minimal("e", `"identityPolicies":[],"scps":[[]],"rcps":[],"endpointPolicies":[]`), nil)[0]
	if len(c.Policies.Identity) != 0 || len(c.Policies.SCPs) != 1 || len(c.Policies.SCPs[0]) != 0 || len(c.Policies.RCPs) != 0 {
		t.Errorf("Policies = %+v", c.Policies)
	}
}

func TestSettings(t *testing.T) {
	tests := []struct {
		settings string
		want     evaluator.Facts
	}{
		{`{}`, evaluator.Facts{}},
		{`{"principalInManagementAccount":true}`, evaluator.Facts{PrincipalInManagementAccount: true}},
		{`{"principalIsServiceLinkedRole":true}`, evaluator.Facts{PrincipalIsServiceLinkedRole: true}},
		{`{"resourceInManagementAccount":true}`, evaluator.Facts{ResourceInManagementAccount: true}},
		{`{"resourcePolicyRequired":true}`, evaluator.Facts{ResourcePolicyRequired: evaluator.Required}},
		{`{"resourcePolicyRequired":false}`, evaluator.Facts{ResourcePolicyRequired: evaluator.NotRequired}},
		{`{"serviceSupportsRCPs":false}`, evaluator.Facts{RCPsNotSupported: true}},
		{`{"serviceSupportsRCPs":true}`, evaluator.Facts{}},
		{`{"s3BlockPublicAccess":false}`, evaluator.Facts{}},
		{`{"principalInManagementAccount":false,"principalIsServiceLinkedRole":false}`, evaluator.Facts{}},
	}
	for _, tt := range tests {
		t.Run(tt.settings, func(t *testing.T) {
			c := mustParse(t, "c.json", minimal("s", `"settings":`+tt.settings), nil)[0]
			if c.Request.Facts != tt.want {
				t.Errorf("Facts = %+v, want %+v", c.Request.Facts, tt.want)
			}
		})
	}
}

func TestExpected(t *testing.T) {
	tests := []struct {
		text string
		want evaluator.Decision
	}{
		{"allowed", evaluator.Allowed},
		{"explicitDeny", evaluator.ExplicitDeny},
		{"implicitDeny", evaluator.ImplicitDeny},
		{"Allowed", evaluator.Allowed},
		{"ExplicitlyDenied", evaluator.ExplicitDeny},
		{"ImplicitlyDenied", evaluator.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			data := `{"name":"x",` + okRequest + `,"expected":"` + tt.text + `"}`
			if got := mustParse(t, "c.json", data, nil)[0].Expected; got != tt.want {
				t.Errorf("Expected = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestParseErrors checks every way a file can fail to be an access-test
// file: the error is an *Error with the position of the problem and a
// message that says what is wrong.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		data      string
		line, col int // 0, 0: no position
		msg       []string
	}{
		// Not a file of cases.
		{name: "empty json", file: "c.json", data: "", msg: []string{"no cases", "empty"}},
		{name: "empty jsonl", file: "c.jsonl", data: "", msg: []string{"no cases", "empty"}},
		{name: "blank jsonl", file: "c.jsonl", data: "\n \r\n\t\n", msg: []string{"no cases"}},
		{name: "empty array", file: "c.json", data: "[]", msg: []string{"no cases"}},
		{name: "empty cases", file: "c.json", data: `{"cases": []}`, msg: []string{"no cases"}},
		{name: "root is a string", file: "c.json", data: `"cases"`, msg: []string{"a case object, an array of cases"}},
		{name: "root is null", file: "c.json", data: `null`, msg: []string{"a case object, an array of cases"}},
		{name: "cases not an array", file: "c.json", data: "{\n  \"cases\": {}\n}", line: 2, col: 12, msg: []string{`"cases" must be an array`}},
		{name: "cases with another key", file: "c.json", data: `{"cases": [], "version": 1}`, line: 1, col: 1, msg: []string{`unknown field "version"`}},
		{name: "cases twice", file: "c.json", data: `{"cases": [], "cases": []}`, line: 1, col: 1, msg: []string{`key "cases" appears twice`}},
		{name: "case not an object", file: "c.json", data: "[\n  " + minimal("a", "") + ",\n  [1]\n]", line: 3, col: 3, msg: []string{"a case must be a JSON object"}},
		{name: "jsonl line not an object", file: "c.jsonl", data: minimal("a", "") + "\n\"b\"\n", line: 2, col: 1, msg: []string{"a case must be a JSON object"}},

		// Invalid JSON and text.
		{name: "invalid json", file: "c.json", data: "{\n  \"name\": \"a\",\n}", line: 3, col: 1, msg: []string{"not valid JSON", "invalid character '}'"}},
		{name: "truncated json", file: "c.json", data: "[\n  {\"name\": \"a\"", line: 2, col: 15, msg: []string{"not valid JSON", "unexpected end"}},
		{name: "two values", file: "c.json", data: "{}\n{}", line: 2, col: 1, msg: []string{"not valid JSON"}},
		{name: "invalid jsonl line", file: "c.jsonl", data: minimal("a", "") + "\r\n\r\n  {\"name\": 'b'}\r\n", line: 3, col: 12, msg: []string{"line is not valid JSON", "invalid character '\\''"}},
		{name: "jsonl two values on a line", file: "c.jsonl", data: minimal("a", "") + " " + minimal("b", ""), msg: []string{"line is not valid JSON"}, line: 1},
		{name: "pretty-printed jsonl", file: "c.jsonl", data: "{\n  \"name\": \"a\"\n}\n", line: 1, col: 2, msg: []string{"line is not valid JSON"}},
		{name: "jsonl line of form feeds", file: "c.jsonl", data: minimal("a", "") + "\n\f\f\n", line: 2, col: 1, msg: []string{"line is not valid JSON"}},
		{name: "byte-order mark", file: "c.json", data: "\uFEFF" + minimal("a", ""), line: 1, col: 1, msg: []string{"byte-order mark"}},
		{name: "invalid UTF-8", file: "c.json", data: "{\"name\": \"caf\xe9\"}", line: 1, col: 14, msg: []string{"UTF-8"}},

		// Unknown fields and duplicate keys, at each level.
		{name: "unknown case field", file: "c.json", data: minimal("a", `"expectd":"allowed"`), line: 1, col: 1, msg: []string{`unknown field "expectd"`, "known: name, description"}},
		{name: "unknown request field", file: "c.json", data: "{\"name\": \"a\",\n \"request\": {\"action\": \"s3:GetObject\", \"resource\": \"*\", \"resourceArn\": \"x\"}, \"expected\": \"allowed\"}", line: 2, col: 13, msg: []string{`case "a"`, `request: unknown field "resourceArn"`}},
		{name: "unknown settings field", file: "c.json", data: "{\"name\": \"a\", " + okRequest + ",\n  \"settings\": {\"serviceLinkedRole\": true}, \"expected\": \"allowed\"}", line: 2, col: 15, msg: []string{`settings: unknown field "serviceLinkedRole"`}},
		{name: "duplicate case key", file: "c.jsonl", data: "\n" + minimal("a", `"name":"b"`), line: 2, col: 1, msg: []string{`case: key "name" appears twice`}},
		{name: "duplicate escaped case key", file: "c.json", data: minimal("a", `"n\u0061me":"b"`), line: 1, col: 1, msg: []string{`key "name" appears twice`}},
		{name: "duplicate request key", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject","resource":"*","action":"s3:PutObject"},"expected":"allowed"}`, line: 1, col: 23, msg: []string{`request: key "action" appears twice`}},
		{name: "duplicate settings key", file: "c.json", data: minimal("a", `"settings":{"principalIsServiceLinkedRole":true,"principalIsServiceLinkedRole":false}`), line: 1, col: 90, msg: []string{`settings: key "principalIsServiceLinkedRole" appears twice`}},
		{name: "duplicate context key", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject","resource":"*","context":{"k":"1","k":"2"}},"expected":"allowed"}`, line: 1, col: 82, msg: []string{`context key "k" appears twice`}},

		// Missing and empty required fields. Columns in one-line cases made
		// by minimal: `{"name":"a",` is 12 bytes and okRequest 65, so the
		// extra fields start at column 79; "request" opens at column 23.
		{name: "missing name", file: "c.json", data: `{` + okRequest + `,"expected":"allowed"}`, line: 1, col: 1, msg: []string{`"name" is required`}},
		{name: "empty name", file: "c.json", data: minimal("", ""), line: 1, col: 9, msg: []string{`"name" must not be empty`}},
		{name: "missing expected", file: "c.json", data: `{"name":"a",` + okRequest + `}`, line: 1, col: 1, msg: []string{`case "a": "expected" is required`}},
		{name: "missing request", file: "c.jsonl", data: "\n  {\"name\":\"a\",\"expected\":\"allowed\"}", line: 2, col: 3, msg: []string{`case "a": "request" must be an object`}},
		{name: "missing action", file: "c.json", data: `{"name":"a","request":{"resource":"*"},"expected":"allowed"}`, line: 1, col: 23, msg: []string{`case "a": request.action is required`}},
		{name: "null action", file: "c.json", data: `{"name":"a","request":{"action":null,"resource":"*"},"expected":"allowed"}`, line: 1, col: 23, msg: []string{`request.action is required`}},
		{name: "empty action", file: "c.json", data: `{"name":"a","request":{"action":"","resource":"*"},"expected":"allowed"}`, line: 1, col: 33, msg: []string{`case "a": request.action must not be empty`}},
		{name: "empty resource", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject","resource":""},"expected":"allowed"}`, line: 1, col: 59, msg: []string{`case "a": request.resource must not be empty`}},
		{name: "missing resource", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject"},"expected":"allowed"}`, line: 1, col: 23, msg: []string{`case "a": request.resource is required`}},

		// Wrong types.
		{name: "name not a string", file: "c.json", data: `{"name":1,` + okRequest + `,"expected":"allowed"}`, line: 1, col: 9, msg: []string{`"name" must be a string`}},
		{name: "description not a string", file: "c.json", data: minimal("a", `"description":["x"]`), line: 1, col: 93, msg: []string{`"description" must be a string`}},
		{name: "expected not a string", file: "c.json", data: `{"name":"a",` + okRequest + `,"expected":true}`, line: 1, col: 90, msg: []string{`"expected" must be a string`}},
		{name: "expected unknown", file: "c.json", data: `{"name":"a",` + okRequest + `,"expected":"deny"}`, line: 1, col: 90, msg: []string{`unknown decision "deny"`}},
		{name: "request not an object", file: "c.json", data: `{"name":"a","request":"s3:GetObject","expected":"allowed"}`, line: 1, col: 23, msg: []string{`"request" must be an object`}},
		{name: "action not a string", file: "c.json", data: `{"name":"a","request":{"action":["s3:GetObject"],"resource":"*"},"expected":"allowed"}`, line: 1, col: 33, msg: []string{`request.action must be a string`}},
		{name: "principal not a string", file: "c.json", data: `{"name":"a","request":{"principal":{},"action":"s3:GetObject","resource":"*"},"expected":"allowed"}`, line: 1, col: 36, msg: []string{`request.principal must be a string`}},
		{name: "context not an object", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject","resource":"*","context":["k"]},"expected":"allowed"}`, line: 1, col: 73, msg: []string{`request.context must be an object`}},
		{name: "context value an object", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject","resource":"*","context":{"k":{}}},"expected":"allowed"}`, line: 1, col: 78, msg: []string{`context key "k": a value is a string, number, boolean or an array`}},
		{name: "context array of arrays", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject","resource":"*","context":{"k":["a",["b"]]}},"expected":"allowed"}`, line: 1, col: 83, msg: []string{`context key "k": values must be strings, numbers or booleans`}},
		{name: "context array with null", file: "c.json", data: `{"name":"a","request":{"action":"s3:GetObject","resource":"*","context":{"k":[null]}},"expected":"allowed"}`, line: 1, col: 79, msg: []string{`context key "k": values must be`}},
		{name: "settings not an object", file: "c.json", data: minimal("a", `"settings":[]`), line: 1, col: 90, msg: []string{`"settings" must be an object`}},
		{name: "setting not a boolean", file: "c.json", data: minimal("a", `"settings":{"principalIsServiceLinkedRole":"true"}`), line: 1, col: 122, msg: []string{`settings.principalIsServiceLinkedRole must be true or false`}},
		{name: "s3BlockPublicAccess", file: "c.json", data: minimal("a", `"settings":{"s3BlockPublicAccess":true}`), line: 1, col: 113, msg: []string{`settings.s3BlockPublicAccess=true is not supported`, "not modelled"}},
		{name: "identityPolicies not an array", file: "c.json", data: minimal("a", `"identityPolicies":`+identityPol), line: 1, col: 98, msg: []string{`"identityPolicies" must be an array of policies`}},
		{name: "policy a number", file: "c.json", data: minimal("a", `"identityPolicies":[1]`), line: 1, col: 99, msg: []string{`a policy is a JSON object or a string naming a policy file`}},
		{name: "resourcePolicy an array", file: "c.json", data: minimal("a", `"resourcePolicy":[`+resourcePol+`]`), line: 1, col: 96, msg: []string{`a policy is a JSON object or a string`}},
		{name: "scps not levels", file: "c.json", data: minimal("a", `"scps":`+scpPol), line: 1, col: 86, msg: []string{`"scps" must be an array of levels`}},
		{name: "scps level not an array", file: "c.json", data: minimal("a", `"scps":[`+scpPol+`]`), line: 1, col: 87, msg: []string{`"scps" must be an array of policies`}},
		{name: "rcps level not an array", file: "c.json", data: minimal("a", `"rcps":["rcp.json"]`), line: 1, col: 87, msg: []string{`"rcps" must be an array of policies`}},
		{name: "endpointPolicies not an array", file: "c.json", data: minimal("a", `"endpointPolicies":"e.json"`), line: 1, col: 98, msg: []string{`"endpointPolicies" must be an array`}},
		{name: "policy file without reader", file: "c.json", data: minimal("a", `"sessionPolicy":"session.json"`), line: 1, col: 95, msg: []string{`policy files are not allowed here`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := Parse(tt.file, []byte(tt.data), nil)
			if err == nil {
				t.Fatalf("Parse succeeded with %d cases, want an error", len(cs))
			}
			if cs != nil {
				t.Errorf("cases = %v, want nil with an error", cs)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %v is not a *accesstest.Error", err, err)
			}
			if ce.Pos.File != tt.file {
				t.Errorf("File = %q, want %q", ce.Pos.File, tt.file)
			}
			if ce.Pos.Line != tt.line || (tt.col != 0 && ce.Pos.Column != tt.col) {
				t.Errorf("position %d:%d, want %d:%d (%v)", ce.Pos.Line, ce.Pos.Column, tt.line, tt.col, err)
			}
			for _, m := range tt.msg {
				if !strings.Contains(ce.Msg, m) {
					t.Errorf("message %q does not contain %q", ce.Msg, m)
				}
			}
			prefix := tt.file + ": "
			if ce.Pos.Line > 0 {
				prefix = fmt.Sprintf("%s:%d:%d: ", tt.file, ce.Pos.Line, ce.Pos.Column)
			}
			if got := err.Error(); got != prefix+ce.Msg {
				t.Errorf("Error() = %q, want %q", got, prefix+ce.Msg)
			}
		})
	}
}

// TestPositions checks, against numbers counted by hand in the input below,
// where cases and inline policies start and where a policy's findings are
// reported.
func TestPositions(t *testing.T) {
	// Columns of line 9:
	//          1         2         3         4         5         6         7         8         9
	// 123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890
	//         "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Bogus": 1}]
	const data = `[
  {
    "name": "later line",
    "request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
    "identityPolicies": [
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
      {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Bogus": 1}]
      }
    ],
    "expected": "allowed"
  },
  {"name": "first line", "request": {"action": "s3:GetObject", "resource": "*"}, "scps": [[], [{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Sid": 7}]}]], "expected": "allowed"}
]
`
	// Columns of line 14 (the second case):
	//          1         2         3         4         5         6         7         8         9        10        11        12        13
	// 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890
	//   {"name": "first line", "request": {"action": "s3:GetObject", "resource": "*"}, "scps": [[], [{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Sid": 7}]}]], "expected": "allowed"}
	cs := mustParse(t, "cases.json", data, nil)
	if got := lineNumbers(cs); !reflect.DeepEqual(got, []int{2, 14}) {
		t.Fatalf("case lines = %v, want [2 14]", got)
	}

	later := cs[0]
	id0 := evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1, Index: 0}
	id1 := evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1, Index: 1}
	if got, want := sources(later)[id0], (policy.Position{File: "cases.json", Line: 6, Column: 7}); !samePlace(got, want) {
		t.Errorf("identity[0] at %+v, want %+v", got, want)
	}
	if got, want := sources(later)[id1], (policy.Position{File: "cases.json", Line: 7, Column: 7}); !samePlace(got, want) {
		t.Errorf("identity[1] at %+v, want %+v", got, want)
	}
	// "Bogus" is on line 3 of the policy, column 86: line 7+3-1 = 9 of the file.
	var pe *PolicyError
	if !errors.As(later.Err, &pe) {
		t.Fatalf("Err = %v, want a *PolicyError", later.Err)
	}
	if pe.Ref != id1 || pe.Pos.File != "cases.json" || pe.Pos.Line != 7 || pe.Pos.Column != 7 {
		t.Errorf("PolicyError = %+v", pe)
	}
	if pe.Pos.Offset != strings.Index(data, "{\n        \"Version\"") {
		t.Errorf("Pos.Offset = %d", pe.Pos.Offset)
	}
	var fs policy.Findings
	if !errors.As(later.Err, &fs) || len(fs) == 0 || fs[0].Pos.Line != 9 || fs[0].Pos.Column != 86 || fs[0].Pos.File != "cases.json" {
		t.Fatalf("findings = %#v, want one at cases.json:9:86", fs)
	}
	if off := strings.Index(data, `"Bogus"`); fs[0].Pos.Offset != off {
		t.Errorf("finding at offset %d, want %d", fs[0].Pos.Offset, off)
	}
	msg := later.Err.Error()
	if want := "identity[1] policy is invalid:\n  cases.json:9:86: unknown element \"Bogus\""; !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, "[UNKNOWN_ELEMENT]") {
		t.Errorf("message = %q, want it to start with %q and end with [UNKNOWN_ELEMENT]", msg, want)
	}
	// The valid policy is kept; the invalid one too (it parsed), so that
	// Compile fails on it as well.
	if len(later.Policies.Identity) != 2 || later.Policies.Identity[0] == nil {
		t.Errorf("Identity = %v", later.Policies.Identity)
	}

	first := cs[1]
	scp := evaluator.PolicyRef{Type: policy.TypeSCP, Level: 1, Index: 0}
	// The SCP's brace is at column 96 of line 14.
	if got, want := sources(first)[scp], (policy.Position{File: "cases.json", Line: 14, Column: 96}); !samePlace(got, want) {
		t.Errorf("scp 1/0 at %+v, want %+v", got, want)
	}
	if !errors.As(first.Err, &pe) || pe.Ref != scp {
		t.Fatalf("Err = %v, want a *PolicyError for %v", first.Err, scp)
	}
	// The Sid's value 7 is at column 75 of the policy's only line, so at
	// column 96+75-1 = 170 of line 14.
	if !errors.As(first.Err, &fs) || len(fs) == 0 {
		t.Fatalf("findings = %v", first.Err)
	}
	if fs[0].Pos.Line != 14 || fs[0].Pos.Column != 170 {
		t.Errorf("finding at %d:%d, want 14:170", fs[0].Pos.Line, fs[0].Pos.Column)
	}
	if want := "scp[level 1][0] policy is invalid:\n  cases.json:14:170: Sid must be a string"; !strings.HasPrefix(first.Err.Error(), want) {
		t.Errorf("message = %q, want prefix %q", first.Err.Error(), want)
	}
}

func TestPolicyErrorMessage(t *testing.T) {
	ref := evaluator.PolicyRef{Type: policy.TypeBoundary, Level: -1}
	tests := []struct {
		name string
		err  *PolicyError
		want string
	}{
		{
			name: "findings",
			err: &PolicyError{Ref: ref, Pos: policy.Position{File: "c.json", Line: 3, Column: 10}, Err: policy.Findings{
				{Code: policy.CodeSyntax, Severity: policy.Error, Message: "bad", Pos: policy.Position{File: "c.json", Line: 3, Column: 14}},
				{Code: "SOME_WARNING", Severity: policy.Warning, Message: "meh", Pos: policy.Position{File: "c.json", Line: 4, Column: 5}},
				{Code: policy.CodeSyntax, Severity: policy.Error, Message: "worse", Pos: policy.Position{File: "c.json", Line: 4, Column: 7}},
			}},
			want: "boundary policy is invalid:\n  c.json:3:14: bad [SYNTAX]\n  c.json:4:7: worse [SYNTAX]",
		},
		{
			name: "only warnings are listed when there is no error",
			err: &PolicyError{Ref: ref, Pos: policy.Position{File: "p.json", Line: 1, Column: 1}, Err: policy.Findings{
				{Code: "SOME_WARNING", Severity: policy.Warning, Message: "meh", Pos: policy.Position{File: "p.json", Line: 2, Column: 5}},
			}},
			want: "boundary policy is invalid:\n  p.json:2:5: meh [SOME_WARNING]",
		},
		{
			name: "not findings",
			err:  &PolicyError{Ref: ref, Pos: policy.Position{File: "p.json", Line: 1, Column: 1}, Err: errors.New("boom")},
			want: "boundary policy in p.json is invalid: boom",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
			}
			if !reflect.DeepEqual(errors.Unwrap(tt.err), tt.err.Err) {
				t.Error("Unwrap does not return Err")
			}
		})
	}
}

// writeFiles writes files (relative path -> content) under a new temporary
// directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadFilePolicyPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"tests/cases.jsonl": minimal("by path", `"identityPolicies":["policies/id.json", `+identityPol+`],`+
			`"resourcePolicy":"../shared/trust.json","permissionsBoundary":"policies/boundary.json",`+
			`"sessionPolicy":"policies/id.json","scps":[["policies/scp.json"]],"rcps":[["policies/rcp.json"]],`+
			`"endpointPolicies":["policies/endpoint.json"]`) + "\n",
		"tests/policies/id.json":       identityPol,
		"tests/policies/boundary.json": boundaryPol,
		"tests/policies/scp.json":      scpPol,
		"tests/policies/rcp.json":      rcpPol,
		"tests/policies/endpoint.json": endpointPol,
		"shared/trust.json":            resourcePol,
	})
	// The inline identity policy's brace, counted by hand:
	// `{"name":"by path",` (18 bytes) + okRequest (65) + "," (1) +
	// `"identityPolicies":[` (20) + `"policies/id.json", ` (20) = 124 bytes
	// before it, so column 125.
	file := filepath.Join(dir, "tests", "cases.jsonl")
	cs, err := ReadFile(file)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	c := cs[0]
	if c.Err != nil {
		t.Fatalf("Err = %v", c.Err)
	}
	if c.Pos.File != file {
		t.Errorf("File = %q, want %q", c.Pos.File, file)
	}
	P := c.Policies
	if len(P.Identity) != 2 || P.Resource == nil || P.Boundary == nil || len(P.Session) != 1 ||
		len(P.SCPs) != 1 || len(P.RCPs) != 1 || len(P.Endpoints) != 1 {
		t.Fatalf("Policies = %+v", P)
	}
	tdir := filepath.Join(dir, "tests")
	want := map[evaluator.PolicyRef]policy.Position{
		{Type: policy.TypeIdentity, Level: -1, Index: 0}: {File: filepath.Join(tdir, "policies", "id.json"), Line: 1, Column: 1},
		{Type: policy.TypeIdentity, Level: -1, Index: 1}: {File: file, Line: 1, Column: 125},
		{Type: policy.TypeResource, Level: -1}:           {File: filepath.Join(dir, "shared", "trust.json"), Line: 1, Column: 1},
		{Type: policy.TypeBoundary, Level: -1}:           {File: filepath.Join(tdir, "policies", "boundary.json"), Line: 1, Column: 1},
		{Type: policy.TypeSession, Level: -1}:            {File: filepath.Join(tdir, "policies", "id.json"), Line: 1, Column: 1},
		{Type: policy.TypeSCP, Level: 0, Index: 0}:       {File: filepath.Join(tdir, "policies", "scp.json"), Line: 1, Column: 1},
		{Type: policy.TypeRCP, Level: 0, Index: 0}:       {File: filepath.Join(tdir, "policies", "rcp.json"), Line: 1, Column: 1},
		{Type: policy.TypeEndpoint, Level: -1, Index: 0}: {File: filepath.Join(tdir, "policies", "endpoint.json"), Line: 1, Column: 1},
	}
	got := sources(c)
	for ref, w := range want {
		if !samePlace(got[ref], w) {
			t.Errorf("%v at %+v, want %+v", ref, got[ref], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d policies, want %d: %v", len(got), len(want), got)
	}
}

func TestReadFileUnreadablePolicy(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"cases.json": "[" + minimal("missing", `"identityPolicies":["nope.json"]`) + ",\n" +
			minimal("missing boundary", `"permissionsBoundary":"nope.json"`) + ",\n" +
			minimal("fine", `"identityPolicies":["id.json"]`) + "]",
		"id.json": identityPol,
	})
	cs, err := ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	for _, c := range cs[:2] {
		if c.Err == nil || !errors.Is(c.Err, fs.ErrNotExist) || !strings.Contains(c.Err.Error(), `"nope.json"`) {
			t.Errorf("case %q: Err = %v, want a not-exist error naming nope.json", c.Name, c.Err)
		}
	}
	if cs[2].Err != nil || len(cs[2].Policies.Identity) != 1 {
		t.Errorf("case %q: Err = %v, Identity = %v", cs[2].Name, cs[2].Err, cs[2].Policies.Identity)
	}
}

func TestReadFileInvalidPolicyFile(t *testing.T) {
	// The policy file: the unknown element is on line 4, column 5.
	dir := writeFiles(t, map[string]string{
		"cases.json": minimal("bad file", `"identityPolicies":["bad.json"]`),
		"bad.json":   "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [],\n    \"Extra\": 1\n}\n",
	})
	cs, err := ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	var pe *PolicyError
	if !errors.As(cs[0].Err, &pe) {
		t.Fatalf("Err = %v, want a *PolicyError", cs[0].Err)
	}
	bad := filepath.Join(dir, "bad.json")
	if pe.Pos != (policy.Position{File: bad, Line: 1, Column: 1}) {
		t.Errorf("PolicyError Pos %+v", pe.Pos)
	}
	if want := bad + ":4:5: "; !strings.Contains(pe.Error(), want) {
		t.Errorf("message %q does not contain %q", pe.Error(), want)
	}
}

func TestReadFileErrors(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "absent.json"))
	var pe *os.PathError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %T %v, want an *os.PathError", err, err)
	}
	dir := writeFiles(t, map[string]string{"bad.jsonl": minimal("a", "") + "\n{\n"})
	_, err = ReadFile(filepath.Join(dir, "bad.jsonl"))
	var ce *Error
	if !errors.As(err, &ce) || ce.Pos.Line != 2 || ce.Pos.File != filepath.Join(dir, "bad.jsonl") {
		t.Errorf("bad file: %v", err)
	}
}

func TestParseReadPolicy(t *testing.T) {
	// A custom reader: the name it returns is the Source file.
	var asked []string
	read := func(rel string) (string, []byte, error) {
		asked = append(asked, rel)
		switch rel {
		case "id":
			return "mem:id", []byte(identityPol), nil
		case "bad":
			return "mem:bad", []byte(`{"Version":"2012-10-17","Statement":[]`), nil
		}
		return rel, nil, fs.ErrNotExist
	}
	cs := mustParse(t, "c.jsonl", minimal("a", `"identityPolicies":["id","bad","gone"]`)+"\n"+minimal("b", `"identityPolicies":["gone"]`), read)
	if !reflect.DeepEqual(asked, []string{"id", "bad", "gone", "gone"}) {
		t.Errorf("read %q", asked)
	}
	a := cs[0]
	if got := sources(a)[evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1}]; got != (policy.Position{File: "mem:id", Line: 1, Column: 1}) {
		t.Errorf("identity[0] at %+v", got)
	}
	// The first problem is kept: the invalid policy, not the missing one.
	var pe *PolicyError
	if !errors.As(a.Err, &pe) || pe.Pos.File != "mem:bad" || pe.Ref.Index != 1 {
		t.Errorf("Err = %v", a.Err)
	}
	// The policies that could not be read are nil entries: Compile refuses
	// them, so a caller that ignores Err still cannot decide.
	if len(a.Policies.Identity) != 3 || a.Policies.Identity[0] == nil || a.Policies.Identity[1] != nil || a.Policies.Identity[2] != nil {
		t.Errorf("Identity = %v", a.Policies.Identity)
	}
	if _, err := evaluator.Compile(a.Policies); err == nil {
		t.Error("Compile accepted the policies of a case with Err set")
	}
	if !errors.Is(cs[1].Err, fs.ErrNotExist) {
		t.Errorf("case b: Err = %v", cs[1].Err)
	}
}

func TestParseInvalidInlinePolicyTypes(t *testing.T) {
	// Each policy is validated for the role it plays.
	tests := []struct {
		name, field string
		ref         evaluator.PolicyRef
	}{
		{"identity policy with a Principal", `"identityPolicies":[` + endpointPol + `]`, evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1}},
		{"resource policy without Principal", `"resourcePolicy":` + identityPol, evaluator.PolicyRef{Type: policy.TypeResource, Level: -1}},
		{"boundary with a Principal", `"permissionsBoundary":` + endpointPol, evaluator.PolicyRef{Type: policy.TypeBoundary, Level: -1}},
		{"session with a Principal", `"sessionPolicy":` + endpointPol, evaluator.PolicyRef{Type: policy.TypeSession, Level: -1}},
		{"scp with a Principal", `"scps":[[` + scpPol + `,` + endpointPol + `]]`, evaluator.PolicyRef{Type: policy.TypeSCP, Level: 0, Index: 1}},
		{"rcp that allows", `"rcps":[[],[` + endpointPol + `]]`, evaluator.PolicyRef{Type: policy.TypeRCP, Level: 1}},
		{"endpoint policy without Principal", `"endpointPolicies":[` + identityPol + `]`, evaluator.PolicyRef{Type: policy.TypeEndpoint, Level: -1}},
		{"syntax error", `"identityPolicies":[{"Version":"2012-10-17"}]`, evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, "c.json", minimal("a", tt.field), nil)[0]
			var pe *PolicyError
			if !errors.As(c.Err, &pe) {
				t.Fatalf("Err = %v, want a *PolicyError", c.Err)
			}
			if pe.Ref != tt.ref {
				t.Errorf("Ref = %v, want %v", pe.Ref, tt.ref)
			}
			if !strings.Contains(pe.Error(), "c.json:1:") {
				t.Errorf("message %q has no position in c.json", pe.Error())
			}
		})
	}
}

func TestTrustPolicyType(t *testing.T) {
	data := `{"name":"t","request":{"principal":"arn:aws:iam::111122223333:user/u","action":"sts:AssumeRole",` +
		`"resource":"arn:aws:iam::444455556666:role/r"},"resourcePolicy":` + trustPol + `,"expected":"allowed"}`
	c := mustParse(t, "c.json", data, nil)[0]
	if c.Err != nil {
		t.Fatalf("Err = %v", c.Err)
	}
	if c.Policies.ResourceType != policy.TypeTrust {
		t.Errorf("ResourceType = %q, want trust", c.Policies.ResourceType)
	}
	if _, ok := sources(c)[evaluator.PolicyRef{Type: policy.TypeTrust, Level: -1}]; !ok {
		t.Errorf("Sources = %v, want a trust entry", sources(c))
	}
	// A bucket policy is valid as a resource policy but not as a trust
	// policy (it names a Resource and an s3 action).
	data = strings.Replace(data, trustPol, resourcePol, 1)
	c = mustParse(t, "c.json", data, nil)[0]
	var pe *PolicyError
	if !errors.As(c.Err, &pe) || pe.Ref.Type != policy.TypeTrust {
		t.Errorf("Err = %v, want the policy rejected as a trust policy", c.Err)
	}
	data = strings.Replace(data, "sts:AssumeRole\"", "iam:GetRole\"", 1)
	c = mustParse(t, "c.json", data, nil)[0]
	if c.Err != nil || c.Policies.ResourceType != "" {
		t.Errorf("iam:GetRole: Err = %v, ResourceType = %q; want a valid resource policy", c.Err, c.Policies.ResourceType)
	}
}

// TestConformanceFile reads the project's conformance cases: every line is
// a case, and none has a file-level problem.
func TestConformanceFile(t *testing.T) {
	const file = "../testdata/conformance/aws-docs.jsonl"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := ReadFile(file)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(cs) != len(lines) || len(cs) < 203 {
		t.Errorf("%d cases from %d lines, want one per line and at least 203", len(cs), len(lines))
	}
	for i, c := range cs {
		if c.Pos.Line != i+1 || c.Name == "" {
			t.Errorf("case %d: Line %d, Name %q", i, c.Pos.Line, c.Name)
		}
	}
}

// sources maps every policy of c to where it starts, from the policies'
// own positions.
func sources(c *Case) map[evaluator.PolicyRef]policy.Position {
	out := map[evaluator.PolicyRef]policy.Position{}
	add := func(t policy.Type, level, i int, p *policy.Policy) {
		if p != nil {
			out[evaluator.PolicyRef{Type: t, Level: level, Index: i}] = p.Pos
		}
	}
	P := &c.Policies
	for i, p := range P.Identity {
		add(policy.TypeIdentity, -1, i, p)
	}
	rt := P.ResourceType
	if rt == "" {
		rt = policy.TypeResource
	}
	add(rt, -1, 0, P.Resource)
	add(policy.TypeBoundary, -1, 0, P.Boundary)
	for i, p := range P.Session {
		add(policy.TypeSession, -1, i, p)
	}
	for l, ps := range P.SCPs {
		for i, p := range ps {
			add(policy.TypeSCP, l, i, p)
		}
	}
	for l, ps := range P.RCPs {
		for i, p := range ps {
			add(policy.TypeRCP, l, i, p)
		}
	}
	for i, p := range P.Endpoints {
		add(policy.TypeEndpoint, -1, i, p)
	}
	return out
}

// samePlace compares file, line and column (not the offset).
func samePlace(a, b policy.Position) bool {
	return a.File == b.File && a.Line == b.Line && a.Column == b.Column
}

// TestDuplicateNames: two cases may share a name; both are returned, in
// order, each with its own position.
func TestDuplicateNames(t *testing.T) {
	for _, tc := range []struct {
		file, data string
		lines      []int
	}{
		{"c.jsonl", minimal("a", "") + "\n" + minimal("b", "") + "\n" + minimal("a", ""), []int{1, 2, 3}},
		{"c.json", "[\n " + minimal("a", "") + ",\n " + minimal("a", "") + "]", []int{2, 3}},
	} {
		cases, err := Parse(tc.file, []byte(tc.data), nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if len(cases) != len(tc.lines) {
			t.Fatalf("%s: %d cases, want %d", tc.file, len(cases), len(tc.lines))
		}
		for i, c := range cases {
			if c.Pos.Line != tc.lines[i] {
				t.Errorf("%s: case %d (%q) at line %d, want %d", tc.file, i, c.Name, c.Pos.Line, tc.lines[i])
			}
		}
	}
}
