package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/cmd/iamlogic/internal/xsdcheck"
)

// goldenOutputs returns the standard output kept in each golden file whose
// name contains format ("sarif", "junit", "tap"), by file name. TestGolden
// holds the command's output to the golden file byte for byte, so checking
// the golden file checks the output.
func goldenOutputs(t *testing.T, format string) map[string]string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "golden", "*"+format+"*.golden"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no golden file for format %s (%v)", format, err)
	}
	out := map[string]string{}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		stdout, _, ok := strings.Cut(strings.TrimPrefix(string(data), "-- stdout --\n"), "-- stderr --\n")
		if !ok {
			t.Fatalf("%s is not a golden file", n)
		}
		out[filepath.Base(n)] = stdout
	}
	return out
}

// sarifSchemaFile is the OASIS SARIF 2.1.0 schema (see testdata/schemas/NOTICE).
const sarifSchemaFile = "testdata/schemas/sarif-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri, uri-reference, date-time are checked too
	if err := c.AddResource("sarif-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateJSONSchema(s *jsonschema.Schema, data string) error {
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// TestSARIFSchema validates every SARIF log of the golden files against the
// SARIF 2.1.0 JSON schema, and shows that the schema refuses a broken log.
func TestSARIFSchema(t *testing.T) {
	s := compileSARIFSchema(t)
	outputs := goldenOutputs(t, "sarif")
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			if err := validateJSONSchema(s, out); err != nil {
				t.Errorf("not a valid SARIF 2.1.0 log: %v", err)
			}
			checkSARIF(t, []byte(out))
		})
	}
	valid := outputs["test-sarif.golden"]
	for name, broken := range map[string]string{
		"a level SARIF does not have": strings.Replace(valid, `"level": "error"`, `"level": "fatal"`, 1),
		"startLine 0":                 strings.Replace(valid, `"startLine": 13`, `"startLine": 0`, 1),
		"a property of no SARIF type": strings.Replace(valid, `"ruleIndex": 0,`, `"ruleIndex": 0, "severity": "high",`, 1),
		"another version":             strings.Replace(valid, `"version": "2.1.0"`, `"version": "2.0.0"`, 1),
	} {
		if broken == valid {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if err := validateJSONSchema(s, broken); err == nil {
			t.Errorf("%s: the schema accepts a broken log", name)
		}
	}
}

// The JUnit report, decoded independently of the types that write it.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// checkJUnit decodes a JUnit report and checks that its counts add up.
func checkJUnit(t *testing.T, out string) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	var tests, failures, errs int
	for _, s := range doc.Suites {
		var f, e int
		for _, c := range s.Cases {
			if c.Classname != s.Name {
				t.Errorf("testcase %q has classname %q, want its file %q", c.Name, c.Classname, s.Name)
			}
			if c.Failure != nil {
				f++
				if c.Failure.Message == "" || !documented(c.Failure.Type) || !strings.Contains(c.Failure.Text, "case: ") {
					t.Errorf("failure of %q: message %q, type %q, text without the case's position:\n%s", c.Name, c.Failure.Message, c.Failure.Type, c.Failure.Text)
				}
			}
			if c.Error != nil {
				e++
				if c.Error.Message == "" || !documented(c.Error.Type) {
					t.Errorf("error of %q: message %q, type %q", c.Name, c.Error.Message, c.Error.Type)
				}
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e {
			t.Errorf("testsuite %s says tests=%d failures=%d errors=%d; it holds %d, %d, %d", s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), f, e)
		}
		tests, failures, errs = tests+s.Tests, failures+f, errs+e
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errs {
		t.Errorf("testsuites says tests=%d failures=%d errors=%d; the suites add up to %d, %d, %d", doc.Tests, doc.Failures, doc.Errors, tests, failures, errs)
	}
	return doc
}

func junitSchema(t *testing.T) *xsdcheck.Schema {
	t.Helper()
	xsd, err := os.ReadFile("testdata/schemas/junit.xsd")
	if err != nil {
		t.Fatal(err)
	}
	s, err := xsdcheck.Parse(xsd)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestJUnitSchema validates every JUnit report of the golden files against
// the JUnit schema Jenkins reads, and shows that a broken report fails.
func TestJUnitSchema(t *testing.T) {
	s := junitSchema(t)
	outputs := goldenOutputs(t, "junit")
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			if err := s.Validate([]byte(out)); err != nil {
				t.Errorf("not valid against junit.xsd: %v", err)
			}
			checkJUnit(t, out)
		})
	}
	valid := outputs["test-junit.golden"]
	for name, broken := range map[string]string{
		"testcase without name": strings.Replace(valid, `<testcase name="alice reads a report" `, `<testcase `, 1),
		"failure outside a testcase": strings.Replace(valid, `<testcase name="alice reads a report" classname="testdata/tests/ci.json"></testcase>`,
			`<failure message="m" type="T">x</failure>`, 1),
		"undeclared attribute": strings.Replace(valid, `tests="4" failures="1" errors="0">`, `tests="4" failures="1" errors="0" file="x">`, 1),
	} {
		if broken == valid {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if err := s.Validate([]byte(broken)); err == nil {
			t.Errorf("%s: the validator accepts a broken report", name)
		}
	}
}

