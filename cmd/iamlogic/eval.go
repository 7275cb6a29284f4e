package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/internal/text"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

func evalUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic eval --action ACTION --resource ARN [request flags] [policy flags] [--json] [--expect DECISION] [--strict] [--open KEY ...]

Decides one request against the policies given in files and prints the
decision, its reason and the statements that decided it (FILE:LINE:COL Sid),
then what the decision did not know for certain:
  assumed: ASSUMPTION; ...          keys AWS always sets that the request did not give
                                    (aws:SecureTransport defaulted to true, ...)
  undocumented: NAME (READING)      a behaviour AWS does not document that the decision
                                    relied on, and the reading taken, which denies: on
                                    AWS the request might be allowed (one line each)
  missing context keys: "KEY", ...  condition keys that statements which matched the
                                    request test and the request lacks

Request:
  --principal ARN            the caller, one of:
                               arn:aws:iam::111122223333:user/NAME            an IAM user
                               arn:aws:sts::111122223333:assumed-role/ROLE/S  a role session (see --session-issuer)
                               arn:aws:iam::111122223333:role/ROLE            read as a session of that role
                               arn:aws:sts::111122223333:federated-user/NAME  a GetFederationToken session
                               arn:aws:iam::111122223333:root                 the root user
                               lambda.amazonaws.com                           a service principal
                               federated:token.actions.githubusercontent.com  a web-identity (OIDC) caller, by the
                                                                              provider's host; it matches the provider
                                                                              ARN of the role's account
                               federated:arn:aws:iam::111122223333:saml-provider/NAME
                                                                              a SAML or OIDC provider, by its ARN
                               federated:accounts.google.com                  a provider AWS names without an ARN
                             omitted: an anonymous request
  --session-issuer ARN       for a role session, the role's ARN with its path
  --principal-account ID     the caller's account (default: from the principal ARN)
  --action SERVICE:ACTION    the action, e.g. s3:GetObject (required); a pattern
                             such as 's3:Get*' decides every action of the
                             catalog it covers, one line each: action, decision,
                             reason, the first deciding statement
  --resource ARN             the resource ARN, or * (required)
  --resource-account ID      the resource's account (default: from the resource ARN)
  --context KEY=VALUE        a request condition key; repeat the flag for more keys, and repeat
                             a key to make it multivalued: --context aws:TagKeys=a --context aws:TagKeys=b
  --context-multi KEY=VALUE  like --context, but the key is multivalued even with one value
  --time RFC3339             when the request is made, for aws:CurrentTime and aws:EpochTime
                             (default: now)
Environment:
  --management-account       the caller is in the organization's management account (SCPs do not apply)
  --resource-management-account
                             the resource is in the management account (RCPs do not apply)
  --service-linked-role      the caller is a service-linked role (SCPs and RCPs do not apply)
