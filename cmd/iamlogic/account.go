package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/iamlogic/iamlogic/internal/text"

	"github.com/iamlogic/iamlogic/account"
)

// accountFlags are the inputs every account command reads.
type accountFlags struct {
	data        listFlag
	resPolicies string
	org         string
	format      *choiceFlag
}

func newAccountFlags(name string) (*accountFlags, *flag.FlagSet) {
	fs := newFlagSet(name)
	f := &accountFlags{format: &choiceFlag{value: "text", choices: []string{"text", "json"}}}
	fs.Var(&f.data, "account-data", "an authorization-details file (get-account-authorization-details); repeat for several accounts")
	fs.Var(once(&f.resPolicies), "resource-policies", "a JSON object mapping resource ARNs to their policies")
	fs.Var(once(&f.org), "org", "the organization: accounts, OUs and the SCPs and RCPs of each level")
	fs.Var(f.format, "format", "output format: text or json")
	return f, fs
}

// load reads the snapshot; it reports problems on stderr and returns nil
// when the inputs cannot be read.
func (f *accountFlags) load(cmd string, pos []string, stderr io.Writer) *account.Analyzer {
	files := append(append([]string(nil), f.data...), pos...)
	if len(files) == 0 {
		fmt.Fprintf(stderr, "iamlogic %s: no --account-data file\nRun 'iamlogic %s -h' for usage.\n", cmd, cmd)
		return nil
	}
	s := account.New()
	fail := func(err error) *account.Analyzer {
		fmt.Fprintf(stderr, "iamlogic %s: %v\n", cmd, err)
		return nil
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return fail(err)
		}
		if err := s.AddAuthorizationDetails(file, data); err != nil {
			return fail(err)
		}
	}
	for _, x := range []struct {
		file string
		add  func(string, []byte) error
	}{{f.resPolicies, s.AddResourcePolicies}, {f.org, s.AddOrg}} {
		if x.file == "" {
			continue
		}
		data, err := os.ReadFile(x.file)
		if err != nil {
			return fail(err)
		}
		if err := x.add(x.file, data); err != nil {
			return fail(err)
		}
	}
	if err := s.Finish(); err != nil {
		return fail(err)
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(stderr, "iamlogic %s: warning: %s\n", cmd, oneLine(w))
	}
	return account.NewAnalyzer(s)
}

func printStatements(w io.Writer, indent string, sts []account.Statement) {
	for _, s := range sts {
		sid := ""
		if s.Sid != "" {
			sid = fmt.Sprintf(" (Sid %q)", s.Sid)
		}
		fmt.Fprintf(w, "%s%s: %s statement of %s%s\n", indent, s.Position, s.Effect, s.Policy, sid)
	}
}

const accountInputsText = `Inputs:
  --account-data FILE    the output of 'aws iam get-account-authorization-details' (policy
                         documents as JSON objects or URL-encoded strings); repeat for several
                         accounts, or give the files as arguments
  --resource-policies F  a JSON object mapping resource ARNs to resource-based policies
  --org FILE             the organization: {"Id", "ManagementAccount", "Root": {"Id", "SCPs",
                         "RCPs", "Accounts": [{"Id", "SCPs", "RCPs"}], "OrganizationalUnits": [...]}}
                         where each policy is {"Name", "Document"}
  --format text|json     output format (default text)
`

func whoCanUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic who-can --account-data FILE... --action ACTION --resource ARN [flags]

Lists the principals of the snapshot (users, and roles as sessions of the role)
that the evaluator allows ACTION on ARN, with the deciding statements. A
principal allowed only with context the snapshot does not fix (MFA, a source
IP, an external ID, a request tag) is listed as "allowed-if" with the values
tried, taken from the policies' own conditions.

`+accountInputsText+`  --context KEY=VALUE    a request context value; repeat for more

JSON: {"principals": [{"arn", "decision", "conditions", "statements": [{"policy",
"sid", "effect", "position"}], "depends_on"}]}

