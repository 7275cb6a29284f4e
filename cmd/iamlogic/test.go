package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// testSynopsis is the first line of test's usage.
const testSynopsis = "iamlogic test [--format text|json|github|junit|tap|sarif] [--run REGEXP] [-v] FILE..."

func testUsage(w io.Writer) {
	io.WriteString(w, "Usage: "+testSynopsis+`

Runs access-test files (.json: a case, an array of cases or {"cases": [...]};
.jsonl: one case per line) and compares each decision with the expected one.
Policies named by path are read relative to the file that names them.

Flags:
  --format FORMAT  output format (default text):
                     text    a FAIL block per failing case, then "N passed, N failed"
                     json    {"passed": N, "failed": N, "cases": [{name, file, line, ok, expected,
                             got, reason, blockedBy, deciding, notApplied, error, gaps}]}
                     github  an ::error workflow command per failing case, at the case's line,
                             then "N passed, N failed"
                     junit   JUnit XML (GitLab, Jenkins, Azure DevOps): a <testsuite> per file,
                             a <testcase> per case, a <failure> with the explanation for a
                             failing case, an <error> for a file that cannot be used
                     tap     TAP version 13: "ok N - NAME" or "not ok N - NAME" with a YAML
                             block (message, type, file, line, expected, got, details)
                     sarif   a SARIF 2.1.0 log: a result per failing case, at the case's line
  --run REGEXP     run only the cases whose name matches REGEXP (Go syntax)
  -v               also print "ok NAME" for each passing case, followed by its gaps, and, for a
                   failing case that was implicitly denied, why each statement of the blocking
                   policies did not apply

A failing case prints
  FAIL NAME: expected DECISION, got DECISION
followed by indented lines: where the case is, the reason and the policy
type that blocked, the deciding statements (FILE:LINE:COL Sid), its gaps and
the case's description. A gap is what the decision did not know for
certain, one line each:
  gap: assumed aws:SecureTransport defaulted to true     a key AWS always sets, not given
  gap: relied on undocumented behaviour short-arn        read as denying: AWS might allow
  gap: the request lacks aws:MultiFactorAuthPresent      a condition key the request lacks
A case with "settings": {"strict": true} fails with "FAIL NAME: strict: GAP;
GAP" when there is any; a case with an "undocumented" list fails when the
decision relied on other behaviours. A case whose policies are invalid or
missing, or whose request cannot be understood, fails with
"FAIL NAME: cannot evaluate: ...". The other formats carry the same
explanation, and name the kind of failure by its rule (TEST_DECISION,
TEST_STRICT, TEST_UNDOCUMENTED, TEST_CANNOT_EVALUATE; see docs/findings.md).
A quantified case (principal "*" or an account ID, an action pattern, open
condition keys, or "expected": "neverAllowed") is about a set of requests,
decided by the analysis: neverAllowed fails with "expected neverAllowed, got
allowed ..." and the witness, an allowed request of the set, with its
deciding statements; allowed fails when no request of the set is ("none is,
proved over N requests"); either fails with "cannot decide: REASON" when the
analysis cannot prove it.
In text and github formats the last line of standard output is exactly
"N passed, N failed", and files that cannot be read or are not access-test
files are reported on standard error only. The json, junit, tap and sarif
reports count such a file as a failure (an entry with its problem, rule
FILE_UNREADABLE or TEST_FILE_INVALID) and print "N passed, N failed" on
standard error.

Exit status:
  0  every case passed
  1  some case failed or could not be evaluated
  2  bad usage, or a file cannot be read or is not an access-test file
`)
}

