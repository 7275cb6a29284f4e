package main

import (
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/policy"
)

// The SARIF 2.1.0 subset iamlogic writes
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolURI      = "https://github.com/iamlogic/iamlogic"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// ColumnKind says how startColumn counts; policy documents may hold
	// characters beyond ASCII, so the unit is stated explicitly.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	ShortDescription sarifMessage `json:"shortDescription"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// validateSARIF builds the SARIF log of a validate run: one rule per code
// used (sorted by code), one result per finding. Files that could not be read
// are tool execution notifications and make the invocation unsuccessful.
func validateSARIF(results []fileFindings, unreadable []readFailure) sarifLog {
	codes := map[policy.Code]bool{}
	for _, r := range results {
		for _, f := range r.findings {
			codes[f.Code] = true
		}
	}
	sorted := make([]string, 0, len(codes))
	for c := range codes {
		sorted = append(sorted, string(c))
	}
	sort.Strings(sorted)
	rules := make([]sarifRule, len(sorted))
	index := map[string]int{}
	for i, c := range sorted {
		rules[i] = sarifRule{ID: c, Name: ruleName(c), ShortDescription: sarifMessage{Text: ruleDescription(c)}}
		index[c] = i
	}

	out := []sarifResult{}
	for _, r := range results {
		for _, f := range r.findings {
			line, col := f.Pos.Line, f.Pos.Column
			if line <= 0 { // a finding about the whole document
				line, col = 1, 1
			} else {
				col = utf16Column(r.data, f.Pos.Offset, col)
			}
			out = append(out, sarifResult{
				RuleID:    string(f.Code),
				RuleIndex: index[string(f.Code)],
				Level:     f.Severity.String(),
				Message:   sarifMessage{Text: withFix(f)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: sarifArtifactLocation{URI: sarifURI(r.file)},
					Region:           &sarifRegion{StartLine: line, StartColumn: col},
				}}},
			})
		}
	}

	inv := sarifInvocation{ExecutionSuccessful: len(unreadable) == 0}
	for _, u := range unreadable {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:   "error",
			Message: sarifMessage{Text: u.message()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: sarifArtifactLocation{URI: sarifURI(u.file)},
			}}},
		})
	}
	return sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: sarifDriver{Name: "iamlogic", InformationURI: toolURI, Rules: rules}},
			Invocations: []sarifInvocation{inv},
			ColumnKind:  "utf16CodeUnits",
			Results:     out,
		}},
	}
}

// ruleName turns a finding code such as ACTION_FORMAT into ActionFormat.
func ruleName(code string) string {
	var b strings.Builder
	for _, w := range strings.Split(strings.ToLower(code), "_") {
		if w == "" {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]))
		b.WriteString(w[1:])
	}
	return b.String()
}

// ruleDescription turns ACTION_FORMAT into "IAM policy check: action format".
func ruleDescription(code string) string {
	return "IAM policy check: " + strings.ReplaceAll(strings.ToLower(code), "_", " ")
}

// utf16Column converts the 1-based byte column col of the position at byte
// offset off into a 1-based column in UTF-16 code units, SARIF's default
// unit. It returns col unchanged when the offset does not fit the data.
func utf16Column(data []byte, off, col int) int {
	start := off - (col - 1)
	if col < 1 || start < 0 || off > len(data) {
		return col
	}
	prefix := data[start:off]
	if !utf8.Valid(prefix) {
		return col
	}
	return len(utf16.Encode([]rune(string(prefix)))) + 1
}

// sarifURI turns a file name into a URI reference: relative paths stay
// relative (resolved against the repository root by code-scanning tools),
// absolute paths become file: URIs.
func sarifURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}
