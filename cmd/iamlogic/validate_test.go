package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

var textFinding = regexp.MustCompile(`^[^\n]+?(:\d+:\d+)?: (error|warning): [^\n]* \[[A-Z0-9_]+\]$`)

// TestValidateFormatsAgree checks that every format reports the same
// findings, and the text format one line per finding.
func TestValidateFormatsAgree(t *testing.T) {
	files := []string{pol + "invalid-identity.json", pol + "warning-identity.json", pol + "latin1-sid.json", pol + "syntax-error.json"}
	_, text, _ := runCLI(append([]string{"validate"}, files...)...)
	_, js, _ := runCLI(append([]string{"validate", "--format", "json"}, files...)...)
	_, gh, _ := runCLI(append([]string{"validate", "--format", "github"}, files...)...)
	_, sarif, _ := runCLI(append([]string{"validate", "--format", "sarif"}, files...)...)

	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for _, l := range lines {
		if !textFinding.MatchString(l) {
			t.Errorf("text line %q is not FILE:LINE:COL: severity: message [CODE]", l)
		}
	}
	var found []jsonFinding
	if err := json.Unmarshal([]byte(js), &found); err != nil {
		t.Fatal(err)
	}
	ghLines := strings.Split(strings.TrimSuffix(gh, "\n"), "\n")
	var log sarifLog
	if err := json.Unmarshal([]byte(sarif), &log); err != nil {
		t.Fatal(err)
	}
	if n := len(lines); len(found) != n || len(ghLines) != n || len(log.Runs[0].Results) != n {
		t.Fatalf("text %d, json %d, github %d, sarif %d findings", n, len(found), len(ghLines), len(log.Runs[0].Results))
	}
	for i, f := range found {
		want := policy.Position{File: f.File, Line: f.Line, Column: f.Column}.String() + ": " + f.Severity + ": " + f.Message + " [" + f.Code + "]"
		if lines[i] != want {
			t.Errorf("text %q, json says %q", lines[i], want)
		}
		if !strings.HasPrefix(ghLines[i], "::"+f.Severity+" ") || !strings.Contains(ghLines[i], "title="+f.Code+"::") {
			t.Errorf("github %q does not match %+v", ghLines[i], f)
		}
		if r := log.Runs[0].Results[i]; r.RuleID != f.Code || r.Level != f.Severity || r.Message.Text != f.Message {
			t.Errorf("sarif %+v does not match %+v", r, f)
		}
		if f.Severity == "error" && f.Pointer == "" && f.Code != string(policy.CodeSyntax) {
			t.Errorf("%+v has no JSON pointer", f)
		}
	}
}

// TestValidateSizeLimit covers a finding without a position: the text
// format names the file alone, SARIF points at line 1.
func TestValidateSizeLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.json")
	data := append([]byte(`{"Version": "2012-10-17", "Statement": [], "Id": "`), bytes.Repeat([]byte("x"), policy.MaxDocumentBytes)...)
	data = append(data, `"}`...)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI("validate", big)
	if code != 1 || !strings.HasPrefix(stdout, big+": error: ") || !strings.HasSuffix(stdout, "["+string(policy.CodeInputLimit)+"]\n") {
		t.Errorf("exit %d, output %q", code, stdout)
	}
	_, stdout, _ = runCLI("validate", "--format", "sarif", big)
	r := checkSARIF(t, []byte(stdout))
	if len(r.Results) != 1 || *r.Results[0].Locations[0].PhysicalLocation.Region.StartLine != 1 {
		t.Errorf("sarif results %+v", r.Results)
	}
}

// FuzzValidate runs every output format on arbitrary documents: no panic,
// JSON and SARIF outputs are valid JSON, every finding is one line of text
// and one workflow command.
func FuzzValidate(f *testing.F) {
	for _, name := range []string{"identity-s3-read.json", "invalid-identity.json", "warning-identity.json", "latin1-sid.json", "syntax-error.json", "trust-ec2.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", "policies", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
	}
	f.Add([]byte("{\"Statement\": [{\"Sid\": \"a\\nb\", \"Effect\": \"Allow\"}]}"), uint8(2))
	types := policy.Types()
	f.Fuzz(func(t *testing.T, data []byte, ti uint8) {
		typ := types[int(ti)%len(types)]
		_, findings := checkPolicy("p,o:l%icy\n.json", data, typ)
		results := []fileFindings{{file: "p,o:l%icy\n.json", data: data, findings: findings}}

		var b bytes.Buffer
		for _, f := range findings {
			b.Reset()
			githubAnnotation{level: f.Severity.String(), at: f.Pos, title: string(f.Code), message: f.Message}.write(&b)
			if strings.Count(b.String(), "\n") != 1 {
				t.Fatalf("workflow command spans lines: %q", b.String())
			}
			if strings.ContainsAny(oneLine(f.Message), "\r\n") {
				t.Fatalf("text message spans lines: %q", f.Message)
			}
		}
		js, err := json.Marshal(validateJSON(results, nil))
		if err != nil || !json.Valid(js) {
			t.Fatalf("json output: %v", err)
		}
		b.Reset()
		writeValidateSARIF(&b, results, nil)
		var log sarifLog
		if err := json.Unmarshal(b.Bytes(), &log); err != nil {
			t.Fatalf("SARIF output is not JSON: %v", err)
		}
		for _, r := range log.Runs[0].Results {
			reg := r.Locations[0].PhysicalLocation.Region
			if reg == nil || reg.StartLine < 1 || reg.StartColumn < 0 {
				t.Fatalf("result %+v has no valid region", r)
			}
		}
	})
}