// jsonCase is one case of `test --format json`.
type jsonCase struct {
	Name      string          `json:"name"`
	File      string          `json:"file"`
	Line      int             `json:"line"`
	OK        bool            `json:"ok"`
	Expected  string          `json:"expected"`
	Got       string          `json:"got"`
	Reason    string          `json:"reason"`
	BlockedBy string          `json:"blockedBy"`
	Deciding  []jsonStatement `json:"deciding"`
	// NotApplied says, for a denial, why each statement of the blocking
	// policies did not apply.
	NotApplied []jsonMiss `json:"notApplied"`
	Error      string     `json:"error"`
	// Gaps are what the decision did not know for certain, one line each
	// ("assumed aws:SecureTransport defaulted to true", "relied on
	// undocumented behaviour short-arn", "the request lacks KEY").
	Gaps []string `json:"gaps"`
	// FileError marks the entry of a file that could not be read or is not
	// an access-test file (Name and File are the file, Error says why).
	FileError bool `json:"fileError,omitempty"`
	// Witness is, for a quantified case, the allowed request of its set
	// that got and the other fields describe.
	Witness *jsonRequest `json:"witness,omitempty"`
}

// jsonReport is the output of `test --format json`.
type jsonReport struct {
	Passed int        `json:"passed"`
	Failed int        `json:"failed"`
	Cases  []jsonCase `json:"cases"`
}

// testFormats are the output formats of test.
var testFormats = []string{"text", "json", "github", "junit", "tap", "sarif"}

// testFile is what a test run found in one access-test file: the outcomes
// of its cases that ran, or the problem that kept it from running.
type testFile struct {
	name     string
	problem  *fileProblem
	outcomes []accesstest.Outcome
}

// fileProblem is an access-test file that cannot be used.
type fileProblem struct {
	rule string          // ruleFileUnreadable or ruleTestFileInvalid
	at   policy.Position // where the problem is; File alone for the whole file
	msg  string          // the message, without the position
}

func runTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("test")
	format := &choiceFlag{value: "text", choices: testFormats}
	fs.Var(format, "format", "")
	var runExpr string
	fs.Var(once(&runExpr), "run", "")
	verbose := fs.Bool("v", false, "")
	files, code, done := parseArgs(fs, args, stdout, stderr, testUsage)
	if done {
		return code
	}
	var filter *regexp.Regexp
	if runExpr != "" {
		re, err := regexp.Compile(runExpr)
		if err != nil {
			fmt.Fprintf(stderr, "iamlogic test: --run: %v\n", err)
			return exitUsage
		}
		filter = re
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "iamlogic test: no access-test files given\nUsage: %s\n", testSynopsis)
		return exitUsage
	}

	var run []testFile
	badFile := false
	ncases := 0
	for _, f := range files {
		cases, err := accesstest.ReadFile(f)
		if err != nil {
			badFile = true
			run = append(run, testFile{name: f, problem: newFileProblem(f, err)})
			continue
		}
		tf := testFile{name: f}
		for _, c := range cases {
			if filter != nil && !filter.MatchString(c.Name) {
				continue
			}
			tf.outcomes = append(tf.outcomes, accesstest.Run(c))
		}
		ncases += len(tf.outcomes)
		run = append(run, tf)
	}
	for _, tf := range run {
		if tf.problem != nil {
			fmt.Fprintf(stderr, "iamlogic test: %s: %s\n", tf.problem.at, oneLine(tf.problem.msg))
		}
	}
	if filter != nil && ncases == 0 && !badFile {
		fmt.Fprintf(stderr, "iamlogic test: warning: no case matches --run %q\n", runExpr)
	}

	passed, failed := testCounts(run)
	switch format.value {
	case "text", "github":
		writeTestText(stdout, run, format.value == "github", *verbose)
		// The last line of standard output; files that could not be used
		// are on standard error and in the exit status.
		fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	default:
		// The machine-readable reports count a file that could not be used
		// as a failure, in the report and in the summary.
		for _, tf := range run {
			if tf.problem != nil {
				failed++
			}
		}
		switch format.value {
		case "json":
			writeTestJSON(stdout, run, passed, failed)
		case "junit":
			writeJUnit(stdout, run, *verbose)
		case "tap":
			writeTAP(stdout, run, *verbose)
		case "sarif":
			writeTestSARIF(stdout, run, *verbose)
		}
		fmt.Fprintf(stderr, "%d passed, %d failed\n", passed, failed)
	}
	switch {
	case badFile:
		return exitUsage
	case failed > 0:
		return exitFailure
	}
	return exitOK
}