Exit status: 0 on success (whether or not anyone can); 2 on bad usage or an
unreadable input.
`)
}

func runWhoCan(args []string, stdout, stderr io.Writer) int {
	f, fs := newAccountFlags("who-can")
	var action, resource string
	var ctxFlags listFlag
	fs.Var(once(&action), "action", "the action, service:Name")
	fs.Var(once(&resource), "resource", "the resource ARN, or *")
	fs.Var(&ctxFlags, "context", "KEY=VALUE")
	pos, code, done := parseArgs(fs, args, stdout, stderr, whoCanUsage)
	if done {
		return code
	}
	if action == "" || resource == "" {
		fmt.Fprintf(stderr, "iamlogic who-can: --action and --resource are required\nRun 'iamlogic who-can -h' for usage.\n")
		return exitUsage
	}
	ctx := account.Context{}
	for _, kv := range ctxFlags {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			fmt.Fprintf(stderr, "iamlogic who-can: --context %q: want KEY=VALUE\n", kv)
			return exitUsage
		}
		ctx[k] = append(ctx[k], v)
	}
	a := f.load("who-can", pos, stderr)
	if a == nil {
		return exitUsage
	}
	return writeList(stdout, f.format.value, map[string]any{"action": action, "resource": resource}, "principals",
		a.WhoCan(action, resource, ctx), "no principal may "+action+" on "+resource, func(r account.Access) {
			line := r.ARN + ": " + r.Decision
			if len(r.Conditions) > 0 {
				line += " if " + strings.Join(r.Conditions, ", ")
			}
			if len(r.DependsOn) > 0 {
				line += " (depends on " + strings.Join(r.DependsOn, ", ") + ")"
			}
			fmt.Fprintln(stdout, line)
			printStatements(stdout, "  ", r.Statements)
		})
}

func pathsUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic paths --account-data FILE... [--to admin|ARN] [--from ARN] [flags]

Finds privilege-escalation paths: every principal that is not already
administrator-equivalent and can become so (--to admin, the default), or can
come to act as the principal ARN (--to ARN), with the shortest chain of hops.
Each hop is decided by the evaluator with the acting principal's identity
policies, boundary, SCPs and the target's trust policy, and lists the
statements that allow it.

Administrator-equivalent: allowed every probe of account.AdminProbes (IAM
writes on users, roles and policies, iam:PassRole, actions of several services
and of a service that does not exist) with no context: Action * on Resource *
that no Deny, boundary or SCP limits.

`+accountInputsText+`  --conditional          also use hops allowed only with context values (MFA, an
                         external ID, …); they are shown with their conditions

JSON: {"paths": [{"from", "to", "hops": [{"principal", "technique", "target",
"statements", "conditions", "assumes"}]}]}

Exit status: 0 on success (whether or not a path exists); 2 on bad usage or an
unreadable input.
`)
}

func runPaths(args []string, stdout, stderr io.Writer) int {
	f, fs := newAccountFlags("paths")
	to, from := "admin", ""
	var cond bool
	fs.Var(once(&to), "to", "admin, or the ARN of a principal")
	fs.Var(once(&from), "from", "only paths from this principal")
	fs.BoolVar(&cond, "conditional", false, "use conditional hops")
	pos, code, done := parseArgs(fs, args, stdout, stderr, pathsUsage)
	if done {
		return code
	}
	a := f.load("paths", pos, stderr)
	if a == nil {
		return exitUsage
	}
	var fromP, toP *account.Principal
	if from != "" {
		if fromP = snapshotPrincipal(a, "paths", "--from", from, false, stderr); fromP == nil {
			return exitUsage
		}
	}
	if to != "admin" {
		if toP = a.S.Principal(to); toP == nil {
			fmt.Fprintf(stderr, "iamlogic paths: --to %s: want admin or the ARN of a user or role of the snapshot\n", text.Quote(to))
			return exitUsage
		}
	}
	g := a.BuildGraph(account.Options{Conditional: cond, Progress: progress(stderr, "paths")}, runtime.GOMAXPROCS(0))
	var paths []account.Path
	if toP != nil {
		paths = g.PathsTo(toP, fromP)
	} else {
		paths = g.PathsToAdmin(fromP)
	}
	if paths == nil {
		paths = []account.Path{}
	}
	if f.format.value == "json" {
		writeJSON(stdout, map[string]any{"paths": paths})
		return exitOK
	}
	if len(paths) == 0 {
		fmt.Fprintln(stdout, "no path")
	}
	for _, p := range paths {
		fmt.Fprintf(stdout, "%s -> %s (%d hops)\n", p.From, p.To, len(p.Hops))
		for i, h := range p.Hops {
			fmt.Fprintf(stdout, "  %d. %s: %s on %s\n", i+1, h.Principal, h.Technique, h.Target)
			if len(h.Conditions) > 0 {
				fmt.Fprintf(stdout, "     if %s\n", strings.Join(h.Conditions, ", "))
			}
			for _, as := range h.Assumes {
				fmt.Fprintf(stdout, "     assumes %s\n", as)
			}
			printStatements(stdout, "     ", h.Statements)
		}
	}
	return exitOK
}

func canAssumeUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic can-assume --account-data FILE... --role ARN [flags]

Lists who can assume the role: principals of the snapshot whose identity side
and the role's trust policy together allow sts:AssumeRole (with the context
values an edge needs, such as sts:ExternalId or aws:MultiFactorAuthPresent),
principals that reach it through a chain of hops (shortest chain shown), and
the principals outside the snapshot that the trust policy names. "trusted"
lists every principal the trust policy allows with the conditions of its
statement (sts:ExternalId, MFA, source account, …).

`+accountInputsText+`
JSON: {"role", "principals": [{"arn", "technique", "conditions", "statements",
"chain"}], "outside_snapshot": [...], "trusted": [{"principal", "conditions",
"actions"}]}

Exit status: 0 on success; 2 on bad usage or an unreadable input.
`)
}

func runCanAssume(args []string, stdout, stderr io.Writer) int {
	f, fs := newAccountFlags("can-assume")
	var role string
	fs.Var(once(&role), "role", "the role ARN")
	pos, code, done := parseArgs(fs, args, stdout, stderr, canAssumeUsage)
	if done {
		return code
	}
	a, r := f.loadPrincipal("can-assume", pos, "--role", role, true, stderr)
	if r == nil {
		return exitUsage
	}
	g := a.BuildGraph(account.Options{Progress: progress(stderr, "can-assume")}, runtime.GOMAXPROCS(0))
	direct, ext := a.CanAssume(r, g)
	if direct == nil {
		direct = []account.Assumer{}
	}
	if ext == nil {
		ext = []string{}
	}
	if f.format.value == "json" {
		trusted := a.TrustedBy(r)
		if trusted == nil {
			trusted = []account.Trustee{}
		}
		writeJSON(stdout, map[string]any{"role": role, "principals": direct, "outside_snapshot": ext, "trusted": trusted})
		return exitOK
	}
	for _, d := range direct {
		line := d.ARN + ": " + d.Technique
		if len(d.Conditions) > 0 {
			line += " if " + strings.Join(d.Conditions, ", ")
		}
		fmt.Fprintln(stdout, line)
		printStatements(stdout, "  ", d.Statements)
		for i, h := range d.Chain {
			fmt.Fprintf(stdout, "  %d. %s: %s on %s\n", i+1, h.Principal, h.Technique, h.Target)
		}
	}
	if len(ext) > 0 {
		fmt.Fprintf(stdout, "trusted outside the snapshot: %s\n", strings.Join(ext, ", "))
	}
	for _, t := range a.TrustedBy(r) {
		line := "trust: " + t.Principal + " (" + strings.Join(t.Actions, ", ") + ")"
		if len(t.Conditions) > 0 {
			line += " if " + strings.Join(t.Conditions, " and ")
		}
		fmt.Fprintln(stdout, line)
	}
	return exitOK
}

func whatCanUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic what-can --account-data FILE... --principal ARN [--resource ARN] [flags]

Lists, grouped by service and access level, the actions of the catalog the
principal (a user, or a session of a role) may perform on the resource
(default *), each decided by the evaluator with its boundary and SCPs. The
candidates are the actions of the services its policies name (of every
service when a policy names "*"); on an ARN, those with a resource type the
ARN fits. On *, an action not allowed on * is listed when it is allowed on a
resource its policies name, shown as "(on RESOURCE)". An action allowed only
with context shows the values it needs, "(if KEY=VALUE)".

`+accountInputsText+`
JSON: {"principal", "resource", "services": [{"service", "levels": [{"access",
"actions": [{"action", "resource", "conditions"}]}]}]}

Exit status: 0 on success; 2 on bad usage or an unreadable input.
`)
}

