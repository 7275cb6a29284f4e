package main

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// The SARIF 2.1.0 schema's required properties, decoded independently of
// the types that write them. Pointers tell a missing property from a zero.
type schemaLog struct {
	Schema  *string     `json:"$schema"`
	Version *string     `json:"version"`
	Runs    []schemaRun `json:"runs"`
}

type schemaRun struct {
	Tool *struct {
		Driver *struct {
			Name           *string `json:"name"`
			InformationURI string  `json:"informationUri"`
			Rules          []struct {
				ID *string `json:"id"`
			} `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	Invocations []struct {
		ExecutionSuccessful        *bool `json:"executionSuccessful"`
		ToolExecutionNotifications []struct {
			Message *struct {
				Text *string `json:"text"`
			} `json:"message"`
		} `json:"toolExecutionNotifications"`
	} `json:"invocations"`
	Results []schemaResult `json:"results"`
}

type schemaResult struct {
	RuleID    *string `json:"ruleId"`
	RuleIndex *int    `json:"ruleIndex"`
	Level     *string `json:"level"`
	Message   *struct {
		Text *string `json:"text"`
	} `json:"message"`
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

// checkSARIF checks the structure of a SARIF log and returns its results.
func checkSARIF(t *testing.T, data []byte) schemaRun {
	t.Helper()
	var log schemaLog
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&log); err != nil {
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
	if u, err := url.Parse(r.Tool.Driver.InformationURI); err != nil || !u.IsAbs() {
		t.Errorf("informationUri %q is not an absolute URI", r.Tool.Driver.InformationURI)
	}
	ids := map[string]int{}
	for i, rule := range r.Tool.Driver.Rules {
		if rule.ID == nil || *rule.ID == "" {
			t.Fatalf("rules[%d] has no id", i)
		}
		if _, dup := ids[*rule.ID]; dup {
			t.Errorf("rule id %s appears twice", *rule.ID)
		}
		ids[*rule.ID] = i
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
		if res.Level == nil || (*res.Level != "error" && *res.Level != "warning") {
			t.Errorf("results[%d].level %v, want error or warning", i, res.Level)
		}
		if res.Message == nil || res.Message.Text == nil || *res.Message.Text == "" {
			t.Errorf("results[%d] has no message.text", i)
		}
		if len(res.Locations) == 0 {
			t.Fatalf("results[%d] has no location", i)
		}
		pl := res.Locations[0].PhysicalLocation
		if pl == nil || pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == nil || *pl.ArtifactLocation.URI == "" {
			t.Fatalf("results[%d].locations[0] has no artifactLocation.uri", i)
		}
		if _, err := url.Parse(*pl.ArtifactLocation.URI); err != nil {
			t.Errorf("results[%d] uri %q: %v", i, *pl.ArtifactLocation.URI, err)
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

func TestSARIFStructure(t *testing.T) {
	cases := []struct {
		name       string
		files      []string
		results    int
		successful bool
	}{
		{"findings", []string{pol + "invalid-identity.json", pol + "warning-identity.json", pol + "latin1-sid.json"}, 6, true},
		{"no findings", []string{pol + "identity-s3-read.json"}, 0, true},
		{"whole-document finding", []string{pol + "syntax-error.json", pol + "not-an-object.json"}, 2, true},
		{"unreadable", []string{pol + "missing.json", pol + "invalid-identity.json"}, 3, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, stdout, _ := runCLI(append([]string{"validate", "--format", "sarif"}, tc.files...)...)
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