// testCounts counts the cases of run that passed and failed.
func testCounts(run []testFile) (passed, failed int) {
	for _, tf := range run {
		for _, o := range tf.outcomes {
			if o.Passed() {
				passed++
			} else {
				failed++
			}
		}
	}
	return passed, failed
}

// writeTestText writes the text report of a test run, or with github the
// workflow commands: a FAIL block (an ::error command) per failing case,
// and with verbose "ok NAME" and its gaps for each passing one.
func writeTestText(w io.Writer, run []testFile, github, verbose bool) {
	for _, tf := range run {
		if p := tf.problem; p != nil {
			if github {
				githubAnnotation{level: "error", at: p.at, title: "iamlogic test", message: p.msg}.write(w)
			}
			continue
		}
		for _, o := range tf.outcomes {
			switch {
			case o.Passed():
				if verbose {
					fmt.Fprintf(w, "ok %s\n", oneLine(o.Case.Name))
					writeCaseWitness(w, o, "    ")
					writeCaseGaps(w, o, "    ")
				}
			case github:
				githubAnnotation{
					level: "error", at: o.Case.Pos,
					title:   "iamlogic test: " + o.Case.Name,
					message: oneLine(o.Problem()) + "\n" + caseExplanation(o, verbose),
				}.write(w)
			default:
				fmt.Fprintln(w, "FAIL "+oneLine(o.Case.Name)+": "+oneLine(o.Problem()))
				writeCaseDetails(w, o, "    ", verbose)
			}
		}
	}
}

// writeTestJSON writes the JSON report of a test run.
func writeTestJSON(w io.Writer, run []testFile, passed, failed int) {
	report := jsonReport{Passed: passed, Failed: failed, Cases: []jsonCase{}}
	for _, tf := range run {
		if p := tf.problem; p != nil {
			report.Cases = append(report.Cases, jsonCase{
				Name: tf.name, File: tf.name, Line: p.at.Line, Deciding: []jsonStatement{}, NotApplied: []jsonMiss{},
				Error: p.msg, Gaps: []string{}, FileError: true,
			})
			continue
		}
		for _, o := range tf.outcomes {
			report.Cases = append(report.Cases, caseJSON(o))
		}
	}
	writeJSON(w, report)
}

// newFileProblem classifies the error of accesstest.ReadFile for file.
func newFileProblem(file string, err error) *fileProblem {
	var ce *accesstest.Error
	if errors.As(err, &ce) {
		return &fileProblem{rule: ruleTestFileInvalid, at: ce.Pos, msg: "not an access-test file: " + ce.Msg}
	}
	return &fileProblem{rule: ruleFileUnreadable, at: policy.Position{File: file}, msg: readFailure{file: file, err: err}.reason()}
}

// caseRule returns the rule a failing case breaks, in the order of
// accesstest.Outcome.Problem.
func caseRule(o accesstest.Outcome) string {
	c, r := o.Case, o.Result
	switch {
	case o.Err != nil || c == nil:
		return ruleTestCannotEvaluate
	case r.Decision != c.Expected:
		return ruleTestDecision
	case c.ExpectUndocumented && r.Undocumented != c.Undocumented:
		return ruleTestUndocumented
	}
	return ruleTestStrict
}

// caseExplanation is the explanation of a failing case, without its
// headline: the lines writeCaseDetails writes, unindented.
func caseExplanation(o accesstest.Outcome, verbose bool) string {
	var b strings.Builder
	writeCaseDetails(&b, o, "", verbose)
	return strings.TrimSuffix(b.String(), "\n")
}

