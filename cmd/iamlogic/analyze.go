package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
	"github.com/iamlogic/iamlogic/source"
)

// exitUnknown is the status of diff, not-granted and public when the
// analysis could not decide (a budget ran out, or an unsupported feature).
const exitUnknown = 3

// analysisFlagsText ends the usage of diff, not-granted and public: the
// flags they share and their exit status.
const analysisFlagsText = `  --format FORMAT        text (default), json, github (workflow commands, then the text) or
                         sarif (SARIF 2.1.0: a FAIL is a result at the statement that allows
                         the witness, an UNKNOWN a warning at the policy file)
  --max-evaluations N    the budget of request points (default 1000000)

` + analysisExitText

const analysisExitText = `Exit status:
  0  PASS: proved, under the assumptions the output lists
  1  FAIL: a witness request shows the access (replayed by the evaluator)
  2  bad usage, or a policy file cannot be read or is invalid
  3  UNKNOWN: the analysis could not decide (the reason is printed)
`

func diffUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic diff [--type TYPE] [--format text|json|github|sarif] [--max-evaluations N] REFERENCE CANDIDATE
       iamlogic diff --sets [--format text|json|github|sarif] [--max-evaluations N] REFERENCE-SET CANDIDATE-SET
       iamlogic diff [--format text|json|github|sarif] [--max-evaluations N] PLAN|-

Answers whether CANDIDATE allows a request that REFERENCE does not (IAM
Access Analyzer's CheckNoNewAccess), offline, for two policy documents of
TYPE (identity, resource, trust, boundary, session, scp, endpoint). For a
resource or trust policy the principal is part of the request space; for
an identity-based policy the caller is any user or role it is attached to.
Every witness is a complete request, replayed through the evaluator, shown
with the decision and the deciding statements on each side.

A policy argument is a loose policy file, "-" (standard input), or a
CloudFormation template or Terraform plan holding one policy;
FILE#ADDRESS names one of several (FILE#AppRole.AssumeRolePolicyDocument,
FILE#aws_iam_role.app.assume_role_policy). A policy of a template or plan
is compared as the type its resource implies, whatever --type says.

With one Terraform plan (terraform show -json; "-" reads it from standard
input, as in terraform show -json plan.out | iamlogic diff -), diff
compares the before and after of every policy the plan creates, updates,
replaces or deletes, as the type its resource implies, and prints one
answer per address:
"ADDRESS (ACTIONS, TYPE policy): PASS|FAIL|UNKNOWN|INVALID: ...". A created
policy is compared with no policy at all (all it allows is new access); a
deleted one allows nothing. An answer that rests on a value known only
after apply is UNKNOWN and names it. Standard error gets "N policies
changed: ..."; the exit status is 1 if any answer is FAIL, else 2 if any is
INVALID (its errors are on standard error), else 3 if any is UNKNOWN.

Flags:
  --type TYPE            the policy type of loose policy files (required for them)
  --sets                 compare two policy-set files: each a JSON object with the policy
                         keys of an access-test case ("identityPolicies", "resourcePolicy"
                         or "trustPolicy", "permissionsBoundary", "sessionPolicy", "scps",
                         "rcps", "endpointPolicies"; paths relative to the file), the
                         whole chain that decides a request (a boundary added, an SCP
                         level added, ...)
`+analysisFlagsText)
}

func notGrantedUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic not-granted [--type TYPE] [--format text|json|github|sarif] --action A [--action B ...] [--resource R ...] POLICY

Answers whether POLICY never allows one of the actions (on one of the
resources, when given) for any principal and context its type admits (IAM
Access Analyzer's CheckAccessNotGranted). Actions and resources may hold
wildcards. POLICY is a loose policy file, "-", or a template or plan
holding one policy (FILE#ADDRESS names one of several), which is checked
as the type its resource implies.

Flags:
  --type TYPE            the policy type of a loose policy file (required for it)
  --action A             an action; repeat for more (at least one)
  --resource R           a resource ARN; repeat for more (default: any)
`+analysisFlagsText)
}

func publicUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic public [--format text|json|github|sarif] POLICY

