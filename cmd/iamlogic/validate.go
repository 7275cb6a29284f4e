package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/lint"
	"github.com/iamlogic/iamlogic/policy"
	"github.com/iamlogic/iamlogic/source"
)

func validateUsage(w io.Writer) {
	var types []string
	for _, t := range policy.Types() {
		types = append(types, string(t))
	}
	fmt.Fprintf(w, `Usage: iamlogic validate [--type TYPE] [--managed] [--catalog-off] [--format text|json|github|sarif] FILE...

Parses each policy document and checks it against the rules AWS applies to
a policy of TYPE (one of %s; default identity).

Inputs: a FILE is a policy document (JSON), a CloudFormation template (JSON
or YAML, short-form tags such as !Sub included) or a Terraform plan
(terraform show -json), recognised by its content; "-" is standard input,
and a directory is every *.json, *.yaml, *.yml and *.template file under it
(hidden directories left out), in lexical order. Each policy of a template
or plan is checked as the type its resource implies (a role's
AssumeRolePolicyDocument as trust, a bucket policy as resource, ...),
whatever --type says, and its findings name it after the severity:
FILE:LINE:COL: error: AppRole.Policies[0].PolicyDocument: message. A value
not known offline (!GetAtt, !Ref of a parameter, a Terraform value known
after apply) is a warning, UNRESOLVED_VALUE, and reads as granting nothing.

It also checks the documents against the action catalog (AWS's Service
Authorization Reference): unknown actions, services and condition keys with
a did-you-mean, actions that apply to none of the statement's resources,
operators of the wrong type for their key, and security warnings
(iam:PassRole on "*", Allow with NotAction, a public resource policy, an
OIDC trust without aud and sub conditions, a misspelt service principal).
Catalog findings are warnings; a document with errors gets none.

Flags:
  --type TYPE      the policy type of every loose policy FILE (default
                   identity); not of the policies in templates and plans
  --managed        also apply the rules IAM adds when a customer managed
                   policy is created (iam:CreatePolicy, CreatePolicyVersion):
                   Version must be "2012-10-17"; without it the rules are
                   those of inline policies; only with --type identity or
                   boundary
  --catalog-off    leave out the catalog's findings: exactly the rules IAM
                   applies when the policy is written
  --format FORMAT  output format (default text):
                     text    FILE:LINE:COL: severity: message [CODE] (fix: …), one line per finding
                     json    an array of {file, line, column, severity, code, message, pointer, fix}
                     github  ::error / ::warning workflow commands for GitHub Actions
                     sarif   a SARIF 2.1.0 log for code-scanning tools
Findings go to standard output; docs/findings.md explains every code. The
summary line ("N files, N errors, N warnings") and problems reading files go
to standard error. A file that cannot be read counts as a file and an error,
and is an entry of the json and sarif output with code FILE_UNREADABLE.

Exit status:
  0  every file is valid (warnings allowed)
  1  some finding is an error
  2  bad usage, or a file cannot be read
`, strings.Join(types, ", "))
}