// writeCaseFindings writes, for a case whose policy is invalid, the
// policy's findings at their place in the files.
func writeCaseFindings(w io.Writer, o accesstest.Outcome, indent string) {
	var pe *accesstest.PolicyError
	var ce *evaluator.CompileError
	switch {
	case errors.As(o.Err, &pe):
		writePolicyError(prefixWriter{w, indent}, pe.Pos, pe.Ref.Type, pe.Err)
	case errors.As(o.Err, &ce):
		writeCompileError(prefixWriter{w, indent}, o.Err)
	}
}

// writeCaseDetails writes the lines that follow the headline of a failure.
func writeCaseDetails(w io.Writer, o accesstest.Outcome, indent string, verbose bool) {
	switch {
	case o.Err != nil:
		writeCaseFindings(w, o, indent)
	case o.Case.Quantified != nil && o.Witness == nil:
		// Proved, or unknown: no one decision to show.
	default:
		writeCaseWitness(w, o, indent)
		writeResultDetails(w, o.Result, indent, verbose)
		writeCaseGaps(w, o, indent)
	}
	fmt.Fprintf(w, "%scase: %s\n", indent, o.Case.Pos)
	if o.Case.Description != "" {
		fmt.Fprintf(w, "%sdescription: %s\n", indent, oneLine(o.Case.Description))
	}
}

// writeCaseWitness writes, for a quantified case, the request of its set that
// is allowed, one field a line.
func writeCaseWitness(w io.Writer, o accesstest.Outcome, indent string) {
	if o.Witness == nil {
		return
	}
	fmt.Fprintf(w, "%switness:\n", indent)
	for _, l := range requestLines(*o.Witness) {
		fmt.Fprintf(w, "%s  %s\n", indent, l)
	}
}

// writeCaseGaps writes "gap: GAP" for each of o.Gaps, each line starting
// with indent. A case that could not be evaluated has none.
func writeCaseGaps(w io.Writer, o accesstest.Outcome, indent string) {
	if o.Err != nil {
		return
	}
	for _, g := range o.Gaps() {
		fmt.Fprintf(w, "%sgap: %s\n", indent, oneLine(g))
	}
}

func caseJSON(o accesstest.Outcome) jsonCase {
	c := o.Case
	j := jsonCase{
		Name: c.Name, File: c.Pos.File, Line: c.Pos.Line, OK: o.Passed(),
		Expected: c.Expectation(), Deciding: []jsonStatement{}, NotApplied: []jsonMiss{},
		Gaps: []string{},
	}
	if o.Err != nil {
		var b strings.Builder
		b.WriteString(oneLine(o.Problem()))
		b.WriteByte('\n')
		writeCaseFindings(&b, o, "  ")
		j.Error = strings.TrimSuffix(b.String(), "\n")
		return j
	}
	if c.Quantified != nil && o.Witness == nil {
		j.Got = "neverAllowed"
		if o.Answer != nil && o.Answer.Verdict == analysis.Unknown {
			j.Got, j.Error = "unknown", oneLine(o.Problem())
		}
		return j
	}
	if o.Witness != nil {
		wr := newJSONRequest(*o.Witness)
		j.Witness = &wr
	}
	j.Got = o.Result.Decision.String()
	j.Reason = o.Result.Reason.String()
	if o.Result.Decision != evaluator.Allowed {
		j.BlockedBy = string(o.Result.BlockedBy)
	}
	j.Deciding = decidingJSON(o.Result)
	j.NotApplied = missesJSON(o.Result)
	j.Gaps = nonNil(o.Gaps())
	return j
}

// prefixWriter writes each line with a prefix. Every write must end with a
// newline (fmt.Fprintf of whole lines).
type prefixWriter struct {
	w      io.Writer
	prefix string
}

func (p prefixWriter) Write(b []byte) (int, error) {
	lines := strings.SplitAfter(string(b), "\n")
	var sb strings.Builder
	for _, l := range lines {
		if l != "" {
			sb.WriteString(p.prefix)
			sb.WriteString(l)
		}
	}
	if _, err := io.WriteString(p.w, sb.String()); err != nil {
		return 0, err
	}
	return len(b), nil
}
