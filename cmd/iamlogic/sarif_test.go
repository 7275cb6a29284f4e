package main

import (
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
)

// The SARIF properties iamlogic promises, and those GitHub code scanning
// needs, decoded independently of the types that write them. Pointers tell
// a missing property from a zero. The schema itself is checked by
// TestSARIFSchema.
type schemaLog struct {
	Schema  *string     `json:"$schema"`
	Version *string     `json:"version"`
	Runs    []schemaRun `json:"runs"`
}

type schemaRun struct {
	Tool *struct {
		Driver *struct {
			Name            *string `json:"name"`
			Version         *string `json:"version"`
			SemanticVersion *string `json:"semanticVersion"`
			InformationURI  string  `json:"informationUri"`
			Rules           []struct {
				ID               *string     `json:"id"`
				ShortDescription *schemaText `json:"shortDescription"`
				FullDescription  *schemaText `json:"fullDescription"`
				Help             *schemaHelp `json:"help"`
				HelpURI          *string     `json:"helpUri"`
			} `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	Invocations []struct {
		ExecutionSuccessful        *bool `json:"executionSuccessful"`
		ToolExecutionNotifications []struct {
			Message *schemaText `json:"message"`
		} `json:"toolExecutionNotifications"`
	} `json:"invocations"`
	Results []schemaResult `json:"results"`
}

type schemaText struct {
	Text *string `json:"text"`
}

type schemaHelp struct {
	Text     *string `json:"text"`
	Markdown *string `json:"markdown"`
}

type schemaResult struct {
	RuleID    *string     `json:"ruleId"`
	RuleIndex *int        `json:"ruleIndex"`
	Level     *string     `json:"level"`
	Message   *schemaText `json:"message"`
	Locations []struct {
		PhysicalLocation *struct {
			ArtifactLocation *struct {
				URI *string `json:"uri"`
			} `json:"artifactLocation"`
			Region *struct {
				StartLine   *int `json:"startLine"`
				StartColumn *int `json:"startColumn"`
			} `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
}

func hasText(t *schemaText) bool { return t != nil && t.Text != nil && *t.Text != "" }

// checkSARIF checks what iamlogic promises of a SARIF log beyond the
// schema, and what GitHub code scanning requires: a documented rule for
// each result, with its descriptions, help and help link; a physical
// location with a URI relative to the repository and a start line of at
// least 1. It returns the run.
func checkSARIF(t *testing.T, data []byte) schemaRun {
	t.Helper()
	var log schemaLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if log.Version == nil || *log.Version != "2.1.0" {
		t.Fatalf("version %v, want 2.1.0", log.Version)
	}
	if log.Schema == nil || !strings.Contains(*log.Schema, "sarif") || !strings.Contains(*log.Schema, "2.1.0") {
		t.Errorf("$schema %v does not name SARIF 2.1.0", log.Schema)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	r := log.Runs[0]
	if r.Tool == nil || r.Tool.Driver == nil || r.Tool.Driver.Name == nil || *r.Tool.Driver.Name != "iamlogic" {
		t.Fatalf("runs[0].tool.driver.name missing or not iamlogic")
	}
	d := r.Tool.Driver
	if d.Version == nil || *d.Version == "" {
		t.Errorf("driver.version missing")
	} else if want := semanticVersion(*d.Version); (d.SemanticVersion == nil) != (want == "") || (d.SemanticVersion != nil && *d.SemanticVersion != want) {
		t.Errorf("driver.semanticVersion %v for version %q, want %q", d.SemanticVersion, *d.Version, want)
	}
	if u, err := url.Parse(d.InformationURI); err != nil || !u.IsAbs() {
		t.Errorf("informationUri %q is not an absolute URI", d.InformationURI)
	}
	ids := map[string]int{}
	for i, rule := range d.Rules {
		if rule.ID == nil || *rule.ID == "" {
			t.Fatalf("rules[%d] has no id", i)
		}
		id := *rule.ID
		if _, dup := ids[id]; dup {
			t.Errorf("rule id %s appears twice", id)
		}
		ids[id] = i
		if !documented(id) {
			t.Errorf("rule %s has no entry in rules() (and so no section in docs/findings.md)", id)
		}
		if !hasText(rule.ShortDescription) || !hasText(rule.FullDescription) || rule.Help == nil ||
			rule.Help.Text == nil || *rule.Help.Text == "" || rule.Help.Markdown == nil || *rule.Help.Markdown == "" {
			t.Errorf("rule %s lacks a shortDescription, fullDescription or help text and markdown", id)
		}
		if rule.HelpURI == nil || *rule.HelpURI != findingsDocURL+"#"+id {
			t.Errorf("rule %s helpUri %v, want %s#%s", id, rule.HelpURI, findingsDocURL, id)
		}
	}
	used := map[string]bool{}
	for i, res := range r.Results {
		if res.RuleID == nil {
			t.Fatalf("results[%d] has no ruleId", i)
		}
		idx, ok := ids[*res.RuleID]
		if !ok {
			t.Errorf("results[%d].ruleId %s is not a rule", i, *res.RuleID)
		}
		if res.RuleIndex == nil || *res.RuleIndex != idx {
			t.Errorf("results[%d].ruleIndex %v, want %d", i, res.RuleIndex, idx)
		}
		used[*res.RuleID] = true
		if res.Level == nil || (*res.Level != "error" && *res.Level != "warning" && *res.Level != "note") {
			t.Errorf("results[%d].level %v, want error, warning or note", i, res.Level)
		}
		if !hasText(res.Message) {
			t.Errorf("results[%d] has no message.text", i)
		}
		if len(res.Locations) == 0 {
			t.Fatalf("results[%d] has no location", i)
		}
		pl := res.Locations[0].PhysicalLocation
		if pl == nil || pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == nil || *pl.ArtifactLocation.URI == "" {
			t.Fatalf("results[%d].locations[0] has no artifactLocation.uri", i)
		}
		// A file named by a relative path is relative to the repository; one
		// named by an absolute path is a file: URI.
		if u, err := url.Parse(*pl.ArtifactLocation.URI); err != nil || (u.IsAbs() && u.Scheme != "file") || (!u.IsAbs() && strings.HasPrefix(u.Path, "/")) {
			t.Errorf("results[%d] uri %q is neither relative to the repository nor a file: URI (%v)", i, *pl.ArtifactLocation.URI, err)
		}
		if pl.Region == nil || pl.Region.StartLine == nil || *pl.Region.StartLine < 1 {
			t.Errorf("results[%d] region.startLine missing or < 1", i)
		}
		if pl.Region != nil && pl.Region.StartColumn != nil && *pl.Region.StartColumn < 1 {
			t.Errorf("results[%d] region.startColumn < 1", i)
		}
	}
	for id := range ids {
		if !used[id] {
			t.Errorf("rule %s is not referenced by any result", id)
		}
	}
	for i, inv := range r.Invocations {
		if inv.ExecutionSuccessful == nil {
			t.Errorf("invocations[%d] has no executionSuccessful", i)
		}
	}
	return r
}

// documented reports whether id has an entry in rules().
func documented(id string) bool {
	for _, r := range rules() {
		if r.id == id {
			return true
		}
	}
	return false
}

func TestSARIFStructure(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		results    int
		successful bool
	}{
		{"findings", []string{"validate", pol + "invalid-identity.json", pol + "warning-identity.json", pol + "latin1-sid.json"}, 6, true},
		{"no findings", []string{"validate", pol + "identity-s3-read.json"}, 0, true},
		{"whole-document finding", []string{"validate", pol + "syntax-error.json", pol + "not-an-object.json"}, 2, true},
		{"unreadable", []string{"validate", pol + "missing.json", pol + "invalid-identity.json"}, 4, false},
		{"failing cases", []string{"test", tests + "fail.json", tests + "strict.json"}, 7, true},
		{"test files that cannot be used", []string{"test", tests + "missing.jsonl", tests + "not-a-test.json", tests + "pass.jsonl"}, 2, false},
		{"diff FAIL", []string{"diff", "--type", "identity", apol + "s3-read.json", apol + "s3-read-wide.json"}, 1, true},
		{"diff UNKNOWN", []string{"diff", "--type", "identity", apol + "s3-read.json", apol + "identity-username.json"}, 1, true},
		{"not-granted PASS", []string{"not-granted", "--type", "identity", "--action", "iam:PassRole", apol + "s3-read-wide.json"}, 0, true},
		{"public FAIL", []string{"public", apol + "bucket-public.json"}, 1, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{tc.args[0], "--format", "sarif"}, tc.args[1:]...)
			_, stdout, _ := runCLI(args...)
			r := checkSARIF(t, []byte(stdout))
			if len(r.Results) != tc.results {
				t.Errorf("%d results, want %d", len(r.Results), tc.results)
			}
			if len(r.Invocations) != 1 || r.Invocations[0].ExecutionSuccessful == nil || *r.Invocations[0].ExecutionSuccessful != tc.successful {
				t.Errorf("invocations %+v, want executionSuccessful %v", r.Invocations, tc.successful)
			}
			if !tc.successful && len(r.Invocations[0].ToolExecutionNotifications) == 0 {
				t.Error("an unreadable file is not reported as a tool execution notification")
			}
		})
	}
}

