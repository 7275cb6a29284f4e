package main

import (
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/policy"
)

// The SARIF 2.1.0 subset iamlogic writes
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), within
// what GitHub code scanning reads
// (https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
// every result has a physical location whose artifact URI is relative to the
// repository (the directory iamlogic runs in) and whose region starts at a
// line of at least 1; rule ids are the finding codes, which never change.
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
	Name    string `json:"name"`
	Version string `json:"version"`
	// SemanticVersion is Version without its "v", when it is a semantic
	// version (a build from a source checkout is "(devel)").
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	ShortDescription sarifMessage `json:"shortDescription"`
	FullDescription  sarifMessage `json:"fullDescription"`
	Help             sarifHelp    `json:"help"`
	HelpURI          string       `json:"helpUri"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
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
	StartColumn int `json:"startColumn,omitempty"`
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

// sarifItem is one result of a SARIF log: a finding, a failing access-test
// case, an analysis witness, a file that could not be used.
type sarifItem struct {
	rule    string          // the rule id: a finding code or a rule* constant
	level   string          // "error", "warning" or "note"
	message string          // may span lines
	at      policy.Position // File is required; a Line of 0 is read as 1
	// input marks a problem with an input file: it is also a tool execution
	// notification, and the invocation was not successful.
	input bool
}

// writeSARIF writes the SARIF log of one run of iamlogic with the results
// items, in their order, and one rule for each rule id they use (sorted by
// id, each with its documentation). Columns are converted to UTF-16 code
// units with the text of src, read from the files when missing.
func writeSARIF(w io.Writer, items []sarifItem, src sources) {
	ids := map[string]int{}
	var sorted []string
	for _, it := range items {
		if _, ok := ids[it.rule]; !ok {
			ids[it.rule] = 0
			sorted = append(sorted, it.rule)
		}
	}
	sort.Strings(sorted)
	rules := make([]sarifRule, len(sorted))
	for i, id := range sorted {
		rules[i] = newSARIFRule(lookupRule(id))
		ids[id] = i
	}

	results := []sarifResult{}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, it := range items {
		loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: sarifArtifactLocation{URI: sarifURI(it.at.File)},
			Region:           &sarifRegion{StartLine: max(it.at.Line, 1)},
		}}
		if it.at.Line > 0 {
			loc.PhysicalLocation.Region.StartColumn = src.utf16Column(it.at)
		}
		results = append(results, sarifResult{
			RuleID: it.rule, RuleIndex: ids[it.rule], Level: it.level,
			Message: sarifMessage{Text: it.message}, Locations: []sarifLocation{loc},
		})
		if it.input {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: "error", Message: sarifMessage{Text: it.message}, Locations: []sarifLocation{loc},
			})
		}
	}
	v := version()
	writeJSON(w, sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: "iamlogic", Version: v, SemanticVersion: semanticVersion(v),
				InformationURI: toolURI, Rules: rules,
			}},
			Invocations: []sarifInvocation{inv},
			ColumnKind:  "utf16CodeUnits",
			Results:     results,
		}},
	})
}

func newSARIFRule(r rule) sarifRule {
	md := "**" + r.short + "**\n\n" + r.full + "\n\n**Fix:** " + r.fix + "\n\nSeverity: " + r.severity + ". [Documentation](" + helpURI(r.id) + ")"
	return sarifRule{
		ID:               r.id,
		Name:             ruleName(r.id),
		ShortDescription: sarifMessage{Text: plainText(r.short)},
		FullDescription:  sarifMessage{Text: plainText(r.full)},
		Help: sarifHelp{
			Text:     plainText(r.full + "\n\nFix: " + r.fix + "\n\nSeverity: " + r.severity + ". Documentation: " + helpURI(r.id)),
			Markdown: md,
		},
		HelpURI: helpURI(r.id),
	}
}

// semverPattern is the grammar of Semantic Versioning 2.0.0
// (https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string).
var semverPattern = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion returns a Go module version ("v1.2.3", a pseudo-version)
// without its "v" when it is a semantic version, and "" otherwise.
func semanticVersion(v string) string {
	s, ok := strings.CutPrefix(v, "v")
	if !ok || !semverPattern.MatchString(s) {
		return ""
	}
	return s
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

// sources holds the text of the files results point into, by name, to
// convert byte columns into UTF-16 columns. A file missing from the map is
// read when first needed; one that cannot be read is stored as nil.
type sources map[string][]byte

// utf16Column returns the column of p in UTF-16 code units, SARIF's
// default unit, or 0 (no column) when p has none. When the file's text is
// not at hand the byte column is returned: the same on an ASCII line.
func (s sources) utf16Column(p policy.Position) int {
	if p.Column <= 0 {
		return 0
	}
	data, ok := s[p.File]
	if !ok && s != nil {
		data, _ = os.ReadFile(p.File) // only to count columns; nil when unreadable
		s[p.File] = data
	}
	if data == nil {
		return p.Column
	}
	return utf16Column(data, p.Offset, p.Column)
}

// utf16Column converts the 1-based byte column col of the position at byte
// offset off into a 1-based column in UTF-16 code units. It returns col
// unchanged when the offset does not fit the data.
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

// writeValidateSARIF writes the SARIF log of a validate run: each file that
// could not be read, then one result per finding.
func writeValidateSARIF(w io.Writer, results []fileFindings, unreadable []readFailure) {
	var items []sarifItem
	src := sources{}
	for _, u := range unreadable {
		items = append(items, u.sarifItem())
	}
	for _, r := range results {
		src[r.file] = r.data
		for _, f := range r.findings {
			it := sarifItem{rule: string(f.Code), level: f.Severity.String(), message: withFix(f), at: f.Pos}
			if it.at.File == "" {
				it.at.File = r.file
			}
			items = append(items, it)
		}
	}
	writeSARIF(w, items, src)
}

// writeTestSARIF writes the SARIF log of a test run: each file that cannot
// be used, and each failing case at the case's line, with its explanation.
func writeTestSARIF(w io.Writer, run []testFile, verbose bool) {
	var items []sarifItem
	for _, tf := range run {
		if p := tf.problem; p != nil {
			items = append(items, sarifItem{rule: p.rule, level: "error", message: p.at.String() + ": " + p.msg, at: p.at, input: true})
		}
		for _, o := range tf.outcomes {
			if !o.Passed() {
				items = append(items, sarifItem{rule: caseRule(o), level: "error", at: o.Case.Pos,
					message: oneLine(o.Case.Name) + ": " + oneLine(o.Problem()) + "\n" + caseExplanation(o, verbose)})
			}
		}
	}
	writeSARIF(w, items, sources{})
}