// fileFindings is what validate found in one file.
type fileFindings struct {
	file     string
	data     []byte
	findings policy.Findings
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate")
	typ := new(string)
	*typ = string(policy.TypeIdentity)
	fs.Var(once(typ), "type", "policy type")
	managed := fs.Bool("managed", false, "apply the rules of customer managed policies")
	catalogOff := fs.Bool("catalog-off", false, "leave out the catalog's findings")
	format := &choiceFlag{value: "text", choices: []string{"text", "json", "github", "sarif"}}
	fs.Var(format, "format", "output format")
	files, code, done := parseArgs(fs, args, stdout, stderr, validateUsage)
	if done {
		return code
	}
	t, err := policy.ParseType(*typ)
	if err != nil {
		fmt.Fprintf(stderr, "iamlogic validate: --type: %v\n", err)
		return exitUsage
	}
	if *managed && t != policy.TypeIdentity && t != policy.TypeBoundary {
		fmt.Fprintf(stderr, "iamlogic validate: --managed: a managed policy is an identity-based policy or a permissions boundary; use --type identity or --type boundary, not %s\n", t)
		return exitUsage
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "iamlogic validate: no policy files given\nUsage: iamlogic validate [--type TYPE] [--managed] [--catalog-off] [--format text|json|github|sarif] FILE...\n")
		return exitUsage
	}

	var (
		results    []fileFindings
		unreadable []readFailure
	)
	files, err = source.Expand(files)
	if err != nil {
		fmt.Fprintf(stderr, "iamlogic validate: %v\n", err)
		return exitUsage
	}
	var cat *catalog.Catalog
	if !*catalogOff {
		cat = catalog.Default()
	}
	for _, f := range files {
		in, err := readInput(f)
		if err != nil {
			unreadable = append(unreadable, readFailure{file: f, err: err})
			continue
		}
		r := fileFindings{file: in.name, data: in.data}
		if in.err != nil {
			r.findings = policy.Findings{{Code: policy.CodeSyntax, Pos: policy.Position{File: in.name}, Message: strings.TrimPrefix(in.err.Error(), in.name+": ")}}
		}
		for _, d := range in.docs {
			_, findings := checkDocument(d, docType(d, t), policy.Options{Managed: *managed}, cat)
			r.findings = append(r.findings, findings...)
		}
		results = append(results, r)
	}

	var nerr, nwarn int
	for _, r := range results {
		for _, f := range r.findings {
			if f.Severity == policy.Error {
				nerr++
			} else {
				nwarn++
			}
		}
	}

	for _, u := range unreadable {
		if format.value == "github" {
			githubAnnotation{level: "error", at: policy.Position{File: u.file}, title: "cannot read policy file", message: u.message()}.write(stdout)
		}
		fmt.Fprintf(stderr, "iamlogic validate: %s\n", u.message())
	}
	switch format.value {
	case "json":
		writeJSON(stdout, validateJSON(results, unreadable))
	case "github":
		for _, r := range results {
			for _, f := range r.findings {
				githubAnnotation{
					level: f.Severity.String(), at: f.Pos,
					title: string(f.Code), message: withFix(f),
				}.write(stdout)
			}
		}
	case "sarif":
		writeValidateSARIF(stdout, results, unreadable)
	default:
		for _, r := range results {
			for _, f := range r.findings {
				fix := ""
				if f.Fix != "" {
					fix = " (fix: " + oneLine(f.Fix) + ")"
				}
				fmt.Fprintf(stdout, "%s: %s: %s [%s]%s\n", f.Pos, f.Severity, oneLine(f.Message), f.Code, fix)
			}
		}
	}
	// A file that could not be read is a file, and an error, of the summary.
	nerr += len(unreadable)
	summary := fmt.Sprintf("%s, %s, %s", plural(len(results)+len(unreadable), "file"), plural(nerr, "error"), plural(nwarn, "warning"))
	if len(unreadable) > 0 {
		summary += fmt.Sprintf("; %s could not be read", plural(len(unreadable), "file"))
	}
	fmt.Fprintln(stderr, summary)

	switch {
	case len(unreadable) > 0:
		return exitUsage
	case nerr > 0:
		return exitFailure
	}
	return exitOK
}

// checkPolicy parses data, read from file, and validates it as a policy of
// type t. It returns the policy (nil when the JSON is unusable) and every
// finding, errors and warnings, in document order; every finding's
// position names file (a finding about the whole document has no line).
func checkPolicy(file string, data []byte, t policy.Type) (*policy.Policy, policy.Findings) {
	return checkPolicyWith(file, data, t, policy.Options{}, nil)
}

