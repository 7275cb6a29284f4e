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

func testUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic test [--format text|json|github] [--run REGEXP] [-v] FILE...

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
"FAIL NAME: cannot evaluate: ...".
A quantified case (principal "*" or an account ID, an action pattern, open
condition keys, or "expected": "neverAllowed") is about a set of requests,
decided by the analysis: neverAllowed fails with "expected neverAllowed, got
allowed ..." and the witness, an allowed request of the set, with its
deciding statements; allowed fails when no request of the set is ("none is,
proved over N requests"); either fails with "cannot decide: REASON" when the
analysis cannot prove it.
In text and github formats the last line of standard output is exactly
"N passed, N failed". Files that cannot be read or are not access-test files
are reported on standard error.

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

func runTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("test")
	format := &choiceFlag{value: "text", choices: []string{"text", "json", "github"}}
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
		fmt.Fprintf(stderr, "iamlogic test: no access-test files given\nUsage: iamlogic test [--format text|json|github] [--run REGEXP] [-v] FILE...\n")
		return exitUsage
	}

	report := jsonReport{Cases: []jsonCase{}}
	badFile := false
	for _, f := range files {
		cases, err := accesstest.ReadFile(f)
		if err != nil {
			badFile = true
			reportFileError(stdout, stderr, format.value, f, err)
			continue
		}
		for _, c := range cases {
			if filter != nil && !filter.MatchString(c.Name) {
				continue
			}
			o := accesstest.Run(c)
			if o.Passed() {
				report.Passed++
			} else {
				report.Failed++
			}
			switch format.value {
			case "json":
				report.Cases = append(report.Cases, caseJSON(o))
			case "github":
				if !o.Passed() {
					var b strings.Builder
					writeCaseDetails(&b, o, "", *verbose)
					githubAnnotation{
						level: "error", at: c.Pos,
						title:   "iamlogic test: " + c.Name,
						message: oneLine(o.Problem()) + "\n" + strings.TrimSuffix(b.String(), "\n"),
					}.write(stdout)
				} else if *verbose {
					fmt.Fprintf(stdout, "ok %s\n", oneLine(c.Name))
					writeWitness(stdout, o, "    ")
					writeCaseGaps(stdout, o, "    ")
				}
			default:
				if !o.Passed() {
					fmt.Fprintln(stdout, "FAIL "+oneLine(c.Name)+": "+oneLine(o.Problem()))
					writeCaseDetails(stdout, o, "    ", *verbose)
				} else if *verbose {
					fmt.Fprintf(stdout, "ok %s\n", oneLine(c.Name))
					writeWitness(stdout, o, "    ")
					writeCaseGaps(stdout, o, "    ")
				}
			}
		}
	}
	if filter != nil && report.Passed+report.Failed == 0 && !badFile {
		fmt.Fprintf(stderr, "iamlogic test: warning: no case matches --run %q\n", runExpr)
	}
	summary := fmt.Sprintf("%d passed, %d failed", report.Passed, report.Failed)
	if format.value == "json" {
		writeJSON(stdout, report)
		fmt.Fprintln(stderr, summary)
	} else {
		fmt.Fprintln(stdout, summary)
	}
	switch {
	case badFile:
		return exitUsage
	case report.Failed > 0:
		return exitFailure
	}
	return exitOK
}

// reportFileError reports an access-test file that cannot be used.
func reportFileError(stdout, stderr io.Writer, format, file string, err error) {
	var ce *accesstest.Error
	var msg string
	at := policy.Position{File: file}
	switch {
	case errors.As(err, &ce):
		msg = "not an access-test file: " + ce.Msg
		at = ce.Pos
	default:
		msg = readFailure{file: file, err: err}.message()
		msg = strings.TrimPrefix(msg, file+": ")
	}
	if format == "github" {
		githubAnnotation{level: "error", at: at, title: "iamlogic test", message: msg}.write(stdout)
	}
	fmt.Fprintf(stderr, "iamlogic test: %s: %s\n", at, oneLine(msg))
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
		writeWitness(w, o, indent)
		writeResultDetails(w, o.Result, indent, verbose)
		writeCaseGaps(w, o, indent)
	}
	fmt.Fprintf(w, "%scase: %s\n", indent, o.Case.Pos)
	if o.Case.Description != "" {
		fmt.Fprintf(w, "%sdescription: %s\n", indent, oneLine(o.Case.Description))
	}
}

// writeWitness writes, for a quantified case, the request of its set that
// is allowed, one field a line.
func writeWitness(w io.Writer, o accesstest.Outcome, indent string) {
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