func runWhatCan(args []string, stdout, stderr io.Writer) int {
	f, fs := newAccountFlags("what-can")
	var prin string
	resource := "*"
	fs.Var(once(&prin), "principal", "the user or role ARN")
	fs.Var(once(&resource), "resource", "the resource ARN, or *")
	pos, code, done := parseArgs(fs, args, stdout, stderr, whatCanUsage)
	if done {
		return code
	}
	a, p := f.loadPrincipal("what-can", pos, "--principal", prin, false, stderr)
	if p == nil {
		return exitUsage
	}
	return writeList(stdout, f.format.value, map[string]any{"principal": prin, "resource": resource}, "services",
		a.WhatCan(p, resource), "no action", func(s account.ServiceActions) {
			fmt.Fprintf(stdout, "%s:\n", s.Service)
			for _, l := range s.Levels {
				var names []string
				for _, ac := range l.Actions {
					n := ac.Action
					if ac.Resource != "" {
						n += " (on " + ac.Resource + ")"
					}
					if len(ac.Conditions) > 0 {
						n += " (if " + strings.Join(ac.Conditions, ", ") + ")"
					}
					names = append(names, n)
				}
				fmt.Fprintf(stdout, "  %s: %s\n", l.Access, strings.Join(names, ", "))
			}
		})
}

// writeList writes the answer of an account query: in JSON, fields with
// the items under key (an empty list, never null); in text, each item with
// item, or the line none when there is no item.
func writeList[T any](w io.Writer, format string, fields map[string]any, key string, items []T, none string, item func(T)) int {
	if items == nil {
		items = []T{}
	}
	if format == "json" {
		fields[key] = items
		writeJSON(w, fields)
		return exitOK
	}
	if len(items) == 0 {
		fmt.Fprintln(w, none)
	}
	for _, it := range items {
		item(it)
	}
	return exitOK
}

// progress returns, when w is a terminal, a function that keeps one line of
// progress on it ("iamlogic paths: 1200/5000 principals") and clears it at
// the end; nil otherwise, so that logs and pipes get no progress at all.
func progress(w io.Writer, cmd string) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	var mu sync.Mutex
	last := time.Time{}
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case done == total:
			fmt.Fprint(f, "\r\033[K")
		case time.Since(last) >= 200*time.Millisecond:
			last = time.Now()
			fmt.Fprintf(f, "\riamlogic %s: %d/%d principals", cmd, done, total)
		}
	}
}

// loadPrincipal loads the snapshot and finds in it the principal that the
// required flag names (a role when roleOnly). It writes the problem and
// returns a nil principal when the flag is missing, the snapshot cannot be
// loaded or the principal is not in it.
func (f *accountFlags) loadPrincipal(cmd string, pos []string, flag, arn string, roleOnly bool, stderr io.Writer) (*account.Analyzer, *account.Principal) {
	if arn == "" {
		fmt.Fprintf(stderr, "iamlogic %s: %s is required\nRun 'iamlogic %s -h' for usage.\n", cmd, flag, cmd)
		return nil, nil
	}
	a := f.load(cmd, pos, stderr)
	if a == nil {
		return nil, nil
	}
	return a, snapshotPrincipal(a, cmd, flag, arn, roleOnly, stderr)
}

// snapshotPrincipal returns the user or role (only a role when roleOnly)
// that the flag names, or reports on stderr that the snapshot has none and
// returns nil.
func snapshotPrincipal(a *account.Analyzer, cmd, flag, arn string, roleOnly bool, stderr io.Writer) *account.Principal {
	p := a.S.Principal(arn)
	if p != nil && (!roleOnly || p.Kind == account.Role) {
		return p
	}
	what := "user or role"
	if roleOnly {
		what = "role"
	}
	fmt.Fprintf(stderr, "iamlogic %s: %s %s: no such %s in the snapshot\n", cmd, flag, text.Quote(arn), what)
	return nil
}