Policies (each flag names a policy file, "-", or a CloudFormation template or Terraform plan:
of those, every policy whose resource implies the flag's type (a role's trust policy for
--resource-policy, a managed policy for --boundary), or the one FILE#ADDRESS names):
  --identity FILE            an identity-based policy of the caller (repeatable)
  --resource-policy FILE     the resource-based policy (bucket, key, queue policy, or a role's trust policy)
  --trust                    validate the resource policy as a role trust policy; automatic for an
                             sts: action on a role ARN (the rule access-test files use)
  --boundary FILE            the caller's permissions boundary
  --session-policy FILE      a session policy (repeatable)
  --scp FILE[,FILE...]       the SCPs of one level of the caller's organization path, root first
                             (repeat the flag once per level; FullAWSAccess is not implied)
  --rcp FILE[,FILE...]       the RCPs of one level of the resource's path, root first
                             (RCPFullAWSAccess is implied at every level)
  --endpoint-policy FILE     a VPC endpoint policy the request passes through (repeatable)
Output:
  --json                     print one JSON object: {"decision", "reason", "blockedBy",
                             "deciding": [{file, line, column, sid, effect, policyType, statement}],
                             "applicable": [...], "notApplied": [{..., element, condition, message}],
                             "assumptions": [...], "undocumented": [NAME...], "missingKeys": [KEY...]}
  --expect DECISION          allowed, explicitDeny or implicitDeny: exit 1 when the decision differs
  --strict                   exit 1 when the decision assumed a key, relied on an undocumented
                             behaviour or tested a key the request lacks, and say so on standard
                             error: "iamlogic eval: strict: GAP; GAP" (the decision is printed as usual)
  -v                         for an implicit deny, also say why each statement of the blocking policies did not
                             apply: the action, the resource, the principal, or the condition clause
                             (operator, key, the request's values or "no value", the policy's values)
`+evalOpenText+`
Invalid policies are reported on standard error as FILE:LINE:COL: message [CODE].

Exit status:
  0  the request was decided (and matched --expect, if given)
  1  the decision differs from --expect, --strict found a gap, or a policy is invalid
  2  bad usage, an invalid request, or a policy file cannot be read
`+evalOpenExit)
}

// contextFlag collects --context and --context-multi values.
type contextFlag struct {
	keys  []string // in order of first appearance
	vals  map[string][]string
	multi map[string]bool
	force bool // this instance is --context-multi
	share *contextFlag
}

func newContextFlags() (single, multi *contextFlag) {
	c := &contextFlag{vals: map[string][]string{}, multi: map[string]bool{}}
	c.share = c
	return c, &contextFlag{force: true, share: c}
}

func (c *contextFlag) String() string { return "" }

func (c *contextFlag) repeatable() {}

func (c *contextFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("%q is not KEY=VALUE (for example aws:SourceIp=10.1.2.3)", s)
	}
	d := c.share
	if _, seen := d.vals[k]; !seen {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = append(d.vals[k], v)
	if c.force || len(d.vals[k]) > 1 {
		d.multi[k] = true
	}
	return nil
}

func (c *contextFlag) context() conditions.Context {
	if len(c.keys) == 0 {
		return conditions.Context{}
	}
	m := make(map[string]conditions.Value, len(c.keys))
	for _, k := range c.keys {
		if c.multi[k] {
			m[k] = conditions.Multi(c.vals[k]...)
		} else {
			m[k] = conditions.Single(c.vals[k][0])
		}
	}
	return conditions.NewContext(m)
}

// decisionFlag is --expect.
type decisionFlag struct {
	set bool
	d   evaluator.Decision
}

func (f *decisionFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return f.d.String()
}

func (f *decisionFlag) Set(s string) error {
	d, err := evaluator.ParseDecision(s)
	if err != nil {
		return fmt.Errorf("%q is not a decision: want allowed, explicitDeny or implicitDeny", s)
	}
	f.set, f.d = true, d
	return nil
}

// timeFlag is --time: an RFC 3339 time.
type timeFlag time.Time

func (f *timeFlag) String() string { return time.Time(*f).Format(time.RFC3339) }

func (f *timeFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("an RFC 3339 time such as 2026-12-01T21:00:00Z: %v", err)
	}
	*f = timeFlag(t)
	return nil
}

func runEval(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("eval")
	var (
		req             evaluator.Request
		files           evalFiles
		open            listFlag
		jsonOut, strict bool
		expect          decisionFlag
	)
	ctx, ctxMulti := newContextFlags()
	fs.Var(once(&req.Principal), "principal", "")
	fs.Var(once(&req.SessionIssuer), "session-issuer", "")
	fs.Var(once(&req.PrincipalAccount), "principal-account", "")
	fs.Var(once(&req.Action), "action", "")
	fs.Var(once(&req.Resource), "resource", "")
	fs.Var(once(&req.ResourceAccount), "resource-account", "")
	fs.Var(ctx, "context", "")
	fs.Var(ctxMulti, "context-multi", "")
	var at timeFlag
	fs.Var(&at, "time", "")
	fs.BoolVar(&req.Facts.PrincipalInManagementAccount, "management-account", false, "")
	fs.BoolVar(&req.Facts.ResourceInManagementAccount, "resource-management-account", false, "")
	fs.BoolVar(&req.Facts.PrincipalIsServiceLinkedRole, "service-linked-role", false, "")
	fs.Var(&files.identity, "identity", "")
	fs.Var(once(&files.resource), "resource-policy", "")
	fs.BoolVar(&files.trust, "trust", false, "")
	fs.Var(once(&files.boundary), "boundary", "")
	fs.Var(&files.session, "session-policy", "")
	fs.Var(&files.scps, "scp", "")
	fs.Var(&files.rcps, "rcp", "")
	fs.Var(&files.endpts, "endpoint-policy", "")
	fs.BoolVar(&jsonOut, "json", false, "")
	verbose := fs.Bool("v", false, "")
	fs.Var(&expect, "expect", "")
	fs.BoolVar(&strict, "strict", false, "")
	fs.Var(&open, "open", "")
	pos, code, done := parseArgs(fs, args, stdout, stderr, evalUsage)
	if done {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "iamlogic eval: unexpected argument %q: policies are given with flags such as --identity FILE\nRun 'iamlogic eval -h' for usage.\n", pos[0])
		return exitUsage
	}
	var missing []string
	if req.Action == "" {
		missing = append(missing, "--action")
	}
	if req.Resource == "" {
		missing = append(missing, "--resource")
	}
	if len(missing) > 0 {
		fmt.Fprintf(stderr, "iamlogic eval: %s required (for example --action s3:GetObject --resource arn:aws:s3:::bucket/key)\n", strings.Join(missing, " and "))
		return exitUsage
	}
	if len(open) > 0 && (expect.set || strict || *verbose || strings.ContainsAny(req.Action, "*?")) {
		fmt.Fprintf(stderr, "iamlogic eval: --open prints a residual, not one decision: it does not go with --expect, --strict, -v or an action pattern\n")
		return exitUsage
	}
	req.Context = ctx.context()
	req.Time = time.Time(at)
	if req.Time.IsZero() {
		req.Time = time.Now() // the evaluator never reads the clock
	}

	ps, code, ok := files.load(&req, stderr)
	if !ok {
		return code
	}
	set, err := evaluator.Compile(ps)
	if err != nil {
		writeCompileError(stderr, err)
		return exitFailure
	}
	if len(open) > 0 {
		return evalOpen(ps, req, open, jsonOut, stdout, stderr)
	}
	if strings.ContainsAny(req.Action, "*?") {
		return evalPattern(set, req, jsonOut, strict, expect, stdout, stderr)
	}
	res := set.Explain(req)
	if res.Err != nil {
		fmt.Fprintf(stderr, "iamlogic eval: cannot evaluate the request: %v\n", res.Err)
		return exitUsage
	}
	if jsonOut {
		writeJSON(stdout, newJSONResult(res))
	} else {
		fmt.Fprintf(stdout, "decision: %s\n", res.Decision)
		writeResultDetails(stdout, res, "", *verbose)
		writeGapDetails(stdout, res, "")
	}
	code = exitOK
	if expect.set && res.Decision != expect.d {
		fmt.Fprintf(stderr, "iamlogic eval: expected %s, got %s\n", expect.d, res.Decision)
		code = exitFailure
	}
	if g := gaps(res); strict && len(g) > 0 {
		fmt.Fprintf(stderr, "iamlogic eval: strict: %s\n", oneLine(strings.Join(g, "; ")))
		code = exitFailure
	}
	return code
}

// evalFiles are the policy files of eval's flags.
type evalFiles struct {
	identity, session, scps, rcps, endpts listFlag
	resource, boundary                    string
	trust                                 bool
}

// load reads and checks every policy, so that all unreadable and invalid
// files are reported at once; the resource policy is a trust policy for
// --trust and for a trust request.
func (f *evalFiles) load(req *evaluator.Request, stderr io.Writer) (evaluator.Policies, int, bool) {
	l := newLoader()
	var ps evaluator.Policies
	for _, file := range f.identity {
		got, _ := l.loadAll(file, evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1, Index: len(ps.Identity)})
		ps.Identity = append(ps.Identity, got...)
	}
	if f.resource != "" {
		ps.ResourceType = policy.TypeResource
		if f.trust || evaluator.IsTrustRequest(req) {
			ps.ResourceType = policy.TypeTrust
		}
		ps.Resource, ps.ResourceType = l.loadTyped(f.resource, evaluator.PolicyRef{Type: ps.ResourceType, Level: -1})
	}
	if f.boundary != "" {
		ps.Boundary = l.load(f.boundary, evaluator.PolicyRef{Type: policy.TypeBoundary, Level: -1})
	}
	for _, file := range f.session {
		got, _ := l.loadAll(file, evaluator.PolicyRef{Type: policy.TypeSession, Level: -1, Index: len(ps.Session)})
		ps.Session = append(ps.Session, got...)
	}
	var err error
	if ps.SCPs, err = l.levels("--scp", f.scps, policy.TypeSCP); err != nil {
		fmt.Fprintf(stderr, "iamlogic eval: %v\n", err)
		return ps, exitUsage, false
	}
	if ps.RCPs, err = l.levels("--rcp", f.rcps, policy.TypeRCP); err != nil {
		fmt.Fprintf(stderr, "iamlogic eval: %v\n", err)
		return ps, exitUsage, false
	}
	for _, file := range f.endpts {
		got, _ := l.loadAll(file, evaluator.PolicyRef{Type: policy.TypeEndpoint, Level: -1, Index: len(ps.Endpoints)})
		ps.Endpoints = append(ps.Endpoints, got...)
	}
	code, ok := l.report(stderr)
	return ps, code, ok
}

// evalPattern decides req once for every action of the catalog that its
// action pattern covers, and writes one line (or JSON object) per action.
func evalPattern(set *evaluator.Set, req evaluator.Request, jsonOut, strict bool, expect decisionFlag, stdout, stderr io.Writer) int {
	c := catalog.Default()
	actions := c.Expand(req.Action)
	if len(actions) == 0 {
		fmt.Fprintf(stderr, "iamlogic eval: --action %s covers no action of the catalog%s\n", text.Quote(req.Action), didYouMean(c, req.Action))
		return exitUsage
	}
	type line struct {
		Action string `json:"action"`
		jsonResult
	}
	var out []line
	code := exitOK
	var unexpected, withGaps []string
	for _, a := range actions {
		r := req
		r.Action = a.String()
		res := set.Explain(r)
		if res.Err != nil {
			fmt.Fprintf(stderr, "iamlogic eval: cannot evaluate %s: %v\n", r.Action, res.Err)
			return exitUsage
		}
		if expect.set && res.Decision != expect.d {
			unexpected = append(unexpected, r.Action)
		}
		if len(gaps(res)) > 0 {
			withGaps = append(withGaps, r.Action)
		}
		if jsonOut {
			out = append(out, line{Action: r.Action, jsonResult: newJSONResult(res)})
			continue
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s", r.Action, res.Decision, res.Reason)
		if res.Explanation != nil && len(res.Explanation.Deciding) > 0 {
			fmt.Fprintf(stdout, "\t%s", statementLine(res.Explanation.Deciding[0]))
			if n := len(res.Explanation.Deciding); n > 1 {
				fmt.Fprintf(stdout, " and %d more", n-1)
			}
		}
		fmt.Fprintln(stdout)
	}
	if jsonOut {
		writeJSON(stdout, struct {
			Pattern string `json:"pattern"`
			Actions []line `json:"actions"`
		}{req.Action, out})
	}
	if len(unexpected) > 0 {
		fmt.Fprintf(stderr, "iamlogic eval: expected %s, got another decision for %s\n", expect.d, strings.Join(unexpected, ", "))
		code = exitFailure
	}
	if strict && len(withGaps) > 0 {
		fmt.Fprintf(stderr, "iamlogic eval: strict: the decisions of %s have gaps (run eval on one action to see them)\n", strings.Join(withGaps, ", "))
		code = exitFailure
	}
	return code
}

// loader reads policy files, remembering every file that cannot be read or
// is invalid.
type loader struct {
	unreadable []readFailure
	invalid    []invalidPolicy
	other      []string // files that hold no usable document
}

type invalidPolicy struct {
	file string
	typ  policy.Type
	err  error // usually policy.Findings
}

func newLoader() *loader { return &loader{} }

// load reads and checks the policy argument file for ref (see loadAll),
// which must hold one policy. It returns nil when the file cannot be read
// or the policy is invalid; l.report says so.
func (l *loader) load(file string, ref evaluator.PolicyRef) *policy.Policy {
	p, _ := l.loadTyped(file, ref)
	return p
}

// loadTyped is load that also returns the type the policy was checked as.
func (l *loader) loadTyped(file string, ref evaluator.PolicyRef) (*policy.Policy, policy.Type) {
	ps, ts := l.loadAll(file, ref)
	if len(ps) > 1 {
		l.other = append(l.other, fmt.Sprintf("%s holds %d %s policies; name one as FILE#ADDRESS", text.Quote(file), len(ps), ref.Type))
		return nil, ""
	}
	if len(ps) == 0 {
		return nil, ""
	}
	return ps[0], ts[0]
}

// loadAll reads and checks the policy argument file for ref: a loose
// policy file, checked as ref's type; the documents of a template or plan
// that can play ref's part (fits), each checked as the type its container
// implies; or the one document FILE#ADDRESS names, checked as ref's type.
// It returns nothing when the file cannot be read or a policy is invalid;
// l.report says so.
func (l *loader) loadAll(file string, ref evaluator.PolicyRef) ([]*policy.Policy, []policy.Type) {
	in, err := readSelected(file)
	if err != nil {
		l.unreadable = append(l.unreadable, readFailure{file: file, err: err})
		return nil, nil
	}
	if in.err != nil {
		l.other = append(l.other, oneLine(in.err.Error()))
		return nil, nil
	}
	selected := strings.Contains(file, "#") && len(in.docs) == 1 && in.docs[0].Address != ""
	var ps []*policy.Policy
	var ts []policy.Type
	for _, d := range in.docs {
		t := docType(d, ref.Type)
		if selected {
			t = ref.Type
		} else if !fits(t, ref.Type) {
			continue
		}
		p, findings := checkDocument(d, t, policy.Options{}, nil)
		if findings.HasErrors() || p == nil {
			l.invalid = append(l.invalid, invalidPolicy{file: d.Name(), typ: t, err: findings.Errors()})
			return nil, nil
		}
		ps, ts = append(ps, p), append(ts, t)
	}
	if len(ps) == 0 {
		l.other = append(l.other, fmt.Sprintf("%s holds no policy that can be the %s policy (it has %s)", text.Quote(in.name), ref.Type, addresses(in.docs)))
	}
	return ps, ts
}

// fits reports whether a document of type t can play the part of a policy
// of type part: a resource-based policy's part is also a role's trust
// policy's, and a managed (identity) policy can be a boundary or a
// session policy.
func fits(t, part policy.Type) bool {
	switch {
	case t == part:
		return true
	case part == policy.TypeResource:
		return t == policy.TypeTrust
	case part == policy.TypeBoundary || part == policy.TypeSession:
		return t == policy.TypeIdentity
	}
	return false
}

// levels loads --scp/--rcp values: one flag per level, files separated by
// commas.
func (l *loader) levels(flagName string, vals []string, t policy.Type) ([][]*policy.Policy, error) {
	var out [][]*policy.Policy
	for lvl, v := range vals {
		var ps []*policy.Policy
		for i, f := range strings.Split(v, ",") {
			if f == "" {
				return nil, fmt.Errorf("%s %q: empty file name; give the files of one level separated by commas, one flag per level", flagName, v)
			}
			ps = append(ps, l.load(f, evaluator.PolicyRef{Type: t, Level: lvl, Index: i}))
		}
		out = append(out, ps)
	}
	return out, nil
}

// report prints the files that could not be loaded. ok is false when there
// is any; code is then the exit status.
func (l *loader) report(w io.Writer) (code int, ok bool) {
	for _, u := range l.unreadable {
		fmt.Fprintf(w, "iamlogic eval: %s\n", u.message())
	}
	for _, m := range l.other {
		fmt.Fprintf(w, "iamlogic eval: %s\n", m)
	}
	for _, p := range l.invalid {
		fmt.Fprintf(w, "iamlogic eval: %s is not a valid %s policy:\n", p.file, p.typ)
		writePolicyError(w, policy.Position{File: p.file, Line: 1, Column: 1}, p.typ, p.err)
	}
	switch {
	case len(l.unreadable) > 0 || len(l.other) > 0:
		return exitUsage, false
	case len(l.invalid) > 0:
		return exitFailure, false
	}
	return exitOK, true
}

// writePolicyError prints the error-severity findings of an invalid policy
// of type t that starts at start, one per line, as FILE:LINE:COL: message
// [CODE]. A finding without a position is reported at start.
func writePolicyError(w io.Writer, start policy.Position, t policy.Type, err error) {
	var fs policy.Findings
	if !errors.As(err, &fs) {
		fmt.Fprintf(w, "%s: invalid as a policy of type %s: %s\n", start, t, oneLine(err.Error()))
		return
	}
	errs := fs.Errors()
	if len(errs) == 0 {
		errs = fs
	}
	for _, f := range errs {
		at := f.Pos
		if !at.IsValid() {
			at = start
		}
		fmt.Fprintf(w, "%s: %s [%s]\n", at, oneLine(f.Message), f.Code)
	}
}

// writeCompileError prints an error of evaluator.Compile. Its findings name
// the files of the policies; a policy built in Go is named by its place
// ("identity[0] policy").
func writeCompileError(w io.Writer, err error) {
	var ce *evaluator.CompileError
	if !errors.As(err, &ce) {
		fmt.Fprintf(w, "iamlogic: cannot compile the policies: %s\n", oneLine(err.Error()))
		return
	}
	writePolicyError(w, policy.Position{File: ce.Policy.String() + " policy"}, ce.Policy.Type, ce.Err)
}
