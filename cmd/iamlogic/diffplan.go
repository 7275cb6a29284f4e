package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/policy"
	"github.com/iamlogic/iamlogic/source"
)

// isPlan reports whether the one file of a diff is a Terraform plan.
// Standard input ("-") can be read only once, and a file that cannot be
// read says nothing: both are taken for a plan, and runPlanDiff reports
// what they are (a CI job whose plan step failed then gets its SARIF log).
// FILE#ADDRESS names one policy, never a plan.
func isPlan(file string) bool {
	if file == "-" {
		return true
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return !strings.Contains(file, "#")
	}
	return source.Detect(data) == source.TerraformPlan
}

// planChange is the answer for one policy a plan changes.
type planChange struct {
	c       source.Change
	answer  analysis.Answer
	invalid bool
	errors  policy.Findings // of an invalid policy
}

// jsonChange is one policy of `diff PLAN --format json`.
type jsonChange struct {
	Address      string   `json:"address"`
	Resource     string   `json:"resource"`
	ResourceType string   `json:"resourceType"`
	PolicyType   string   `json:"policyType"`
	Actions      []string `json:"actions"`
	Invalid      bool     `json:"invalid,omitempty"`
	jsonAnswer
}

// runPlanDiff is `iamlogic diff PLAN`: every policy the plan changes,
// compared before and after (a created one with no policy at all).
func runPlanDiff(stdout, stderr io.Writer, arg, format string, opts analysis.Options) int {
	file, data, err := source.ReadInput(arg)
	if err != nil {
		fmt.Fprintf(stderr, "iamlogic diff: %v\n", err)
		writeInputProblems(stdout, "diff", format, []sarifItem{readFailure{file: file, err: err}.sarifItem()})
		return exitUsage
	}
	unusable := func(msg string) int {
		fmt.Fprintf(stderr, "iamlogic diff: %s\n", msg)
		writeInputProblems(stdout, "diff", format, []sarifItem{unusableFile(file, msg)})
		return exitUsage
	}
	if len(data) > source.MaxFileBytes {
		return unusable(fmt.Sprintf("%s: more than the limit of %d bytes (source.MaxFileBytes)", file, source.MaxFileBytes))
	}
	if source.Detect(data) != source.TerraformPlan {
		return unusable(file + " is not a Terraform plan (terraform show -json); two policies are compared as REFERENCE CANDIDATE")
	}
	changes, err := source.ReadChanges(file, data)
	if err != nil {
		return unusable(oneLine(err.Error()))
	}
	var out []planChange
	for _, c := range changes {
		pc, err := comparePlanChange(stderr, c, opts)
		if err != nil {
			fmt.Fprintf(stderr, "iamlogic diff: %s: %v\n", oneLine(c.Address), err)
			return exitUsage
		}
		out = append(out, pc)
	}
	chk := analysisCheck{cmd: "diff", rule: ruleNewAccess, file: file,
		pass: "the policy after the change allows no request the policy before denies",
		fail: "the policy after the change allows requests the policy before denies"}
	counts := map[string]int{}
	js := []jsonChange{}
	var items []sarifItem
	for _, pc := range out {
		verdict := pc.answer.Verdict.String()
		if pc.invalid {
			verdict = "INVALID"
		}
		counts[verdict]++
		what := string(pc.c.Type) + " policy"
		if pc.c.Type == "" {
			what = oneLine(pc.c.ResourceType)
		}
		head := fmt.Sprintf("%s (%s, %s): ", oneLine(pc.c.Address), strings.Join(pc.c.Actions, ", "), what)
		invalid := fmt.Sprintf("INVALID: the policy after the change is not a valid %s policy (its errors are on standard error)", pc.c.Type)
		// The results of this change for SARIF and GitHub: the answer's,
		// or the errors of a policy that is not valid; each names the
		// address.
		var its []sarifItem
		if pc.invalid {
			for _, f := range pc.errors {
				its = append(its, sarifItem{rule: string(f.Code), level: "error", message: oneLine(f.Message), at: f.Pos})
			}
		} else {
			its = analysisItems(pc.answer, chk)
		}
		for i := range its {
			its[i].message = pc.c.Address + ": " + its[i].message
		}
		switch format {
		case "json":
			js = append(js, jsonChange{Address: pc.c.Address, Resource: pc.c.Resource, ResourceType: pc.c.ResourceType, PolicyType: string(pc.c.Type),
				Actions: nonNil(pc.c.Actions), Invalid: pc.invalid, jsonAnswer: newJSONAnswer(pc.answer)})
			continue
		case "sarif":
			items = append(items, its...)
			continue
		case "github":
			for _, it := range its {
				githubAnnotation{level: githubLevel(it.level), at: it.at, title: "iamlogic diff: " + it.rule, message: it.message}.write(stdout)
			}
		}
		if pc.invalid {
			fmt.Fprintln(stdout, head+invalid)
			continue
		}
		var b bytes.Buffer
		report(&b, "text", pc.answer, chk)
		io.WriteString(stdout, head+b.String())
	}
	switch format {
	case "json":
		writeJSON(stdout, struct {
			Changes []jsonChange `json:"changes"`
		}{js})
	case "sarif":
		writeSARIF(stdout, items, sources{file: data})
	}
	fmt.Fprintf(stderr, "%s changed: %d PASS, %d FAIL, %d UNKNOWN, %d INVALID\n", policies(len(out)), counts["PASS"], counts["FAIL"], counts["UNKNOWN"], counts["INVALID"])
	switch {
	case counts["FAIL"] > 0:
		return exitFailure
	case counts["INVALID"] > 0:
		return exitUsage
	case counts["UNKNOWN"] > 0:
		return exitUnknown
	}
	return exitOK
}