var (
	tapLine = regexp.MustCompile(`^(ok|not ok) (\d+) - (.*)$`)
	tapPlan = regexp.MustCompile(`^1\.\.(\d+)$`)
)

// tapPoint is one test line of a TAP report with its YAML block.
type tapPoint struct {
	ok   bool
	name string
	diag map[string]any
}

// parseTAP reads a TAP version 13 report: the version line, the plan, test
// lines numbered from 1, YAML blocks after failures, "#" comments.
func parseTAP(t *testing.T, out string) []tapPoint {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 || lines[0] != "TAP version 13" {
		t.Fatalf("the report does not start with \"TAP version 13\":\n%s", out)
	}
	m := tapPlan.FindStringSubmatch(lines[1])
	if m == nil {
		t.Fatalf("no plan after the version line: %q", lines[1])
	}
	plan, _ := strconv.Atoi(m[1])
	var points []tapPoint
	for i := 2; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "#"):
		case l == "  ---":
			end := i + 1
			for end < len(lines) && lines[end] != "  ..." {
				end++
			}
			if end == len(lines) || len(points) == 0 {
				t.Fatalf("line %d: a YAML block without its end or its test line", i+1)
			}
			var block bytes.Buffer
			for _, y := range lines[i+1 : end] {
				block.WriteString(strings.TrimPrefix(y, "  ") + "\n")
			}
			diag := map[string]any{}
			if err := yaml.Unmarshal(block.Bytes(), &diag); err != nil {
				t.Fatalf("line %d: the YAML block does not parse: %v\n%s", i+1, err, block.String())
			}
			points[len(points)-1].diag = diag
			i = end
		default:
			m := tapLine.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("line %d is not a TAP line: %q", i+1, l)
			}
			if n, _ := strconv.Atoi(m[2]); n != len(points)+1 {
				t.Fatalf("line %d: test %d, want %d", i+1, n, len(points)+1)
			}
			points = append(points, tapPoint{ok: m[1] == "ok", name: m[3]})
		}
	}
	if len(points) != plan {
		t.Errorf("plan 1..%d, %d test lines", plan, len(points))
	}
	for _, p := range points {
		if p.ok != (p.diag == nil) {
			t.Errorf("test %q: ok %v with diagnostics %v; a failure, and only a failure, has a YAML block", p.name, p.ok, p.diag)
		}
		if p.diag != nil && (p.diag["message"] == "" || !documented(p.diag["type"].(string)) || p.diag["file"] == "") {
			t.Errorf("test %q: diagnostics %v lack a message, a documented type or a file", p.name, p.diag)
		}
	}
	return points
}

func TestTAPFormat(t *testing.T) {
	for name, out := range goldenOutputs(t, "tap") {
		t.Run(name, func(t *testing.T) { parseTAP(t, out) })
	}
}

// TestCIFormatsOneFailure: for a file of four cases of which one fails,
// the JUnit report has four testcases and one failure, and the TAP report
// plans four tests and fails one; both carry the explanation.
func TestCIFormatsOneFailure(t *testing.T) {
	code, out, _ := runCLI("test", "--format", "junit", tests+"ci.json")
	if code != exitFailure {
		t.Errorf("junit: exit status %d, want 1", code)
	}
	doc := checkJUnit(t, out)
	cases, failures := 0, 0
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			cases++
			if c.Failure != nil {
				failures++
				if !strings.Contains(c.Failure.Text, "deciding statements") || !strings.Contains(c.Failure.Text, "reason: no-identity-allow") {
					t.Errorf("the failure does not carry the explanation:\n%s", c.Failure.Text)
				}
			}
		}
	}
	if cases != 4 || failures != 1 {
		t.Errorf("junit: %d testcases, %d failures; want 4 and 1", cases, failures)
	}

	code, out, _ = runCLI("test", "--format", "tap", tests+"ci.json")
	if code != exitFailure {
		t.Errorf("tap: exit status %d, want 1", code)
	}
	if !strings.HasPrefix(out, "TAP version 13\n") || !strings.Contains(out, "\n1..4\n") {
		t.Errorf("tap: no version line or no plan 1..4:\n%s", out)
	}
	notOK := 0
	for _, p := range parseTAP(t, out) {
		if !p.ok {
			notOK++
		}
	}
	if notOK != 1 {
		t.Errorf("tap: %d failures, want 1", notOK)
	}
}