// TestSARIFAnalysisLocation: a FAIL is located at the Allow statement that
// grants the witness.
func TestSARIFAnalysisLocation(t *testing.T) {
	_, stdout, _ := runCLI("public", "--format", "sarif", apol+"bucket-public.json")
	r := checkSARIF(t, []byte(stdout))
	data, err := os.ReadFile(apol + "bucket-public.json")
	if err != nil {
		t.Fatal(err)
	}
	reg := r.Results[0].Locations[0].PhysicalLocation.Region
	line := strings.Split(string(data), "\n")[*reg.StartLine-1]
	if reg.StartColumn == nil || !strings.HasPrefix(line[*reg.StartColumn-1:], "{") {
		t.Fatalf("the result is at %d:%v, not at a statement: %q", *reg.StartLine, reg.StartColumn, line)
	}
	rest := strings.Join(strings.Split(string(data), "\n")[*reg.StartLine-1:], "\n")
	if stmt, _, _ := strings.Cut(rest, "}"); !strings.Contains(stmt, `"Allow"`) {
		t.Errorf("the statement at the result is not an Allow: %s", stmt)
	}
	if msg := *r.Results[0].Message.Text; !strings.Contains(msg, "principal:") || !strings.Contains(msg, "action:") {
		t.Errorf("the message does not show the witness request: %s", msg)
	}
}

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":                             "1.2.3",
		"v0.0.0-20260101120000-0123456789ab": "0.0.0-20260101120000-0123456789ab",
		"v1.2.4-0.20260101120000-0123456789ab+dirty": "1.2.4-0.20260101120000-0123456789ab+dirty",
		"(devel)": "",
		"1.2.3":   "",
		"v1.2":    "",
		"v01.2.3": "",
		"":        "",
	} {
		if got := semanticVersion(v); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	cases := []struct{ in, want string }{
		{"policies/a.json", "policies/a.json"},
		{"./a.json", "./a.json"},
		{"my policies/a b.json", "my%20policies/a%20b.json"},
		{"a:b.json", "./a:b.json"},
		{"/abs/p.json", "file:///abs/p.json"},
		{"100%.json", "100%25.json"},
	}
	for _, tc := range cases {
		if got := sarifURI(tc.in); got != tc.want {
			t.Errorf("sarifURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestUTF16Column(t *testing.T) {
	data := []byte("{\"Sid\": \"Café\", \"x\": 1}\n  \"é\" 𝄞x")
	cases := []struct {
		name           string
		off, col, want int
	}{
		{"ascii", 2, 3, 3},
		{"after é", strings.Index(string(data), "\","), 14, 13},
		{"second line after é and a 4-byte rune", len(data) - 1, 12, 9},
		{"offset outside the data", 1000, 5, 5},
		{"column before the line", 1, 9, 9},
	}
	for _, tc := range cases {
		if got := utf16Column(data, tc.off, tc.col); got != tc.want {
			t.Errorf("%s: utf16Column(off %d, col %d) = %d, want %d", tc.name, tc.off, tc.col, got, tc.want)
		}
	}
}