// checkPolicyWith is checkPolicy validating with the refinements of o and,
// unless cat is nil, the findings of package lint with catalog cat.
func checkPolicyWith(file string, data []byte, t policy.Type, o policy.Options, cat *catalog.Catalog) (*policy.Policy, policy.Findings) {
	var parsed policy.Findings
	p, err := policy.ParseFile(file, data)
	if err != nil {
		var fs policy.Findings
		if errors.As(err, &fs) {
			parsed = fs
		} else {
			parsed = policy.Findings{{Code: policy.CodeSyntax, Severity: policy.Error, Message: err.Error()}}
		}
	}
	return checkParsed(file, p, parsed, t, o, cat)
}

// checkParsed is checkPolicyWith for a policy already parsed from file,
// with the findings parsed of its parse.
func checkParsed(file string, p *policy.Policy, parsed policy.Findings, t policy.Type, o policy.Options, cat *catalog.Catalog) (*policy.Policy, policy.Findings) {
	out := append(policy.Findings(nil), parsed...)
	if p != nil {
		for _, f := range p.ValidateWith(t, o) {
			if !containsFinding(out, f) {
				out = append(out, f)
			}
		}
		if cat != nil && !out.HasErrors() {
			out = append(out, lint.Check(p, t, cat)...)
		}
	}
	for i := range out {
		if out[i].Pos.File == "" {
			out[i].Pos.File = file
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return p, out
}

// withFix is the message of f followed by its fix, if any.
func withFix(f policy.Finding) string {
	if f.Fix == "" {
		return f.Message
	}
	return f.Message + " (fix: " + f.Fix + ")"
}

func containsFinding(fs policy.Findings, f policy.Finding) bool {
	for _, g := range fs {
		if g.Code == f.Code && g.Pos == f.Pos && g.Message == f.Message {
			return true
		}
	}
	return false
}

// jsonFinding is one finding of `validate --format json`.
type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Pointer  string `json:"pointer"`
	Fix      string `json:"fix,omitempty"`
}

// validateJSON lists the findings of a validate run, each file that could
// not be read first, as an error with code FILE_UNREADABLE.
func validateJSON(results []fileFindings, unreadable []readFailure) []jsonFinding {
	out := []jsonFinding{}
	for _, u := range unreadable {
		out = append(out, jsonFinding{File: u.file, Severity: "error", Code: ruleFileUnreadable, Message: u.reason()})
	}
	for _, r := range results {
		for _, f := range r.findings {
			out = append(out, jsonFinding{
				File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column, Severity: f.Severity.String(),
				Code: string(f.Code), Message: f.Message, Pointer: f.Pointer, Fix: f.Fix,
			})
		}
	}
	return out
}

// readFailure is an input file that could not be read.
type readFailure struct {
	file string
	err  error
}

func (u readFailure) message() string { return u.file + ": " + u.reason() }

// reason is the message without the file name: "cannot read: REASON".
func (u readFailure) reason() string {
	var pe *os.PathError
	if errors.As(u.err, &pe) {
		return fmt.Sprintf("cannot read: %v", pe.Err)
	}
	return fmt.Sprintf("cannot read: %v", u.err)
}

// sarifItem is the SARIF result of the file that could not be read.
func (u readFailure) sarifItem() sarifItem { return unusableFile(u.file, u.message()) }

// unusableFile is the SARIF result of an input file that could not be
// read or used, with the message that says why.
func unusableFile(file, msg string) sarifItem {
	return sarifItem{rule: ruleFileUnreadable, level: "error", message: msg, at: policy.Position{File: file}, input: true}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeJSON writes v indented, with a final newline. Marshalling the
// program's own types cannot fail; if it ever did, run would report it as an
// internal error (exit status 2) rather than leave the output silently empty.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("encoding JSON output: %v", err))
	}
}

var lineBreaks = strings.NewReplacer("\r", `\r`, "\n", `\n`)

// oneLine keeps a message on one line of text output, so that each finding
// stays one FILE:LINE:COL line.
func oneLine(s string) string { return lineBreaks.Replace(s) }