// comparePlanChange compares the policy of c before and after. A created
// policy is compared with no policy at all. A policy lives in an account
// beside others, so a Deny it loses (deleted with its policy, or changed)
// may have denied what another policy allows: the answer is then Unknown,
// never Pass, as is a change diff cannot read (source.Change.Unread). An
// Unknown that rests on values known only after apply names them.
func comparePlanChange(stderr io.Writer, c source.Change, opts analysis.Options) (planChange, error) {
	pc := planChange{c: c}
	if c.Unread != "" {
		pc.answer = analysis.Answer{Verdict: analysis.Unknown, Reason: c.Unread}
		return pc, nil
	}
	var before *policy.Policy
	var errs policy.Findings
	if c.Before != nil {
		before, errs = checkedPlanPolicy(stderr, *c.Before, c.Type)
	}
	if c.After == nil {
		switch {
		case !slices.Contains(c.Actions, "delete") && !strings.Contains(c.Address, "["):
			// Only a deleted resource, or a block removed from a list,
			// leaves no policy after the change.
			pc.answer = analysis.Answer{Verdict: analysis.Unknown, Reason: "the policy attribute has no value after an update of its resource"}
		case c.Before != nil && before == nil:
			pc.answer = analysis.Answer{Verdict: analysis.Unknown, Reason: "the deleted policy cannot be read, so its Deny statements are not known"}
		case !keepsDenies(before, nil):
			pc.answer = analysis.Answer{Verdict: analysis.Unknown, Reason: lostDeny}
		default:
			pc.answer = analysis.Answer{Verdict: analysis.Pass, Assumptions: []string{"a deleted policy without Deny statements allows nothing and denies nothing"}}
		}
		return pc, nil
	}
	after, afterErrs := checkedPlanPolicy(stderr, *c.After, c.Type)
	if after == nil || (c.Before != nil && before == nil) {
		pc.invalid, pc.errors = true, append(errs, afterErrs...)
		return pc, nil
	}
	opts.Actions = catalogActions(before, after)
	a, err := analysis.Compare(c.Type, before, after, opts)
	if err != nil {
		return pc, err
	}
	if a.Verdict == analysis.Pass && !keepsDenies(before, after) {
		a = analysis.Answer{Verdict: analysis.Unknown, Reason: lostDeny, Stats: a.Stats}
	}
	nameUnknowns(&a, "the policy after the change", c.After.Placeholders)
	pc.answer = a
	return pc, nil
}

// lostDeny is the reason of a change that drops or changes a Deny.
const lostDeny = "a Deny statement of the policy before the change is gone or changed after it; it may have denied what another policy of the account allows, which comparing this policy alone cannot see"

// keepsDenies reports whether every Deny statement of before stands
// unchanged in after (nil: no policy). A Deny added only denies more.
func keepsDenies(before, after *policy.Policy) bool {
	if before == nil {
		return true
	}
	kept := map[string]bool{}
	if after != nil {
		for _, st := range after.Statements {
			if st.Effect == policy.Deny {
				kept[statementKey(after, st)] = true
			}
		}
	}
	for _, st := range before.Statements {
		if st.Effect == policy.Deny && !kept[statementKey(before, st)] {
			return false
		}
	}
	return true
}

// statementKey is the canonical JSON of statement st of p, with p's
// Version (which decides whether policy variables are substituted).
func statementKey(p *policy.Policy, st policy.Statement) string {
	b, err := (&policy.Policy{Version: p.Version, Statements: []policy.Statement{st}}).MarshalJSON()
	if err != nil {
		return "" // never equal to a key that marshals: the Deny counts as changed
	}
	return string(b)
}

// checkedPlanPolicy validates d as type t, writing its errors; nil and
// the errors when it is invalid.
func checkedPlanPolicy(stderr io.Writer, d source.Document, t policy.Type) (*policy.Policy, policy.Findings) {
	p, findings := checkDocument(d, t, policy.Options{}, nil)
	if findings.HasErrors() || p == nil {
		for _, f := range findings.Errors() {
			fmt.Fprintf(stderr, "%s: %s: %s [%s]\n", f.Pos, f.Severity, oneLine(f.Message), f.Code)
		}
		return nil, findings.Errors()
	}
	return p, nil
}

func policies(n int) string {
	if n == 1 {
		return "1 policy"
	}
	return fmt.Sprintf("%d policies", n)
}

// nameUnknowns names, in the reason of an Unknown answer, the values of
// the policy (what) that are not known offline.
func nameUnknowns(a *analysis.Answer, what string, ph []source.Placeholder) {
	if a.Verdict != analysis.Unknown || len(ph) == 0 {
		return
	}
	var list []string
	for _, p := range ph {
		list = append(list, p.Text+" at "+p.Pos.String())
	}
	a.Reason = what + " holds values not known offline (" + strings.Join(list, ", ") + "): " + a.Reason
}