Answers whether the resource-based POLICY can allow a caller outside the
resource's account and organization, or an anonymous one, in any context
(IAM Access Analyzer's CheckNoPublicAccess). Fixed values of aws:SourceIp,
aws:SourceVpc(e), aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID,
aws:PrincipalAccount, aws:PrincipalArn, ... narrow access; wildcards do not.
PASS means not public. POLICY is a loose policy file, "-", or a template or
plan holding one resource-based policy (FILE#ADDRESS names one of several).

Flags:
`+analysisFlagsText)
}

// analysisFlags are the flags diff, not-granted and public share.
type analysisFlags struct {
	cmd     string
	fs      *flag.FlagSet
	typ     string
	format  *choiceFlag
	maxEval *int
}

// newAnalysisFlags defines the shared flags of cmd; --type when withType.
func newAnalysisFlags(cmd string, withType bool) *analysisFlags {
	f := &analysisFlags{cmd: cmd, fs: newFlagSet(cmd), format: &choiceFlag{value: "text", choices: analysisFormats}}
	if withType {
		f.fs.Var(once(&f.typ), "type", "policy type")
	}
	f.fs.Var(f.format, "format", "output format")
	f.maxEval = f.fs.Int("max-evaluations", 0, "budget")
	return f
}

// options are the analysis options for the policies ps: the budget, and
// the catalog's actions that their Action entries name.
func (f *analysisFlags) options(ps ...*policy.Policy) analysis.Options {
	return analysis.Options{MaxEvaluations: *f.maxEval, Actions: catalogActions(ps...)}
}

// maxWitnessActions bounds the catalog actions given to an analysis.
const maxWitnessActions = 4096

// catalogActions returns the catalog's actions that the Action entries of
// ps name (not "*", nor NotAction entries), so that a witness names a real
// action, "s3:GetObject" rather than a made-up "s3:get". The proof does not
// depend on them (analysis.Options.Actions).
func catalogActions(ps ...*policy.Policy) []string {
	cat := catalog.Default()
	var out []string
	seen := map[string]bool{}
	for _, p := range ps {
		if p == nil {
			continue
		}
		for _, st := range p.Statements {
			if st.ActionsNegated {
				continue
			}
			for _, it := range st.Actions {
				if it.Value == "*" || seen[it.Value] {
					continue
				}
				seen[it.Value] = true
				for _, a := range cat.Expand(it.Value) {
					if len(out) == maxWitnessActions {
						return out
					}
					out = append(out, a.String())
				}
			}
		}
	}
	return out
}

// sideUnknowns are the values not known offline of one side of an
// analysis ("the candidate"), for nameUnknowns.
type sideUnknowns struct {
	side     string
	unknowns []source.Placeholder
}

// answer reports the analysis's answer a (or its error) in the chosen
// format, naming the values not known offline of each side.
func (f *analysisFlags) answer(stdout, stderr io.Writer, a analysis.Answer, err error, chk analysisCheck, sides ...sideUnknowns) int {
	if err != nil {
		fmt.Fprintf(stderr, "iamlogic %s: %v\n", f.cmd, err)
		return exitUsage
	}
	for _, s := range sides {
		nameUnknowns(&a, s.side, s.unknowns)
	}
	chk.cmd = f.cmd
	return report(stdout, f.format.value, a, chk)
}

func runDiff(args []string, stdout, stderr io.Writer) int {
	f := newAnalysisFlags("diff", true)
	sets := f.fs.Bool("sets", false, "compare two policy-set files")
	files, code, done := parseArgs(f.fs, args, stdout, stderr, diffUsage)
	if done {
		return code
	}
	if *sets {
		return diffSets(f, files, stdout, stderr)
	}
	if len(files) == 1 && isPlan(files[0]) {
		return runPlanDiff(stdout, stderr, files[0], f.format.value, f.options())
	}
	t, ok := typeFlag(stderr, "diff", f.typ)
	if !ok {
		return exitUsage
	}
	if len(files) != 2 {
		fmt.Fprintf(stderr, "iamlogic diff: want REFERENCE and CANDIDATE, got %d file(s)\nUsage: iamlogic diff --type TYPE [--format text|json|github|sarif] REFERENCE CANDIDATE\n", len(files))
		return exitUsage
	}
	ref, ok := f.load(stdout, stderr, files[0], t)
	if !ok {
		return exitUsage
	}
	cand, ok := f.load(stdout, stderr, files[1], t)
	if !ok {
		return exitUsage
	}
	if ref.typ != cand.typ {
		fmt.Fprintf(stderr, "iamlogic diff: %s is a %s policy and %s a %s policy; compare two policies of one type\n", text.Quote(files[0]), ref.typ, text.Quote(files[1]), cand.typ)
		return exitUsage
	}
	a, err := analysis.Compare(ref.typ, ref.p, cand.p, f.options(ref.p, cand.p))
	return f.answer(stdout, stderr, a, err, analysisCheck{rule: ruleNewAccess, file: cand.file,
		pass: "the candidate allows no request the reference denies", fail: "the candidate allows requests the reference denies"},
		sideUnknowns{"the reference", ref.unknowns}, sideUnknowns{"the candidate", cand.unknowns})
}

// diffSets is diff --sets: two policy-set files, compared whole
// (analysis.CompareSets).
func diffSets(f *analysisFlags, files []string, stdout, stderr io.Writer) int {
	if len(files) != 2 || f.typ != "" {
		fmt.Fprintf(stderr, "iamlogic diff: --sets compares two policy-set files (REFERENCE CANDIDATE), without --type; got %d file(s)\n", len(files))
		return exitUsage
	}
	var ps [2]evaluator.Policies
	for i, file := range files {
		set, err := accesstest.ReadSetFile(file)
		if err != nil {
			msg := oneLine(err.Error())
			fmt.Fprintf(stderr, "iamlogic diff: %s\n", msg)
			writeInputProblems(stdout, "diff", f.format.value, []sarifItem{unusableFile(file, msg)})
			return exitUsage
		}
		ps[i] = set
	}
	opts := f.options(append(setPolicies(ps[0]), setPolicies(ps[1])...)...)
	a, err := analysis.CompareSets(ps[0], ps[1], opts)
	return f.answer(stdout, stderr, a, err, analysisCheck{rule: ruleNewAccess, file: files[1],
		pass: "the candidate set allows no request the reference set denies", fail: "the candidate set allows requests the reference set denies"})
}

// setPolicies lists every policy of a set.
func setPolicies(s evaluator.Policies) []*policy.Policy {
	ps := append(slices.Clone(s.Identity), s.Resource, s.Boundary)
	ps = append(ps, s.Session...)
	for _, lv := range append(slices.Clone(s.SCPs), s.RCPs...) {
		ps = append(ps, lv...)
	}
	return append(ps, s.Endpoints...)
}

func runNotGranted(args []string, stdout, stderr io.Writer) int {
	f := newAnalysisFlags("not-granted", true)
	var actions, resources listFlag
	f.fs.Var(&actions, "action", "action")
	f.fs.Var(&resources, "resource", "resource")
	files, code, done := parseArgs(f.fs, args, stdout, stderr, notGrantedUsage)
	if done {
		return code
	}
	t, ok := typeFlag(stderr, "not-granted", f.typ)
	if !ok {
		return exitUsage
	}
	if len(actions) == 0 {
		fmt.Fprintf(stderr, "iamlogic not-granted: at least one --action is required\n")
		return exitUsage
	}
	l, ok := f.loadOne(stdout, stderr, files, t)
	if !ok {
		return exitUsage
	}
	a, err := analysis.NotGranted(l.typ, l.p, actions, resources, f.options(l.p))
	return f.answer(stdout, stderr, a, err, analysisCheck{rule: ruleAccessGranted, file: l.file,
		pass: "no request for these actions is ever allowed", fail: "a request for these actions is allowed"},
		sideUnknowns{"the policy", l.unknowns})
}

func runPublic(args []string, stdout, stderr io.Writer) int {
	f := newAnalysisFlags("public", false)
	files, code, done := parseArgs(f.fs, args, stdout, stderr, publicUsage)
	if done {
		return code
	}
	l, ok := f.loadOne(stdout, stderr, files, policy.TypeResource)
	if !ok {
		return exitUsage
	}
	if l.typ != policy.TypeResource {
		fmt.Fprintf(stderr, "iamlogic public: %s is a %s policy; public checks a resource-based policy\n", text.Quote(files[0]), l.typ)
		return exitUsage
	}
	a, err := analysis.Public(l.p, f.options(l.p))
	return f.answer(stdout, stderr, a, err, analysisCheck{rule: rulePublicAccess, file: l.file,
		pass: "not public: no outside or anonymous caller is allowed", fail: "public: an outside or anonymous caller is allowed"},
		sideUnknowns{"the policy", l.unknowns})
}

// loadOne is load for a command that takes exactly one POLICY.
func (f *analysisFlags) loadOne(stdout, stderr io.Writer, files []string, t policy.Type) (loaded, bool) {
	if len(files) != 1 {
		fmt.Fprintf(stderr, "iamlogic %s: want one POLICY file, got %d\n", f.cmd, len(files))
		return loaded{}, false
	}
	return f.load(stdout, stderr, files[0], t)
}

// load is loadChecked for an analysis command: a policy file that cannot
// be used is also reported in the format the command writes, when that is
// a format CI reads (sarif, github), so that the failed job's annotations
// or code-scanning view say which file and why, not only its log.
func (f *analysisFlags) load(stdout, stderr io.Writer, file string, t policy.Type) (loaded, bool) {
	l, problems, ok := loadChecked(stderr, f.cmd, file, t)
	if !ok {
		writeInputProblems(stdout, f.cmd, f.format.value, problems)
	}
	return l, ok
}

// writeInputProblems reports the input files that stopped command cmd in
// format, for the formats CI reads: a SARIF log whose results are the
// problems and whose invocation did not succeed, or GitHub annotations.
// Text and JSON leave them to standard error. With no problems (a usage
// error) it writes nothing.
func writeInputProblems(w io.Writer, cmd, format string, problems []sarifItem) {
	if len(problems) == 0 {
		return
	}
	switch format {
	case "sarif":
		writeSARIF(w, problems, sources{})
	case "github":
		for _, it := range problems {
			githubAnnotation{level: githubLevel(it.level), at: it.at, title: "iamlogic " + cmd + ": " + it.rule, message: it.message}.write(w)
		}
	}
}

// typeFlag parses the value of --type; "" (not given) is returned as is,
// for a command whose policies are all in templates or plans.
func typeFlag(stderr io.Writer, cmd, s string) (policy.Type, bool) {
	if s == "" {
		return "", true
	}
	t, err := policy.ParseType(s)
	if err != nil {
		fmt.Fprintf(stderr, "iamlogic %s: --type: %v\n", cmd, err)
		return "", false
	}
	return t, true
}

// loaded is a policy argument read and validated: the policy, the type it
// was checked as, and its values not known offline.
type loaded struct {
	p        *policy.Policy
	typ      policy.Type
	unknowns []source.Placeholder
	file     string // the file it was read from, for results without a statement
}

// loadChecked reads and validates one policy argument: a loose policy
// file as type t (--type, required for it), or the one document of a
// template or plan (FILE#ADDRESS names one of several) as the type its
// container implies. It writes its errors.
//
// When the file cannot be used it returns what is wrong as problems, for
// the report formats (writeInputProblems), having written it to stderr.
func loadChecked(stderr io.Writer, cmd, file string, t policy.Type) (l loaded, problems []sarifItem, ok bool) {
	in, err := readSelected(file)
	if err != nil {
		fmt.Fprintf(stderr, "iamlogic %s: %v\n", cmd, err)
		return loaded{}, []sarifItem{readFailure{file: file, err: err}.sarifItem()}, false
	}
	unusable := func(msg string) (loaded, []sarifItem, bool) {
		fmt.Fprintf(stderr, "iamlogic %s: %s\n", cmd, msg)
		return loaded{}, []sarifItem{unusableFile(in.name, msg)}, false
	}
	switch {
	case in.err != nil:
		return unusable(oneLine(in.err.Error()))
	case len(in.docs) != 1:
		return unusable(fmt.Sprintf("%s holds %d policy documents (%s); name one as FILE#ADDRESS", text.Quote(in.name), len(in.docs), addresses(in.docs)))
	}
	d := in.docs[0]
	dt := docType(d, t)
	if dt == "" {
		fmt.Fprintf(stderr, "iamlogic %s: --type is required\n", cmd)
		return loaded{}, nil, false
	}
	p, findings := checkDocument(d, dt, policy.Options{}, nil)
	if findings.HasErrors() || p == nil {
		for _, f := range findings.Errors() {
			fmt.Fprintf(stderr, "%s: %s: %s [%s]\n", f.Pos, f.Severity, oneLine(f.Message), f.Code)
			problems = append(problems, sarifItem{rule: string(f.Code), level: "error", message: withFix(f), at: f.Pos, input: true})
		}
		msg := fmt.Sprintf("%s is not a valid %s policy", text.Quote(d.Name()), dt)
		fmt.Fprintf(stderr, "iamlogic %s: %s\n", cmd, msg)
		if len(problems) == 0 {
			problems = append(problems, unusableFile(d.File, msg))
		}
		return loaded{}, problems, false
	}
	return loaded{p: p, typ: dt, unknowns: d.Placeholders, file: d.File}, nil, true
}

// analysisFormats are the output formats of diff, not-granted and public.
var analysisFormats = []string{"text", "json", "github", "sarif"}

// analysisCheck says what an analysis command checked, for its report.
type analysisCheck struct {
	cmd  string // the subcommand
	rule string // the rule id of a FAIL
	file string // the policy a result without a statement points at (diff: the candidate)
	pass string // the verdict line of a PASS, after "PASS: "
	fail string // the verdict line of a FAIL, after "FAIL: "
}

func report(w io.Writer, format string, a analysis.Answer, chk analysisCheck) int {
	code := exitUnknown
	switch a.Verdict {
	case analysis.Pass:
		code = exitOK
	case analysis.Fail:
		code = exitFailure
	}
	switch format {
	case "json":
		writeJSON(w, newJSONAnswer(a))
		return code
	case "sarif":
		writeSARIF(w, analysisItems(a, chk), sources{})
		return code
	case "github":
		for _, it := range analysisItems(a, chk) {
			githubAnnotation{level: githubLevel(it.level), at: it.at, title: "iamlogic " + chk.cmd + ": " + it.rule, message: it.message}.write(w)
		}
	}
	switch a.Verdict {
	case analysis.Pass:
		fmt.Fprintf(w, "PASS: %s (%d requests evaluated)\n", chk.pass, a.Stats.Points)
	case analysis.Fail:
		fmt.Fprintf(w, "FAIL: %s\n", chk.fail)
	default:
		fmt.Fprintf(w, "UNKNOWN: %s\n", oneLine(a.Reason))
	}
	for i, wt := range a.Witnesses {
		writeWitness(w, i, wt)
	}
	if a.Verdict == analysis.Pass {
		fmt.Fprintf(w, "assuming:\n")
		for _, s := range a.Assumptions {
			fmt.Fprintf(w, "  - %s\n", s)
		}
	}
	return code
}

// writeWitness writes witness i of an answer: the request, then the
// decision with its deciding statements (on each side, for diff).
func writeWitness(w io.Writer, i int, wt analysis.Witness) {
	fmt.Fprintf(w, "witness %d:\n", i+1)
	for _, l := range requestLines(wt.Request) {
		fmt.Fprintf(w, "  %s\n", l)
	}
	if wt.Reference != nil {
		writeOutcome(w, "reference", *wt.Reference)
		writeOutcome(w, "candidate", wt.Outcome)
	} else {
		writeOutcome(w, "decision", wt.Outcome)
	}
}

// analysisItems are the results of an answer for SARIF and GitHub: for a
// FAIL, one per witness at the first Allow statement that decided it (the
// statement that grants the access), with the witness in the message; for
// an UNKNOWN, one warning at the policy file. A PASS has none.
func analysisItems(a analysis.Answer, chk analysisCheck) []sarifItem {
	var items []sarifItem
	switch a.Verdict {
	case analysis.Fail:
		for i, wt := range a.Witnesses {
			at := policy.Position{File: chk.file}
			for _, d := range wt.Outcome.Deciding {
				if d.Effect == "Allow" && d.Pos.File != "" {
					at = d.Pos
					break
				}
			}
			var b strings.Builder
			b.WriteString(chk.fail + "\n")
			writeWitness(&b, i, wt)
			items = append(items, sarifItem{rule: chk.rule, level: "error", at: at, message: strings.TrimSuffix(b.String(), "\n")})
		}
	case analysis.Unknown:
		items = append(items, sarifItem{rule: ruleAnalysisUnknown, level: "warning", at: policy.Position{File: chk.file},
			message: "UNKNOWN: " + a.Reason})
	}
	return items
}

func writeOutcome(w io.Writer, side string, o analysis.Outcome) {
	fmt.Fprintf(w, "  %s: %s (%s)\n", side, o.Decision, o.Reason)
	for _, d := range o.Deciding {
		fmt.Fprintf(w, "    %s\n", statementLine(d))
	}
}

func requestLines(r evaluator.Request) []string {
	principal := r.Principal
	if principal == "" {
		principal = "anonymous"
	}
	out := []string{
		"principal: " + text.Quote(principal),
	}
	if r.SessionIssuer != "" {
		out = append(out, "session issuer: "+text.Quote(r.SessionIssuer))
	}
	out = append(out, "action: "+text.Quote(r.Action), "resource: "+text.Quote(r.Resource))
	if r.ResourceAccount != "" {
		out = append(out, "resource account: "+r.ResourceAccount)
	}
	if r.PrincipalOrgID != "" {
		out = append(out, "principal org: "+text.Quote(r.PrincipalOrgID))
	}
	if r.ResourceOrgID != "" {
		out = append(out, "resource org: "+text.Quote(r.ResourceOrgID))
	}
	if !r.Time.IsZero() {
		out = append(out, "time: "+r.Time.UTC().Format("2006-01-02T15:04:05Z"))
	}
	for _, k := range sortedKeys(r.Context) {
		v, _ := r.Context.Lookup(k)
		out = append(out, "context: "+k+"="+valueText(v))
	}
	for _, k := range sortedKeys(r.PrincipalTags) {
		v, _ := r.PrincipalTags.Lookup(k)
		out = append(out, "principal tag: "+k+"="+valueText(v))
	}
	return out
}

func sortedKeys(c conditions.Context) []string {
	ks := c.Keys()
	sort.Strings(ks)
	return ks
}

func valueText(v conditions.Value) string {
	var q []string
	for _, s := range v.Values() {
		q = append(q, text.Quote(s))
	}
	if v.IsMulti() {
		return "[" + strings.Join(q, ", ") + "]"
	}
	return strings.Join(q, "")
}

type jsonAnswer struct {
	Result      string        `json:"result"`
	Reason      string        `json:"reason,omitempty"`
	Witnesses   []jsonWitness `json:"witnesses"`
	Assumptions []string      `json:"assumptions"`
	Evaluated   int           `json:"evaluated"`
}

type jsonWitness struct {
	Request           jsonRequest     `json:"request"`
	Reference         string          `json:"reference,omitempty"`
	ReferenceReason   string          `json:"referenceReason,omitempty"`
	ReferenceDeciding []jsonStatement `json:"referenceDeciding,omitempty"`
	Candidate         string          `json:"candidate"`
	CandidateReason   string          `json:"candidateReason"`
	CandidateDeciding []jsonStatement `json:"candidateDeciding"`
}

type jsonRequest struct {
	Principal       string              `json:"principal"`
	SessionIssuer   string              `json:"sessionIssuer,omitempty"`
	Action          string              `json:"action"`
	Resource        string              `json:"resource"`
	ResourceAccount string              `json:"resourceAccount,omitempty"`
	PrincipalOrgID  string              `json:"principalOrgId,omitempty"`
	ResourceOrgID   string              `json:"resourceOrgId,omitempty"`
	Time            string              `json:"time,omitempty"`
	Context         map[string][]string `json:"context,omitempty"`
	PrincipalTags   map[string][]string `json:"principalTags,omitempty"`
}

func contextJSON(c conditions.Context) map[string][]string {
	if c.Len() == 0 {
		return nil
	}
	m := map[string][]string{}
	for _, k := range c.Keys() {
		v, _ := c.Lookup(k)
		m[k] = append([]string{}, v.Values()...)
	}
	return m
}

func statementsJSON(refs []evaluator.StatementRef) []jsonStatement {
	out := []jsonStatement{}
	for _, r := range refs {
		out = append(out, newJSONStatement(r))
	}
	return out
}

func newJSONRequest(r evaluator.Request) jsonRequest {
	jr := jsonRequest{Principal: r.Principal, SessionIssuer: r.SessionIssuer, Action: r.Action, Resource: r.Resource,
		ResourceAccount: r.ResourceAccount, PrincipalOrgID: r.PrincipalOrgID, ResourceOrgID: r.ResourceOrgID,
		Context: contextJSON(r.Context), PrincipalTags: contextJSON(r.PrincipalTags)}
	if jr.Principal == "" {
		jr.Principal = "anonymous"
	}
	if !r.Time.IsZero() {
		jr.Time = r.Time.UTC().Format("2006-01-02T15:04:05Z")
	}
	return jr
}

func newJSONAnswer(a analysis.Answer) jsonAnswer {
	j := jsonAnswer{Result: a.Verdict.String(), Reason: a.Reason, Witnesses: []jsonWitness{}, Assumptions: nonNil(a.Assumptions), Evaluated: a.Stats.Points}
	for _, w := range a.Witnesses {
		jw := jsonWitness{Request: newJSONRequest(w.Request), Candidate: w.Outcome.Decision.String(), CandidateReason: w.Outcome.Reason.String(), CandidateDeciding: statementsJSON(w.Outcome.Deciding)}
		if w.Reference != nil {
			jw.Reference = w.Reference.Decision.String()
			jw.ReferenceReason = w.Reference.Reason.String()
			jw.ReferenceDeciding = statementsJSON(w.Reference.Deciding)
		}
		j.Witnesses = append(j.Witnesses, jw)
	}
	return j
}
