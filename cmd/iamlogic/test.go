package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/casefile"
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
                             got, reason, blockedBy, deciding, error}]}
                     github  an ::error workflow command per failing case, at the case's line,
                             then "N passed, N failed"
  --run REGEXP     run only the cases whose name matches REGEXP (Go syntax)
  -v               also print "ok NAME" for each passing case

A failing case prints
  FAIL NAME: expected DECISION, got DECISION
followed by indented lines: where the case is, the reason and the policy
type that blocked, the deciding statements (FILE:LINE:COL Sid) and the
case's description. A case whose policies are invalid or missing, or whose
request cannot be understood, fails with "FAIL NAME: cannot evaluate: ...".
In text and github formats the last line of standard output is exactly
"N passed, N failed". Files that cannot be read or are not access-test files
are reported on standard error.

Exit status:
  0  every case passed
  1  some case failed or could not be evaluated
  2  bad usage, or a file cannot be read or is not an access-test file
`)
}

// caseOutcome is the outcome of one access test.
type caseOutcome struct {
	c   *casefile.Case
	res evaluator.Result
	err error // the case cannot be evaluated
}

func (o caseOutcome) ok() bool { return o.err == nil && o.res.Decision == o.c.Expected }

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
	Error     string          `json:"error"`
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
	runExpr := fs.String("run", "", "")
	verbose := fs.Bool("v", false, "")
	files, code, done := parseArgs(fs, args, stdout, stderr, testUsage)
	if done {
		return code
	}
	var filter *regexp.Regexp
	if *runExpr != "" {
		re, err := regexp.Compile(*runExpr)
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
		cases, err := casefile.ReadFile(f)
		if err != nil {
			badFile = true
			reportFileError(stdout, stderr, format.value, f, err)
			continue
		}
		for _, c := range cases {
			if filter != nil && !filter.MatchString(c.Name) {
				continue
			}
			o := runCase(c)
			if o.ok() {
				report.Passed++
			} else {
				report.Failed++
			}
			switch format.value {
			case "json":
				report.Cases = append(report.Cases, o.json())
			case "github":
				if !o.ok() {
					var b strings.Builder
					o.writeDetails(&b, "")
					githubAnnotation{
						level: "error", file: c.File, line: c.Line,
						title:   "iamlogic test: " + c.Name,
						message: o.problem() + "\n" + strings.TrimSuffix(b.String(), "\n"),
					}.write(stdout)
				} else if *verbose {
					fmt.Fprintf(stdout, "ok %s\n", oneLine(c.Name))
				}
			default:
				if !o.ok() {
					fmt.Fprintln(stdout, "FAIL "+o.headline())
					o.writeDetails(stdout, "    ")
				} else if *verbose {
					fmt.Fprintf(stdout, "ok %s\n", oneLine(c.Name))
				}
			}
		}
	}
	if filter != nil && report.Passed+report.Failed == 0 && !badFile {
		fmt.Fprintf(stderr, "iamlogic test: warning: no case matches --run %q\n", *runExpr)
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
	var ce *casefile.Error
	var msg string
	line, col := 0, 0
	switch {
	case errors.As(err, &ce):
		msg = "not an access-test file: " + ce.Msg
		line, col = ce.Line, ce.Column
	default:
		msg = readFailure{file: file, err: err}.message()
		msg = strings.TrimPrefix(msg, file+": ")
	}
	if format == "github" {
		githubAnnotation{level: "error", file: file, line: line, col: col, title: "iamlogic test", message: msg}.write(stdout)
	}
	fmt.Fprintf(stderr, "iamlogic test: %s: %s\n", position(file, line, col), msg)
}

// runCase compiles the case's policies and decides its request.
func runCase(c *casefile.Case) caseOutcome {
	if c.Err != nil {
		return caseOutcome{c: c, err: c.Err}
	}
	set, err := evaluator.Compile(c.Policies)
	if err != nil {
		return caseOutcome{c: c, err: err}
	}
	res := set.Explain(c.Request)
	if res.Err != nil {
		return caseOutcome{c: c, res: res, err: fmt.Errorf("the request is invalid: %w", res.Err)}
	}
	return caseOutcome{c: c, res: res}
}

// locate maps a statement of the case to the file, line and column where
// it was written.
func (o caseOutcome) locate(ref evaluator.StatementRef) (string, int, int) {
	src, ok := o.c.Sources[ref.Policy]
	if !ok {
		return "", ref.Pos.Line, ref.Pos.Column
	}
	line, col := casefile.Translate(policy.Position{Line: src.Line, Column: src.Column}, ref.Pos)
	return src.File, line, col
}

// headline is the first line of a failure, without "FAIL ".
func (o caseOutcome) headline() string { return oneLine(o.c.Name) + ": " + o.problem() }

// problem says what is wrong with a failing case, on one line.
func (o caseOutcome) problem() string {
	if o.err == nil {
		return fmt.Sprintf("expected %s, got %s", o.c.Expected, o.res.Decision)
	}
	var pe *casefile.PolicyError
	if errors.As(o.err, &pe) {
		return fmt.Sprintf("cannot evaluate: the %s policy is invalid", pe.Ref)
	}
	var ce *evaluator.CompileError
	if errors.As(o.err, &ce) {
		return fmt.Sprintf("cannot evaluate: the %s policy is invalid", ce.Policy)
	}
	return "cannot evaluate: " + oneLine(o.err.Error())
}

// writeFindings writes, for a case whose policy is invalid, the policy's
// findings at their place in the files.
func (o caseOutcome) writeFindings(w io.Writer, indent string) {
	var pe *casefile.PolicyError
	var ce *evaluator.CompileError
	switch {
	case errors.As(o.err, &pe):
		writePolicyError(prefixWriter{w, indent}, pe.File, pe.Ref.Type, pe.Base, pe.Err)
	case errors.As(o.err, &ce):
		file, base := "", policy.Position{Line: 1, Column: 1}
		if src, ok := o.c.Sources[ce.Policy]; ok {
			file, base = src.File, policy.Position{Line: src.Line, Column: src.Column}
		}
		writeCompileError(prefixWriter{w, indent}, o.err, func(evaluator.PolicyRef) (string, policy.Position) { return file, base })
	}
}

// writeDetails writes the lines that follow the headline of a failure.
func (o caseOutcome) writeDetails(w io.Writer, indent string) {
	if o.err != nil {
		o.writeFindings(w, indent)
	} else {
		writeResultDetails(w, o.res, o.locate, indent)
	}
	fmt.Fprintf(w, "%scase: %s\n", indent, position(o.c.File, o.c.Line, 0))
	if o.c.Description != "" {
		fmt.Fprintf(w, "%sdescription: %s\n", indent, oneLine(o.c.Description))
	}
}

func (o caseOutcome) json() jsonCase {
	j := jsonCase{
		Name: o.c.Name, File: o.c.File, Line: o.c.Line, OK: o.ok(),
		Expected: o.c.Expected.String(), Deciding: []jsonStatement{},
	}
	if o.err != nil {
		var b strings.Builder
		b.WriteString(o.problem())
		b.WriteByte('\n')
		o.writeFindings(&b, "  ")
		j.Error = strings.TrimSuffix(b.String(), "\n")
		return j
	}
	j.Got = o.res.Decision.String()
	j.Reason = o.res.Reason.String()
	if o.res.Decision != evaluator.Allowed {
		j.BlockedBy = string(o.res.BlockedBy)
	}
	j.Deciding = decidingJSON(o.res, o.locate)
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