// TestCaseRuleAgreesWithProblem: the rule a failing case is reported under
// names the problem accesstest reports for it.
func TestCaseRuleAgreesWithProblem(t *testing.T) {
	prefix := map[string]string{
		ruleTestCannotEvaluate: "cannot evaluate: ",
		ruleTestDecision:       "expected ",
		ruleTestUndocumented:   "expected the decision to rely on undocumented behaviour",
		ruleTestStrict:         "strict: ",
	}
	seen := map[string]bool{}
	for _, f := range []string{tests + "fail.json", tests + "strict.json", "../../testdata/conformance/aws-docs.jsonl"} {
		cases, err := accesstest.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			o := accesstest.Run(c)
			if o.Passed() {
				continue
			}
			r := caseRule(o)
			seen[r] = true
			if !strings.HasPrefix(o.Problem(), prefix[r]) || (r == ruleTestDecision && strings.HasPrefix(o.Problem(), prefix[ruleTestUndocumented])) {
				t.Errorf("%s: rule %s for the problem %q", o.Case.Name, r, o.Problem())
			}
		}
	}
	for _, r := range []string{ruleTestCannotEvaluate, ruleTestDecision, ruleTestStrict} {
		if !seen[r] {
			t.Errorf("no test file exercises %s", r)
		}
	}
}

// FuzzCIText: whatever a case's name or message holds, the JUnit text is
// XML character data that reads back as the text (characters XML cannot
// hold become U+FFFD), and the TAP diagnostics are a YAML block that reads
// back as the message.
func FuzzCIText(f *testing.F) {
	for _, s := range []string{"plain", "a <b> & \"c\"\n\td", "\x00\x1b\r\n", "]]>", "#: - ? |", "\xff\xfe", "𝄞 é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var doc struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<a>"+xmlText(s)+"</a>"), &doc); err != nil {
			t.Fatalf("xmlText(%q) is not character data: %v", s, err)
		}
		want := []rune(s) // each invalid byte is one U+FFFD, as xmlText writes it
		for i, r := range want {
			if !xmlChar(r) {
				want[i] = utf8.RuneError
			}
		}
		// An XML parser reads CR LF, and a CR alone, as LF (XML 1.0 §2.11);
		// xmlText writes CR as a reference, which is kept.
		if doc.Text != string(want) {
			t.Fatalf("xmlText(%q) reads back as %q, want %q", s, doc.Text, string(want))
		}

		var b strings.Builder
		// The shapes writeTAP gives: a one-line message, details whose lines
		// start with their text.
		msg, details := oneLine(s), "reason: "+oneLine(s)+"\ncase: f.json:1\ndescription: "+oneLine(s)
		writeTAPDiagnostic(&b, tapDiagnostic{Message: msg, Severity: "fail", Type: ruleTestDecision, File: "f.json", Details: details})
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if lines[0] != "  ---" || lines[len(lines)-1] != "  ..." {
			t.Fatalf("not a TAP YAML block: %q", b.String())
		}
		var block strings.Builder
		for _, l := range lines[1 : len(lines)-1] {
			if !strings.HasPrefix(l, "  ") && l != "" {
				t.Fatalf("line %q of the block is not indented", l)
			}
			block.WriteString(strings.TrimPrefix(l, "  ") + "\n")
		}
		var back tapDiagnostic
		if err := yaml.Unmarshal([]byte(block.String()), &back); err != nil {
			t.Fatalf("the block does not parse: %v\n%s", err, block.String())
		}
		if utf8.ValidString(s) && (back.Message != msg || back.Details != details) {
			t.Fatalf("message %q, details %q read back as %q, %q", msg, details, back.Message, back.Details)
		}
	})
}
